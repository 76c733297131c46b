import { io, type Socket } from 'socket.io-client';
import {
  entityMapReducer,
  initialTopicView,
  LIVE_NAMESPACE,
  liveConnectErrorDataSchema,
  liveDeltaSchema,
  liveSnapshotSchema,
  liveSubscribeAckSchema,
  markSyncing,
  receiveDelta,
  receiveSnapshot,
  receiveSubscribeAck,
  subscribeRequestFor,
  type ClientToServerEvents,
  type EntityMap,
  type LiveDelta,
  type LiveReducer,
  type LiveSubscribeAck,
  type LiveTopic,
  type LiveTopicView,
  type ServerToClientEvents,
} from '@mekong-ioc/shared';

export type LiveTestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectLive(baseUrl: string, options: { token?: string; origin?: string; namespace?: string } = {}): LiveTestSocket {
  return io(`${baseUrl}${options.namespace ?? LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    auth: options.token === undefined ? {} : { token: options.token },
    extraHeaders: options.origin ? { origin: options.origin } : {},
    reconnectionDelay: 200,
    reconnectionDelayMax: 1_000,
    forceNew: true,
  });
}

/** Resolves when connected; rejects with the refusal's code when the server says no. */
export function connected(socket: LiveTestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      const data = liveConnectErrorDataSchema.safeParse(error.data);
      reject(new Error(data.success ? data.data.code : error.message));
    });
  });
}

export const refusal = (socket: LiveTestSocket): Promise<string> =>
  connected(socket).then(
    () => 'connected',
    (error: Error) => error.message,
  );

export async function subscribe(socket: LiveTestSocket, topic: LiveTopic, resume: { epoch?: string; lastSeq?: number } = {}): Promise<LiveSubscribeAck> {
  const answer: unknown = await socket.timeout(10_000).emitWithAck('subscribe', { topic, ...resume });
  return liveSubscribeAckSchema.parse(answer);
}

/**
 * A client as the web app's is: it keeps one topic's state from its snapshot and deltas, resumes
 * with its last sequence number after every reconnect, and records every delta number it applied.
 */
export class TopicFollower<State extends ReadonlyMap<string, unknown> = EntityMap> {
  view: LiveTopicView<State>;
  readonly appliedSeqs: number[] = [];
  readonly received: LiveDelta[] = [];
  readonly snapshots: number[] = [];
  readonly acks: LiveSubscribeAck[] = [];

  constructor(
    readonly socket: LiveTestSocket,
    readonly topic: LiveTopic,
    private readonly reducer: LiveReducer<State> = entityMapReducer as unknown as LiveReducer<State>,
  ) {
    this.view = initialTopicView(topic);
    socket.on('live:snapshot', (raw) => {
      const snapshot = liveSnapshotSchema.parse(raw);
      if (snapshot.topic !== topic) return;
      this.snapshots.push(snapshot.seq);
      this.step(receiveSnapshot(this.view, snapshot, this.reducer));
    });
    socket.on('live:delta', (raw) => {
      const delta = liveDeltaSchema.parse(raw);
      if (delta.topic !== topic) return;
      this.received.push(delta);
      const before = this.view.seq;
      this.step(receiveDelta(this.view, delta, this.reducer));
      if (this.view.seq > before) this.appliedSeqs.push(...Array.from({ length: this.view.seq - before }, (_, i) => before + i + 1));
    });
    socket.on('connect', () => void this.resubscribe());
  }

  get state(): Record<string, unknown> {
    return Object.fromEntries(this.view.state ?? []);
  }

  async resubscribe(): Promise<LiveSubscribeAck> {
    this.view = markSyncing(this.view);
    const ack = await subscribe(this.socket, this.topic, subscribeRequestFor(this.view));
    this.acks.push(ack);
    this.step(receiveSubscribeAck(this.view, ack, this.reducer));
    return ack;
  }

  private step(step: { view: LiveTopicView<State>; resync: boolean }): void {
    this.view = step.view;
    if (step.resync) void this.resubscribe();
  }
}

export async function eventually<T>(read: () => T, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (accept(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
