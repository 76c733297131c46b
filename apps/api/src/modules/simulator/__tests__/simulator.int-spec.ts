import { latestReadingSchema, type Device, type Session } from '@mekong-ioc/shared';
import { startTestApp, type TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test-support/test-database';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';
import { HttpIngestTransport } from '../http-ingest.transport';
import { buildMyThoRegistry } from '../my-tho-registry';
import { Simulator } from '../simulator';

const SEED = 1679;

describeEachDatabase('Simulator through the real ingest route', (kind) => {
  let database: TestDatabase;
  let api: TestApp;
  let admin: Session;
  const registry = buildMyThoRegistry(SEED);

  const asAdmin = (path: string, init: RequestInit = {}) =>
    fetch(`${api.baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}`, ...init.headers },
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config);
    admin = await api.login('admin');
    // The demo registry goes in through the admin API, as the demo seed or an operator would put it.
    const queue = [...registry];
    const put = async (device: Device | undefined): Promise<void> => {
      if (!device) return;
      const { id, ...definition } = device;
      const response = await asAdmin(`/api/devices/${id}`, { method: 'PUT', body: JSON.stringify(definition) });
      if (response.status !== 200) throw new Error(`PUT ${id}: ${response.status} ${await response.text()}`);
      return put(queue.shift());
    };
    await Promise.all(Array.from({ length: 8 }, () => put(queue.shift())));
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('every reading of the whole city is accepted and stored once', async () => {
    const lines: string[] = [];
    const simulator = new Simulator({
      devices: registry,
      seed: SEED,
      rate: 10,
      transport: new HttpIngestTransport({ baseUrl: api.baseUrl, apiKey: DEMO_API_KEYS[0]?.key ?? '' }),
      log: { log: (line) => lines.push(line), warn: (line) => lines.push(`warn ${line}`) },
      backfillMs: 5 * 60_000,
      summaryEveryMs: 0,
    });
    simulator.start();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await simulator.stop(20_000);
    const counters = simulator.counters();
    expect(lines.filter((line) => line.startsWith('warn'))).toEqual([]);
    expect(counters.generated).toBeGreaterThan(8_000);
    expect(counters).toMatchObject({ sent: counters.generated, stored: counters.generated, duplicates: 0, rejected: 0, refused: 0, dropped: 0 });

    const latest = latestReadingSchema.array().parse(await (await asAdmin('/api/readings/latest?feed=traffic')).json());
    expect(new Set(latest.map((reading) => reading.deviceId)).size).toBe(100);
  });
});
