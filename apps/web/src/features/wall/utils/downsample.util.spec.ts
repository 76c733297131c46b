import { downsampleLttb, downsampleSeries, MAX_CHART_POINTS } from './downsample.util';

describe('LTTB downsampling', () => {
  const wave = Array.from({ length: 20_000 }, (_, i) => ({ x: i, y: Math.sin(i / 300) * 100 + (i === 12_345 ? 900 : 0) }));

  it('keeps at most the threshold, the first and last point, x order and the single spike', () => {
    const sampled = downsampleLttb(wave, MAX_CHART_POINTS, (p) => p.x, (p) => p.y);
    expect(sampled).toHaveLength(MAX_CHART_POINTS);
    expect(sampled[0]).toBe(wave[0]);
    expect(sampled.at(-1)).toBe(wave.at(-1));
    expect(sampled.every((point, i) => i === 0 || point.x > (sampled[i - 1]?.x ?? -1))).toBe(true);
    expect(sampled.some((point) => point.x === 12_345)).toBe(true);
    expect(Math.max(...sampled.map((p) => p.y))).toBe(Math.max(...wave.map((p) => p.y)));
  });

  it('returns short series whole, drops gaps, and handles tiny thresholds', () => {
    const short = [{ x: 0, y: 1 }, { x: 1, y: null }, { x: 2, y: 3 }];
    expect(downsampleLttb(short, 10, (p) => p.x, (p) => p.y)).toEqual([{ x: 0, y: 1 }, { x: 2, y: 3 }]);
    expect(downsampleLttb(wave, 2, (p) => p.x, (p) => p.y)).toHaveLength(2);
    expect(downsampleLttb([], 100, (p: { x: number; y: number }) => p.x, (p) => p.y)).toEqual([]);
  });

  it('downsamples a time series by its value, never past the limit', () => {
    const start = Date.parse('2026-03-01T00:00:00Z');
    const minutes = Array.from({ length: 7 * 1440 }, (_, i) => ({ t: new Date(start + i * 60_000).toISOString(), value: i % 1440 }));
    const sampled = downsampleSeries(minutes, (p) => p.value);
    expect(sampled.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(sampled.length).toBeGreaterThan(MAX_CHART_POINTS - 5);
    expect(downsampleSeries(minutes.slice(0, 10), (p) => p.value)).toHaveLength(10);
  });
});
