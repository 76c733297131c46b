import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ClockModule } from './infra/clock/clock';
import { DatabaseModule } from './infra/database/database.module';
import { ProblemDetailsFilter } from './infra/http/problem-details.filter';
import { StorageModule } from './infra/storage/storage.module';
import { AgenciesModule } from './modules/agencies/agencies.module';
import { AlertsModule } from './modules/alerts/alerts.module';
import { AuthModule } from './modules/auth/auth.module';
import { BriefingsModule } from './modules/briefings/briefings.module';
import { CitizenReportsModule } from './modules/citizen-reports/citizen-reports.module';
import { DemoModule } from './modules/demo/demo.module';
import { DispatchModule } from './modules/dispatch/dispatch.module';
import { HealthModule } from './modules/health/health.module';
import { IncidentsModule } from './modules/incidents/incidents.module';
import { IngestionModule } from './modules/ingestion/ingestion.module';
import { LiveLayersModule } from './modules/live-layers/live-layers.module';
import { MediaModule } from './modules/media/media.module';
import { MqttIngestModule } from './modules/ingestion/mqtt/mqtt-ingest.module';
import { RealtimeModule } from './modules/realtime/realtime.module';
import { KpisModule } from './modules/kpis/kpis.module';
import { SimulatorModule } from './modules/simulator/simulator.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot(config),
        StorageModule,
        AuthModule,
        AgenciesModule,
        HealthModule,
        IngestionModule,
        MediaModule,
        IncidentsModule,
        CitizenReportsModule,
        MqttIngestModule,
        RealtimeModule,
        KpisModule,
        BriefingsModule,
        AlertsModule,
        LiveLayersModule,
        SimulatorModule,
        DemoModule,
        DispatchModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
