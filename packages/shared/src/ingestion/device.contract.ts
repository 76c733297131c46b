import { z } from 'zod';
import { zoneSchema } from '../geo/zones';
import { feedSchema } from '../auth/api-key-scope';
import { deviceIdSchema } from './feed-definition';

/** Alarm thresholds per metric; water level has the three alarm levels of the delta's stations. */
export const thresholdSchema = z.object({
  warning: z.number().finite().optional(),
  critical: z.number().finite().optional(),
  alarmLevels: z.tuple([z.number(), z.number(), z.number()]).optional(),
  /** A reference level, not an alarm: the free-flow speed of a traffic detector's segment (`mean_speed`), for the congestion index. */
  freeFlow: z.number().positive().finite().optional(),
});

export const deviceSchema = z.object({
  id: deviceIdSchema,
  feed: feedSchema,
  /** What it is within its feed: a traffic detector, an air station, a flood camera, a ward office… */
  kind: z.string().min(1).max(40),
  nameVi: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  zone: zoneSchema,
  /** The road segment, station or unit the device belongs to. */
  groupId: z.string().min(1).max(64),
  expectedIntervalSeconds: z.number().int().min(1).max(86_400),
  thresholds: z.record(z.string(), thresholdSchema).default({}),
  active: z.boolean().default(true),
});
export type Device = z.infer<typeof deviceSchema>;

export const upsertDeviceRequestSchema = deviceSchema.omit({ id: true });
export type UpsertDeviceRequest = z.infer<typeof upsertDeviceRequestSchema>;
