import { DataSource } from 'typeorm';
import { ingestResultSchema, problemSchema, rollupSchema, type Session } from '@mekong-ioc/shared';
import { testDevice } from '../../../test-support/devices';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';
import { ReadingWriter } from '../reading-writer.provider';

const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';
const REPORT_KEY = DEMO_API_KEYS[1]?.key ?? '';
const MINUTE = 60_000;

/** A minute boundary a few minutes ago, so tests stay inside the accepted window. */
const recentMinute = (minutesAgo: number): number => Math.floor((Date.now() - minutesAgo * MINUTE) / MINUTE) * MINUTE;

const pm25 = (deviceId: string, at: number, value: number) => ({
  source: 'test',
  deviceId,
  metric: 'pm25',
  value,
  unit: 'µg/m³',
  observedAt: new Date(at).toISOString(),
});

describeEachDatabase('HTTP ingest', (kind) => {
  let database: TestDatabase;
  let api: TestApp;
  let admin: Session;

  const ingest = (feed: string, body: unknown, key = SIM_KEY, contentType = 'application/json') =>
    fetch(`${api.baseUrl}/api/ingest/${feed}`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-api-key': key },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const asAdmin = (path: string, init: RequestInit = {}) =>
    fetch(`${api.baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}`, ...init.headers },
    });
  const register = async (id: string, feed: 'environment' | 'traffic') =>
    expect((await asAdmin(`/api/devices/${id}`, { method: 'PUT', body: JSON.stringify(testDevice(id, feed)) })).status).toBe(200);
  const rollupsOf = async (deviceId: string, from: number, to: number) =>
    rollupSchema.array().parse(
      await (
        await asAdmin(
          `/api/readings/rollups?deviceId=${deviceId}&metric=pm25&from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`,
        )
      ).json(),
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config);
    admin = await api.login('admin');
    for (const id of ['aq-1', 'aq-2', 'aq-3', 'aq-4', 'aq-5']) await register(id, 'environment');
    await register('trf-1', 'traffic');
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('stores a batch once, however many times it is sent', async () => {
    const batch = [0, 1, 2, 3].map((i) => pm25('aq-1', recentMinute(10) + i * 15_000, 10 + i));
    const first = ingestResultSchema.parse(await (await ingest('environment', batch)).json());
    expect(first).toEqual({ stored: [0, 1, 2, 3], duplicates: [], rejected: [] });
    for (let resend = 0; resend < 2; resend++) {
      const again = await ingest('environment', batch);
      expect(again.status).toBe(200);
      expect(ingestResultSchema.parse(await again.json())).toEqual({ stored: [], duplicates: [0, 1, 2, 3], rejected: [] });
    }
    const [rollup] = await rollupsOf('aq-1', recentMinute(10), recentMinute(9));
    expect(rollup).toMatchObject({ count: 4, min: 10, max: 13, sum: 46, last: 13 });
  });

  it('gives the same rollups for shuffled and late readings as for readings in order', async () => {
    const start = recentMinute(60);
    // Twelve minutes of readings every 7 s with awkward fractional values.
    const readings = Array.from({ length: 12 * 60 / 7 }, (_, i) => ({ at: start + i * 7_000, value: Math.round((Math.sin(i) * 40 + 50) * 1000) / 1000 + 0.1 }));
    for (let i = 0; i < readings.length; i += 20) {
      await ingest('environment', readings.slice(i, i + 20).map((r) => pm25('aq-2', r.at, r.value)));
    }
    // The same readings for another device: shuffled, in odd batch sizes, the oldest arriving last.
    const shuffled = [...readings].sort((a, b) => ((a.at * 7919) % 1009) - ((b.at * 7919) % 1009));
    const late = shuffled.filter((r) => r.at < start + 3 * MINUTE);
    const onTime = shuffled.filter((r) => r.at >= start + 3 * MINUTE);
    for (let i = 0; i < onTime.length; i += 13) await ingest('environment', onTime.slice(i, i + 13).map((r) => pm25('aq-3', r.at, r.value)));
    for (let i = 0; i < late.length; i += 5) await ingest('environment', late.slice(i, i + 5).map((r) => pm25('aq-3', r.at, r.value)));

    const inOrder = await rollupsOf('aq-2', start, start + 13 * MINUTE);
    const outOfOrder = await rollupsOf('aq-3', start, start + 13 * MINUTE);
    expect(inOrder).toHaveLength(12);
    expect(outOfOrder.map(({ deviceId: _, ...rest }) => rest)).toEqual(inOrder.map(({ deviceId: _, ...rest }) => rest));
    expect(inOrder[0]?.count).toBe(readings.filter((r) => r.at < start + MINUTE).length);
  });

  it('rejects readings from the future, from too long ago, of unknown devices and of the wrong shape, and says why', async () => {
    const now = Date.now();
    const response = await ingest('environment', [
      pm25('aq-4', now - MINUTE, 20),
      pm25('aq-4', now + 10 * MINUTE, 20),
      pm25('aq-4', now - 25 * 60 * MINUTE, 20),
      pm25('nobody', now - MINUTE, 20),
      pm25('trf-1', now - MINUTE, 20),
      { ...pm25('aq-4', now - 2 * MINUTE, 20), unit: 'mg/m³' },
      { ...pm25('aq-4', now - 2 * MINUTE, 20), value: -5 },
      { ...pm25('aq-4', now - 2 * MINUTE, 20), metric: 'vehicle_count' },
      { ...pm25('aq-4', now - 2 * MINUTE, 20), observedAt: '2026-11-26 08:00' },
      { ...pm25('aq-4', now - 2 * MINUTE, 20), extra: true },
      'not a reading',
    ]);
    expect(response.status).toBe(200);
    const result = ingestResultSchema.parse(await response.json());
    expect(result.stored).toEqual([0]);
    expect(result.rejected.map(({ index, field }) => [index, field])).toEqual([
      [1, 'observedAt'],
      [2, 'observedAt'],
      [3, 'deviceId'],
      [4, 'deviceId'],
      [5, 'unit'],
      [6, 'value'],
      [7, 'metric'],
      [8, 'observedAt'],
      [9, '(reading)'],
      [10, '(reading)'],
    ]);
    expect(result.rejected[0]?.message).toMatch(/future/);
    expect(result.rejected[2]?.message).toMatch(/not in the device registry/);
    expect(result.rejected[3]?.message).toMatch(/traffic feed/);
  });

  it('answers 422 naming each reading when none is acceptable, and 422 for a body that is no batch', async () => {
    const none = await ingest('environment', [pm25('aq-4', Date.now() + 60 * MINUTE, 1)]);
    expect(none.status).toBe(422);
    expect(problemSchema.parse(await none.json()).errors).toEqual([{ path: '0.observedAt', message: 'more than 5 minutes in the future' }]);
    for (const body of [{}, [], 'null', Array.from({ length: 5_001 }, () => pm25('aq-4', Date.now(), 1))]) {
      const response = await ingest('environment', body);
      expect(response.status).toBe(422);
      expect(problemSchema.parse(await response.json()).code).toBe('INGEST_BATCH_INVALID');
    }
  });

  it('checks the key and its scope for the feed', async () => {
    const batch = [pm25('aq-4', Date.now() - MINUTE, 1)];
    expect((await ingest('environment', batch, 'mioc_nope')).status).toBe(401);
    expect((await ingest('environment', batch, REPORT_KEY)).status).toBe(403);
    expect((await ingest('weather-balloons', batch)).status).toBe(404);
  });

  it('answers 413 for a body over the limit and 415 for a body that is not JSON', async () => {
    expect((await ingest('environment', 'x'.repeat(5 * 1024 * 1024))).status).toBe(413);
    expect((await ingest('environment', 'source=x', SIM_KEY, 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it('coalesces concurrent requests into fewer statements (group commit)', async () => {
    const writer = api.app.get(ReadingWriter);
    const before = writer.statementsRun;
    const base = recentMinute(40);
    // 16 clients, each sending 10 requests of 100 readings one after another.
    const client = async (c: number) => {
      for (let r = 0; r < 10; r++) {
        const batch = Array.from({ length: 100 }, (_, i) => pm25('aq-5', base + ((c * 10 + r) * 100 + i) * 10, i % 50));
        expect((await ingest('environment', batch)).status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, c) => client(c)));
    expect(writer.statementsRun - before).toBeLessThan(160 * 0.75);
    const stored = await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM readings WHERE device_id = 'aq-5'`);
    expect(stored[0].n).toBe(16_000);
  });

  it('shows the newest value of each device', async () => {
    const response = await asAdmin('/api/readings/latest?deviceId=aq-1');
    expect(await response.json()).toEqual([{ deviceId: 'aq-1', metric: 'pm25', value: 13, observedAt: new Date(recentMinute(10) + 45_000).toISOString() }]);
  });
});
