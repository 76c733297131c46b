import { z } from 'zod';
import type { LiveReducer } from '../realtime/live-topic-state';
import type { KpiId } from './kpi-definitions';
import { KPI_STATUSES, kpiDimensionSchema, kpiIdSchema, kpiWindowSchema } from './kpi-definitions';
import { VN_AQI_POLLUTANTS } from './vn-aqi';

const isoDateTime = z.iso.datetime({ offset: true });

/** One part of a drill-down: the value of the KPI for one zone, agency, device, priority … */
export const kpiBreakdownEntrySchema = z.object({
  dimension: kpiDimensionSchema,
  key: z.string(),
  value: z.number().nullable(),
});
export type KpiBreakdownEntry = z.infer<typeof kpiBreakdownEntrySchema>;

/**
 * A KPI's value over a window `[from, to)`, as REST answers and the `kpis` topic pushes it. The same
 * window gives the same value on both.
 */
export const kpiValueSchema = z.object({
  id: kpiIdSchema,
  /** `null` when there is no data in the window (status `no_data`). */
  value: z.number().nullable(),
  status: z.enum(KPI_STATUSES),
  unit: z.string(),
  window: kpiWindowSchema,
  from: isoDateTime,
  to: isoDateTime,
  /** Time of the newest data the value is based on (a reading's time, an incident change); null without data. */
  asOf: isoDateTime.nullable(),
  computedAt: isoDateTime,
  /** Only when a drill-down was asked for and the KPI has that dimension. */
  breakdown: z.array(kpiBreakdownEntrySchema).optional(),
  /**
   * For "worst"/"highest" KPIs (VN_AQI, water level, salinity): the station the value comes from,
   * and for VN_AQI the pollutant with the highest sub-index (the one the public is told about).
   */
  worst: z
    .object({
      deviceId: z.string(),
      zone: z.string(),
      dominantPollutant: z.enum(VN_AQI_POLLUTANTS).optional(),
    })
    .optional(),
  /** The same window one week earlier, for "vs last week" (REST on request; the briefing). */
  previousWeek: z.number().nullable().optional(),
});
export type KpiValue = z.infer<typeof kpiValueSchema>;

/** A comma-separated list of KPI ids (`?ids=reports.open,incidents.active`). */
const kpiIdListSchema = z
  .string()
  .transform((list) => list.split(',').map((value) => value.trim()).filter(Boolean))
  .pipe(z.array(kpiIdSchema).min(1));

/**
 * `GET /api/kpis`: a window (default: each KPI's own), or an explicit `from`/`to` range (e.g. a
 * week for the briefing), a subset of ids, and at most one drill-down dimension.
 */
export const kpiQuerySchema = z
  .object({
    window: kpiWindowSchema.optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    ids: kpiIdListSchema.optional(),
    drilldown: kpiDimensionSchema.optional(),
    /** `true` adds `previousWeek` to every value. */
    compare: z.enum(['true', 'false']).transform((flag) => flag === 'true').optional(),
  })
  .refine((query) => (query.from === undefined) === (query.to === undefined), { message: 'from and to go together', path: ['from'] })
  .refine((query) => query.from === undefined || query.window === undefined, { message: 'either window or from/to', path: ['window'] })
  .refine((query) => query.from === undefined || query.to === undefined || Date.parse(query.from) < Date.parse(query.to), {
    message: 'from must be before to',
    path: ['to'],
  });
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

export const kpiListResponseSchema = z.object({
  computedAt: isoDateTime,
  values: z.array(kpiValueSchema),
});
export type KpiListResponse = z.infer<typeof kpiListResponseSchema>;

export const KPI_SERIES_STEPS = ['1m', '5m', '15m', '1h', '1d'] as const;
export const kpiSeriesStepSchema = z.enum(KPI_SERIES_STEPS);
export type KpiSeriesStep = z.infer<typeof kpiSeriesStepSchema>;
export const KPI_SERIES_STEP_MS: Record<KpiSeriesStep, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};
/** Charts get at most about this many points (a coarser step is chosen when the asked one gives more). */
export const KPI_SERIES_MAX_POINTS = 1000;

/** `GET /api/kpis/:id/series`: the KPI over time, optionally for one key of a dimension (a zone, a device …). */
export const kpiSeriesQuerySchema = z
  .object({
    from: isoDateTime,
    to: isoDateTime,
    step: kpiSeriesStepSchema.optional(),
    dimension: kpiDimensionSchema.optional(),
    key: z.string().min(1).max(200).optional(),
  })
  .refine((query) => Date.parse(query.from) < Date.parse(query.to), { message: 'from must be before to', path: ['to'] })
  .refine((query) => (query.dimension === undefined) === (query.key === undefined), { message: 'dimension and key go together', path: ['key'] });
export type KpiSeriesQuery = z.infer<typeof kpiSeriesQuerySchema>;

export const kpiSeriesPointSchema = z.object({ t: isoDateTime, value: z.number().nullable() });
export type KpiSeriesPoint = z.infer<typeof kpiSeriesPointSchema>;

export const kpiSeriesResponseSchema = z.object({
  id: kpiIdSchema,
  step: kpiSeriesStepSchema,
  points: z.array(kpiSeriesPointSchema),
});
export type KpiSeriesResponse = z.infer<typeof kpiSeriesResponseSchema>;

/**
 * The `kpis` live topic: the snapshot is every KPI over its default window (as `GET /api/kpis`
 * without a query answers), each delta the values that changed since the previous one.
 */
export const kpiLiveSnapshotSchema = kpiListResponseSchema;
export type KpiLiveSnapshot = z.infer<typeof kpiLiveSnapshotSchema>;
export const kpiLiveDeltaSchema = kpiListResponseSchema;
export type KpiLiveDelta = z.infer<typeof kpiLiveDeltaSchema>;

export type KpiValueMap = ReadonlyMap<KpiId, KpiValue>;

/** Reducer of the `kpis` topic: the newest value per KPI (deltas replace by id, so they are idempotent). */
export const kpiValuesReducer: LiveReducer<KpiValueMap> = {
  fromSnapshot: (snapshot) => new Map(kpiLiveSnapshotSchema.parse(snapshot).values.map((value) => [value.id, value])),
  applyDelta: (state, payload) => {
    const next = new Map(state);
    for (const value of kpiLiveDeltaSchema.parse(payload).values) {
      const known = next.get(value.id);
      // A delta computed before the value already held (instances racing) must not step back in time.
      if (!known || Date.parse(known.computedAt) <= Date.parse(value.computedAt)) next.set(value.id, value);
    }
    return next;
  },
};
