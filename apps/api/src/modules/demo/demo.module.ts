import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AuthModule } from '../auth/auth.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [AgenciesModule, AuthModule], providers: [DemoSeedService] })
export class DemoModule {}
