import {
  environmentStationStateSchema,
  incidentMarkerStateSchema,
  trafficSegmentStateSchema,
  zoneLoadStateSchema,
  wallTrendsSchema,
  type Session,
} from '@mekong-ioc/shared';
import { testDevice } from '../../../test-support/devices';
import { startTestApp, type TestApp } from '../../../test-support/test-app';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';
import { connected, connectLive, eventually, TopicFollower, type LiveTestSocket } from '../../realtime/__tests__/live-test-client';

const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';

/** The wall's view of the map layers: a real Socket.IO client as `manhinh`, real HTTP ingest. */
describe('live map layers', () => {
  let database: TestDatabase;
  let api: TestApp;
  const sessions: Record<string, Session> = {};
  const sockets: LiveTestSocket[] = [];

  const call = async (path: string, init: { method: string; body: unknown; token?: string; apiKey?: string }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    if (init.apiKey) headers['x-api-key'] = init.apiKey;
    const response = await fetch(`${api.baseUrl}${path}`, { method: init.method, headers, body: JSON.stringify(init.body) });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const follow = async (topic: 'layer:traffic' | 'layer:environment' | 'layer:incidents' | 'layer:zones') => {
    const socket = connectLive(api.baseUrl, { token: sessions['manhinh']?.accessToken ?? '' });
    sockets.push(socket);
    const follower = new TopicFollower(socket, topic);
    await connected(socket);
    await eventually(() => follower.view.status, (status) => status === 'live');
    return follower;
  };

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    api = await startTestApp(database.config, { LIVE_LAYER_FRAME_MS: '100' });
    for (const username of ['admin', 'truc', 'manhinh']) sessions[username] = await api.login(username);
    const admin = sessions['admin']?.accessToken ?? '';
    const devices = [
      ['trf-live-1', testDevice('trf-live-1', 'traffic', { kind: 'detector', groupId: 'seg-test-01', expectedIntervalSeconds: 30 })],
      ['env-live-1', testDevice('env-live-1', 'environment', { kind: 'river_level', thresholds: { water_level: { alarmLevels: [150, 165, 180] } } })],
    ] as const;
    for (const [id, device] of devices) expect((await call(`/api/devices/${id}`, { method: 'PUT', body: device, token: admin })).status).toBe(200);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await api?.close();
    await database?.drop();
  });

  it('sends a traffic snapshot, then the segment’s new speed, count and congestion after an ingest', async () => {
    const traffic = await follow('layer:traffic');
    expect(trafficSegmentStateSchema.parse(traffic.state['trf-live-1'])).toMatchObject({ segment: 'seg-test-01', meanSpeedKmh: null, observedAt: null });

    const earlier = new Date(Date.now() - 180_000).toISOString();
    const latest = new Date(Date.now() - 5_000).toISOString();
    const readings = [
      { source: 'test', deviceId: 'trf-live-1', metric: 'mean_speed', value: 40, unit: 'km/h', observedAt: earlier },
      { source: 'test', deviceId: 'trf-live-1', metric: 'mean_speed', value: 10, unit: 'km/h', observedAt: latest },
      { source: 'test', deviceId: 'trf-live-1', metric: 'vehicle_count', value: 37, unit: 'veh', observedAt: latest },
    ];
    expect((await call('/api/ingest/traffic', { method: 'POST', body: readings, apiKey: SIM_KEY })).status).toBe(200);

    const state = await eventually(
      () => trafficSegmentStateSchema.safeParse(traffic.state['trf-live-1']),
      (parsed) => parsed.success && parsed.data.meanSpeedKmh === 10 && parsed.data.vehicleCount === 37,
    );
    // Free flow is the day's highest speed (40), so 10 km/h is 75 % congested.
    expect(state.data).toMatchObject({ meanSpeedKmh: 10, freeFlowKmh: 40, congestion: 0.75, vehicleCount: 37, observedAt: latest });
    expect(traffic.received.length).toBeGreaterThanOrEqual(1);
  });

  it('sends an environment station’s water level against its alarm levels and its AQI colour band', async () => {
    const environment = await follow('layer:environment');
    expect(environmentStationStateSchema.parse(environment.state['env-live-1'])).toMatchObject({ waterLevelCm: null, alarmLevels: [150, 165, 180] });
    const observedAt = new Date(Date.now() - 10_000).toISOString();
    const readings = [
      { source: 'test', deviceId: 'env-live-1', metric: 'water_level', value: 170, unit: 'cm', observedAt },
      { source: 'test', deviceId: 'env-live-1', metric: 'pm25', value: 60, unit: 'µg/m³', observedAt },
    ];
    expect((await call('/api/ingest/environment', { method: 'POST', body: readings, apiKey: SIM_KEY })).status).toBe(200);
    const state = await eventually(
      () => environmentStationStateSchema.safeParse(environment.state['env-live-1']),
      (parsed) => parsed.success && parsed.data.waterLevelCm === 170 && parsed.data.aqi !== null,
    );
    expect(state.data).toMatchObject({ waterLevelCm: 170, alarmStage: 2, aqiLevel: 'poor', observedAt });
  });

  it('puts a new incident on layer:incidents with its location and shades its zone', async () => {
    const incidents = await follow('layer:incidents');
    const zones = await follow('layer:zones');
    expect(Object.keys(zones.state).sort()).toEqual(['central', 'east', 'northeast', 'northwest', 'west']);
    const created = await call('/api/incidents', {
      method: 'POST',
      token: sessions['truc']?.accessToken ?? '',
      body: { category: 'fire', priority: 'P1', description: 'Cháy kho hàng gần chợ Mỹ Tho', lat: 10.3561, lon: 106.3655 },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { incident: { id: string; zone: string } }).incident.id;
    const marker = await eventually(() => incidentMarkerStateSchema.safeParse(incidents.state[id]), (parsed) => parsed.success);
    expect(marker.data).toMatchObject({ id, category: 'fire', priority: 'P1', status: 'new', lat: 10.3561, lon: 106.3655 });
    expect(Object.keys(incidents.state[id] as object).sort()).toEqual(['category', 'createdAt', 'id', 'lat', 'lon', 'priority', 'reference', 'status', 'updatedAt', 'zone']);
    const zone = marker.data?.zone ?? 'central';
    const load = await eventually(() => zoneLoadStateSchema.safeParse(zones.state[zone]), (parsed) => parsed.success && parsed.data.byPriority.P1 >= 1);
    expect(load.data?.openIncidents).toBeGreaterThanOrEqual(1);
  });

  it('answers the wall’s 24-hour trends from what was ingested and opened above', async () => {
    const response = await fetch(`${api.baseUrl}/api/wall-trends`, { headers: { authorization: `Bearer ${sessions['manhinh']?.accessToken ?? ''}` } });
    expect(response.status).toBe(200);
    const trends = wallTrendsSchema.parse(await response.json());
    // The hour the window starts in and the one it ends in are both drawn.
    expect(trends.incidentFlow).toHaveLength(25);
    expect(trends.incidentFlow.reduce((sum, point) => sum + point.opened, 0)).toBeGreaterThanOrEqual(1);
    expect(trends.waterLevels.map((gauge) => [gauge.id, gauge.alarmLevels, gauge.points.at(-1)?.level])).toEqual([['env-live-1', [150, 165, 180], 170]]);
    expect(trends.congestion.some((point) => point.value !== null && point.value > 0)).toBe(true);
    expect(trends.aqiByZone.some((point) => point.central !== null)).toBe(true);
  });
});
