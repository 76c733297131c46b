import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AuthModule } from '../auth/auth.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [AgenciesModule, AuthModule, IngestionModule], providers: [DemoSeedService] })
export class DemoModule {}
