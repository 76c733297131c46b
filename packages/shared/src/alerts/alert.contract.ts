import { z } from 'zod';
import { feedSchema } from '../auth/api-key-scope';
import type { Role } from '../auth/role';
import { zoneSchema } from '../geo/zones';
import { reportCategorySchema } from '../incidents/report-category';
import { deviceIdSchema } from '../ingestion/feed-definition';

const isoDateTime = z.iso.datetime({ offset: true });

/** A text in both UI languages, as data (rules and alerts are stored, not compiled in). */
export const bilingualTextSchema = z.object({ vi: z.string().min(1).max(500), en: z.string().min(1).max(500) });
export type BilingualText = z.infer<typeof bilingualTextSchema>;

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export const alertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;

/** raised → acknowledged (by whom, why) → cleared; a cleared alert that comes back is a new alert. */
export const ALERT_STATES = ['raised', 'acknowledged', 'cleared'] as const;
export const alertStateSchema = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof alertStateSchema>;

/** A value past a threshold, a device or feed gone silent, an incident past its deadline. */
export const ALERT_KINDS = ['threshold', 'no_data', 'sla_breach'] as const;
export const alertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof alertKindSchema>;

export const alertActorSchema = z.object({ id: z.uuid(), displayName: z.string() });
export type AlertActor = z.infer<typeof alertActorSchema>;

export const alertSchema = z.object({
  id: z.uuid(),
  /** null for alerts no rule raised (SLA breaches). */
  ruleId: z.uuid().nullable(),
  kind: alertKindSchema,
  severity: alertSeveritySchema,
  state: alertStateSchema,
  title: bilingualTextSchema,
  detail: bilingualTextSchema,
  kpiId: z.string().nullable().optional(),
  deviceId: z.string().nullable().optional(),
  incidentId: z.uuid().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  zone: zoneSchema.nullable(),
  /** The value that raised (or last escalated) the alert, in the metric's unit. */
  value: z.number().nullable(),
  /** The threshold that value crossed. */
  threshold: z.number().nullable(),
  raisedAt: isoDateTime,
  acknowledgedAt: isoDateTime.nullable(),
  acknowledgedBy: alertActorSchema.nullable(),
  ackComment: z.string().nullable(),
  clearedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
});
export type Alert = z.infer<typeof alertSchema>;

/** What happened to an alert: raised, escalated, acknowledged, cleared, linked to an incident. */
export const ALERT_HISTORY_ACTIONS = ['raised', 'escalated', 'acknowledged', 'cleared', 'incident_linked'] as const;
export const alertHistoryActionSchema = z.enum(ALERT_HISTORY_ACTIONS);
export type AlertHistoryAction = z.infer<typeof alertHistoryActionSchema>;

/** One state change: who (null: the system), when, from, to, and the comment given. */
export const alertHistoryEntrySchema = z.object({
  id: z.string(),
  alertId: z.uuid(),
  at: isoDateTime,
  action: alertHistoryActionSchema,
  actor: alertActorSchema.nullable(),
  fromState: alertStateSchema.nullable(),
  toState: alertStateSchema,
  fromSeverity: alertSeveritySchema.nullable(),
  toSeverity: alertSeveritySchema,
  comment: z.string().nullable(),
});
export type AlertHistoryEntry = z.infer<typeof alertHistoryEntrySchema>;

export const alertDetailSchema = alertSchema.extend({ history: z.array(alertHistoryEntrySchema) });
export type AlertDetail = z.infer<typeof alertDetailSchema>;

export const alertListQuerySchema = z.object({
  /** active: raised or acknowledged; all: cleared ones too (newest first). */
  state: z.enum(['active', 'all']).default('active'),
  /** Raised or changed at or after. */
  since: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const alertListSchema = z.object({ items: z.array(alertSchema) });
export type AlertList = z.infer<typeof alertListSchema>;

/** Who handles alerts (acknowledges them, opens incidents from them), over REST and the socket alike. */
export const ALERT_HANDLER_ROLES = ['duty_officer', 'admin'] as const satisfies readonly Role[];

export const ackAlertRequestSchema = z.object({
  comment: z.string().trim().min(1).max(500),
  /** Chosen by the client once per action; a retry with the same id takes effect once. */
  opId: z.uuid(),
});
export type AckAlertRequest = z.infer<typeof ackAlertRequestSchema>;

export const alertIncidentResponseSchema = z.object({
  /** True when the alert joined an open incident nearby instead of opening a new one. */
  joined: z.boolean(),
  incidentId: z.uuid(),
  alert: alertSchema,
});
export type AlertIncidentResponse = z.infer<typeof alertIncidentResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export const alertRuleTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kpi'), kpiId: z.string().min(1).max(80) }),
  z.object({
    kind: z.literal('device'),
    /** null: every device of the feed that reports the metric. */
    deviceId: deviceIdSchema.nullable().optional(),
    feed: feedSchema,
    metric: z.string().min(1).max(64),
    /**
     * Take the thresholds from each device's registry entry instead of the rule's numbers
     * (`thresholds[metric]`: warning/critical, or alarm levels II → warning and III → critical).
     */
    thresholdsFromDevice: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('no_data'),
    feed: feedSchema,
    /** null: every active device of the feed, each on its own (one stale alert per device). */
    deviceId: deviceIdSchema.nullable().optional(),
    /** true: one alert when the feed as a whole goes silent (no device of it reports), not one per device. */
    wholeFeed: z.boolean().optional(),
    /** Silent for longer than expectedIntervalSeconds × factor raises a stale alert. */
    factor: z.number().min(1).max(1_000),
  }),
]);
export type AlertRuleTarget = z.infer<typeof alertRuleTargetSchema>;

export const ALERT_COMPARATORS = ['above', 'below'] as const;
export const alertComparatorSchema = z.enum(ALERT_COMPARATORS);
export type AlertComparator = z.infer<typeof alertComparatorSchema>;

const alertRuleFields = {
  name: bilingualTextSchema,
  target: alertRuleTargetSchema,
  comparator: alertComparatorSchema,
  /** For a no_data rule only whether `critical` is set counts: its stale alerts are critical if it is, warnings if not. */
  warning: z.number().finite().nullable(),
  critical: z.number().finite().nullable(),
  /** In the value's unit: an alert clears only once the value is back past threshold ∓ hysteresis. */
  hysteresis: z.number().min(0),
  /** The value must stay past the threshold this long before the alert is raised. */
  forSeconds: z.number().int().min(0).max(86_400),
  enabled: z.boolean(),
  /** Open (or join) an incident automatically when the alert reaches critical. */
  openIncident: z.boolean(),
  incidentCategory: reportCategorySchema.optional(),
};

export const alertRuleSchema = z.object({ id: z.uuid(), ...alertRuleFields, createdAt: isoDateTime, updatedAt: isoDateTime });
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** Create or replace a rule (PUT sends the whole rule). */
export const upsertAlertRuleRequestSchema = z
  .object(alertRuleFields)
  .refine(
    (rule) =>
      rule.target.kind === 'no_data' ||
      (rule.target.kind === 'device' && rule.target.thresholdsFromDevice === true) ||
      rule.warning !== null ||
      rule.critical !== null,
    {
      message: 'a threshold rule needs a warning or a critical threshold (or thresholdsFromDevice)',
      path: ['critical'],
    },
  );
export type UpsertAlertRuleRequest = z.infer<typeof upsertAlertRuleRequestSchema>;

export const alertRuleListSchema = z.object({ items: z.array(alertRuleSchema) });
export type AlertRuleList = z.infer<typeof alertRuleListSchema>;

// ---------------------------------------------------------------------------------------------
// Live topic `alerts`
// ---------------------------------------------------------------------------------------------

/** Snapshot of the `alerts` topic: the active (raised or acknowledged) alerts. */
export const liveAlertsSnapshotSchema = z.object({ alerts: z.array(alertSchema) });
export type LiveAlertsSnapshot = z.infer<typeof liveAlertsSnapshotSchema>;

/** Delta of the `alerts` topic: one alert as it is now (a cleared one leaves the active set). */
export const liveAlertDeltaSchema = z.object({ alert: alertSchema });
export type LiveAlertDelta = z.infer<typeof liveAlertDeltaSchema>;

/** Content type of the CAP documents and feed. */
export const CAP_CONTENT_TYPE = 'application/cap+xml; charset=utf-8';
export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
