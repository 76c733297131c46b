import { Client } from 'pg';
import { ingestResultSchema } from '@mekong-ioc/shared';
import { testDevice } from '../../../test-support/devices';
import { describeIf, postgresAvailable } from '../../../test-support/services';
import { TcpProxy } from '../../../test-support/tcp-proxy';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, TestDatabase } from '../../../test-support/test-database';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';

const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';

/**
 * The database goes away for 10 s under load: every reading that got a 2xx must be in the database
 * afterwards, every other request must get a prompt 503 with Retry-After, and ingest must recover
 * by itself when the database is back.
 */
describeIf(postgresAvailable)('HTTP ingest while PostgreSQL is unreachable [postgres]', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let api: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const target = new URL(database.url ?? '');
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    target.host = `127.0.0.1:${await proxy.start()}`;
    // The production commit budget: this test is about how fast a 503 comes during an outage.
    api = await startTestApp({ kind: 'postgres', url: target.toString(), poolSize: 4, migrateOnStart: true }, { INGEST_COMMIT_TIMEOUT_MS: '1800' });
    const admin = await api.login('admin');
    const registered = await fetch(`${api.baseUrl}/api/devices/outage-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify(testDevice('outage-1', 'environment')),
    });
    expect(registered.status).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.stop();
    await database?.drop();
  });

  it('acknowledges only what it committed, answers 503 quickly meanwhile, and recovers', async () => {
    const acknowledged: string[] = [];
    const outcomes = { ok: 0, unavailable: 0, other: [] as number[] };
    let slowest503 = 0;
    let sequence = 0;
    const started = Date.now();
    const base = Date.now() - 20 * 60_000;

    const client = async () => {
      while (Date.now() - started < 16_000) {
        const batch = Array.from({ length: 25 }, () => {
          const observedAt = new Date(base + sequence++ * 10).toISOString();
          return { source: 'outage', deviceId: 'outage-1', metric: 'pm25', value: 12, unit: 'µg/m³', observedAt };
        });
        const sentAt = Date.now();
        const response = await fetch(`${api.baseUrl}/api/ingest/environment`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': SIM_KEY },
          body: JSON.stringify(batch),
        });
        if (response.status === 200) {
          const result = ingestResultSchema.parse(await response.json());
          expect(result.rejected).toEqual([]);
          acknowledged.push(...batch.map((reading) => reading.observedAt));
          outcomes.ok++;
        } else if (response.status === 503) {
          expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
          slowest503 = Math.max(slowest503, Date.now() - sentAt);
          outcomes.unavailable++;
          await response.text();
          await new Promise((resolve) => setTimeout(resolve, 100));
        } else {
          outcomes.other.push(response.status);
        }
      }
    };

    const cut = setTimeout(() => proxy.disconnect(), 3_000);
    const restore = setTimeout(() => proxy.reconnect(), 13_000);
    await Promise.all(Array.from({ length: 8 }, client));
    clearTimeout(cut);
    clearTimeout(restore);

    expect(outcomes.other).toEqual([]);
    expect(outcomes.unavailable).toBeGreaterThan(0);
    expect(slowest503).toBeLessThan(2_500);
    // It recovered: the last seconds of the run were stored again.
    const after = await fetch(`${api.baseUrl}/api/ingest/environment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': SIM_KEY },
      body: JSON.stringify([{ source: 'outage', deviceId: 'outage-1', metric: 'pm25', value: 1, unit: 'µg/m³', observedAt: new Date().toISOString() }]),
    });
    expect(after.status).toBe(200);

    const direct = new Client({ connectionString: database.url ?? '' });
    await direct.connect();
    const rows = await direct.query<{ observed_at: Date }>(`SELECT observed_at FROM readings WHERE source = 'outage'`);
    await direct.end();
    const stored = new Set(rows.rows.map((row) => row.observed_at.toISOString()));
    const lost = acknowledged.filter((observedAt) => !stored.has(observedAt));
    expect({ acknowledged: acknowledged.length > 1_000, lost }).toEqual({ acknowledged: true, lost: [] });
  }, 60_000);
});
