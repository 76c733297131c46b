import { z } from 'zod';

/** The newest value of one device's metric, from the one-minute rollups. */
export const latestReadingSchema = z.object({
  deviceId: z.string(),
  metric: z.string(),
  value: z.number(),
  observedAt: z.iso.datetime({ offset: true }),
});
export type LatestReading = z.infer<typeof latestReadingSchema>;

/** One minute of one device's metric. */
export const rollupSchema = z.object({
  deviceId: z.string(),
  metric: z.string(),
  bucket: z.iso.datetime({ offset: true }),
  count: z.number().int(),
  min: z.number(),
  max: z.number(),
  sum: z.number(),
  last: z.number(),
});
export type Rollup = z.infer<typeof rollupSchema>;
