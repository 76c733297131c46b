import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { KpiId } from '@mekong-ioc/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { KpiService } from '../kpis/kpi.service';
import { PublisherElection } from '../realtime/publisher-election.service';
import { AlertRulesService } from './alert-rules.service';
import { ThresholdAlertsService } from './threshold-alerts.service';

/**
 * KPI rules: the KPIs some enabled rule watches are computed (over each KPI's own window, through
 * the same KpiService as REST and the `kpis` topic) and applied to their rules, periodically, by the
 * elected publisher. A KPI moves with its window, so a period of seconds is timely enough.
 */
@Injectable()
export class KpiAlertsPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(KpiAlertsPoller.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kpis: KpiService,
    private readonly rules: AlertRulesService,
    private readonly thresholds: ThresholdAlertsService,
    private readonly election: PublisherElection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.alerts.checkIntervalMs;
    if (interval <= 0) return;
    this.timer = setInterval(() => {
      if (!this.election.isLeader()) return;
      this.running = this.checkNow().catch((error: unknown) => this.logger.warn(`KPI rules not checked: ${String(error)}`));
    }, interval);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async checkNow(): Promise<void> {
    const ids = [...new Set(this.rules.enabled().flatMap((rule) => (rule.target.kind === 'kpi' ? [rule.target.kpiId as KpiId] : [])))];
    if (ids.length === 0) return;
    await this.thresholds.evaluateKpis(await this.kpis.compute({ ids }));
  }
}
