import type { DataSource } from 'typeorm';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { createDataSource } from '../data-source.factory';
import { MIGRATIONS } from '../migrations';

const tablesOf = async (dataSource: DataSource): Promise<string[]> =>
  (
    await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`,
    )
  ).map((row) => row.table_name);

describeEachDatabase('migrations', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await createDataSource(database.config).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('run up, all the way down, and up again', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await tablesOf(dataSource)).toEqual(expect.arrayContaining(['agencies', 'api_keys', 'dead_letters', 'devices', 'reading_rollups_1m', 'readings', 'refresh_tokens', 'users']));

    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tablesOf(dataSource)).toEqual([]);

    expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength(MIGRATIONS.length);
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('give every entity the tables and columns it maps', async () => {
    // Checks, foreign keys and partial indexes live in migrations only; TypeORM would drop them, and
    // that is all it may want to change. A missing table or a column of the wrong type shows here.
    const pending = await dataSource.driver.createSchemaBuilder().log();
    const structural = pending.upQueries
      .map((query) => query.query)
      .filter((query) => !/DROP CONSTRAINT|DROP INDEX/.test(query));
    expect(structural).toEqual([]);
  });

  it('enforce the rules in the database itself', async () => {
    await expect(
      dataSource.query(`INSERT INTO users (username, display_name, password_hash, role) VALUES ('x1', 'X', 'h', 'responder')`),
    ).rejects.toThrow(/users_responder_has_agency/);
    await expect(
      dataSource.query(`INSERT INTO users (username, display_name, password_hash, role) VALUES ('Upper', 'X', 'h', 'admin')`),
    ).rejects.toThrow(/check constraint/);
  });
});
