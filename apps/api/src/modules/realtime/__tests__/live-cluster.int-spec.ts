import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { DataSource } from 'typeorm';
import { liveDeltaSchema, type LiveDelta, type Session } from '@mekong-ioc/shared';
import { freePort } from '../../../test-support/free-port';
import { describeIf, postgresAvailable, redisAvailable, TEST_REDIS_URL } from '../../../test-support/services';
import { startTestApp, type TestApp } from '../../../test-support/test-app';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database';
import { LivePublisher } from '../live-publisher.service';
import { OperationLedger } from '../operation-ledger.service';
import { PublisherElection } from '../publisher-election.service';
import { connected, connectLive, eventually, subscribe, TopicFollower, type LiveTestSocket } from './live-test-client';

/** Several API instances on one PostgreSQL database and one Redis, with a key prefix of this run's own. */
describeIf(postgresAvailable && redisAvailable)('live channel across instances (PostgreSQL + Redis)', () => {
  const prefix = `ioc-test-${randomBytes(4).toString('hex')}:`;
  const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, SYSTEM_TICK_SECONDS: '1' };
  let database: TestDatabase;
  const apps = new Set<TestApp>();
  const sockets: LiveTestSocket[] = [];
  const start = async (extra: Record<string, string> = {}) => {
    const app = await startTestApp(database.config, { ...env, ...extra });
    apps.add(app);
    return app;
  };
  const stop = async (app: TestApp) => {
    apps.delete(app);
    await app.close();
  };
  const open = (app: TestApp, session: Session) => {
    const socket = connectLive(app.baseUrl, { token: session.accessToken });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const app of apps) await app.close();
    await database?.drop();
    // Leave nothing of this run in the shared Redis.
    const redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
    if (keys.length) await redis.del(keys);
    await redis.close();
  });

  it('carries a delta published on one instance to a client of the other, elects one publisher, and fails over', async () => {
    const a = await start();
    const b = await start();
    const wall = await b.login('manhinh');
    const onB = open(b, wall);
    await connected(onB);
    const ack = await subscribe(onB, 'alerts');
    expect(ack).toMatchObject({ ok: true, mode: 'snapshot' });
    const received: LiveDelta[] = [];
    onB.on('live:delta', (raw) => received.push(liveDeltaSchema.parse(raw)));

    await a.app.get(LivePublisher).publish('alerts', { alertId: 'x-1', state: 'raised' });
    await eventually(() => received.length, (n) => n === 1);
    expect(received).toEqual([{ topic: 'alerts', epoch: ack.ok ? ack.epoch : '', seq: (ack.ok ? ack.seq : 0) + 1, payload: { alertId: 'x-1', state: 'raised' } }]);

    // An operation id claimed on one instance is a retry on the other.
    expect(await a.app.get(OperationLedger).claim('user-1', 'op-1')).toBe(true);
    expect(await b.app.get(OperationLedger).claim('user-1', 'op-1')).toBe(false);

    const elections = () => [a, b].filter((app) => apps.has(app)).map((app) => app.app.get(PublisherElection).isLeader());
    expect(await eventually(elections, (leaders) => leaders.filter(Boolean).length === 1)).toHaveLength(2);
    expect(elections().filter(Boolean)).toHaveLength(1);
    const [leader, follower] = a.app.get(PublisherElection).isLeader() ? [a, b] : [b, a];

    await stop(leader);
    const stoppedAt = Date.now();
    await eventually(() => follower.app.get(PublisherElection).isLeader(), (isLeader) => isLeader, 10_000);
    expect(follower.app.get(PublisherElection).isLeader()).toBe(true);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    await stop(follower);
  }, 120_000);

  it('after a 15 s restart on the same port, the client reconnects by itself to a state equal to a fresh snapshot, numbers unbroken', async () => {
    const port = await freePort();
    // The topic's state lives in the database, as a real topic's would. A zone topic, because no
    // module publishes on it yet (the KPI engine would interleave its own deltas on `kpis`).
    const snapshotFromDatabase = (app: TestApp) =>
      app.app.get(LivePublisher).setSnapshot('zone:central', async () => {
        const rows = await app.app.get(DataSource).query<{ key: string; value: number }[]>('SELECT key, value FROM live_test_state ORDER BY key');
        return { updates: rows.map((row) => ({ key: row.key, state: row.value })) };
      });
    let app = await start({ PORT: String(port) });
    await app.app.get(DataSource).query('CREATE TABLE live_test_state (key text PRIMARY KEY, value int NOT NULL)');
    snapshotFromDatabase(app);
    const change = async (target: TestApp, key: string, value: number) => {
      await target.app.get(DataSource).query('INSERT INTO live_test_state VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2', [key, value]);
      await target.app.get(LivePublisher).publish('zone:central', { updates: [{ key, state: value }] });
    };

    const officer = await app.login('truc');
    const follower = new TopicFollower(open(app, officer), 'zone:central');
    await eventually(() => follower.view.status, (status) => status === 'live');
    for (let i = 1; i <= 3; i += 1) await change(app, `k${i}`, i);
    const before = await eventually(() => follower.view.seq, (seq) => follower.appliedSeqs.length === 3 && seq > 0);

    await stop(app);
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    app = await start({ PORT: String(port) });
    snapshotFromDatabase(app);
    await eventually(() => follower.acks.length, (n) => n >= 2, 20_000);
    expect(follower.socket.connected).toBe(true);
    expect(follower.acks.at(-1)).toMatchObject({ ok: true, mode: 'replay', replayed: 0, seq: before });

    await change(app, 'k4', 4);
    await eventually(() => follower.view.seq, (seq) => seq === before + 1);
    const fresh = new TopicFollower(open(app, officer), 'zone:central');
    await eventually(() => fresh.view.status, (status) => status === 'live');
    expect({ seq: follower.view.seq, state: follower.state }).toEqual({ seq: fresh.view.seq, state: fresh.state });
    expect(fresh.state).toEqual({ k1: 1, k2: 2, k3: 3, k4: 4 });
    expect(follower.appliedSeqs).toEqual([before - 2, before - 1, before, before + 1]);
    await stop(app);
  }, 120_000);
});
