import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';
import {
  FEED_DEFINITIONS,
  kpiListResponseSchema,
  kpiValuesReducer,
  sessionSchema,
  type KpiValueMap,
  type Session,
  type TrafficSegmentState,
} from '@mekong-ioc/shared';
import { DEMO_API_KEYS, DEMO_PASSWORD } from '../src/modules/demo/demo-fixtures';
import { connected, connectLive, eventually, TopicFollower, type LiveTestSocket } from '../src/modules/realtime/__tests__/live-test-client';
import { freePort } from '../src/test-support/free-port';
import { describeIf, postgresAvailable, redisAvailable, TEST_REDIS_URL } from '../src/test-support/services';
import { createTestDatabase, type TestDatabase } from '../src/test-support/test-database';

/**
 * Two real API processes (the built dist/main.js) on two ports, one PostgreSQL database and one
 * Redis: the Socket.IO adapter carries what one ingests to the clients of the other, exactly one
 * publishes KPIs, and when that one is killed (SIGKILL: no clean hand-over of the lease) the other
 * takes over and KPI deltas keep coming.
 */
const DIST = join(__dirname, '..', 'dist');
const SECRET = 'two-instances-test-secret-0123456789abcdefghij';
const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';
/** A demo traffic detector (free-flow speed from the demo registry), known to both processes from the start. */
const DETECTOR = 'trf-001';
const TAKES_OVER = 'this instance now publishes periodic live data';
const STEPS_DOWN = 'this instance no longer publishes periodic live data';
/** The promise (another instance publishes within 10 s), plus room for a loaded 2-core CI box. */
const TAKEOVER_BUDGET_MS = 10_000;
const LOADED_BOX_MARGIN_MS = 15_000;

interface Instance {
  name: string;
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

describeIf(postgresAvailable && redisAvailable)('two API processes on one Redis and one PostgreSQL', () => {
  const prefix = `ioc-2i-${randomBytes(4).toString('hex')}:`;
  let database: TestDatabase;
  const instances: Instance[] = [];
  const sockets: LiveTestSocket[] = [];

  const start = async (name: string, extra: Record<string, string>): Promise<Instance> => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(DIST, 'main.js')], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: database.url ?? '',
        DEMO_MODE: 'true',
        JWT_SECRET: SECRET,
        // `info`: the election's log lines say which process publishes.
        LOG_LEVEL: 'info',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const instance: Instance = { name, child, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited };
    instances.push(instance);
    // Two process starts with migrations on a loaded 2-core box: tens of seconds, not one.
    const ready = await eventually(() => /Web:\s+http/.test(output) || child.exitCode !== null, Boolean, 90_000);
    if (!ready || child.exitCode !== null) throw new Error(`${name} did not start:\n${output.slice(-4_000)}`);
    return instance;
  };

  const login = async (instance: Instance, username: string): Promise<Session> => {
    const response = await fetch(`${instance.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return sessionSchema.parse(await response.json());
  };

  const ingestSpeed = (instance: Instance, meanSpeedKmh: number, at: Date) =>
    fetch(`${instance.baseUrl}/api/ingest/traffic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': SIM_KEY },
      body: JSON.stringify([
        { source: 'two-instances', deviceId: DETECTOR, metric: 'mean_speed', value: meanSpeedKmh, unit: FEED_DEFINITIONS.traffic.metrics.mean_speed.unit, observedAt: at.toISOString() },
      ]),
    });

  const congestionOverRest = async (instance: Instance, session: Session): Promise<number | null> => {
    const response = await fetch(`${instance.baseUrl}/api/kpis?ids=traffic.congestion_index`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(response.status).toBe(200);
    return kpiListResponseSchema.parse(await response.json()).values[0]?.value ?? null;
  };

  /** A socket not yet connected: a follower set up on it subscribes on its `connect` (and every reconnect). */
  const open = (instance: Instance, session: Session): LiveTestSocket => {
    const socket = connectLive(instance.baseUrl, { token: session.accessToken });
    sockets.push(socket);
    return socket;
  };

  /** The process whose newest election line says it publishes (and only one may say so). */
  const publishers = () =>
    instances.filter((instance) => instance.child.exitCode === null && instance.child.signalCode === null).filter((instance) => {
      const text = instance.output();
      return text.lastIndexOf(TAKES_OVER) > text.lastIndexOf(STEPS_DOWN);
    });

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'main.js'))) throw new Error('apps/api/dist is missing: build first (npx nx run api:build)');
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const instance of instances) {
      if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
      await instance.exited;
    }
    await database?.drop();
    // Leave nothing of this run in the shared Redis.
    const redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
    if (keys.length) await redis.del(keys);
    await redis.close();
  });

  it('carries a reading ingested on A to a client of B, and keeps KPIs coming after the publisher is killed', async () => {
    // One after the other: the first migrates and seeds the demo data, the second finds it done.
    const a = await start('A', { MIGRATE_ON_START: 'true' });
    const b = await start('B', { MIGRATE_ON_START: 'false' });

    const officerOnB = await login(b, 'truc');
    const traffic = new TopicFollower(open(b, officerOnB), 'layer:traffic');
    await connected(traffic.socket);
    await eventually(() => traffic.view.status, (status) => status === 'live', 30_000);
    expect(traffic.view.status).toBe('live');

    const firstReadingAt = new Date(Date.now() - 2 * 60_000);
    expect((await ingestSpeed(a, 30, firstReadingAt)).status).toBe(200);
    const detector = () => traffic.state[DETECTOR] as TrafficSegmentState | undefined;
    await eventually(detector, (state) => state?.meanSpeedKmh === 30, 30_000);
    expect(detector()).toMatchObject({ meanSpeedKmh: 30, observedAt: firstReadingAt.toISOString() });

    // Exactly one publisher, and a KPI follower on each process (the survivor's is the one that counts).
    await eventually(publishers, (found) => found.length === 1, 30_000);
    expect(publishers().map((instance) => instance.name)).toHaveLength(1);
    const [publisher] = publishers();
    if (!publisher) throw new Error('no publisher');
    const survivor = publisher === a ? b : a;
    const wallOnSurvivor = await login(survivor, 'manhinh');
    const kpis = new TopicFollower<KpiValueMap>(open(survivor, wallOnSurvivor), 'kpis', kpiValuesReducer);
    await connected(kpis.socket);
    const congestion = () => kpis.view.state?.get('traffic.congestion_index')?.value ?? null;
    // The publisher has counted the first reading (the congestion index is no longer empty).
    await eventually(congestion, (value) => value !== null, 30_000);
    const before = congestion();
    expect(before).toEqual(expect.any(Number));
    expect(before).toBe(await congestionOverRest(survivor, wallOnSurvivor));

    const deltasBeforeKill = kpis.received.length;
    publisher.child.kill('SIGKILL');
    const killedAt = Date.now();
    await publisher.exited;

    // The survivor's first KPI delta: it has taken the lease and published.
    await eventually(() => kpis.received.length, (n) => n > deltasBeforeKill, TAKEOVER_BUDGET_MS + LOADED_BOX_MARGIN_MS);
    const firstDeltaAfterMs = Date.now() - killedAt;
    expect(kpis.received.length).toBeGreaterThan(deltasBeforeKill);
    expect(firstDeltaAfterMs).toBeLessThan(TAKEOVER_BUDGET_MS + LOADED_BOX_MARGIN_MS);
    expect(publishers()).toEqual([survivor]);

    // A slower reading after the kill moves the index, and the survivor pushes the new value.
    expect((await ingestSpeed(survivor, 5, new Date(firstReadingAt.getTime() + 30_000))).status).toBe(200);
    await eventually(congestion, (value) => value !== before, 30_000);
    const after = congestion();
    expect(after).not.toBe(before);
    expect(after).toBe(await congestionOverRest(survivor, wallOnSurvivor));
    // The follower never had to start over: every delta applied in order, across the takeover.
    expect(kpis.view.status).toBe('live');
    expect(survivor.child.exitCode).toBeNull();
  }, 300_000);
});
