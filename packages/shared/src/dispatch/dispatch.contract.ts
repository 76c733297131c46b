import { z } from 'zod';
import type { BilingualLabel } from '../i18n/bilingual-label';
import { agencyUnitSchema, incidentPhotoSchema } from '../incidents/incident.contract';

/*
 * What the dispatch console and the responder view need beyond the incident workflow: suggested
 * units, what cameras and sensors saw near an incident, field photos, and the responder's progress.
 */

// ---------------------------------------------------------------------------------------------
// Suggested units
// ---------------------------------------------------------------------------------------------

export const suggestedUnitsQuerySchema = z.object({
  /** The agency whose units to suggest; by default the incident's agency. */
  agencyId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type SuggestedUnitsQuery = z.infer<typeof suggestedUnitsQuerySchema>;

export const suggestedUnitSchema = z.object({
  unit: agencyUnitSchema,
  /** Straight-line (great-circle) distance to the incident: roads and rivers are not considered. */
  distanceMeters: z.number().nonnegative(),
  /** distanceMeters at the configured city speed, rounded up to a whole minute. */
  etaMinutes: z.number().int().nonnegative(),
});
export type SuggestedUnit = z.infer<typeof suggestedUnitSchema>;

/** The nearest available units of one agency, nearest first. */
export const suggestedUnitsSchema = z.object({
  incidentId: z.uuid(),
  /** Null when the incident has no agency yet and none was asked for. */
  agencyId: z.uuid().nullable(),
  method: z.literal('straight_line'),
  citySpeedKmh: z.number().positive(),
  units: z.array(suggestedUnitSchema),
});
export type SuggestedUnits = z.infer<typeof suggestedUnitsSchema>;

// ---------------------------------------------------------------------------------------------
// Nearby context
// ---------------------------------------------------------------------------------------------

/** Camera analytics events of one kind from one camera near the incident, in the window. */
export const nearbyCameraEventSchema = z.object({
  deviceId: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  metric: z.string(),
  labelVi: z.string(),
  labelEn: z.string(),
  /** Events counted in the window (the sum of the camera's counts). */
  events: z.number().nonnegative(),
  lastAt: z.iso.datetime({ offset: true }),
  distanceMeters: z.number().nonnegative(),
});
export type NearbyCameraEvent = z.infer<typeof nearbyCameraEventSchema>;

/** The latest value (and the window's range) of one metric of one sensor near the incident. */
export const nearbySensorReadingSchema = z.object({
  deviceId: z.string(),
  feed: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  metric: z.string(),
  unit: z.string(),
  labelVi: z.string(),
  labelEn: z.string(),
  lastValue: z.number(),
  lastObservedAt: z.iso.datetime({ offset: true }),
  min: z.number(),
  max: z.number(),
  /** The device's thresholds for the metric: warning/critical, or the alarm levels I/II/III of a water station. */
  warning: z.number().nullable(),
  critical: z.number().nullable(),
  alarmLevels: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  distanceMeters: z.number().nonnegative(),
});
export type NearbySensorReading = z.infer<typeof nearbySensorReadingSchema>;

/** `GET /api/incidents/:id/context`: from the one-minute rollups of devices within the radius. */
export const incidentContextSchema = z.object({
  incidentId: z.uuid(),
  radiusMeters: z.number().positive(),
  windowHours: z.number().positive(),
  since: z.iso.datetime({ offset: true }),
  cameraEvents: z.array(nearbyCameraEventSchema),
  sensorReadings: z.array(nearbySensorReadingSchema),
});
export type IncidentContext = z.infer<typeof incidentContextSchema>;

// ---------------------------------------------------------------------------------------------
// Field photos
// ---------------------------------------------------------------------------------------------

/** Photos uploaded first with `POST /api/media/photos`, then given to the incident. */
export const attachIncidentPhotosRequestSchema = z.object({
  photoIds: z.array(z.uuid()).min(1).max(5),
  /** Recorded as an internal note beside the photos. */
  note: z.string().trim().min(1).max(2_000).optional(),
});
export type AttachIncidentPhotosRequest = z.infer<typeof attachIncidentPhotosRequestSchema>;

/** Photos taken on site by officers and responders (the reports' own photos are on their sources). */
export const incidentFieldPhotosSchema = z.object({
  incidentId: z.uuid(),
  photos: z.array(incidentPhotoSchema),
});
export type IncidentFieldPhotos = z.infer<typeof incidentFieldPhotosSchema>;

// ---------------------------------------------------------------------------------------------
// Responder progress
// ---------------------------------------------------------------------------------------------

/**
 * A responder's steps between "dispatched" and "on scene". They are not workflow statuses (the
 * SLA and the KPIs only know dispatched → on scene → resolved): each is recorded as a public
 * note with this fixed text, so the citizen's tracking page shows it too.
 */
export const RESPONDER_PROGRESS_STEPS = ['accepted', 'en_route'] as const;
export const responderProgressStepSchema = z.enum(RESPONDER_PROGRESS_STEPS);
export type ResponderProgressStep = z.infer<typeof responderProgressStepSchema>;

export const RESPONDER_PROGRESS_NOTES: Record<ResponderProgressStep, BilingualLabel> = {
  accepted: { vi: 'Đơn vị xử lý đã nhận nhiệm vụ.', en: 'The responding unit has accepted the task.' },
  en_route: { vi: 'Đơn vị xử lý đang trên đường đến hiện trường.', en: 'The responding unit is on its way.' },
};

export const responderProgressRequestSchema = z.object({ step: responderProgressStepSchema });
export type ResponderProgressRequest = z.infer<typeof responderProgressRequestSchema>;

/** Which progress step a note's text records, if it is one. */
export const responderStepOfNote = (text: unknown): ResponderProgressStep | null =>
  RESPONDER_PROGRESS_STEPS.find((step) => RESPONDER_PROGRESS_NOTES[step].vi === text) ?? null;
