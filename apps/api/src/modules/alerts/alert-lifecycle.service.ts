import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Alert, AlertHistoryAction, AlertKind, AlertSeverity, AlertState, BilingualText, Feed, LiveAlertDelta, LiveAlertsSnapshot, Zone } from '@mekong-ioc/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../infra/clock/clock';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { LivePublisher } from '../realtime/live-publisher.service';
import { ALERT_SELECT, toAlert, type AlertRow } from './alert.mapper';

/** What a raised alert is about and what it says; `subjectKey` names the subject (one active alert each). */
export interface RaiseAlertInput {
  subjectKey: string;
  ruleId: string | null;
  kind: AlertKind;
  severity: AlertSeverity;
  title: BilingualText;
  detail: BilingualText;
  kpiId?: string | null;
  deviceId?: string | null;
  feed?: Feed | null;
  metric?: string | null;
  incidentId?: string | null;
  lat: number | null;
  lon: number | null;
  zone: Zone | null;
  value: number | null;
  threshold: number | null;
}

export interface EscalateAlertInput {
  severity: AlertSeverity;
  title: BilingualText;
  detail: BilingualText;
  value: number | null;
  threshold: number | null;
}

/** Who changed an alert; null user: the system (a rule, the SLA monitor). */
export interface AlertActor {
  userId: string | null;
  label: string;
}

export const SYSTEM_ACTOR: AlertActor = { userId: null, label: 'Hệ thống cảnh báo' };

const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

interface HistoryInput {
  alertId: string;
  action: AlertHistoryAction;
  actor: AlertActor;
  fromState: AlertState | null;
  toState: AlertState;
  fromSeverity: AlertSeverity | null;
  toSeverity: AlertSeverity;
  comment?: string | null;
  opId?: string | null;
}

/**
 * The one place alerts are written: raise, escalate, clear, acknowledge, link to an incident. Each
 * change commits with its history row and then goes out at once on the `alerts` topic (deltas are
 * never coalesced). Subjects keep one active alert each, enforced by the database, so two
 * instances evaluating the same subject raise it once between them.
 */
@Injectable()
export class AlertLifecycleService implements OnModuleInit {
  private readonly logger = new Logger(AlertLifecycleService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly publisher: LivePublisher,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.publisher.setSnapshot('alerts', async (): Promise<LiveAlertsSnapshot> => ({ alerts: await this.active() }));
  }

  /** Raised and acknowledged alerts, newest first. */
  async active(manager?: EntityManager): Promise<Alert[]> {
    const run = (m: EntityManager) => m.query<AlertRow[]>(`${ALERT_SELECT} WHERE a.state <> 'cleared' ORDER BY a.raised_at DESC, a.id`);
    const rows = manager ? await run(manager) : await this.transactions.run(run);
    return rows.map(toAlert);
  }

  /** The active alert of each of these subjects, by subject key. */
  async activeBySubject(manager: EntityManager, subjectKeys: string[]): Promise<Map<string, AlertRow>> {
    if (subjectKeys.length === 0) return new Map();
    const rows = await manager.query<AlertRow[]>(`${ALERT_SELECT} WHERE a.state <> 'cleared' AND a.subject_key = ANY($1)`, [subjectKeys]);
    return new Map(rows.map((row) => [row.subject_key, row]));
  }

  async findRow(manager: EntityManager, id: string, lock = false): Promise<AlertRow | null> {
    if (lock) await manager.query(`SELECT id FROM alerts WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await manager.query<AlertRow[]>(`${ALERT_SELECT} WHERE a.id = $1`, [id]);
    return row ?? null;
  }

  /** Raises an alert unless its subject already has an active one; returns the new alert, or null. */
  async raise(input: RaiseAlertInput): Promise<Alert | null> {
    const alert = await this.transactions.run((manager) => this.raiseIn(manager, input));
    if (alert) this.publish(alert);
    return alert;
  }

  async raiseIn(manager: EntityManager, input: RaiseAlertInput): Promise<Alert | null> {
    const now = this.clock.now();
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO alerts (rule_id, subject_key, kind, severity, state, title_vi, title_en, detail_vi, detail_en, kpi_id, device_id, feed, metric,
                           incident_id, lat, lon, zone, value, threshold, raised_at, updated_at)
       VALUES ($1, $2, $3, $4, 'raised', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)
       ON CONFLICT (subject_key) WHERE state <> 'cleared' DO NOTHING
       RETURNING id`,
      [
        input.ruleId,
        input.subjectKey,
        input.kind,
        input.severity,
        input.title.vi,
        input.title.en,
        input.detail.vi,
        input.detail.en,
        input.kpiId ?? null,
        input.deviceId ?? null,
        input.feed ?? null,
        input.metric ?? null,
        input.incidentId ?? null,
        input.lat,
        input.lon,
        input.zone,
        input.value,
        input.threshold,
        now,
      ],
    );
    const id = inserted[0]?.id;
    if (!id) return null;
    await this.history(manager, now, {
      alertId: id,
      action: 'raised',
      actor: SYSTEM_ACTOR,
      fromState: null,
      toState: 'raised',
      fromSeverity: null,
      toSeverity: input.severity,
    });
    return this.reread(manager, id);
  }

  /** Raises the subject's active alert to a worse severity; a no-op (null) when it is not worse or none is active. */
  async escalate(subjectKey: string, input: EscalateAlertInput): Promise<Alert | null> {
    const alert = await this.transactions.run(async (manager) => {
      const row = (await this.activeBySubject(manager, [subjectKey])).get(subjectKey);
      if (!row || SEVERITY_RANK[input.severity] <= SEVERITY_RANK[row.severity]) return null;
      const now = this.clock.now();
      await manager.query(
        `UPDATE alerts SET severity = $2, title_vi = $3, title_en = $4, detail_vi = $5, detail_en = $6, value = $7, threshold = $8, updated_at = $9
         WHERE id = $1`,
        [row.id, input.severity, input.title.vi, input.title.en, input.detail.vi, input.detail.en, input.value, input.threshold, now],
      );
      await this.history(manager, now, {
        alertId: row.id,
        action: 'escalated',
        actor: SYSTEM_ACTOR,
        fromState: row.state,
        toState: row.state,
        fromSeverity: row.severity,
        toSeverity: input.severity,
      });
      return this.reread(manager, row.id);
    });
    if (alert) this.publish(alert);
    return alert;
  }

  /** Clears the active alert of each subject given; returns the alerts cleared. */
  async clear(subjectKeys: string[], comment: string, actor: AlertActor = SYSTEM_ACTOR): Promise<Alert[]> {
    const alerts = await this.transactions.run(async (manager) => {
      const rows = [...(await this.activeBySubject(manager, subjectKeys)).values()];
      return Promise.all(rows.map((row) => this.clearRow(manager, row, comment, actor)));
    });
    for (const alert of alerts) this.publish(alert);
    return alerts;
  }

  /** Clears every active alert matching a condition on `alerts a` (e.g. of a deleted rule, of a resolved incident). */
  async clearWhere(where: string, parameters: unknown[], comment: string, actor: AlertActor = SYSTEM_ACTOR): Promise<Alert[]> {
    const alerts = await this.transactions.run(async (manager) => {
      const rows = await manager.query<AlertRow[]>(`${ALERT_SELECT} WHERE a.state <> 'cleared' AND (${where})`, parameters);
      const cleared: Alert[] = [];
      for (const row of rows) cleared.push(await this.clearRow(manager, row, comment, actor));
      return cleared;
    });
    for (const alert of alerts) this.publish(alert);
    return alerts;
  }

  private async clearRow(manager: EntityManager, row: AlertRow, comment: string, actor: AlertActor): Promise<Alert> {
    const now = this.clock.now();
    await manager.query(`UPDATE alerts SET state = 'cleared', cleared_at = $2, updated_at = $2 WHERE id = $1`, [row.id, now]);
    await this.history(manager, now, {
      alertId: row.id,
      action: 'cleared',
      actor,
      fromState: row.state,
      toState: 'cleared',
      fromSeverity: row.severity,
      toSeverity: row.severity,
      comment,
    });
    return this.reread(manager, row.id);
  }

  /** Marks a locked, raised alert acknowledged (the caller checked it may be). */
  async acknowledgeIn(manager: EntityManager, row: AlertRow, actor: AlertActor & { userId: string }, comment: string, opId: string): Promise<Alert> {
    const now = this.clock.now();
    await manager.query(
      `UPDATE alerts SET state = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3, ack_comment = $4, updated_at = $2 WHERE id = $1`,
      [row.id, now, actor.userId, comment],
    );
    await this.history(manager, now, {
      alertId: row.id,
      action: 'acknowledged',
      actor,
      fromState: row.state,
      toState: 'acknowledged',
      fromSeverity: row.severity,
      toSeverity: row.severity,
      comment,
      opId,
    });
    return this.reread(manager, row.id);
  }

  async linkIncidentIn(manager: EntityManager, row: AlertRow, incidentId: string, actor: AlertActor, joined: boolean): Promise<Alert> {
    const now = this.clock.now();
    await manager.query(`UPDATE alerts SET incident_id = $2, updated_at = $3 WHERE id = $1`, [row.id, incidentId, now]);
    await this.history(manager, now, {
      alertId: row.id,
      action: 'incident_linked',
      actor,
      fromState: row.state,
      toState: row.state,
      fromSeverity: row.severity,
      toSeverity: row.severity,
      comment: `${joined ? 'joined' : 'opened'} incident ${incidentId}`,
    });
    return this.reread(manager, row.id);
  }

  /** Sends a committed change to every client of the `alerts` topic, at once. */
  publish(alert: Alert): void {
    const delta: LiveAlertDelta = { alert };
    void this.publisher
      .publish('alerts', delta)
      .catch((error: unknown) => this.logger.warn(`alert ${alert.id} not published live: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async reread(manager: EntityManager, id: string): Promise<Alert> {
    const row = await this.findRow(manager, id);
    if (!row) throw new Error(`alert ${id} vanished inside its own transaction`);
    return toAlert(row);
  }

  private async history(manager: EntityManager, at: Date, entry: HistoryInput): Promise<void> {
    await manager.query(
      `INSERT INTO alert_history (alert_id, at, action, actor_user_id, actor_label, from_state, to_state, from_severity, to_severity, comment, op_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [entry.alertId, at, entry.action, entry.actor.userId, entry.actor.label, entry.fromState, entry.toState, entry.fromSeverity, entry.toSeverity, entry.comment ?? null, entry.opId ?? null],
    );
  }
}
