import { readWallCache, WALL_CACHE_KEY, writeWallCache, type KeyValueStore, type WallCache } from './wall-cache';

const memory = (): KeyValueStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
};

describe('wall cache', () => {
  const cache: WallCache = {
    savedAt: 1_770_000_000_000,
    kpis: [
      {
        id: 'reports.open',
        value: 12,
        status: 'normal',
        unit: '',
        window: '24h',
        from: '2026-03-01T07:00:00.000Z',
        to: '2026-03-01T08:00:00.000Z',
        asOf: '2026-03-01T07:59:00.000Z',
        computedAt: '2026-03-01T08:00:00.000Z',
      },
    ],
    previousWeek: { 'reports.open': 9 },
    series: { 'reports.open': [{ t: '2026-03-01T07:45:00.000Z', value: 11 }] },
    alerts: [],
    trends: null,
    layers: { zones: [['central', { zone: 'central' }]] },
  };

  it('round-trips what the wall shows and refuses what does not parse', () => {
    const storage = memory();
    expect(writeWallCache(storage, cache)).toBe(true);
    expect(readWallCache(storage)).toEqual(cache);
    storage.data.set(WALL_CACHE_KEY, '{"savedAt":"yesterday"}');
    expect(readWallCache(storage)).toBeNull();
    storage.data.set(WALL_CACHE_KEY, 'not json');
    expect(readWallCache(storage)).toBeNull();
    expect(readWallCache(null)).toBeNull();
  });

  it('survives a full storage', () => {
    const full: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(writeWallCache(full, cache)).toBe(false);
  });
});
