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
  /** Called when the server refuses the token, so the session can renew it before the next try. */
  onTokenRefused?: () => void;
  socketFactory?: (url: string, options: Parameters<typeof io>[1]) => LiveSocket;
}

/** How long an action waits for its acknowledgement before it is sent again (same opId). */
const ACTION_ANSWER_MS = 10_000;
const ACTION_ATTEMPTS = 3;

/** After a refusal for the token (it may have expired meanwhile), try again this much later. */
const RETRY_AFTER_REFUSAL_MS = 5_000;
/** A subscribe the server could not serve (busy database) or did not answer is asked again this soon, doubling to the cap. */
const RESUBSCRIBE_FIRST_MS = 1_000;
const RESUBSCRIBE_MAX_MS = 15_000;
/** After the server cut the socket (too slow a client, or a revoked display), reconnect this soon. */
const RECONNECT_AFTER_SERVER_CUT_MS = 1_000;
const SUBSCRIBE_ACK_TIMEOUT_MS = 15_000;

/** Full jitter: many walls cut at once do not all come back in the same instant. */
const jittered = (ms: number): number => Math.round(ms * (0.5 + Math.random()));

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
  readonly #resubscribeTimers = new Map<LiveTopic, ReturnType<typeof setTimeout>>();
  readonly #resubscribeDelays = new Map<LiveTopic, number>();

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
    socket.on('disconnect', (reason) => {
      this.#setStatus({ connection: 'reconnecting' });
      this.#cancelResubscribes();
      // Socket.IO reconnects by itself after a lost link, but not when the server ended the socket
      // (it cuts a client that fell too far behind, e.g. a page whose main thread was starved, and a
      // revoked display). The screen must come back by itself either way: the handshake decides.
      if (reason === 'io server disconnect') this.#retryLater(jittered(RECONNECT_AFTER_SERVER_CUT_MS));
    });
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      const refusal = liveConnectErrorDataSchema.safeParse(error.data);
      if (!refusal.success) return this.#setStatus({ connection: 'reconnecting' });
      // Socket.IO does not retry a refusal by itself; a token may since have been refreshed.
      this.#setStatus({ connection: 'refused', refusal: refusal.data.code });
      if (refusal.data.code === 'AUTH_TOKEN_INVALID' || refusal.data.code === 'AUTH_TOKEN_MISSING') {
        this.#options.onTokenRefused?.();
        this.#retryLater(jittered(RETRY_AFTER_REFUSAL_MS));
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
    this.#retryTimer = null;
    this.#cancelResubscribes();
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
    let served = false;
    try {
      const answer: unknown = await socket.timeout(SUBSCRIBE_ACK_TIMEOUT_MS).emitWithAck('subscribe', subscribeRequestFor(followed.view));
      const ack = liveSubscribeAckSchema.parse(answer);
      const current = this.#topics.get(topic);
      // A refusal for the topic (not allowed for this role, unknown) will not change by asking again.
      served = ack.ok || ack.code !== 'LIVE_UNAVAILABLE';
      if (current) this.#step(topic, receiveSubscribeAck(current.view, ack, current.reducer));
    } catch {
      // No answer in time: asked again below, on this same connection.
    }
    if (served) {
      this.#resubscribeDelays.delete(topic);
      return;
    }
    // A busy server (its database pool timed out) answered LIVE_UNAVAILABLE, or nothing came back: the
    // socket is still up, so no reconnect would ever ask again; without this the topic stayed empty.
    if (socket !== this.#socket || !socket.connected || !this.#topics.has(topic) || this.#resubscribeTimers.has(topic)) return;
    const delay = this.#resubscribeDelays.get(topic) ?? RESUBSCRIBE_FIRST_MS;
    this.#resubscribeDelays.set(topic, Math.min(delay * 2, RESUBSCRIBE_MAX_MS));
    this.#resubscribeTimers.set(
      topic,
      setTimeout(() => {
        this.#resubscribeTimers.delete(topic);
        if (this.#socket === socket && socket.connected) void this.#subscribe(topic);
      }, jittered(delay)),
    );
  }

  #retryLater(delayMs: number): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#socket && !this.#socket.connected) this.#socket.connect();
    }, delayMs);
  }

  #cancelResubscribes(): void {
    for (const timer of this.#resubscribeTimers.values()) clearTimeout(timer);
    this.#resubscribeTimers.clear();
    this.#resubscribeDelays.clear();
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
