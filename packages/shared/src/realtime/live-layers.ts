import { z } from 'zod';
import { zoneSchema } from '../geo/zones';
import { agencyUnitStatusSchema } from '../incidents/incident.contract';
import { incidentPrioritySchema } from '../incidents/incident-priority';
import { incidentStatusSchema } from '../incidents/incident-status';
import { reportCategorySchema } from '../incidents/report-category';
import { VN_AQI_LEVELS } from '../kpis/vn-aqi';
import type { LiveLayer } from './live-topic';

/*
 * The state of one entity of each map layer (`layer:{name}`, payload `{ key, state }`), defined once
 * for the API's publishers, the wall and the tests. Only public-safe fields: a wall may show them.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const placed = {
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  zone: zoneSchema,
};

/** One traffic detector (a road segment): key = device id. */
export const trafficSegmentStateSchema = z.object({
  ...placed,
  segment: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  meanSpeedKmh: z.number().nullable(),
  /** The registry's free-flow speed (`thresholds.mean_speed.freeFlow`), else the day's highest mean speed. */
  freeFlowKmh: z.number().nullable(),
  /** 1 − mean speed / free-flow speed, 0 … 1 (the KPI engine's congestion index, per segment). */
  congestion: z.number().min(0).max(1).nullable(),
  vehicleCount: z.number().nullable(),
  occupancy: z.number().nullable(),
  observedAt: isoDateTime.nullable(),
});
export type TrafficSegmentState = z.infer<typeof trafficSegmentStateSchema>;

/** Where a water level stands against the station's alarm levels I/II/III (0: below level I). */
export const waterAlarmStageSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
export type WaterAlarmStage = z.infer<typeof waterAlarmStageSchema>;

/** One environment station: key = device id. Air, water level and salinity as the station measures them. */
export const environmentStationStateSchema = z.object({
  ...placed,
  kind: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  /** VN_AQI of the latest concentrations (the KPI engine's hourly figure is on the KPI tiles). */
  aqi: z.number().nullable(),
  aqiLevel: z.enum(VN_AQI_LEVELS).nullable(),
  waterLevelCm: z.number().nullable(),
  alarmLevels: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  alarmStage: waterAlarmStageSchema.nullable(),
  salinity: z.number().nullable(),
  salinityLimits: z.object({ warning: z.number().nullable(), critical: z.number().nullable() }).nullable(),
  observedAt: isoDateTime.nullable(),
});
export type EnvironmentStationState = z.infer<typeof environmentStationStateSchema>;

/** One camera: key = device id. Offline when its heartbeat said so or stopped coming. */
export const cameraStateSchema = z.object({
  ...placed,
  kind: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  online: z.boolean(),
  lastHeartbeatAt: isoDateTime.nullable(),
  lastEvent: z.object({ kind: z.string(), at: isoDateTime }).nullable(),
});
export type CameraState = z.infer<typeof cameraStateSchema>;

/** One responder unit: key = unit id. */
export const unitStateSchema = z.object({
  lat: placed.lat,
  lon: placed.lon,
  code: z.string(),
  agencyId: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  status: agencyUnitStatusSchema,
  updatedAt: isoDateTime,
});
export type UnitState = z.infer<typeof unitStateSchema>;

/** One open incident: key = incident id; it leaves the layer (`state: null`) once closed or rejected. */
export const incidentMarkerStateSchema = z.object({
  ...placed,
  id: z.string(),
  reference: z.string(),
  category: reportCategorySchema,
  priority: incidentPrioritySchema,
  status: incidentStatusSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type IncidentMarkerState = z.infer<typeof incidentMarkerStateSchema>;

/** One citizen report of the last 24 h (for the heat / hexagon layer): key = report id. */
export const reportPointStateSchema = z.object({
  lat: placed.lat,
  lon: placed.lon,
  category: reportCategorySchema,
  createdAt: isoDateTime,
});
export type ReportPointState = z.infer<typeof reportPointStateSchema>;

/** Open incidents of one plan zone: key = zone. */
export const zoneLoadStateSchema = z.object({
  zone: zoneSchema,
  openIncidents: z.number().int().nonnegative(),
  byPriority: z.object({ P1: z.number().int(), P2: z.number().int(), P3: z.number().int(), P4: z.number().int() }),
  updatedAt: isoDateTime,
});
export type ZoneLoadState = z.infer<typeof zoneLoadStateSchema>;

/** Every layer's entity schema, by layer. */
export const LIVE_LAYER_STATE_SCHEMAS = {
  traffic: trafficSegmentStateSchema,
  environment: environmentStationStateSchema,
  cameras: cameraStateSchema,
  units: unitStateSchema,
  incidents: incidentMarkerStateSchema,
  reports: reportPointStateSchema,
  zones: zoneLoadStateSchema,
} as const satisfies Record<LiveLayer, z.ZodType>;

export type LiveLayerState<L extends LiveLayer> = z.infer<(typeof LIVE_LAYER_STATE_SCHEMAS)[L]>;

/** Congestion index of a segment: 1 − speed / free-flow, clamped to 0 … 1; null without both figures. */
export function congestionOf(meanSpeedKmh: number | null, freeFlowKmh: number | null): number | null {
  if (meanSpeedKmh === null || freeFlowKmh === null || freeFlowKmh <= 0) return null;
  return Math.min(1, Math.max(0, 1 - meanSpeedKmh / freeFlowKmh));
}

/** The alarm level a water level has reached: 0 below level I, up to 3 at or above level III. */
export function waterAlarmStage(levelCm: number | null, alarmLevels: readonly [number, number, number] | null): WaterAlarmStage | null {
  if (levelCm === null || !alarmLevels) return null;
  if (levelCm >= alarmLevels[2]) return 3;
  if (levelCm >= alarmLevels[1]) return 2;
  if (levelCm >= alarmLevels[0]) return 1;
  return 0;
}
