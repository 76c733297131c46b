import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { ReadingPartitionsService } from '../reading-partitions.service';

const DAY = 86_400_000;
const dayName = (time: number) => new Date(time).toISOString().slice(0, 10).replaceAll('-', '');

describeEachDatabase('reading partitions and retention', (kind) => {
  let database: TestDatabase;
  let api: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config, { READINGS_RETENTION_DAYS: '7' });
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  const partitions = async () =>
    (
      await db.query<{ name: string }[]>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'readings' ORDER BY 1`,
      )
    ).map((row) => row.name);

  it('keeps a partition per day from yesterday to two days ahead', async () => {
    const today = Math.floor(Date.now() / DAY) * DAY;
    expect(await partitions()).toEqual(
      expect.arrayContaining([-1, 0, 1, 2].map((offset) => `readings_p${dayName(today + offset * DAY)}`).concat('readings_default')),
    );
  });

  it('drops raw readings past the retention period and keeps their rollups', async () => {
    const old = Math.floor(Date.now() / DAY) * DAY - 10 * DAY;
    const name = `readings_p${dayName(old)}`;
    await db.query(
      `CREATE TABLE ${name} PARTITION OF readings FOR VALUES FROM ('${new Date(old).toISOString()}') TO ('${new Date(old + DAY).toISOString()}')`,
    );
    await db.query(`INSERT INTO readings (source, device_id, metric, observed_at, value) VALUES ('t', 'd', 'pm25', $1, 5)`, [new Date(old + 3_600_000).toISOString()]);
    await db.query(
      `INSERT INTO reading_rollups_1m (device_id, metric, bucket, count, min, max, sum, last_value, last_observed_at) VALUES ('d', 'pm25', $1, 1, 5, 5, 5, 5, $1)`,
      [new Date(old + 3_600_000).toISOString()],
    );

    const { dropped } = await api.app.get(ReadingPartitionsService).maintain();
    expect(dropped).toEqual([name]);
    expect(await partitions()).not.toContain(name);
    expect((await db.query(`SELECT count(*)::int AS n FROM readings WHERE device_id = 'd'`))[0].n).toBe(0);
    expect((await db.query(`SELECT count(*)::int AS n FROM reading_rollups_1m WHERE device_id = 'd'`))[0].n).toBe(1);
  });

  it('files each reading into its day, leaving the default partition empty', async () => {
    await db.query(`INSERT INTO readings (source, device_id, metric, observed_at, value) VALUES ('t', 'e', 'pm25', now(), 1)`);
    expect((await db.query(`SELECT count(*)::int AS n FROM readings_default`))[0].n).toBe(0);
  });
});
