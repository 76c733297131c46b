import { io, type Socket } from 'socket.io-client';
import {
  initialTopicView,
  LIVE_NAMESPACE,
  LIVE_SOCKET_PATH,
  liveAckAlertAnswerSchema,
  liveConnectErrorDataSchema,
  liveDeltaSchema,
  liveSnapshotSchema,
  liveSubscribeAckSchema,
  markSyncing,
  receiveDelta,
  receiveSnapshot,
  receiveSubscribeAck,
  subscribeRequestFor,
  systemTickSchema,
  type ClientToServerEvents,
  type LiveAckAlertAnswer,
  type LiveAckAlertRequest,
  type LiveConnectError,
  type LiveReducer,
  type LiveTopic,
  type LiveTopicStep,
  type LiveTopicView,
  type ServerToClientEvents,
} from '@mekong-ioc/shared';
import { NO_LINK, receiveTick, type LiveLink } from './live-link.util';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type LiveConnection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface LiveStatus {
  connection: LiveConnection;
  /** Why the server refused the connection, when it did. */
  refusal: LiveConnectError | null;
  link: LiveLink;
}

export interface LiveClientOptions {
  /** The API origin; empty for the page's own. */
  baseUrl?: string;
  /** Read at every (re)connect, so a refreshed token is used. */
  accessToken: () => string | null;
  socketFactory?: (url: string, options: Parameters<typeof io>[1]) => LiveSocket;
}

/** How long an action waits for its acknowledgement before it is sent again (same opId). */
const ACTION_ANSWER_MS = 10_000;
const ACTION_ATTEMPTS = 3;

/** After a refusal for the token (it may have expired meanwhile), try again this much later. */
const RETRY_AFTER_REFUSAL_MS = 5_000;

interface Followed {
  view: LiveTopicView<unknown>;
  reducer: LiveReducer<unknown>;
  listeners: Set<() => void>;
}

/**
 * The web app's one live connection: one socket to `/live`, the state of each followed topic built
 * from its snapshot and numbered deltas (the pure rules in @mekong-ioc/shared), resumed with the
 * last number seen after every reconnect (Socket.IO reconnects with jittered back-off), and the
 * link's health from the `system` ticks. Buffers are bounded by those same rules.
 */
export class LiveClient {
  readonly #options: LiveClientOptions;
  #socket: LiveSocket | null = null;
  #status: LiveStatus = { connection: 'idle', refusal: null, link: NO_LINK };
  readonly #statusListeners = new Set<() => void>();
  readonly #topics = new Map<LiveTopic, Followed>();
  #retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: LiveClientOptions) {
    this.#options = options;
  }

  subscribeStatus = (listener: () => void): (() => void) => {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  };

  getStatus = (): LiveStatus => this.#status;

  connect(): void {
    if (this.#socket) return;
    const factory = this.#options.socketFactory ?? ((url, options) => io(url, options) as LiveSocket);
    const socket = factory(`${this.#options.baseUrl ?? ''}${LIVE_NAMESPACE}`, {
      path: LIVE_SOCKET_PATH,
      transports: ['websocket'],
      auth: (send) => send({ token: this.#options.accessToken() ?? '' }),
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });
    this.#socket = socket;
    this.#setStatus({ connection: 'connecting' });
    socket.on('connect', () => {
      this.#setStatus({ connection: 'connected', refusal: null });
      for (const topic of this.#topics.keys()) void this.#subscribe(topic);
    });
    socket.on('disconnect', () => this.#setStatus({ connection: 'reconnecting' }));
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      const refusal = liveConnectErrorDataSchema.safeParse(error.data);
      if (!refusal.success) return this.#setStatus({ connection: 'reconnecting' });
      // Socket.IO does not retry a refusal by itself; a token may since have been refreshed.
      this.#setStatus({ connection: 'refused', refusal: refusal.data.code });
      if (refusal.data.code === 'AUTH_TOKEN_INVALID' || refusal.data.code === 'AUTH_TOKEN_MISSING') {
        this.#retryTimer = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
      }
    });
    socket.on('system', (raw) => {
      const tick = systemTickSchema.safeParse(raw);
      if (tick.success) this.#setStatus({ link: receiveTick(tick.data, Date.now()) });
    });
    socket.on('live:snapshot', (raw) => {
      const snapshot = liveSnapshotSchema.safeParse(raw);
      const followed = snapshot.success ? this.#topics.get(snapshot.data.topic) : undefined;
      if (snapshot.success && followed) this.#step(snapshot.data.topic, receiveSnapshot(followed.view, snapshot.data, followed.reducer));
    });
    socket.on('live:delta', (raw) => {
      const delta = liveDeltaSchema.safeParse(raw);
      const followed = delta.success ? this.#topics.get(delta.data.topic) : undefined;
      if (delta.success && followed) this.#step(delta.data.topic, receiveDelta(followed.view, delta.data, followed.reducer));
    });
  }

  close(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#socket?.disconnect();
    this.#socket = null;
    this.#setStatus({ connection: 'idle' });
  }

  /**
   * Follows a topic until the returned function is called. Several followers of one topic share
   * its state; the reducer of the first one is used.
   */
  follow<State>(topic: LiveTopic, reducer: LiveReducer<State>, listener: () => void): () => void {
    let followed = this.#topics.get(topic);
    if (!followed) {
      followed = { view: initialTopicView(topic), reducer: reducer as LiveReducer<unknown>, listeners: new Set() };
      this.#topics.set(topic, followed);
      if (this.#socket?.connected) void this.#subscribe(topic);
    }
    followed.listeners.add(listener);
    return () => {
      const current = this.#topics.get(topic);
      current?.listeners.delete(listener);
      if (current && current.listeners.size === 0) {
        this.#topics.delete(topic);
        this.#socket?.emit('unsubscribe', { topic }, () => undefined);
      }
    };
  }

  /**
   * Acknowledges an alert over the socket. The caller picks `opId` once per action; an attempt that
   * hears nothing back in time (the link dropped, the instance died) is sent again with the same
   * `opId`, so the server applies it once however many copies arrive. Rejects when no attempt got an answer.
   */
  async acknowledgeAlert(request: LiveAckAlertRequest): Promise<LiveAckAlertAnswer> {
    let failure: unknown = new Error('the live connection is closed');
    for (let attempt = 0; attempt < ACTION_ATTEMPTS; attempt += 1) {
      const socket = this.#socket;
      if (!socket) break;
      try {
        return liveAckAlertAnswerSchema.parse(await socket.timeout(ACTION_ANSWER_MS).emitWithAck('alert:ack', request));
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }

  /** The topic's current view (state, sequence number, whether it is live or catching up). */
  viewOf<State>(topic: LiveTopic): LiveTopicView<State> | undefined {
    return this.#topics.get(topic)?.view as LiveTopicView<State> | undefined;
  }

  async #subscribe(topic: LiveTopic): Promise<void> {
    const followed = this.#topics.get(topic);
    const socket = this.#socket;
    if (!followed || !socket) return;
    followed.view = markSyncing(followed.view);
    try {
      const answer: unknown = await socket.timeout(15_000).emitWithAck('subscribe', subscribeRequestFor(followed.view));
      const ack = liveSubscribeAckSchema.parse(answer);
      const current = this.#topics.get(topic);
      if (current) this.#step(topic, receiveSubscribeAck(current.view, ack, current.reducer));
    } catch {
      // No answer in time: the next reconnect subscribes again.
    }
  }

  #step(topic: LiveTopic, step: LiveTopicStep<unknown>): void {
    const followed = this.#topics.get(topic);
    if (!followed) return;
    followed.view = step.view;
    for (const listener of followed.listeners) listener();
    if (step.resync) void this.#subscribe(topic);
  }

  #setStatus(change: Partial<LiveStatus>): void {
    this.#status = { ...this.#status, ...change };
    for (const listener of this.#statusListeners) listener();
  }
}
