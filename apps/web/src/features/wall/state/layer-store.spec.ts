import { entityMapReducer, type LayerFrame, type TrafficSegmentState } from '@mekong-ioc/shared';
import { LayerStore, layerStoreReducer } from './layer-store';
import { congestionColor } from './layer-style';

const segment = (lon: number, congestion: number | null): TrafficSegmentState => ({
  lat: 10.35,
  lon,
  zone: 'central',
  segment: 'seg-x',
  nameVi: 'Đoạn',
  nameEn: 'Segment',
  meanSpeedKmh: congestion === null ? null : 40 * (1 - congestion),
  freeFlowKmh: 40,
  congestion,
  vehicleCount: 10,
  occupancy: 20,
  observedAt: '2026-03-01T08:00:00.000Z',
});

const frame = (...updates: [string, unknown][]): LayerFrame => ({ updates: updates.map(([key, state]) => ({ key, state })) });

describe('layer store', () => {
  it('applies a snapshot and deltas in place: same array and buffers, version up, binary columns in step', () => {
    const reducer = layerStoreReducer(() => new LayerStore('traffic', congestionColor, 2));
    const store = reducer.fromSnapshot(frame(['a', segment(106.31, 0.1)], ['b', segment(106.32, 0.7)]));
    const items = store.items;
    const version = store.version;
    const next = reducer.applyDelta(store, frame(['c', segment(106.33, 0.5)], ['a', null], ['b', segment(106.34, 0.2)]));
    expect(next).toBe(store);
    expect(next.items).toBe(items);
    expect(next.version).toBe(version + 1);
    expect(next.items.map((entity) => entity.key)).toEqual(['c', 'b']);
    expect(next.get('a')).toBeUndefined();
    // 'c' took 'a's slot: its columns moved with it.
    const binary = next.binary;
    expect(Array.from(binary?.positions.subarray(0, 4) ?? [])).toEqual([Math.fround(106.33), Math.fround(10.35), Math.fround(106.34), Math.fround(10.35)]);
    expect(Array.from(binary?.colors.subarray(0, 8) ?? [])).toEqual([...congestionColor(segment(0, 0.5)), ...congestionColor(segment(0, 0.2))]);
  });

  it('ends in the same state as the shared entity-map reducer for any order of frames, and ignores invalid states', () => {
    const frames = Array.from({ length: 200 }, (_, i) => {
      const key = `k${(i * 7) % 13}`;
      return i % 5 === 4 ? frame([key, null]) : frame([key, segment(106.3 + i / 1000, (i % 10) / 10)]);
    });
    const store = new LayerStore('traffic', congestionColor, 1);
    let reference = entityMapReducer.fromSnapshot({ updates: [] });
    for (const each of frames) {
      store.apply(each);
      reference = entityMapReducer.applyDelta(reference, each);
    }
    expect(new Map(store.entries())).toEqual(reference);
    for (const [at, entity] of store.items.entries()) expect(store.binary?.positions[at * 2]).toBe(Math.fround(entity.state.lon));
    store.apply(frame(['bad', { lat: 'north' }]));
    expect(store.get('bad')).toBeUndefined();
    expect(store.rejected).toBe(1);
  });
});
