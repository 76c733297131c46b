/** Charts get at most about this many points per series (Recharts slows down well before 10 000). */
export const MAX_CHART_POINTS = 1000;

/**
 * Largest-Triangle-Three-Buckets: keeps the first and last point and, from each bucket between,
 * the point that makes the largest triangle with its neighbours, so peaks and dips survive.
 * Points whose y is null are gaps: they are dropped before picking.
 */
export function downsampleLttb<P>(points: readonly P[], threshold: number, x: (point: P) => number, y: (point: P) => number | null): P[] {
  const defined = points.filter((point) => {
    const value = y(point);
    return value !== null && Number.isFinite(value);
  });
  if (threshold >= defined.length || threshold < 3) return threshold < 3 ? defined.slice(0, Math.max(0, threshold)) : defined;
  const yOf = (point: P) => y(point) as number;
  const sampled: P[] = [defined[0] as P];
  const bucketSize = (defined.length - 2) / (threshold - 2);
  let anchor = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    // The average of the next bucket stands in for the point not yet chosen.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, defined.length);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += x(defined[i] as P);
      avgY += yOf(defined[i] as P);
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;
    const anchorPoint = defined[anchor] as P;
    const ax = x(anchorPoint);
    const ay = yOf(anchorPoint);
    let bestArea = -1;
    let best = start;
    for (let i = start; i < end; i++) {
      const point = defined[i] as P;
      const area = Math.abs((ax - avgX) * (yOf(point) - ay) - (ax - x(point)) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    sampled.push(defined[best] as P);
    anchor = best;
  }
  sampled.push(defined[defined.length - 1] as P);
  return sampled;
}

/**
 * Downsamples a chart series keyed by time (`t`, ISO) on one value field; series with several value
 * fields keep every field of the rows LTTB picks for the first one.
 */
export function downsampleSeries<P extends { t: string }>(points: readonly P[], valueOf: (point: P) => number | null, threshold = MAX_CHART_POINTS): P[] {
  if (points.length <= threshold) return [...points];
  return downsampleLttb(points, threshold, (point) => Date.parse(point.t), valueOf);
}
