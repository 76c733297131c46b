import { z } from 'zod';
import type { Zone } from '../geo/zones';

const isoDateTime = z.iso.datetime({ offset: true });

/** Incidents opened and closed (resolved, closed, rejected or merged away) in one hour. */
export const incidentFlowPointSchema = z.object({ t: isoDateTime, opened: z.number().int(), closed: z.number().int() });

/** Highest hourly VN_AQI of each zone's air stations (null: no reading that hour). */
const zoneAqi = z.number().nullable();
export const zoneAqiPointSchema = z.object({ t: isoDateTime, central: zoneAqi, east: zoneAqi, northeast: zoneAqi, west: zoneAqi, northwest: zoneAqi });
export type ZoneAqiPoint = z.infer<typeof zoneAqiPointSchema>;
// Every zone has its column: adding a zone without one fails to compile.
export const _zoneAqiCoversZones: Exclude<Zone, keyof ZoneAqiPoint> extends never ? true : never = true;

export const waterGaugeSchema = z.object({
  id: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  alarmLevels: z.tuple([z.number(), z.number(), z.number()]),
  points: z.array(z.object({ t: isoDateTime, level: z.number() })),
});

/** City-wide congestion index (mean over segments, 0 … 100 %) per time step. */
export const congestionPointSchema = z.object({ t: isoDateTime, value: z.number().nullable() });

/**
 * `GET /api/wall-trends`: the wall's 24-hour charts in one answer, each series already at most
 * about a thousand points (hourly or 15-minute buckets).
 */
export const wallTrendsSchema = z.object({
  generatedAt: isoDateTime,
  from: isoDateTime,
  to: isoDateTime,
  incidentFlow: z.array(incidentFlowPointSchema),
  aqiByZone: z.array(zoneAqiPointSchema),
  /** The gauge with the highest level against its alarm level III first, at most four. */
  waterLevels: z.array(waterGaugeSchema),
  congestion: z.array(congestionPointSchema),
});
export type WallTrends = z.infer<typeof wallTrendsSchema>;
export type IncidentFlowPoint = z.infer<typeof incidentFlowPointSchema>;
export type WaterGauge = z.infer<typeof waterGaugeSchema>;
