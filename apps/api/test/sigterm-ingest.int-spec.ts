import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { describeIf, postgresAvailable } from '../src/test-support/services';
import { createTestDatabase, TestDatabase } from '../src/test-support/test-database';
import { DEMO_API_KEYS } from '../src/modules/demo/demo-fixtures';

const DIST = join(__dirname, '..', 'dist');

/** SIGTERM under ingest load: every reading that got a 200 is in the database after the exit. */
describeIf(postgresAvailable)('SIGTERM while ingesting [postgres]', () => {
  let database: TestDatabase;
  let child: ChildProcess;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await database?.drop();
  });

  it('commits what it acknowledged before it exits, and exits 0', async () => {
    child = spawn(process.execPath, [join(DIST, 'main.js')], {
      env: {
        PATH: process.env['PATH'] ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: database.url ?? '',
        MIGRATE_ON_START: 'true',
        DEMO_MODE: 'true',
        JWT_SECRET: 'sigterm-test-secret-0123456789abcdefghijkl',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    let baseUrl: string | undefined;
    while (!baseUrl && Date.now() < deadline) {
      baseUrl = /Web:\s+(http:\/\/localhost:\d+)/.exec(output)?.[1];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(baseUrl).toBeDefined();

    const direct = new Client({ connectionString: database.url ?? '' });
    await direct.connect();
    await direct.query(
      `INSERT INTO devices (id, feed, kind, name_vi, name_en, lat, lon, zone, group_id, expected_interval_seconds)
       VALUES ('term-1', 'environment', 'air', 'Trạm', 'Station', 10.355, 106.365, 'central', 'g', 60)`,
    );
    await new Promise((resolve) => setTimeout(resolve, 5_500)); // the registry notices new devices on a miss after 5 s

    const acknowledged: string[] = [];
    let sequence = 0;
    const base = Date.now() - 10 * 60_000;
    let stopping = false;
    const client = async () => {
      while (!stopping) {
        const batch = Array.from({ length: 200 }, () => ({
          source: 'term',
          deviceId: 'term-1',
          metric: 'pm25',
          value: 3,
          unit: 'µg/m³',
          observedAt: new Date(base + sequence++ * 5).toISOString(),
        }));
        try {
          const response = await fetch(`${baseUrl}/api/ingest/environment`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEYS[0]?.key ?? '' },
            body: JSON.stringify(batch),
          });
          if (response.status === 200) acknowledged.push(...batch.map((r) => r.observedAt));
          else await response.arrayBuffer();
        } catch {
          return; // the server has closed
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    stopping = true;
    await Promise.all(clients);

    const { rows } = await direct.query<{ observed_at: Date }>(`SELECT observed_at FROM readings WHERE source = 'term'`);
    await direct.end();
    const stored = new Set(rows.map((row) => row.observed_at.toISOString()));
    expect(acknowledged.length).toBeGreaterThan(1_000);
    expect(acknowledged.filter((observedAt) => !stored.has(observedAt))).toEqual([]);
    // A whole process start, load and shutdown: on a loaded 2-core CI box this takes far longer than alone (11 s).
  }, 120_000);
});
