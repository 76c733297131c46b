import { z } from 'zod';
import { ackAlertRequestSchema, alertSchema } from '../alerts/alert.contract';
import { FEEDS } from '../auth/api-key-scope';
import { liveTopicSchema } from './live-topic';

/** The live-data namespace every wall and console connects to. */
export const LIVE_NAMESPACE = '/live';
/** The HTTP path the Socket.IO server answers on (its default, stated so both ends agree). */
export const LIVE_SOCKET_PATH = '/socket.io';

/**
 * Why a connection was refused, in the `connect_error` message (and in `error.data.code`):
 * no or a bad access token, a page from a site not on the allowlist, or a namespace not served.
 */
export const LIVE_CONNECT_ERRORS = ['AUTH_TOKEN_MISSING', 'AUTH_TOKEN_INVALID', 'ORIGIN_NOT_ALLOWED', 'NAMESPACE_NOT_SERVED'] as const;
export type LiveConnectError = (typeof LIVE_CONNECT_ERRORS)[number];
export const liveConnectErrorDataSchema = z.object({ code: z.enum(LIVE_CONNECT_ERRORS), message: z.string() });
export type LiveConnectErrorData = z.infer<typeof liveConnectErrorDataSchema>;

/** Why a subscribe was refused. */
export const LIVE_SUBSCRIBE_ERRORS = ['TOPIC_INVALID', 'TOPIC_FORBIDDEN', 'LIVE_UNAVAILABLE'] as const;
export type LiveSubscribeError = (typeof LIVE_SUBSCRIBE_ERRORS)[number];

/**
 * Sequence numbers of a topic are only comparable within one epoch: a new epoch (the server's
 * memory was lost, or Redis was emptied) means "start again from a snapshot".
 */
export const liveEpochSchema = z.string().min(1).max(64);
export const liveSeqSchema = z.number().int().nonnegative();

/** What a client asks for: a topic, and when it resumes, the epoch and last sequence number it saw. */
export const liveSubscribeRequestSchema = z.object({
  topic: liveTopicSchema,
  epoch: liveEpochSchema.optional(),
  lastSeq: liveSeqSchema.optional(),
});
export type LiveSubscribeRequest = z.infer<typeof liveSubscribeRequestSchema>;

export const liveUnsubscribeRequestSchema = z.object({ topic: liveTopicSchema });
export type LiveUnsubscribeRequest = z.infer<typeof liveUnsubscribeRequestSchema>;

/**
 * The answer to a subscribe, sent after the snapshot or the replayed deltas: `snapshot` when a fresh
 * snapshot was sent, `replay` when exactly the `replayed` missed deltas were.
 */
export const liveSubscribeAckSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    topic: liveTopicSchema,
    epoch: liveEpochSchema,
    seq: liveSeqSchema,
    mode: z.enum(['snapshot', 'replay']),
    replayed: z.number().int().nonnegative(),
  }),
  z.object({ ok: z.literal(false), code: z.enum(LIVE_SUBSCRIBE_ERRORS), message: z.string() }),
]);
export type LiveSubscribeAck = z.infer<typeof liveSubscribeAckSchema>;

/** The whole state of a topic as of `seq`; later deltas apply on top of it. */
export const liveSnapshotSchema = z.object({
  topic: liveTopicSchema,
  epoch: liveEpochSchema,
  seq: liveSeqSchema,
  snapshot: z.unknown(),
});
export type LiveSnapshot = z.infer<typeof liveSnapshotSchema>;

/** One change of a topic; `seq` is one more than the previous delta's in the same epoch. */
export const liveDeltaSchema = z.object({
  topic: liveTopicSchema,
  epoch: liveEpochSchema,
  seq: liveSeqSchema.min(1),
  payload: z.unknown(),
});
export type LiveDelta = z.infer<typeof liveDeltaSchema>;

/** The newest state of one entity of a map layer; `state: null` means it left the layer. */
export const layerEntityUpdateSchema = z.object({ key: z.string().min(1).max(200), state: z.unknown() });
export type LayerEntityUpdate = z.infer<typeof layerEntityUpdateSchema>;

/** A coalesced map-layer frame (the payload of a layer topic's delta): one newest state per key. */
export const layerFrameSchema = z.object({ updates: z.array(layerEntityUpdateSchema) });
export type LayerFrame = z.infer<typeof layerFrameSchema>;

/** How fresh one feed's data is: its newest observation (null: none in the last day). */
export const feedFreshnessSchema = z.object({
  feed: z.enum(FEEDS),
  newestObservedAt: z.iso.datetime({ offset: true }).nullable(),
  ageSeconds: z.number().nonnegative().nullable(),
});
export type FeedFreshness = z.infer<typeof feedFreshnessSchema>;

/** Sent every few seconds so a screen can show data age, spot a dead link and its own clock skew. */
export const systemTickSchema = z.object({
  serverTime: z.iso.datetime({ offset: true }),
  uptimeSeconds: z.number().nonnegative(),
  /** Seconds between ticks: a screen that has heard nothing for two or three of these has a dead link. */
  intervalSeconds: z.number().positive(),
  feeds: z.array(feedFreshnessSchema),
});
export type SystemTick = z.infer<typeof systemTickSchema>;

/**
 * `alert:ack`: a duty officer (or admin) acknowledges an alert over the socket, as `POST
 * /api/alerts/{id}/ack` does; the client picks `opId` once per action and resends it on every retry,
 * so a retry (after a reconnect, on any instance) answers with the alert and records no second ack.
 */
export const liveAckAlertRequestSchema = ackAlertRequestSchema.extend({ alertId: z.uuid() });
export type LiveAckAlertRequest = z.infer<typeof liveAckAlertRequestSchema>;

/** Why a client action over the socket was refused (alert codes as the REST API's problem codes). */
export const LIVE_ACTION_ERRORS = [
  'PAYLOAD_INVALID',
  'ACTION_FORBIDDEN',
  'ALERT_NOT_FOUND',
  'ALERT_NOT_ACTIVE',
  'ALERT_ALREADY_ACKNOWLEDGED',
  'LIVE_UNAVAILABLE',
] as const;
export type LiveActionError = (typeof LIVE_ACTION_ERRORS)[number];

/** The acknowledgement of `alert:ack`: the alert as it now is, or why not (with the alert as it is, when there is one). */
export const liveAckAlertAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), alert: alertSchema }),
  z.object({ ok: z.literal(false), code: z.enum(LIVE_ACTION_ERRORS), message: z.string(), current: alertSchema.optional() }),
]);
export type LiveAckAlertAnswer = z.infer<typeof liveAckAlertAnswerSchema>;

/** Server-to-client events, defined once for the gateway and the web client. */
export interface ServerToClientEvents {
  system: (tick: SystemTick) => void;
  'live:snapshot': (snapshot: LiveSnapshot) => void;
  'live:delta': (delta: LiveDelta) => void;
}

/** Client-to-server events. */
export interface ClientToServerEvents {
  ping: (ack: (serverTime: string) => void) => void;
  subscribe: (request: LiveSubscribeRequest, ack: (answer: LiveSubscribeAck) => void) => void;
  unsubscribe: (request: LiveUnsubscribeRequest, ack: (answer: { ok: boolean }) => void) => void;
  'alert:ack': (request: LiveAckAlertRequest, ack: (answer: LiveAckAlertAnswer) => void) => void;
}
