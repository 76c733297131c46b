import { Injectable } from '@nestjs/common';
import type { AckAlertRequest, Alert, AlertDetail, AlertIncidentResponse, AlertListQuery, ReportCategory } from '@mekong-ioc/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../infra/clock/clock';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import type { UserPrincipal } from '../auth/principal';
import { IncidentIntakeService } from '../incidents/incident-intake.service';
import { OperationLedger } from '../realtime/operation-ledger.service';
import { AlertHistoryEntity } from './alert-history.entity';
import { AlertLifecycleService, type AlertActor } from './alert-lifecycle.service';
import { AlertRuleEntity } from './alert-rule.entity';
import { AlertException } from './alert.exception';
import { ALERT_SELECT, toAlert, toAlertHistoryEntry, type AlertRow } from './alert.mapper';

/** The incident category an alert opens when its rule names none. */
const METRIC_CATEGORY: Record<string, ReportCategory> = {
  water_level: 'flooding',
  rainfall: 'flooding',
  water_on_road: 'flooding',
  smoke_fire: 'fire',
  pm25: 'waste_environment',
  pm10: 'waste_environment',
  salinity: 'waste_environment',
  noise: 'public_order',
  crowd: 'public_order',
  occupancy: 'traffic_violation',
};

/**
 * Reading and handling alerts: the list and history, acknowledgement (once per operation id,
 * however often the client retries), and opening or joining an incident from an alert.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly lifecycle: AlertLifecycleService,
    private readonly ledger: OperationLedger,
    private readonly intake: IncidentIntakeService,
    private readonly clock: Clock,
  ) {}

  async list(query: AlertListQuery): Promise<Alert[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (query.state === 'active') conditions.push(`a.state <> 'cleared'`);
    if (query.since) {
      parameters.push(new Date(query.since));
      conditions.push(`a.updated_at >= $${parameters.length}`);
    }
    parameters.push(query.limit);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.dataSource.query<AlertRow[]>(`${ALERT_SELECT} ${where} ORDER BY a.raised_at DESC, a.id LIMIT $${parameters.length}`, parameters);
    return rows.map(toAlert);
  }

  async detail(id: string): Promise<AlertDetail> {
    const [row] = await this.dataSource.query<AlertRow[]>(`${ALERT_SELECT} WHERE a.id = $1`, [id]);
    if (!row) throw new AlertException('ALERT_NOT_FOUND', `No alert has the id ${id}.`);
    const history = await this.dataSource.getRepository(AlertHistoryEntity).find({ where: { alertId: id }, order: { id: 'ASC' } });
    const actorIds = [...new Set(history.map((entry) => entry.actorUserId).filter((userId): userId is string => userId !== null))];
    const names = new Map(
      actorIds.length === 0
        ? []
        : (await this.dataSource.query<{ id: string; display_name: string }[]>(`SELECT id, display_name FROM users WHERE id = ANY($1)`, [actorIds])).map((u) => [u.id, u.display_name]),
    );
    return { ...toAlert(row), history: history.map((entry) => toAlertHistoryEntry(entry, entry.actorUserId ? (names.get(entry.actorUserId) ?? null) : null)) };
  }

  /**
   * raised → acknowledged. A retry of the same operation (same user, same `opId`) answers with the
   * alert as it is and changes nothing: the ledger stops it on any instance, and the history's
   * unique (alert, opId) stops it should the ledger have forgotten.
   */
  async acknowledge(id: string, request: AckAlertRequest, user: UserPrincipal): Promise<Alert> {
    const firstClaim = await this.ledger.claim(user.userId, request.opId);
    const result = await this.transactions.run(async (manager) => {
      const row = await this.lockedRow(manager, id);
      const [done] = await manager.query<{ id: string }[]>(`SELECT id FROM alert_history WHERE alert_id = $1 AND op_id = $2`, [id, request.opId]);
      if (done || !firstClaim) return { alert: toAlert(row), changed: false };
      if (row.state === 'cleared') throw new AlertException('ALERT_NOT_ACTIVE', 'The alert has already cleared.', { current: toAlert(row) });
      if (row.state === 'acknowledged') {
        throw new AlertException('ALERT_ALREADY_ACKNOWLEDGED', 'Someone has already acknowledged this alert.', { current: toAlert(row) });
      }
      const actor = { userId: user.userId, label: user.username };
      return { alert: await this.lifecycle.acknowledgeIn(manager, row, actor, request.comment, request.opId), changed: true };
    });
    if (result.changed) this.lifecycle.publish(result.alert);
    return result.alert;
  }

  /**
   * Opens an incident at the alert's place (source `sensor_alert`), or joins the open incident of
   * the same category nearby, and links the alert to it. An alert already linked answers with its
   * incident (`joined: true`).
   */
  async openIncident(id: string, actor: AlertActor & { role: string; requestId: string | null }): Promise<{ response: AlertIncidentResponse; created: boolean }> {
    const result = await this.transactions.run(async (manager) => {
      const row = await this.lockedRow(manager, id);
      if (row.incident_id) return { response: { joined: true, incidentId: row.incident_id, alert: toAlert(row) }, changed: false };
      const linked = await this.openIncidentIn(manager, row, actor);
      return { response: linked, changed: true };
    });
    if (result.changed) this.lifecycle.publish(result.response.alert);
    return { response: result.response, created: result.changed };
  }

  /** Inside the caller's transaction: intake at the alert's place and the link. */
  async openIncidentIn(manager: EntityManager, row: AlertRow, actor: AlertActor & { role: string; requestId: string | null }): Promise<AlertIncidentResponse> {
    if (row.lat === null || row.lon === null) {
      throw new AlertException('ALERT_HAS_NO_LOCATION', 'This alert has no place (a city-wide KPI or a whole feed): open an incident by hand where it is needed.');
    }
    const category = await this.categoryOf(manager, row);
    const intake = await this.intake.intake(manager, {
      source: 'sensor_alert',
      category,
      lat: row.lat,
      lon: row.lon,
      receivedAt: this.clock.now(),
      description: `${row.title_vi}. ${row.detail_vi}`,
      photoIds: [],
      sourceRef: row.id,
      ...(row.severity === 'critical' && category !== 'fire' && { priority: 'P2' as const }),
      actor: { userId: actor.userId, role: actor.role, label: actor.label, requestId: actor.requestId },
    });
    const alert = await this.lifecycle.linkIncidentIn(manager, row, intake.incidentId, actor, intake.joined);
    return { joined: intake.joined, incidentId: intake.incidentId, alert };
  }

  private async categoryOf(manager: EntityManager, row: AlertRow): Promise<ReportCategory> {
    if (row.rule_id) {
      const rule = await manager.getRepository(AlertRuleEntity).findOneBy({ id: row.rule_id });
      if (rule?.incidentCategory) return rule.incidentCategory;
    }
    return (row.metric ? METRIC_CATEGORY[row.metric] : undefined) ?? 'other';
  }

  private async lockedRow(manager: EntityManager, id: string): Promise<AlertRow> {
    const row = await this.lifecycle.findRow(manager, id, true);
    if (!row) throw new AlertException('ALERT_NOT_FOUND', `No alert has the id ${id}.`);
    return row;
  }
}
