import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { KpiFactsRepository } from './kpi-facts.repository';
import { KpiLiveService } from './kpi-live.service';
import { KpiService } from './kpi.service';
import { KpisController } from './kpis.controller';

/**
 * KPIs: computed from the one-minute rollups and the incident tables by KpiService (REST, the
 * `kpis` live topic and the briefing all use it), kept live by KpiLiveService.
 */
@Module({
  imports: [IncidentsModule, IngestionModule, RealtimeModule],
  controllers: [KpisController],
  providers: [KpiFactsRepository, KpiService, KpiLiveService],
  exports: [KpiService],
})
export class KpisModule {}
