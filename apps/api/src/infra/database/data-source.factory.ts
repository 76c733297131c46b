import { mkdirSync } from 'node:fs';
import { DataSource, DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import type { DatabaseConfig } from '../../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * One place decides between embedded PGlite and a PostgreSQL server. Both use TypeORM's postgres
 * dialect, the same entities and the same migrations; only the connection differs.
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // The schema is owned by migrations, everywhere, tests included.
    synchronize: false,
    migrationsRun: database.migrateOnStart ?? false,
    migrationsTransactionMode: 'each' as const,
    // gen_random_uuid() is built in since PostgreSQL 13 (and in PGlite); no extension to install.
    installExtensions: false,
  };
  if (database.kind === 'pglite') {
    if (database.dataDir) mkdirSync(database.dataDir, { recursive: true });
    const options = database.dataDir ? { dataDir: database.dataDir } : {};
    return { ...common, driver: new PGliteDriver(options).driver };
  }
  return {
    ...common,
    url: database.url,
    extra: {
      max: database.poolSize,
      // Fail fast when the server is gone, so readiness and requests answer instead of hanging.
      connectionTimeoutMillis: 2_000,
      idleTimeoutMillis: 30_000,
    },
  };
}

export const createDataSource = (database: DatabaseConfig): DataSource => new DataSource(dataSourceOptions(database));
