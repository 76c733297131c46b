import { z } from 'zod';

/** One metric a feed carries: its unit and the range a real sensor can report. */
export interface MetricDefinition {
  unit: string;
  min: number;
  max: number;
  labelVi: string;
  labelEn: string;
}

/** A machine feed: its id, its metrics, and the device kind that sends it. */
export interface FeedDefinition<Metric extends string = string> {
  id: string;
  labelVi: string;
  labelEn: string;
  metrics: Record<Metric, MetricDefinition>;
}

/** Readings may be at most this far ahead of the server clock (devices' clocks drift). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
/** Late readings are accepted, and the rollups they fall in updated, up to this age. */
export const MAX_LATENESS_MS = 24 * 60 * 60_000;
/** A request carries 1 to this many readings. */
export const MAX_READINGS_PER_REQUEST = 5_000;

export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'use 1 to 64 letters, digits, dots, colons, dashes or underscores');
export const sourceSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'use 1 to 64 letters, digits, dots, colons, dashes or underscores');

/**
 * The envelope every machine reading arrives in, whatever the feed: who sent it (source), which
 * device, what was measured, the value and its unit, and when the device observed it.
 */
export function readingSchemaFor<Metric extends string>(feed: FeedDefinition<Metric>) {
  const metrics = Object.keys(feed.metrics) as [Metric, ...Metric[]];
  return z
    .object({
      source: sourceSchema,
      deviceId: deviceIdSchema,
      metric: z.enum(metrics),
      value: z.number().finite(),
      unit: z.string(),
      observedAt: z.iso.datetime({ offset: true, error: 'an ISO 8601 time with a zone, e.g. 2026-11-26T08:00:00+07:00' }),
    })
    .strict()
    .superRefine((reading, context) => {
      const definition = feed.metrics[reading.metric];
      if (reading.unit !== definition.unit) {
        context.addIssue({ code: 'custom', path: ['unit'], message: `${reading.metric} is measured in ${definition.unit}` });
      }
      if (reading.value < definition.min || reading.value > definition.max) {
        context.addIssue({
          code: 'custom',
          path: ['value'],
          message: `${reading.metric} must be between ${definition.min} and ${definition.max} ${definition.unit}`,
        });
      }
    });
}
