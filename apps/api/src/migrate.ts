import 'reflect-metadata';
import { ConfigError, loadDatabaseConfig } from './config/app-config';
import { createDataSource } from './infra/database/data-source.factory';

/** `node dist/migrate.js [up|down]`: the one-shot migration step of `npm start` and deployments. */
async function migrate(direction: string): Promise<void> {
  const dataSource = await createDataSource(loadDatabaseConfig(process.env)).initialize();
  try {
    if (direction === 'down') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('Reverted the last migration.\n');
    } else {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(
        applied.length ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n` : 'Database schema is up to date.\n',
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

migrate(process.argv[2] ?? 'up').catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Migration failed: ${String(error)}\n`);
  process.exit(1);
});
