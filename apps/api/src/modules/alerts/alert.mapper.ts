import type { Alert, AlertHistoryEntry, AlertKind, AlertRule, AlertSeverity, AlertState, Feed, ReportCategory, Zone } from '@mekong-ioc/shared';
import type { AlertHistoryEntity } from './alert-history.entity';
import type { AlertRuleEntity } from './alert-rule.entity';

/** An alerts row with the name of whoever acknowledged it, as ALERT_SELECT reads it. */
export interface AlertRow {
  id: string;
  rule_id: string | null;
  subject_key: string;
  kind: AlertKind;
  severity: AlertSeverity;
  state: AlertState;
  title_vi: string;
  title_en: string;
  detail_vi: string;
  detail_en: string;
  kpi_id: string | null;
  device_id: string | null;
  feed: Feed | null;
  metric: string | null;
  incident_id: string | null;
  lat: number | null;
  lon: number | null;
  zone: Zone | null;
  value: number | null;
  threshold: number | null;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  ack_comment: string | null;
  cleared_at: Date | null;
  updated_at: Date;
}

/** Every column of an alert and its acknowledger's name; `a` is alerts, `u` the acknowledging user. */
export const ALERT_SELECT = `
  SELECT a.*, u.display_name AS acknowledged_by_name
  FROM alerts a LEFT JOIN users u ON u.id = a.acknowledged_by`;

const iso = (date: Date | null): string | null => (date ? new Date(date).toISOString() : null);

export const toAlert = (row: AlertRow): Alert => ({
  id: row.id,
  ruleId: row.rule_id,
  kind: row.kind,
  severity: row.severity,
  state: row.state,
  title: { vi: row.title_vi, en: row.title_en },
  detail: { vi: row.detail_vi, en: row.detail_en },
  kpiId: row.kpi_id,
  deviceId: row.device_id,
  incidentId: row.incident_id,
  lat: row.lat,
  lon: row.lon,
  zone: row.zone,
  value: row.value,
  threshold: row.threshold,
  raisedAt: new Date(row.raised_at).toISOString(),
  acknowledgedAt: iso(row.acknowledged_at),
  acknowledgedBy: row.acknowledged_by ? { id: row.acknowledged_by, displayName: row.acknowledged_by_name ?? '' } : null,
  ackComment: row.ack_comment,
  clearedAt: iso(row.cleared_at),
  updatedAt: new Date(row.updated_at).toISOString(),
});

export const toAlertHistoryEntry = (entity: AlertHistoryEntity, actorName: string | null): AlertHistoryEntry => ({
  id: String(entity.id),
  alertId: entity.alertId,
  at: entity.at.toISOString(),
  action: entity.action,
  actor: entity.actorUserId ? { id: entity.actorUserId, displayName: actorName ?? entity.actorLabel ?? '' } : null,
  fromState: entity.fromState,
  toState: entity.toState,
  fromSeverity: entity.fromSeverity,
  toSeverity: entity.toSeverity,
  comment: entity.comment,
});

export const toAlertRule = (entity: AlertRuleEntity): AlertRule => ({
  id: entity.id,
  name: { vi: entity.nameVi, en: entity.nameEn },
  target: entity.target,
  comparator: entity.comparator,
  warning: entity.warning,
  critical: entity.critical,
  hysteresis: entity.hysteresis,
  forSeconds: entity.forSeconds,
  enabled: entity.enabled,
  openIncident: entity.openIncident,
  ...(entity.incidentCategory !== null && { incidentCategory: entity.incidentCategory as ReportCategory }),
  createdAt: entity.createdAt.toISOString(),
  updatedAt: entity.updatedAt.toISOString(),
});
