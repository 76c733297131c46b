import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { IncidentsModule } from '../incidents/incidents.module';
import { DeviceEntity } from '../ingestion/device.entity';
import { IngestionModule } from '../ingestion/ingestion.module';
import { KpisModule } from '../kpis/kpis.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { AlertHistoryEntity } from './alert-history.entity';
import { AlertLiveActionsService } from './alert-live-actions.service';
import { AlertLifecycleService } from './alert-lifecycle.service';
import { AlertRuleEntity } from './alert-rule.entity';
import { AlertRulesController } from './alert-rules.controller';
import { AlertRulesService } from './alert-rules.service';
import { AlertEntity } from './alert.entity';
import { AlertsController } from './alerts.controller';
import { AlertsLiveGateway } from './alerts-live.gateway';
import { AlertsService } from './alerts.service';
import { AlertsCapDocumentController, AlertsCapFeedController } from './cap/alerts-cap.controller';
import { AlertsCapService } from './cap/alerts-cap.service';
import { DEMO_ALERT_RULES } from './demo-alert-rules';
import { DeviceDirectory } from './device-directory.provider';
import { KpiAlertsPoller } from './kpi-alerts.poller';
import { NoDataMonitorService } from './no-data-monitor.service';
import { SlaAlertsListener } from './sla-alerts.listener';
import { ThresholdAlertsService } from './threshold-alerts.service';

/** In demo mode, the default rules exist (idempotent: seeded rules are found by their seed key). */
@Injectable()
class DemoAlertRulesSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoAlertRulesSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rules: AlertRulesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoMode) return;
    const created = await this.rules.ensureSeeded(DEMO_ALERT_RULES);
    if (created > 0) this.logger.log(`Demo alert rules created: ${created}`);
  }
}

/**
 * Alerts: threshold rules per device and per KPI (with hysteresis), no-data rules, SLA breaches;
 * lifecycle raised → acknowledged → cleared with history; live on the `alerts` topic; CAP 1.2 out.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AlertRuleEntity, AlertEntity, AlertHistoryEntity, DeviceEntity]), IncidentsModule, IngestionModule, KpisModule, RealtimeModule],
  controllers: [AlertsController, AlertRulesController, AlertsCapFeedController, AlertsCapDocumentController],
  providers: [
    AlertLifecycleService,
    AlertLiveActionsService,
    AlertRulesService,
    AlertsService,
    AlertsCapService,
    AlertsLiveGateway,
    DemoAlertRulesSeeder,
    DeviceDirectory,
    KpiAlertsPoller,
    NoDataMonitorService,
    SlaAlertsListener,
    ThresholdAlertsService,
  ],
  exports: [AlertsService, AlertLifecycleService, AlertRulesService],
})
export class AlertsModule {}
