import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { FEED_DEFINITIONS, ingestResultSchema } from '@mekong-ioc/shared';
import { testDevice } from '../../../test-support/devices';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';

const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';
const RUNS = 1_500;

/** A reading that is wrong in one or more ways, built around a valid one. */
const malformedReading = fc
  .record(
    {
      source: fc.oneof(fc.constant('prop'), fc.string(), fc.integer(), fc.constant(null), fc.string({ minLength: 65, maxLength: 300 })),
      deviceId: fc.oneof(fc.constant('prop-1'), fc.string(), fc.constant('nobody'), fc.integer(), fc.constant('')),
      metric: fc.oneof(fc.constant('pm25'), fc.string(), fc.constant('vehicle_count'), fc.constant(null)),
      value: fc.oneof(fc.double(), fc.constant(-1), fc.constant(1e9), fc.string(), fc.constant(null), fc.boolean()),
      unit: fc.oneof(fc.constant('µg/m³'), fc.string(), fc.constant('mg/m³')),
      observedAt: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string(),
        fc.constant('2026-13-45T99:99:99Z'),
        fc.integer(),
      ),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  )
  .filter((reading) => {
    // Keep only readings that are really wrong: a fully valid one may legitimately be stored.
    const valid =
      reading.source === 'prop' && reading.deviceId === 'prop-1' && reading.metric === 'pm25' && reading.unit === 'µg/m³' &&
      typeof reading.value === 'number' && Number.isFinite(reading.value) && reading.value >= 0 && reading.value <= 1_000 &&
      // JSON drops an `extra: undefined`, so such a reading arrives valid.
      (!('extra' in reading) || reading.extra === undefined) && typeof reading.observedAt === 'string' && Math.abs(Date.parse(reading.observedAt) - Date.now()) < 86_400_000;
    return !valid;
  });

describeEachDatabase('HTTP ingest under malformed input', (kind) => {
  let database: TestDatabase;
  let api: TestApp;

  const post = (feed: string, body: string, contentType = 'application/json') =>
    fetch(`${api.baseUrl}/api/ingest/${feed}`, { method: 'POST', headers: { 'content-type': contentType, 'x-api-key': SIM_KEY }, body });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config);
    const admin = await api.login('admin');
    await fetch(`${api.baseUrl}/api/devices/prop-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify(testDevice('prop-1', 'environment')),
    });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('answers arbitrary bodies with 4xx only', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.json(), fc.string(), fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1'))),
        fc.constantFrom(...Object.keys(FEED_DEFINITIONS), 'nope'),
        async (body, feed) => {
          const response = await post(feed, body);
          await response.arrayBuffer();
          return response.status >= 400 && response.status < 500;
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never stores a malformed reading, alone or among valid ones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(malformedReading, { minLength: 1, maxLength: 20 }), async (readings) => {
        const response = await post('environment', JSON.stringify(readings));
        await response.arrayBuffer();
        // 422 for readings that break the contract; 400 for JSON that Fastify refuses to parse
        // (prototype-poisoning keys such as "__proto__").
        return response.status === 422 || response.status === 400;
      }),
      { numRuns: RUNS },
    );
    const rows = await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM readings`);
    expect(rows[0].n).toBe(0);
  });

  it('stores exactly the valid readings of a mixed batch, and is still up', async () => {
    // Observation times are given when a case runs, not when it is generated: fast-check replays
    // generated values while shrinking, and a replayed time would come back as a duplicate.
    let next = Date.now() - 3_600_000;
    const valid = fc.integer({ min: 0, max: 999 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(valid.map((value) => ({ ok: true as const, value })), malformedReading.map((r) => ({ ok: false as const, r }))), { minLength: 1, maxLength: 30 }), async (items) => {
        const readings = items.map((item) =>
          item.ok
            ? { source: 'prop', deviceId: 'prop-1', metric: 'pm25', value: item.value, unit: 'µg/m³', observedAt: new Date((next += 1_000)).toISOString() }
            : item.r,
        );
        const body = JSON.stringify(readings);
        const response = await post('environment', body);
        // Fastify refuses a body with prototype-poisoning keys as a whole (400): nothing of it is stored.
        if (response.status === 400 && /"(__proto__|constructor)"/.test(body)) return (await response.arrayBuffer(), true);
        const expected = items.flatMap((item, index) => (item.ok ? [index] : []));
        if (!expected.length) return [400, 422].includes(response.status) && (await response.arrayBuffer(), true);
        const result = ingestResultSchema.parse(await response.json());
        return response.status === 200 && JSON.stringify(result.stored) === JSON.stringify(expected);
      }),
      { numRuns: 300 },
    );
    const stored = await api.app.get(DataSource).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM readings WHERE NOT (source = 'prop' AND device_id = 'prop-1' AND metric = 'pm25' AND value BETWEEN 0 AND 1000)`,
    );
    expect(stored[0]?.n).toBe(0);
    expect((await fetch(`${api.baseUrl}/api/health`)).status).toBe(200);
  });
});
