import { liveDeltaSchema, systemTickSchema, type Session, type SystemTick } from '@mekong-ioc/shared';
import { testDevice } from '../../../test-support/devices';
import { startTestApp, type TestApp } from '../../../test-support/test-app';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';
import { IncidentEvents } from '../../incidents/incident-events';
import { LivePublisher } from '../live-publisher.service';
import { PublisherElection } from '../publisher-election.service';
import { connected, connectLive, eventually, refusal, subscribe, TopicFollower, type LiveTestSocket } from './live-test-client';

const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';
const WALL_ORIGIN = 'https://wall.example';
const RING = 10;

/** One API on embedded PGlite, no Redis: the channel as a single instance serves it. */
describe('live channel (one instance)', () => {
  let database: TestDatabase;
  let api: TestApp;
  let publisher: LivePublisher;
  const sessions: Record<string, Session> = {};
  const sockets: LiveTestSocket[] = [];
  const open = (options: Parameters<typeof connectLive>[1]) => {
    const socket = connectLive(api.baseUrl, options);
    sockets.push(socket);
    return socket;
  };
  const as = (username: string, options: { origin?: string; namespace?: string } = {}) => open({ token: sessions[username]?.accessToken ?? '', ...options });
  const kpiState = new Map<string, number>();

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    api = await startTestApp(database.config, {
      CORS_ORIGINS: WALL_ORIGIN,
      LIVE_REPLAY_DELTAS: String(RING),
      SYSTEM_TICK_SECONDS: '1',
    });
    for (const username of ['admin', 'lanhdao', 'truc', 'csgt', 'manhinh']) sessions[username] = await api.login(username);
    publisher = api.app.get(LivePublisher);
    // A stand-in for the KPI engine: its state is a map the test changes and publishes.
    publisher.setSnapshot('kpis', async () => ({ updates: [...kpiState].map(([key, state]) => ({ key, state })) }));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await api?.close();
    await database?.drop();
  });

  const publishKpi = async (key: string, value: number) => {
    kpiState.set(key, value);
    await publisher.publish('kpis', { updates: [{ key, state: value }] });
  };

  it('refuses a missing or wrong token and a foreign origin, on /live and on /', async () => {
    const refusals = {
      liveNoToken: await refusal(open({})),
      liveWrongToken: await refusal(open({ token: 'not.a.jwt' })),
      liveForeignOrigin: await refusal(as('admin', { origin: 'https://evil.example' })),
      rootNoToken: await refusal(open({ namespace: '/' })),
      rootWrongToken: await refusal(open({ namespace: '/', token: `${sessions['admin']?.accessToken}x` })),
      rootForeignOrigin: await refusal(as('admin', { namespace: '/', origin: 'https://evil.example' })),
      rootValidToken: await refusal(as('admin', { namespace: '/' })),
      liveAllowedOrigin: await refusal(as('manhinh', { origin: WALL_ORIGIN })),
      liveSameOrigin: await refusal(as('manhinh', { origin: api.baseUrl })),
      liveNoOriginValidToken: await refusal(as('manhinh')),
    };
    expect(refusals).toEqual({
      liveNoToken: 'AUTH_TOKEN_MISSING',
      liveWrongToken: 'AUTH_TOKEN_INVALID',
      liveForeignOrigin: 'ORIGIN_NOT_ALLOWED',
      rootNoToken: 'AUTH_TOKEN_MISSING',
      rootWrongToken: 'AUTH_TOKEN_INVALID',
      rootForeignOrigin: 'ORIGIN_NOT_ALLOWED',
      rootValidToken: 'NAMESPACE_NOT_SERVED',
      liveAllowedOrigin: 'connected',
      liveSameOrigin: 'connected',
      liveNoOriginValidToken: 'connected',
    });
  });

  it('lets each role join only the topics its policy allows', async () => {
    const leader = as('lanhdao');
    const responder = as('csgt');
    const officer = as('truc');
    await Promise.all([connected(leader), connected(responder), connected(officer)]);
    const outcome = async (socket: LiveTestSocket, topic: Parameters<typeof subscribe>[1]) => {
      const ack = await subscribe(socket, topic);
      return ack.ok ? 'joined' : ack.code;
    };
    expect({
      leaderIncidents: await outcome(leader, 'incidents'),
      leaderKpis: await outcome(leader, 'kpis'),
      leaderLayer: await outcome(leader, 'layer:incidents'),
      responderKpis: await outcome(responder, 'kpis'),
      responderAlerts: await outcome(responder, 'alerts'),
      responderLayer: await outcome(responder, 'layer:traffic'),
      responderIncidents: await outcome(responder, 'incidents'),
      officerIncidents: await outcome(officer, 'incidents'),
      unknownTopic: await outcome(officer, 'layer:sewers' as 'layer:traffic'),
    }).toEqual({
      leaderIncidents: 'TOPIC_FORBIDDEN',
      leaderKpis: 'joined',
      leaderLayer: 'joined',
      responderKpis: 'TOPIC_FORBIDDEN',
      responderAlerts: 'TOPIC_FORBIDDEN',
      responderLayer: 'TOPIC_FORBIDDEN',
      responderIncidents: 'joined',
      officerIncidents: 'joined',
      unknownTopic: 'TOPIC_INVALID',
    });
    // A refused subscriber is not in the room: it receives nothing of the topic.
    const leaked: unknown[] = [];
    responder.on('live:delta', (delta) => leaked.push(delta));
    await publishKpi('refusal-check', 1);
    await eventually(() => leaked.length, (n) => n > 0, 500);
    expect(leaked).toEqual([]);
  });

  it('sends a snapshot, then numbered deltas; after a disconnect exactly the missed ones; past the ring a snapshot', async () => {
    await publishKpi('a', 1);
    const follower = new TopicFollower(as('manhinh'), 'kpis');
    await eventually(() => follower.view.status, (status) => status === 'live');
    const start = follower.view.seq;
    expect({ snapshots: follower.snapshots.length, state: follower.state }).toEqual({ snapshots: 1, state: expect.objectContaining({ a: 1 }) });

    for (let i = 2; i <= 4; i += 1) await publishKpi('a', i);
    await eventually(() => follower.view.seq, (seq) => seq === start + 3);
    expect(follower.appliedSeqs).toEqual([start + 1, start + 2, start + 3]);

    // Offline while 5 deltas are published: on reconnect, exactly those 5, in order, and no snapshot.
    follower.socket.disconnect();
    for (let i = 5; i <= 9; i += 1) await publishKpi(`b${i}`, i);
    follower.received.length = 0;
    follower.socket.connect();
    await eventually(() => follower.acks.length, (n) => n === 2);
    expect(follower.acks[1]).toMatchObject({ ok: true, mode: 'replay', replayed: 5, seq: start + 8 });
    expect(follower.received.map((delta) => delta.seq)).toEqual([start + 4, start + 5, start + 6, start + 7, start + 8]);
    expect({ snapshots: follower.snapshots.length, state: follower.state }).toEqual({ snapshots: 1, state: Object.fromEntries(kpiState) });

    // Offline while more is published than the ring keeps: a fresh snapshot instead.
    follower.socket.disconnect();
    for (let i = 0; i < RING + 3; i += 1) await publishKpi(`c${i}`, i);
    follower.socket.connect();
    await eventually(() => follower.acks.length, (n) => n === 3);
    expect(follower.acks[2]).toMatchObject({ ok: true, mode: 'snapshot', seq: start + 8 + RING + 3 });
    expect({ snapshots: follower.snapshots.length, state: follower.state }).toEqual({ snapshots: 2, state: Object.fromEntries(kpiState) });
  });

  it('coalesces 100 updates of one map entity within 200 ms into at most 2 frames ending with the last', async () => {
    const socket = as('lanhdao');
    await connected(socket);
    expect(await subscribe(socket, 'layer:traffic')).toMatchObject({ ok: true });
    const frames: unknown[] = [];
    socket.on('live:delta', (raw) => frames.push(liveDeltaSchema.parse(raw).payload));
    for (let i = 1; i <= 100; i += 1) {
      await publisher.publish('layer:traffic', { key: 'segment-7', state: { speed: i } });
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 18));
    }
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(frames.length).toBeGreaterThanOrEqual(1);
    expect(frames.length).toBeLessThanOrEqual(2);
    expect(frames.at(-1)).toEqual({ updates: [{ key: 'segment-7', state: { speed: 100 } }] });
  });

  // The `layer:incidents` map layer is the live-layers module's (see live-layers/__tests__).
  it('forwards incident events to officers on `incidents`', async () => {
    // `incidents` deltas are incident events, not entity frames: read them as they come.
    const officer = as('truc');
    const officerDeltas: unknown[] = [];
    officer.on('live:delta', (raw) => officerDeltas.push(liveDeltaSchema.parse(raw).payload));
    await connected(officer);
    expect(await subscribe(officer, 'incidents')).toMatchObject({ ok: true });
    const subject = {
      incidentId: '5d3c1a9e-0000-4000-8000-000000000001',
      reference: 'SC-0001',
      category: 'public_order' as const,
      priority: 'P2' as const,
      status: 'new' as const,
      zone: 'central' as const,
      agencyId: null,
      at: new Date('2026-03-01T08:00:00.000Z'),
    };
    api.app.get(IncidentEvents).created.next({ ...subject, source: 'officer' });
    await eventually(() => officerDeltas.length, (count) => count === 1);
    expect(officerDeltas[0]).toMatchObject({ kind: 'created', incidentId: subject.incidentId, reference: 'SC-0001', status: 'new' });
  });

  it('ticks `system` with server time, uptime and the age of a feed after a reading is ingested', async () => {
    const admin = sessions['admin']?.accessToken ?? '';
    const put = await fetch(`${api.baseUrl}/api/devices/aq-live-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify(testDevice('aq-live-1', 'environment')),
    });
    expect(put.status).toBe(200);
    const observedAt = new Date(Date.now() - 30_000).toISOString();
    const ingest = await fetch(`${api.baseUrl}/api/ingest/environment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': SIM_KEY },
      body: JSON.stringify([{ source: 'test', deviceId: 'aq-live-1', metric: 'pm25', value: 12, unit: 'µg/m³', observedAt }]),
    });
    expect(ingest.status).toBe(200);
    expect(api.app.get(PublisherElection).isLeader()).toBe(true);

    const socket = as('manhinh');
    const ticks: SystemTick[] = [];
    socket.on('system', (raw) => ticks.push(systemTickSchema.parse(raw)));
    await connected(socket);
    const tick = await eventually(() => ticks.at(-1), (last) => last?.feeds.find((feed) => feed.feed === 'environment')?.newestObservedAt != null);
    const environment = tick?.feeds.find((feed) => feed.feed === 'environment');
    expect(environment?.newestObservedAt).toBe(observedAt);
    expect(environment?.ageSeconds).toBeGreaterThanOrEqual(29);
    expect(environment?.ageSeconds).toBeLessThan(120);
    expect(tick?.feeds.find((feed) => feed.feed === 'wifi')).toEqual({ feed: 'wifi', newestObservedAt: null, ageSeconds: null });
    expect(Math.abs(Date.parse(tick?.serverTime ?? '') - Date.now())).toBeLessThan(5_000);
    expect(tick?.intervalSeconds).toBe(1);
    expect(await socket.timeout(5_000).emitWithAck('ping')).toEqual(expect.stringMatching(/^\d{4}-/));
  });
});
