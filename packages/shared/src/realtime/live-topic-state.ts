import type { LayerFrame, LiveDelta, LiveSnapshot, LiveSubscribeAck, LiveSubscribeRequest } from './events';
import { layerFrameSchema } from './events';
import type { LiveTopic } from './live-topic';

/**
 * How a topic's state is built from its snapshot and changed by each delta. Deltas must be
 * idempotent (a snapshot taken while a delta is being published may already contain it).
 */
export interface LiveReducer<State> {
  fromSnapshot(snapshot: unknown): State;
  applyDelta(state: State, payload: unknown): State;
}

/**
 * What a client knows of one topic. `syncing`: a subscribe is in flight (a snapshot or replayed
 * deltas are on their way); `live`: every delta up to `seq` has been applied, none skipped.
 */
export interface LiveTopicView<State> {
  topic: LiveTopic;
  status: 'syncing' | 'live';
  epoch: string | null;
  seq: number;
  /** Undefined until the first snapshot. */
  state: State | undefined;
  /** Deltas that arrived ahead of what can be applied yet (bounded). */
  pending: LiveDelta[];
}

/** After this many early deltas the client stops waiting and asks again instead of buffering more. */
export const MAX_PENDING_DELTAS = 256;

export interface LiveTopicStep<State> {
  view: LiveTopicView<State>;
  /** The client missed something it cannot recover from what it has: subscribe again (resuming). */
  resync: boolean;
}

export const initialTopicView = <State>(topic: LiveTopic): LiveTopicView<State> => ({
  topic,
  status: 'syncing',
  epoch: null,
  seq: 0,
  state: undefined,
  pending: [],
});

/** The subscribe to send (on first connect and every reconnect): resumes when it can. */
export const subscribeRequestFor = (view: LiveTopicView<unknown>): LiveSubscribeRequest =>
  view.epoch !== null && view.state !== undefined ? { topic: view.topic, epoch: view.epoch, lastSeq: view.seq } : { topic: view.topic };

/** A (re)subscribe went out: deltas now wait until the snapshot or replay has caught up. */
export const markSyncing = <State>(view: LiveTopicView<State>): LiveTopicView<State> => ({ ...view, status: 'syncing' });

export function receiveSnapshot<State>(view: LiveTopicView<State>, snapshot: LiveSnapshot, reducer: LiveReducer<State>): LiveTopicStep<State> {
  const fresh: LiveTopicView<State> = {
    ...view,
    epoch: snapshot.epoch,
    seq: snapshot.seq,
    state: reducer.fromSnapshot(snapshot.snapshot),
    pending: view.pending.filter((delta) => delta.epoch === snapshot.epoch && delta.seq > snapshot.seq),
  };
  return drainPending(fresh, reducer);
}

export function receiveDelta<State>(view: LiveTopicView<State>, delta: LiveDelta, reducer: LiveReducer<State>): LiveTopicStep<State> {
  const sameEpoch = view.epoch === delta.epoch && view.state !== undefined;
  if (sameEpoch && delta.seq <= view.seq) return { view, resync: false };
  if (sameEpoch && delta.seq === view.seq + 1) {
    return drainPending({ ...view, seq: delta.seq, state: reducer.applyDelta(view.state as State, delta.payload) }, reducer);
  }
  if (view.status === 'live') {
    // A gap (a frame dropped for a slow link, or instances racing) or a new epoch: ask again.
    return { view: { ...view, pending: [] }, resync: true };
  }
  if (view.pending.length >= MAX_PENDING_DELTAS) return { view: { ...view, pending: [] }, resync: true };
  return { view: { ...view, pending: [...view.pending, delta] }, resync: false };
}

/** The subscribe's answer: after it, anything still not applicable means something was missed. */
export function receiveSubscribeAck<State>(view: LiveTopicView<State>, ack: LiveSubscribeAck, reducer: LiveReducer<State>): LiveTopicStep<State> {
  if (!ack.ok) return { view, resync: false };
  const drained = drainPending({ ...view, status: 'live' }, reducer);
  const caughtUp = drained.view.epoch === ack.epoch && drained.view.seq >= ack.seq;
  return { view: drained.view, resync: drained.resync || !caughtUp };
}

function drainPending<State>(view: LiveTopicView<State>, reducer: LiveReducer<State>): LiveTopicStep<State> {
  let current = view;
  const waiting = [...view.pending].sort((a, b) => a.seq - b.seq);
  const left: LiveDelta[] = [];
  for (const delta of waiting) {
    if (delta.epoch !== current.epoch || delta.seq <= current.seq) continue;
    if (delta.seq === current.seq + 1 && current.state !== undefined) {
      current = { ...current, seq: delta.seq, state: reducer.applyDelta(current.state, delta.payload) };
    } else {
      left.push(delta);
    }
  }
  const resync = current.status === 'live' && left.length > 0;
  return { view: { ...current, pending: resync ? [] : left }, resync };
}

/** Map-layer state: the newest state of every entity by key (a `null` state removes it). */
export type EntityMap = ReadonlyMap<string, unknown>;

const applyFrame = (state: EntityMap, frame: LayerFrame): EntityMap => {
  const next = new Map(state);
  for (const { key, state: entity } of frame.updates) {
    if (entity === null || entity === undefined) next.delete(key);
    else next.set(key, entity);
  }
  return next;
};

/**
 * The reducer of map layers (and any topic whose snapshot and deltas are layer frames): the
 * snapshot lists every entity, each delta the entities that changed.
 */
export const entityMapReducer: LiveReducer<EntityMap> = {
  fromSnapshot: (snapshot) => applyFrame(new Map(), layerFrameSchema.parse(snapshot ?? { updates: [] })),
  applyDelta: (state, payload) => applyFrame(state, layerFrameSchema.parse(payload)),
};
