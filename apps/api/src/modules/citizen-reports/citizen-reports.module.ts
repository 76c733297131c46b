import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { MediaModule } from '../media/media.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { CitizenReportEntity } from './citizen-report.entity';
import { CitizenReportsService } from './citizen-reports.service';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyService } from './idempotency.service';
import { Open311Controller } from './open311/open311.controller';
import { Open311Service } from './open311/open311.service';
import { ReportFormService } from './report-form.service';
import { ClientIpRateLimitGuard, ReportRateLimiter, reportRateLimitsProvider } from './report-rate-limiter.provider';
import { ReportsController, TrackingController } from './reports.controller';

@Module({
  imports: [TypeOrmModule.forFeature([CitizenReportEntity, IdempotencyKeyEntity]), AuthModule, IncidentsModule, MediaModule, RealtimeModule],
  controllers: [Open311Controller, ReportsController, TrackingController],
  providers: [
    CitizenReportsService,
    IdempotencyService,
    Open311Service,
    ReportFormService,
    ReportRateLimiter,
    ClientIpRateLimitGuard,
    reportRateLimitsProvider,
  ],
  exports: [CitizenReportsService],
})
export class CitizenReportsModule {}
