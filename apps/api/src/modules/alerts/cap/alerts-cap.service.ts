import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { Clock } from '../../../infra/clock/clock';
import { AlertException } from '../alert.exception';
import { ALERT_SELECT, toAlert, type AlertRow } from '../alert.mapper';
import { buildCapAlert, buildCapAtomFeed, type CapAlertInput, type CapContext } from './cap-document.builder';

/** Cleared alerts stay in the feed this long, as Cancel messages, so a consumer that polls sees them end. */
const CANCELLED_KEPT_MS = 3_600_000;
const MAX_FEED_ENTRIES = 500;

/**
 * CAP 1.2 for other systems (provincial and national warning platforms). Only what the public may
 * know is published: threshold alerts (water level, air, salinity, KPIs), never device outages or
 * missed SLA deadlines, and never who acknowledged what or which incident an alert joined.
 */
@Injectable()
export class AlertsCapService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async document(id: string, apiBaseUrl: string): Promise<string> {
    const [row] = await this.dataSource.query<AlertRow[]>(`${ALERT_SELECT} WHERE a.id = $1 AND a.kind = 'threshold'`, [id]);
    if (!row) throw new AlertException('ALERT_NOT_FOUND', `No public alert has the id ${id}.`);
    return buildCapAlert(this.inputOf(row), this.contextOf(apiBaseUrl));
  }

  async feed(apiBaseUrl: string): Promise<string> {
    const now = this.clock.now();
    const rows = await this.dataSource.query<AlertRow[]>(
      `${ALERT_SELECT} WHERE a.kind = 'threshold' AND (a.state <> 'cleared' OR a.cleared_at >= $1) ORDER BY a.updated_at DESC, a.id LIMIT $2`,
      [new Date(now.getTime() - CANCELLED_KEPT_MS), MAX_FEED_ENTRIES],
    );
    return buildCapAtomFeed(rows.map((row) => this.inputOf(row)), this.contextOf(apiBaseUrl), now);
  }

  private inputOf(row: AlertRow): CapAlertInput {
    const alert = toAlert(row);
    // Internal handling stays internal.
    return { alert: { ...alert, acknowledgedBy: null, ackComment: null, incidentId: null }, feed: row.feed, metric: row.metric };
  }

  private contextOf(apiBaseUrl: string): CapContext {
    return {
      sender: this.config.alerts.capSender,
      senderName: { vi: 'Trung tâm Giám sát, điều hành đô thị thông minh thành phố Mỹ Tho', en: 'My Tho City Intelligent Operations Centre' },
      apiBaseUrl,
    };
  }
}
