import { Module } from '@nestjs/common';
import { KpisModule } from '../kpis/kpis.module';
import { KpiService } from '../kpis/kpi.service';
import { RealtimeModule } from '../realtime/realtime.module';
import { BriefingContentService } from './briefing-content.service';
import { BriefingDataService } from './briefing-data.service';
import { BriefingJobs } from './briefing-jobs.service';
import { BRIEFING_KPI_SOURCE } from './briefing-kpi-source';
import { BriefingScheduler } from './briefing-scheduler.service';
import { BriefingsController } from './briefings.controller';
import { BriefingsService } from './briefings.service';
import { BriefingCsvRenderer } from './renderers/briefing-csv.renderer';
import { BriefingPdfRenderer } from './renderers/briefing-pdf.renderer';
import { BriefingXlsxRenderer } from './renderers/briefing-xlsx.renderer';

/**
 * The weekly briefing (giao ban tuần): PDF, XLSX and CSV of an ISO week, made on request or every
 * Monday at 07:00, from the KPI service (the wall's numbers) and the incident and rollup tables.
 */
@Module({
  imports: [KpisModule, RealtimeModule],
  controllers: [BriefingsController],
  providers: [
    { provide: BRIEFING_KPI_SOURCE, useExisting: KpiService },
    BriefingContentService,
    BriefingCsvRenderer,
    BriefingDataService,
    BriefingJobs,
    BriefingPdfRenderer,
    BriefingScheduler,
    BriefingsService,
    BriefingXlsxRenderer,
  ],
  exports: [BriefingJobs],
})
export class BriefingsModule {}
