import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseConfig } from '../config/app-config';
import { describeIf, postgresAvailable, TEST_DATABASE_URL } from './services';

export type TestDatabaseKind = 'postgres' | 'pglite';

export interface TestDatabase {
  config: DatabaseConfig;
  /** Connection string of the database on the server (postgres only). */
  url: string | null;
  drop(): Promise<void>;
}

/** A database of its own for one suite: a fresh one on the server, or an in-memory PGlite. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') return { config: { kind: 'pglite', dataDir: null }, url: null, drop: async () => undefined };
  const name = `ioc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString(), poolSize: 5 },
    url: url.toString(),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Declares the same suite once per store: real PostgreSQL and embedded PGlite. */
export function describeEachDatabase(title: string, suite: (kind: TestDatabaseKind) => void): void {
  describeIf(postgresAvailable)(`${title} [postgres]`, () => suite('postgres'));
  describe(`${title} [pglite]`, () => suite('pglite'));
}
