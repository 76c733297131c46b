import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/app-config';
import { dataSourceOptions } from './data-source.factory';
import { TransactionRunner } from './transaction-runner';

/** Global: every module may run transactions through the one TransactionRunner. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.database),
          // Start even while the database is down; readiness reports it and the pool reconnects.
          retryAttempts: 0,
        }),
      ],
      providers: [TransactionRunner],
      exports: [TransactionRunner],
    };
  }
}
