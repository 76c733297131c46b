import { z } from 'zod';
import { agencySchema } from '../agencies/agency.contract';
import { zoneSchema } from '../geo/zones';
import { incidentPrioritySchema } from './incident-priority';
import { incidentStatusSchema } from './incident-status';
import { incidentSourceSchema, reportCategorySchema } from './report-category';

const isoDateTime = z.iso.datetime({ offset: true });

/** A comma-separated query parameter (`?status=new,verified`) parsed into a list of allowed values. */
const csvOf = <Schema extends z.ZodType<string, string>>(item: Schema) =>
  z
    .string()
    .transform((list) => list.split(',').map((value) => value.trim()).filter(Boolean))
    .pipe(z.array(item).min(1));

// ---------------------------------------------------------------------------------------------
// Agency units
// ---------------------------------------------------------------------------------------------

export const AGENCY_UNIT_STATUSES = ['available', 'busy', 'offline'] as const;
export const agencyUnitStatusSchema = z.enum(AGENCY_UNIT_STATUSES);
export type AgencyUnitStatus = z.infer<typeof agencyUnitStatusSchema>;

/** A team or vehicle of an agency that can be sent on site; the simulator moves it around the city. */
export const agencyUnitSchema = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  status: agencyUnitStatusSchema,
  lat: z.number(),
  lon: z.number(),
  updatedAt: isoDateTime,
});
export type AgencyUnit = z.infer<typeof agencyUnitSchema>;

export const agencyUnitListQuerySchema = z.object({ agencyId: z.uuid().optional() });
export type AgencyUnitListQuery = z.infer<typeof agencyUnitListQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Incidents
// ---------------------------------------------------------------------------------------------

/** Short human reference, e.g. `SC-000123` (sự cố), for the phone and the radio. */
export const INCIDENT_REFERENCE_PATTERN = /^SC-\d{6,}$/;

export const incidentSummarySchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  category: reportCategorySchema,
  priority: incidentPrioritySchema,
  status: incidentStatusSchema,
  source: incidentSourceSchema,
  title: z.string(),
  zone: zoneSchema,
  lat: z.number(),
  lon: z.number(),
  agencyId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  version: z.number().int(),
  mergedIntoId: z.uuid().nullable(),
  /** How many reports, camera events or alerts fed this incident. */
  sourceCount: z.number().int(),
  dispatchDeadline: isoDateTime,
  resolveDeadline: isoDateTime,
  dispatchedAt: isoDateTime.nullable(),
  resolvedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

export const incidentPhotoSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  thumbnailUrl: z.string(),
});
export type IncidentPhoto = z.infer<typeof incidentPhotoSchema>;

/** One thing that fed an incident: a citizen report, a camera event, a sensor alert or an officer's entry. */
export const incidentSourceEntrySchema = z.object({
  id: z.uuid(),
  kind: incidentSourceSchema,
  /** What it refers to: the citizen report id, the camera device and event, the alert id. */
  ref: z.string().nullable(),
  description: z.string(),
  photos: z.array(incidentPhotoSchema),
  lat: z.number(),
  lon: z.number(),
  receivedAt: isoDateTime,
});
export type IncidentSourceEntry = z.infer<typeof incidentSourceEntrySchema>;

export const INCIDENT_AUDIT_ACTIONS = [
  'created',
  'joined',
  'transition',
  'updated',
  'note',
  'merged',
  'merged_into',
  'split',
  'split_from',
  'sla_breached',
] as const;
export const incidentAuditActionSchema = z.enum(INCIDENT_AUDIT_ACTIONS);
export type IncidentAuditAction = z.infer<typeof incidentAuditActionSchema>;

/** One row of the append-only audit trail: who, when, from, to, why. */
export const incidentAuditEntrySchema = z.object({
  id: z.string(),
  incidentId: z.uuid(),
  at: isoDateTime,
  actorUserId: z.uuid().nullable(),
  actorRole: z.string(),
  actorLabel: z.string(),
  action: incidentAuditActionSchema,
  fromStatus: incidentStatusSchema.nullable(),
  toStatus: incidentStatusSchema.nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export type IncidentAuditEntry = z.infer<typeof incidentAuditEntrySchema>;

export const incidentDetailSchema = incidentSummarySchema.extend({
  description: z.string(),
  agency: agencySchema.nullable(),
  unit: agencyUnitSchema.nullable(),
  sources: z.array(incidentSourceEntrySchema),
  /** The statuses the caller may move this incident to now. */
  allowedTransitions: z.array(incidentStatusSchema),
  audit: z.array(incidentAuditEntrySchema),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

export const incidentListQuerySchema = z.object({
  status: csvOf(incidentStatusSchema).optional(),
  priority: csvOf(incidentPrioritySchema).optional(),
  zone: csvOf(zoneSchema).optional(),
  category: csvOf(reportCategorySchema).optional(),
  agencyId: z.uuid().optional(),
  /** Created at or after. */
  from: isoDateTime.optional(),
  /** Created before. */
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type IncidentListQuery = z.infer<typeof incidentListQuerySchema>;

export const incidentListSchema = z.object({
  items: z.array(incidentSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type IncidentList = z.infer<typeof incidentListSchema>;

/** A duty officer opens an incident by hand (a phone call, a patrol); it fuses like any other source. */
export const createIncidentRequestSchema = z.object({
  category: reportCategorySchema,
  priority: incidentPrioritySchema.optional(),
  description: z.string().trim().min(3).max(4_000),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type CreateIncidentRequest = z.infer<typeof createIncidentRequestSchema>;

export const createIncidentResponseSchema = z.object({
  /** True when the entry joined an open incident nearby instead of opening a new one. */
  joined: z.boolean(),
  incident: incidentDetailSchema,
});
export type CreateIncidentResponse = z.infer<typeof createIncidentResponseSchema>;

export const transitionIncidentRequestSchema = z.object({
  to: incidentStatusSchema,
  reason: z.string().trim().min(1).max(2_000).optional(),
  /** The version the caller saw; a stale one gets 409 with the current incident. */
  expectedVersion: z.number().int().min(1),
});
export type TransitionIncidentRequest = z.infer<typeof transitionIncidentRequestSchema>;

export const updateIncidentRequestSchema = z.object({
  expectedVersion: z.number().int().min(1),
  priority: incidentPrioritySchema.optional(),
  /** null takes the agency (and its unit) off the incident. */
  agencyId: z.uuid().nullable().optional(),
  /** null frees the unit. */
  unitId: z.uuid().nullable().optional(),
});
export type UpdateIncidentRequest = z.infer<typeof updateIncidentRequestSchema>;

export const addIncidentNoteRequestSchema = z.object({
  text: z.string().trim().min(1).max(4_000),
  /** English text of a public note, for the English tracking page. */
  textEn: z.string().trim().min(1).max(4_000).optional(),
  /** Public notes show on the citizen's tracking page; internal ones never leave the console. */
  public: z.boolean().default(false),
});
export type AddIncidentNoteRequest = z.infer<typeof addIncidentNoteRequestSchema>;

/** Marks these incidents as duplicates of this one; their reports move here. */
export const mergeIncidentsRequestSchema = z.object({
  incidentIds: z.array(z.uuid()).min(1).max(50),
});
export type MergeIncidentsRequest = z.infer<typeof mergeIncidentsRequestSchema>;

/** Moves these sources out of this incident into a new one (they were a different problem). */
export const splitIncidentRequestSchema = z.object({
  sourceIds: z.array(z.uuid()).min(1).max(200),
});
export type SplitIncidentRequest = z.infer<typeof splitIncidentRequestSchema>;

export const splitIncidentResponseSchema = z.object({
  original: incidentDetailSchema,
  created: incidentDetailSchema,
});
export type SplitIncidentResponse = z.infer<typeof splitIncidentResponseSchema>;

/** What the walk over the whole audit hash chain found. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checkedRows: z.number().int(),
  firstBroken: z
    .object({
      id: z.string(),
      incidentId: z.uuid(),
      problem: z.enum(['hash_mismatch', 'chain_broken']),
    })
    .nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** Extra members of the 409 problem bodies of the incident workflow. */
export const incidentTransitionConflictSchema = z.object({
  current: incidentStatusSchema,
  allowed: z.array(incidentStatusSchema),
});
export const incidentVersionConflictSchema = z.object({ current: incidentDetailSchema });
