import sharp from 'sharp';
import {
  agencySchema,
  agencyUnitSchema,
  createIncidentResponseSchema,
  incidentContextSchema,
  incidentDetailSchema,
  incidentFieldPhotosSchema,
  liveDeltaSchema,
  liveIncidentEventSchema,
  liveIncidentsSnapshotSchema,
  problemSchema,
  RESPONDER_PROGRESS_NOTES,
  storedPhotoSchema,
  suggestedUnitsSchema,
  wallCommandSchema,
  wallTopicSnapshotSchema,
  type Agency,
  type IncidentDetail,
  type LiveDelta,
  type LiveSnapshot,
  type ReportCategory,
  type Session,
} from '@mekong-ioc/shared';
import { testDevice } from '../../../test-support/devices';
import { startTestApp, type TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test-support/test-database';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';
import { offsetPoint } from '../../incidents/geo-distance.util';
import { connected, connectLive, eventually, subscribe, type LiveTestSocket } from '../../realtime/__tests__/live-test-client';
import { straightLineMinutes } from '../travel-time.util';

const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';
/** Each test works at its own spot, far enough apart that reports never fuse across tests. */
const spot = (northKm: number, eastKm: number) => offsetPoint(10.36, 106.36, northKm * 1000, eastKm * 1000);

describeEachDatabase('dispatch console API', (kind) => {
  let database: TestDatabase;
  let api: TestApp;
  const sessions = {} as Record<'officer' | 'responder' | 'leader' | 'wall', Session>;
  let agencies: Agency[];
  const sockets: LiveTestSocket[] = [];
  const agency = (code: string): Agency => {
    const found = agencies.find((candidate) => candidate.code === code);
    if (!found) throw new Error(`no agency ${code}`);
    return found;
  };

  const call = (who: keyof typeof sessions, method: string, path: string, body?: unknown) =>
    fetch(`${api.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${sessions[who].accessToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const ok = async <T>(response: Response, status: number, parse: (body: unknown) => T): Promise<T> => {
    const body = (await response.json()) as unknown;
    if (response.status !== status) throw new Error(`${response.url}: ${response.status} ${JSON.stringify(body)}`);
    return parse(body);
  };
  const problemCode = async (response: Response, status: number): Promise<string> => {
    expect(response.status).toBe(status);
    return problemSchema.parse(await response.json()).code;
  };
  const open = async (category: ReportCategory, at: { lat: number; lon: number }) =>
    (await ok(await call('officer', 'POST', '/incidents', { category, description: 'Cán bộ trực ghi nhận qua điện thoại', ...at }), 201, (body) => createIncidentResponseSchema.parse(body)))
      .incident;
  const patch = async (incident: IncidentDetail, changes: object) =>
    ok(await call('officer', 'PATCH', `/incidents/${incident.id}`, { expectedVersion: incident.version, ...changes }), 200, (body) => incidentDetailSchema.parse(body));
  const move = async (who: keyof typeof sessions, incident: IncidentDetail, to: string) =>
    ok(await call(who, 'POST', `/incidents/${incident.id}/transitions`, { to, expectedVersion: incident.version }), 200, (body) => incidentDetailSchema.parse(body));
  const dispatchedTo = async (code: string, category: ReportCategory, at: { lat: number; lon: number }) => {
    const verified = await move('officer', await open(category, at), 'verified');
    const [unit] = agencyUnitSchema.array().parse(await (await call('officer', 'GET', `/agency-units?agencyId=${agency(code).id}`)).json());
    return move('officer', await patch(verified, { agencyId: agency(code).id, unitId: unit?.id ?? null }), 'dispatched');
  };
  const live = async (who: keyof typeof sessions): Promise<LiveTestSocket> => {
    const socket = connectLive(api.baseUrl, { token: sessions[who].accessToken });
    sockets.push(socket);
    await connected(socket);
    return socket;
  };
  const nextSnapshot = (socket: LiveTestSocket, topic: string): Promise<LiveSnapshot> =>
    new Promise((resolve) => {
      const listener = (snapshot: LiveSnapshot) => {
        if (snapshot.topic !== topic) return;
        socket.off('live:snapshot', listener);
        resolve(snapshot);
      };
      socket.on('live:snapshot', listener);
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config);
    sessions.officer = await api.login('truc');
    sessions.responder = await api.login('csgt');
    sessions.leader = await api.login('lanhdao');
    sessions.wall = await api.login('manhinh');
    agencies = agencySchema.array().parse(await (await call('officer', 'GET', '/agencies')).json());
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await api?.close();
    await database?.drop();
  });

  it('suggests the nearest available units of an agency, with straight-line distance and an ETA at city speed', async () => {
    const incident = await open('traffic_violation', spot(0, 0));
    // No agency yet and none asked for: nothing to suggest.
    expect((await ok(await call('officer', 'GET', `/incidents/${incident.id}/suggested-units`), 200, (body) => suggestedUnitsSchema.parse(body))).units).toEqual([]);

    const csgt = agency('csgt');
    const suggested = await ok(await call('officer', 'GET', `/incidents/${incident.id}/suggested-units?agencyId=${csgt.id}`), 200, (body) => suggestedUnitsSchema.parse(body));
    expect(suggested).toMatchObject({ incidentId: incident.id, agencyId: csgt.id, method: 'straight_line', citySpeedKmh: 25 });
    expect(suggested.units.map((entry) => entry.unit.code).sort()).toEqual(['csgt-1', 'csgt-2', 'csgt-3']);
    const distances = suggested.units.map((entry) => entry.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const entry of suggested.units) {
      expect(entry.unit.status).toBe('available');
      expect(entry.etaMinutes).toBe(straightLineMinutes(entry.distanceMeters, 25));
      // The demo units stand a few hundred metres to a few kilometres from this spot.
      expect(entry.distanceMeters).toBeGreaterThan(50);
      expect(entry.distanceMeters).toBeLessThan(5_000);
    }

    // The nearest one is sent: it is busy now and no longer suggested; the incident's agency is the default.
    const nearest = suggested.units[0];
    if (!nearest) throw new Error('three units were suggested');
    const assigned = await patch(await move('officer', incident, 'verified'), { agencyId: csgt.id, unitId: nearest.unit.id });
    expect(assigned.unit).toMatchObject({ id: nearest.unit.id, status: 'busy' });
    const after = await ok(await call('officer', 'GET', `/incidents/${incident.id}/suggested-units?limit=5`), 200, (body) => suggestedUnitsSchema.parse(body));
    expect(after.agencyId).toBe(csgt.id);
    expect(after.units.map((entry) => entry.unit.id)).not.toContain(nearest.unit.id);
    expect(after.units).toHaveLength(2);

    expect(await problemCode(await call('responder', 'GET', `/incidents/${incident.id}/suggested-units`), 403)).toBe('AUTH_ROLE_DENIED');
    expect(await problemCode(await call('officer', 'GET', `/incidents/00000000-0000-4000-8000-000000000000/suggested-units`), 404)).toBe('INCIDENT_NOT_FOUND');
  });

  it('gives the cameras and sensors near an incident: water levels against their alarm levels, analytics events, nothing from far away', async () => {
    const at = spot(3, 0);
    const devices = {
      'dispatch-water-near': testDevice('dispatch-water-near', 'environment', {
        kind: 'water',
        ...offsetPoint(at.lat, at.lon, 200, 0),
        thresholds: { water_level: { alarmLevels: [150, 170, 190] } },
      }),
      'dispatch-camera-near': testDevice('dispatch-camera-near', 'camera', { kind: 'flood', ...offsetPoint(at.lat, at.lon, 0, 300) }),
      'dispatch-water-far': testDevice('dispatch-water-far', 'environment', { kind: 'water', ...offsetPoint(at.lat, at.lon, 2_000, 0) }),
    };
    const admin = await api.login('admin');
    for (const [id, device] of Object.entries(devices)) {
      const response = await fetch(`${api.baseUrl}/api/devices/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(device),
      });
      expect(response.status).toBe(200);
    }
    const ingest = async (feed: string, readings: object[]) => {
      const response = await fetch(`${api.baseUrl}/api/ingest/${feed}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': SIM_KEY },
        body: JSON.stringify(readings.map((reading) => ({ source: 'test', ...reading }))),
      });
      expect(response.status).toBe(200);
    };
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await ingest('environment', [
      { deviceId: 'dispatch-water-near', metric: 'water_level', value: 160, unit: 'cm', observedAt: minutesAgo(30) },
      { deviceId: 'dispatch-water-near', metric: 'water_level', value: 182, unit: 'cm', observedAt: minutesAgo(2) },
      // Older than the window: not part of the range.
      { deviceId: 'dispatch-water-near', metric: 'water_level', value: 90, unit: 'cm', observedAt: minutesAgo(5 * 60) },
      { deviceId: 'dispatch-water-far', metric: 'water_level', value: 300, unit: 'cm', observedAt: minutesAgo(2) },
    ]);
    // A non-incident count, so no camera incident fuses with the flood report below.
    await ingest('camera', [
      { deviceId: 'dispatch-camera-near', metric: 'vehicle_count', value: 40, unit: 'veh', observedAt: minutesAgo(3) },
      { deviceId: 'dispatch-camera-near', metric: 'illegal_parking', value: 2, unit: 'event', observedAt: minutesAgo(20) },
      { deviceId: 'dispatch-camera-near', metric: 'illegal_parking', value: 1, unit: 'event', observedAt: minutesAgo(4) },
    ]);
    const incident = await open('flooding', at);

    const context = await ok(await call('officer', 'GET', `/incidents/${incident.id}/context`), 200, (body) => incidentContextSchema.parse(body));
    expect(context).toMatchObject({ incidentId: incident.id, radiusMeters: 500, windowHours: 3 });
    expect(context.sensorReadings).toHaveLength(1);
    expect(context.sensorReadings[0]).toMatchObject({
      deviceId: 'dispatch-water-near',
      metric: 'water_level',
      unit: 'cm',
      labelVi: 'Mực nước',
      lastValue: 182,
      min: 160,
      max: 182,
      alarmLevels: [150, 170, 190],
    });
    expect(Math.abs((context.sensorReadings[0]?.distanceMeters ?? 0) - 200)).toBeLessThan(5);
    expect(context.cameraEvents).toEqual([
      expect.objectContaining({ deviceId: 'dispatch-camera-near', metric: 'illegal_parking', labelVi: 'Đỗ xe sai quy định', events: 3 }),
    ]);
    expect(await problemCode(await call('leader', 'GET', `/incidents/${incident.id}/context`), 403)).toBe('AUTH_ROLE_DENIED');
  });

  it("records a responder's accept and on-the-way as public notes, once each, and only while dispatched", async () => {
    const incident = await dispatchedTo('csgt', 'traffic_violation', spot(6, 0));
    const progress = (step: string) => call('responder', 'POST', `/incidents/${incident.id}/progress`, { step });
    const noteTexts = (detail: IncidentDetail) => detail.audit.filter((entry) => entry.action === 'note').map((entry) => entry.details['text']);

    let detail = await ok(await progress('accepted'), 200, (body) => incidentDetailSchema.parse(body));
    detail = await ok(await progress('accepted'), 200, (body) => incidentDetailSchema.parse(body));
    detail = await ok(await progress('en_route'), 200, (body) => incidentDetailSchema.parse(body));
    expect(noteTexts(detail)).toEqual([RESPONDER_PROGRESS_NOTES.accepted.vi, RESPONDER_PROGRESS_NOTES.en_route.vi]);
    expect(detail.audit.filter((entry) => entry.action === 'note').every((entry) => entry.details['public'] === true && entry.actorRole === 'responder')).toBe(true);
    // Notes never bump the version: an officer's pending change does not conflict with them.
    expect(detail.version).toBe(incident.version);

    const onScene = await move('responder', detail, 'on_scene');
    expect(await problemCode(await call('responder', 'POST', `/incidents/${onScene.id}/progress`, { step: 'en_route' }), 409)).toBe('DISPATCH_PROGRESS_NOT_ALLOWED');
    // Another agency's incident does not exist for this responder.
    const fire = await dispatchedTo('pccc', 'fire', spot(9, 0));
    expect(await problemCode(await call('responder', 'POST', `/incidents/${fire.id}/progress`, { step: 'accepted' }), 404)).toBe('INCIDENT_NOT_FOUND');
  });

  it('gives an incident the photos a responder uploaded, noted in the audit, never another agency', async () => {
    const incident = await dispatchedTo('csgt', 'traffic_violation', spot(12, 0));
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } }).jpeg().toBuffer();
    const upload = async () => {
      const form = new FormData();
      form.append('photo', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'hien-truong.jpg');
      const response = await fetch(`${api.baseUrl}/api/media/photos`, { method: 'POST', headers: { authorization: `Bearer ${sessions.responder.accessToken}` }, body: form });
      return ok(response, 201, (body) => storedPhotoSchema.array().parse(body));
    };
    const [photo] = await upload();
    if (!photo) throw new Error('one photo stored');

    const attached = await ok(
      await call('responder', 'POST', `/incidents/${incident.id}/photos`, { photoIds: [photo.id], note: 'Đã xử lý xong, ảnh hiện trường' }),
      201,
      (body) => incidentFieldPhotosSchema.parse(body),
    );
    expect(attached.photos).toEqual([{ id: photo.id, url: `/api/media/${photo.id}`, thumbnailUrl: `/api/media/${photo.id}/thumbnail` }]);
    const listed = await ok(await call('officer', 'GET', `/incidents/${incident.id}/photos`), 200, (body) => incidentFieldPhotosSchema.parse(body));
    expect(listed.photos.map((entry) => entry.id)).toEqual([photo.id]);
    const detail = await ok(await call('officer', 'GET', `/incidents/${incident.id}`), 200, (body) => incidentDetailSchema.parse(body));
    expect(detail.audit.at(-1)).toMatchObject({ action: 'note', actorRole: 'responder', details: { text: 'Đã xử lý xong, ảnh hiện trường', public: false } });

    // A photo belongs to one thing only.
    expect(await problemCode(await call('responder', 'POST', `/incidents/${incident.id}/photos`, { photoIds: [photo.id] }), 422)).toBe('PHOTO_NOT_AVAILABLE');
    const fire = await dispatchedTo('pccc', 'fire', spot(15, 0));
    const [other] = await upload();
    expect(await problemCode(await call('responder', 'POST', `/incidents/${fire.id}/photos`, { photoIds: [other?.id] }), 404)).toBe('INCIDENT_NOT_FOUND');
    expect(await problemCode(await call('responder', 'GET', `/incidents/${fire.id}/photos`), 404)).toBe('INCIDENT_NOT_FOUND');
  });

  it('snapshots the open incidents on the incidents topic, and sends a pushed incident to the wall', async () => {
    const incident = await open('road_damage', spot(18, 0));
    const officer = await live('officer');
    const snapshot = nextSnapshot(officer, 'incidents');
    expect(await subscribe(officer, 'incidents')).toMatchObject({ ok: true, mode: 'snapshot' });
    const openNow = liveIncidentsSnapshotSchema.parse((await snapshot).snapshot).open;
    expect(openNow.find((entry) => entry.incidentId === incident.id)).toMatchObject({ reference: incident.reference, status: 'new', category: 'road_damage', agencyId: null });

    const wall = await live('wall');
    const firstWallSnapshot = nextSnapshot(wall, 'wall');
    expect(await subscribe(wall, 'wall')).toMatchObject({ ok: true });
    expect(wallTopicSnapshotSchema.parse((await firstWallSnapshot).snapshot)).toEqual({ current: null });
    const pushed = new Promise<unknown>((resolve) => wall.once('live:delta', (delta) => resolve(delta.payload)));

    expect(await problemCode(await call('leader', 'POST', '/wall/focus', { incidentId: incident.id }), 403)).toBe('AUTH_ROLE_DENIED');
    expect(await problemCode(await call('officer', 'POST', '/wall/focus', {}), 422)).toBe('VALIDATION_FAILED');
    const command = await ok(await call('officer', 'POST', '/wall/focus', { incidentId: incident.id }), 200, (body) => wallCommandSchema.parse(body));
    expect(command).toMatchObject({ kind: 'focus', lat: incident.lat, lon: incident.lon, zoom: 16, sentBy: 'truc', incident: { id: incident.id, reference: incident.reference } });
    expect(wallCommandSchema.parse(await pushed)).toEqual(command);

    // A wall that connects during the hold is shown the same focus; a release ends it.
    const late = await live('wall');
    const lateSnapshot = nextSnapshot(late, 'wall');
    await subscribe(late, 'wall');
    expect(wallTopicSnapshotSchema.parse((await lateSnapshot).snapshot).current?.id).toBe(command.id);
    expect(wallCommandSchema.parse(await ok(await call('officer', 'POST', '/wall/release'), 200, (body) => body)).kind).toBe('release');

    const responder = await live('responder');
    expect(await subscribe(responder, 'wall')).toMatchObject({ ok: false, code: 'TOPIC_FORBIDDEN' });
  });

  it('gives a responder on `incidents` only its own agency\'s incidents, snapshot and deltas, numbered without gaps; officers all', async () => {
    const csgt = agency('csgt');
    const before = { own: await dispatchedTo('csgt', 'traffic_violation', spot(21, 0)), other: await dispatchedTo('pccc', 'fire', spot(21, 3)) };

    const subscribeCollecting = async (who: 'officer' | 'responder') => {
      const socket = await live(who);
      const deltas: LiveDelta[] = [];
      socket.on('live:delta', (raw) => deltas.push(liveDeltaSchema.parse(raw)));
      const snapshot = nextSnapshot(socket, 'incidents');
      const ack = await subscribe(socket, 'incidents');
      if (!ack.ok) throw new Error(`${who} may not follow incidents: ${ack.code}`);
      return { ack, deltas, open: liveIncidentsSnapshotSchema.parse((await snapshot).snapshot).open };
    };
    const officer = await subscribeCollecting('officer');
    const responder = await subscribeCollecting('responder');

    expect(responder.open.length).toBeGreaterThan(0);
    expect(responder.open.filter((entry) => entry.agencyId !== csgt.id)).toEqual([]);
    expect(responder.open.map((entry) => entry.incidentId)).toContain(before.own.id);
    expect(officer.open.map((entry) => entry.incidentId)).toEqual(expect.arrayContaining([before.own.id, before.other.id]));

    // Another agency's incident first, then the responder's own: by the time its own has arrived, the other's would have too.
    const other = await dispatchedTo('pccc', 'fire', spot(21, 6));
    const own = await dispatchedTo('csgt', 'traffic_violation', spot(21, 9));
    const incidentIds = (deltas: LiveDelta[]) => deltas.map((delta) => liveIncidentEventSchema.parse(delta.payload).incidentId);
    await eventually(() => incidentIds(officer.deltas), (ids) => ids.includes(own.id) && ids.includes(other.id));
    await eventually(() => incidentIds(responder.deltas), (ids) => ids.filter((id) => id === own.id).length >= 2);

    expect(incidentIds(officer.deltas)).toEqual(expect.arrayContaining([own.id, other.id]));
    expect(incidentIds(responder.deltas).filter((id) => id === other.id || id === before.other.id)).toEqual([]);
    expect(responder.deltas.map((delta) => liveIncidentEventSchema.parse(delta.payload).agencyId).filter((id) => id !== csgt.id)).toEqual([]);
    // Its own numbering: one after the other from the subscribe's position, so its client never sees a gap.
    expect(responder.deltas.map((delta) => delta.seq)).toEqual(responder.deltas.map((_, i) => responder.ack.seq + i + 1));
    expect(responder.deltas.every((delta) => delta.epoch === responder.ack.epoch)).toBe(true);
  });
});
