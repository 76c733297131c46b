import { z } from 'zod';
import { zoneSchema } from '../geo/zones';
import { incidentPrioritySchema } from '../incidents/incident-priority';
import { incidentStatusSchema } from '../incidents/incident-status';
import { reportCategorySchema } from '../incidents/report-category';

/** An incident as the live map draws it: the state of one entity of `layer:incidents`. */
export const liveIncidentPinSchema = z.object({
  reference: z.string(),
  category: reportCategorySchema,
  priority: incidentPrioritySchema,
  status: incidentStatusSchema,
  zone: zoneSchema,
  updatedAt: z.iso.datetime({ offset: true }),
});
export type LiveIncidentPin = z.infer<typeof liveIncidentPinSchema>;

/** A delta of the officer-only `incidents` topic: what happened to which incident. */
export const liveIncidentEventSchema = liveIncidentPinSchema.extend({
  kind: z.enum(['created', 'changed', 'sla_breached']),
  incidentId: z.string(),
  agencyId: z.string().nullable(),
  /** The audit action of a change (transition, updated, joined, merged...). */
  action: z.string().nullable(),
  /** Which deadline a breach missed. */
  slaKind: z.enum(['dispatch', 'resolve']).nullable(),
});
export type LiveIncidentEvent = z.infer<typeof liveIncidentEventSchema>;

/** One open incident in the snapshot of the `incidents` topic: the fields of its deltas, without the event. */
export const liveIncidentStateSchema = liveIncidentPinSchema.extend({
  incidentId: z.string(),
  agencyId: z.string().nullable(),
});
export type LiveIncidentState = z.infer<typeof liveIncidentStateSchema>;

/** The snapshot of the `incidents` topic: every open incident (new, verified, dispatched, on scene). */
export const liveIncidentsSnapshotSchema = z.object({ open: z.array(liveIncidentStateSchema) });
export type LiveIncidentsSnapshot = z.infer<typeof liveIncidentsSnapshotSchema>;
