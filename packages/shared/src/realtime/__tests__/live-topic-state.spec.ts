import type { LiveDelta } from '../events';
import { liveTopicScope, mayJoinTopic } from '../live-topic-access';
import { ALL_LIVE_TOPICS, liveTopicSchema } from '../live-topic';
import {
  entityMapReducer,
  initialTopicView,
  markSyncing,
  receiveDelta,
  receiveSnapshot,
  receiveSubscribeAck,
  subscribeRequestFor,
  type EntityMap,
  type LiveTopicView,
} from '../live-topic-state';

const frame = (key: string, state: unknown) => ({ updates: [{ key, state }] });
const delta = (seq: number, key: string, state: unknown, epoch = 'e1'): LiveDelta => ({ topic: 'layer:traffic', epoch, seq, payload: frame(key, state) });
const snapshot = (seq: number, entities: Record<string, unknown>, epoch = 'e1') => ({
  topic: 'layer:traffic' as const,
  epoch,
  seq,
  snapshot: { updates: Object.entries(entities).map(([key, state]) => ({ key, state })) },
});
const entities = (view: LiveTopicView<EntityMap>) => Object.fromEntries(view.state ?? []);

function liveAt(seq: number, values: Record<string, unknown>): LiveTopicView<EntityMap> {
  const { view } = receiveSnapshot(initialTopicView<EntityMap>('layer:traffic'), snapshot(seq, values), entityMapReducer);
  return receiveSubscribeAck(view, { ok: true, topic: 'layer:traffic', epoch: 'e1', seq, mode: 'snapshot', replayed: 0 }, entityMapReducer).view;
}

describe('live topic state (snapshot, deltas, resume)', () => {
  it('applies a snapshot, then contiguous deltas, and ignores duplicates', () => {
    let view = liveAt(3, { a: 1 });
    for (const next of [delta(4, 'a', 2), delta(5, 'b', 7), delta(5, 'b', 99)]) view = receiveDelta(view, next, entityMapReducer).view;
    expect({ seq: view.seq, state: entities(view) }).toEqual({ seq: 5, state: { a: 2, b: 7 } });
  });

  it('asks to resync on a gap or a new epoch once live, without applying the stray delta', () => {
    const view = liveAt(3, { a: 1 });
    const gap = receiveDelta(view, delta(5, 'a', 9), entityMapReducer);
    expect({ resync: gap.resync, seq: gap.view.seq, state: entities(gap.view) }).toEqual({ resync: true, seq: 3, state: { a: 1 } });
    expect(receiveDelta(view, delta(4, 'a', 9, 'e2'), entityMapReducer).resync).toBe(true);
  });

  it('buffers deltas that race ahead of the snapshot and applies the ones newer than it', () => {
    let view = initialTopicView<EntityMap>('layer:traffic');
    for (const early of [delta(6, 'a', 6), delta(5, 'a', 5)]) view = receiveDelta(view, early, entityMapReducer).view;
    const step = receiveSnapshot(view, snapshot(4, { a: 4 }), entityMapReducer);
    expect({ seq: step.view.seq, state: entities(step.view), pending: step.view.pending }).toEqual({ seq: 6, state: { a: 6 }, pending: [] });
  });

  it('resumes with its epoch and last seq, applies the replayed deltas, and is live after the ack', () => {
    let view = markSyncing(liveAt(3, { a: 1 }));
    expect(subscribeRequestFor(view)).toEqual({ topic: 'layer:traffic', epoch: 'e1', lastSeq: 3 });
    view = receiveDelta(view, delta(4, 'b', 2), entityMapReducer).view;
    view = receiveDelta(view, delta(5, 'a', null), entityMapReducer).view;
    const acked = receiveSubscribeAck(view, { ok: true, topic: 'layer:traffic', epoch: 'e1', seq: 5, mode: 'replay', replayed: 2 }, entityMapReducer);
    expect({ resync: acked.resync, status: acked.view.status, seq: acked.view.seq, state: entities(acked.view) }).toEqual({
      resync: false,
      status: 'live',
      seq: 5,
      state: { b: 2 },
    });
  });

  it('asks again when the ack says more was published than it received', () => {
    const view = markSyncing(liveAt(3, { a: 1 }));
    const acked = receiveSubscribeAck(view, { ok: true, topic: 'layer:traffic', epoch: 'e1', seq: 4, mode: 'replay', replayed: 1 }, entityMapReducer);
    expect(acked.resync).toBe(true);
  });

  it('stops buffering past the bound and asks for a snapshot instead', () => {
    let view = initialTopicView<EntityMap>('layer:traffic');
    let resync = false;
    for (let seq = 10; seq < 10 + 300 && !resync; seq += 1) ({ view, resync } = receiveDelta(view, delta(seq, 'a', seq), entityMapReducer));
    expect({ resync, pending: view.pending.length }).toEqual({ resync: true, pending: 0 });
  });
});

describe('live topic access policy', () => {
  it('lets viewers see everything but incident details, and responders only incidents', () => {
    expect(ALL_LIVE_TOPICS.every((topic) => liveTopicSchema.safeParse(topic).success)).toBe(true);
    const allowed = (role: Parameters<typeof mayJoinTopic>[0]) => ALL_LIVE_TOPICS.filter((topic) => mayJoinTopic(role, topic));
    expect(allowed('admin')).toEqual(ALL_LIVE_TOPICS);
    expect(allowed('duty_officer')).toEqual(ALL_LIVE_TOPICS);
    expect(allowed('leader')).toEqual(ALL_LIVE_TOPICS.filter((topic) => topic !== 'incidents'));
    // Briefing progress is for those who make briefings, not for the wall screens.
    expect(allowed('wall')).toEqual(allowed('leader').filter((topic) => topic !== 'briefings'));
    expect(allowed('responder')).toEqual(['incidents']);
    expect(liveTopicSchema.safeParse('layer:sewers').success).toBe(false);
  });

  it('narrows a responder to its own agency on incidents, and nobody else anywhere', () => {
    expect(liveTopicScope({ role: 'responder', agencyId: 'agency-1' }, 'incidents')).toEqual({ kind: 'agency', agencyId: 'agency-1' });
    expect(liveTopicScope({ role: 'responder', agencyId: null }, 'incidents')).toEqual({ kind: 'agency', agencyId: null });
    const roles = ['admin', 'duty_officer', 'leader', 'wall', 'responder'] as const;
    const scoped = roles.flatMap((role) => ALL_LIVE_TOPICS.filter((topic) => liveTopicScope({ role, agencyId: 'agency-1' }, topic)).map((topic) => `${role} ${topic}`));
    expect(scoped).toEqual(['responder incidents']);
  });
});
