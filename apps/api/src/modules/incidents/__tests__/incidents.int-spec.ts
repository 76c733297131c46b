import { DataSource } from 'typeorm';
import {
  agencySchema,
  agencyUnitSchema,
  auditVerificationSchema,
  createIncidentResponseSchema,
  incidentDetailSchema,
  incidentListSchema,
  problemSchema,
  type Agency,
  type IncidentDetail,
  type ReportCategory,
  type Session,
} from '@mekong-ioc/shared';
import { testDevice } from '../../../test-support/devices';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';
import { offsetPoint } from '../geo-distance.util';
import { IncidentEvents, type IncidentSlaBreachedEvent } from '../incident-events';
import { IncidentsService } from '../incidents.service';
import { SlaMonitorService } from '../sla-monitor.service';
import { UnitMovementService } from '../unit-movement.service';

const MINUTE = 60_000;
const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';

/** Polls until the check passes: camera events become incidents just after ingest has answered. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
/** Near the Thủ Khoa Huân park; each test works at its own spot so fusion never crosses tests. */
const spot = (northKm: number, eastKm: number) => offsetPoint(10.355, 106.365, northKm * 1000, eastKm * 1000);

describeEachDatabase('incidents', (kind) => {
  let database: TestDatabase;
  let api: TestApp;
  const sessions = {} as Record<'officer' | 'admin' | 'leader' | 'responder', Session>;
  let agencies: Agency[];
  const agency = (code: string): Agency => agencies.find((a) => a.code === code) ?? (() => { throw new Error(`no agency ${code}`); })();

  const call = (who: keyof typeof sessions, method: string, path: string, body?: unknown) =>
    fetch(`${api.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${sessions[who].accessToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const detailOf = async (who: keyof typeof sessions, id: string): Promise<IncidentDetail> => {
    const response = await call(who, 'GET', `/incidents/${id}`);
    expect(response.status).toBe(200);
    return incidentDetailSchema.parse(await response.json());
  };
  const open = async (category: ReportCategory, at: { lat: number; lon: number }, description = 'Ổ gà lớn giữa đường') => {
    const response = await call('officer', 'POST', '/incidents', { category, description, ...at });
    expect(response.status).toBe(201);
    return createIncidentResponseSchema.parse(await response.json());
  };
  const move = async (who: keyof typeof sessions, incident: IncidentDetail, to: string, reason?: string) => {
    const response = await call(who, 'POST', `/incidents/${incident.id}/transitions`, { to, expectedVersion: incident.version, ...(reason && { reason }) });
    const body = (await response.json()) as unknown;
    if (response.status !== 200) throw new Error(`${incident.status} -> ${to}: ${response.status} ${JSON.stringify(body)}`);
    return incidentDetailSchema.parse(body);
  };
  const patch = async (incident: IncidentDetail, changes: object) => {
    const response = await call('officer', 'PATCH', `/incidents/${incident.id}`, { expectedVersion: incident.version, ...changes });
    expect(response.status).toBe(200);
    return incidentDetailSchema.parse(await response.json());
  };
  const unitsOf = async (agencyId: string) =>
    agencyUnitSchema.array().parse(await (await call('officer', 'GET', `/agency-units?agencyId=${agencyId}`)).json());

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // P4 gets a deadline of well under a second, so a breach can be waited for.
    api = await startTestApp(database.config, { SLA_MINUTES: JSON.stringify({ P4: { dispatch: 0.005, resolve: 0.01 } }) });
    sessions.officer = await api.login('truc');
    sessions.admin = await api.login('admin');
    sessions.leader = await api.login('lanhdao');
    sessions.responder = await api.login('csgt');
    agencies = agencySchema.array().parse(await (await call('admin', 'GET', '/agencies')).json());
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('runs new → verified → dispatched → on scene → resolved → reopened → closed, with the unit busy then free', async () => {
    const created = await open('road_damage', spot(0, 0));
    expect(created.joined).toBe(false);
    let incident = created.incident;
    expect(incident).toMatchObject({ status: 'new', priority: 'P3', zone: 'central', version: 1, sourceCount: 1, allowedTransitions: ['verified', 'rejected', 'duplicate'] });
    expect(incident.reference).toMatch(/^SC-\d{6}$/);

    incident = await move('officer', incident, 'verified');
    const noAgency = await call('officer', 'POST', `/incidents/${incident.id}/transitions`, { to: 'dispatched', expectedVersion: incident.version });
    expect(noAgency.status).toBe(409);
    expect(problemSchema.parse(await noAgency.json()).code).toBe('INCIDENT_AGENCY_REQUIRED');

    const csgt = agency('csgt');
    const [unit] = await unitsOf(csgt.id);
    if (!unit) throw new Error('the demo agencies have units');
    incident = await patch(incident, { agencyId: csgt.id, unitId: unit.id });
    expect(incident.unit).toMatchObject({ id: unit.id, status: 'busy' });
    incident = await move('officer', incident, 'dispatched');
    expect(incident.dispatchedAt).not.toBeNull();

    // With the simulator on, each tick brings the unit a few tens of metres closer.
    const target = incident;
    const gap = (u: { lat: number; lon: number }) => Math.hypot(u.lat - target.lat, u.lon - target.lon);
    const unitNow = async () => (await unitsOf(csgt.id)).find((u) => u.id === unit.id) ?? unit;
    const gapBefore = gap(await unitNow());
    await api.app.get(UnitMovementService).moveUnits();
    expect(gap(await unitNow())).toBeLessThan(gapBefore);

    // The agency's responder takes it from here, and may do nothing else.
    expect((await detailOf('responder', incident.id)).allowedTransitions).toEqual(['on_scene']);
    incident = await move('responder', incident, 'on_scene');
    const note = await call('responder', 'POST', `/incidents/${incident.id}/notes`, { text: 'Đã rào chắn, chờ vá đường', textEn: 'Fenced off, awaiting repair', public: true });
    expect(note.status).toBe(201);
    incident = await move('responder', incident, 'resolved', 'Đã vá xong');
    const responderClose = await call('responder', 'POST', `/incidents/${incident.id}/transitions`, { to: 'closed', expectedVersion: incident.version });
    expect(responderClose.status).toBe(403);
    expect((await unitsOf(csgt.id)).find((u) => u.id === unit.id)?.status).toBe('available');

    incident = await move('officer', incident, 'dispatched', 'Người dân báo vẫn còn hư hỏng');
    expect(incident.resolvedAt).toBeNull();
    expect((await unitsOf(csgt.id)).find((u) => u.id === unit.id)?.status).toBe('busy');
    incident = await move('responder', incident, 'on_scene');
    incident = await move('responder', incident, 'resolved');
    incident = await move('officer', incident, 'closed');
    expect(incident).toMatchObject({ status: 'closed', allowedTransitions: [] });
    expect(incident.closedAt).not.toBeNull();
    expect((await unitsOf(csgt.id)).find((u) => u.id === unit.id)?.status).toBe('available');

    const steps = incident.audit.map((row) => [row.action, row.fromStatus, row.toStatus]);
    expect(steps).toEqual([
      ['created', null, 'new'],
      ['transition', 'new', 'verified'],
      ['updated', null, null],
      ['transition', 'verified', 'dispatched'],
      ['transition', 'dispatched', 'on_scene'],
      ['note', null, null],
      ['transition', 'on_scene', 'resolved'],
      ['transition', 'resolved', 'dispatched'],
      ['transition', 'dispatched', 'on_scene'],
      ['transition', 'on_scene', 'resolved'],
      ['transition', 'resolved', 'closed'],
    ]);
    const reopen = incident.audit[7];
    expect(reopen).toMatchObject({ actorRole: 'duty_officer', actorLabel: 'truc', reason: 'Người dân báo vẫn còn hư hỏng', details: { reopen: true } });
    expect(reopen?.requestId).toBeTruthy();

    // The citizen's view: status steps and the public note, no names.
    const state = (await api.app.get(IncidentsService).publicStates([incident.id])).get(incident.id);
    expect(state).toMatchObject({ status: 'closed', agency: { code: 'csgt' }, expectedAt: null });
    expect(state?.history.map((step) => step.status)).toEqual(['new', 'verified', 'dispatched', 'on_scene', 'on_scene', 'resolved', 'dispatched', 'on_scene', 'resolved', 'closed']);
    expect(state?.history[4]).toMatchObject({ noteVi: 'Đã rào chắn, chờ vá đường', noteEn: 'Fenced off, awaiting repair' });
    expect(JSON.stringify(state)).not.toContain('truc');
  });

  it('rejects, and merges a duplicate whose public state then follows the survivor', async () => {
    const rejected = await move('officer', (await open('trees', spot(1, 1), 'Cây đổ')).incident, 'rejected', 'Không đúng địa chỉ');
    expect(rejected.status).toBe('rejected');

    const survivor = (await open('waste_environment', spot(1.5, 0), 'Rác ứ đọng')).incident;
    const duplicate = (await open('waste_environment', spot(1.5, 1), 'Rác thải bừa bãi')).incident;
    const merged = await call('officer', 'POST', `/incidents/${survivor.id}/merge`, { incidentIds: [duplicate.id] });
    expect(merged.status).toBe(200);
    const after = incidentDetailSchema.parse(await merged.json());
    expect(after.sources.map((source) => source.description).sort()).toEqual(['Rác thải bừa bãi', 'Rác ứ đọng']);
    expect(await detailOf('officer', duplicate.id)).toMatchObject({ status: 'duplicate', mergedIntoId: survivor.id });
    const states = await api.app.get(IncidentsService).publicStates([duplicate.id]);
    expect(states.get(duplicate.id)).toMatchObject({ incidentId: survivor.id, status: 'new' });

    // A duplicate cannot be merged again.
    const again = await call('officer', 'POST', `/incidents/${survivor.id}/merge`, { incidentIds: [duplicate.id] });
    expect(again.status).toBe(409);

    // Split the moved report back out into an incident of its own.
    const movedSource = after.sources.find((source) => source.description === 'Rác thải bừa bãi');
    const split = await call('officer', 'POST', `/incidents/${survivor.id}/split`, { sourceIds: [movedSource?.id] });
    expect(split.status).toBe(201);
    const { original, created } = (await split.json()) as { original: IncidentDetail; created: IncidentDetail };
    expect(original.sourceCount).toBe(1);
    expect(created).toMatchObject({ status: 'new', sourceCount: 1, category: 'waste_environment' });
  });

  it('refuses an illegal transition with 409 and the allowed ones, and a stale version with the current incident', async () => {
    const incident = (await open('road_damage', spot(2, 0))).incident;
    const illegal = await call('officer', 'POST', `/incidents/${incident.id}/transitions`, { to: 'resolved', expectedVersion: 1 });
    expect(illegal.status).toBe(409);
    expect(await illegal.json()).toMatchObject({ code: 'INCIDENT_TRANSITION_NOT_ALLOWED', current: 'new', allowed: ['verified', 'rejected', 'duplicate'] });

    await move('officer', incident, 'verified');
    const stale = await call('officer', 'POST', `/incidents/${incident.id}/transitions`, { to: 'rejected', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    const problem = (await stale.json()) as { code: string; current: IncidentDetail };
    expect(problem.code).toBe('INCIDENT_VERSION_CONFLICT');
    expect(incidentDetailSchema.parse(problem.current)).toMatchObject({ status: 'verified', version: 2 });
  });

  it('lets exactly one of two officers saving the same version at once win', async () => {
    const incident = (await open('road_damage', spot(2.5, 0))).incident;
    const [first, second] = await Promise.all([
      call('officer', 'PATCH', `/incidents/${incident.id}`, { expectedVersion: 1, priority: 'P1' }),
      call('admin', 'PATCH', `/incidents/${incident.id}`, { expectedVersion: 1, priority: 'P4' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    expect(problemSchema.parse(await loser.json()).code).toBe('INCIDENT_VERSION_CONFLICT');
    const final = await detailOf('officer', incident.id);
    expect(final.version).toBe(2);
    expect(final.audit.filter((row) => row.action === 'updated')).toHaveLength(1);
  });

  it('shows a responder only its own agency’s incidents; another agency’s is 404', async () => {
    const own = (await open('traffic_violation', spot(3, 0), 'Xe đỗ sai')).incident;
    const other = (await open('fire', spot(3, 1), 'Khói từ nhà kho')).incident;
    await patch(own, { agencyId: agency('csgt').id });
    await patch(other, { agencyId: agency('pccc').id });

    expect((await call('responder', 'GET', `/incidents/${other.id}`)).status).toBe(404);
    expect((await call('responder', 'GET', `/incidents/${other.id}/audit`)).status).toBe(404);
    expect((await call('responder', 'POST', `/incidents/${other.id}/notes`, { text: 'x' })).status).toBe(404);
    expect((await call('responder', 'GET', `/incidents/${own.id}`)).status).toBe(200);
    const listed = incidentListSchema.parse(await (await call('responder', 'GET', '/incidents?limit=200')).json());
    expect(listed.items.map((item) => item.id)).toContain(own.id);
    expect(listed.items.every((item) => item.agencyId === agency('csgt').id)).toBe(true);
    // Leaders read everything and change nothing.
    expect((await call('leader', 'GET', `/incidents/${other.id}`)).status).toBe(200);
    const filtered = incidentListSchema.parse(await (await call('leader', 'GET', `/incidents?category=fire&agencyId=${agency('pccc').id}`)).json());
    expect(filtered.items.map((item) => item.id)).toEqual([other.id]);
  });

  it('sets SLA deadlines from the priority, moves them with it, and records a breach once', async () => {
    const incident = (await open('flooding', spot(4, 0), 'Ngập sâu 40 cm')).incident;
    const created = Date.parse(incident.createdAt);
    expect(incident.priority).toBe('P2');
    expect(Date.parse(incident.dispatchDeadline) - created).toBe(30 * MINUTE);
    expect(Date.parse(incident.resolveDeadline) - created).toBe(480 * MINUTE);
    const raised = await patch(incident, { priority: 'P1' });
    expect(Date.parse(raised.dispatchDeadline) - created).toBe(10 * MINUTE);
    expect(Date.parse(raised.resolveDeadline) - created).toBe(120 * MINUTE);

    const breached: IncidentSlaBreachedEvent[] = [];
    const subscription = api.app.get(IncidentEvents).slaBreached.subscribe((event) => breached.push(event));
    try {
      const late = (await open('other', spot(4, 1), 'Biển báo bị che khuất')).incident;
      expect(late.priority).toBe('P4');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const monitor = api.app.get(SlaMonitorService);
      await monitor.checkNow();
      await monitor.checkNow();
      const rows = (await detailOf('officer', late.id)).audit.filter((row) => row.action === 'sla_breached');
      expect(rows.map((row) => row.details['kind']).sort()).toEqual(['dispatch', 'resolve']);
      expect(breached.filter((event) => event.incidentId === late.id).map((event) => event.kind).sort()).toEqual(['dispatch', 'resolve']);
      expect(breached.some((event) => event.incidentId === incident.id)).toBe(false);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('fuses a report into a near open incident of its category, and two simultaneous ones into one', async () => {
    const here = spot(7, 0);
    const first = await open('road_damage', here);
    const near = await open('road_damage', offsetPoint(here.lat, here.lon, 80, 0), 'Đường lún sụt');
    expect(near).toMatchObject({ joined: true, incident: { id: first.incident.id, sourceCount: 2 } });
    expect(near.incident.audit.map((row) => row.action)).toEqual(['created', 'joined']);
    const otherCategory = await open('trees', here, 'Cây nghiêng');
    expect(otherCategory.joined).toBe(false);

    const there = spot(7.5, 0);
    const together = await Promise.all([open('sidewalk_encroachment', there, 'Lấn chiếm vỉa hè'), open('sidewalk_encroachment', there, 'Bày bán trên vỉa hè')]);
    expect(together.map((result) => result.joined).sort()).toEqual([false, true]);
    expect(together[0]?.incident.id).toBe(together[1]?.incident.id);
  });

  it('opens fire and flooding incidents from camera analytics, joining near recent ones only', async () => {
    const base = spot(5, 0);
    const cameras = {
      'cam-a': base,
      'cam-b': offsetPoint(base.lat, base.lon, 80, 0),
      'cam-c': offsetPoint(base.lat, base.lon, 0, 400),
      'cam-d': spot(6, 0),
    };
    for (const [id, at] of Object.entries(cameras)) {
      const response = await call('admin', 'PUT', `/devices/${id}`, testDevice(id, 'camera', at));
      expect(response.status).toBe(200);
    }
    const event = async (deviceId: string, metric: string, minutesAgo: number, value = 1) => {
      const response = await fetch(`${api.baseUrl}/api/ingest/camera`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': SIM_KEY },
        body: JSON.stringify([{ source: 'test', deviceId, metric, value, unit: 'event', observedAt: new Date(Date.now() - minutesAgo * MINUTE).toISOString() }]),
      });
      expect(response.status).toBe(200);
    };
    const incidentsAt = async (category: ReportCategory, at: { lat: number; lon: number }) => {
      const list = incidentListSchema.parse(await (await call('officer', 'GET', `/incidents?category=${category}&limit=200`)).json());
      return list.items.filter((item) => Math.abs(item.lat - at.lat) < 1e-9 && Math.abs(item.lon - at.lon) < 1e-9);
    };
    const exactlyOne = async (category: ReportCategory, at: { lat: number; lon: number }) => {
      const found = await incidentsAt(category, at);
      expect(found).toHaveLength(1);
      return found[0] as NonNullable<(typeof found)[0]>;
    };

    await event('cam-a', 'smoke_fire', 30);
    const fire = await eventually(() => exactlyOne('fire', cameras['cam-a']));
    expect(fire).toMatchObject({ source: 'camera_event', priority: 'P1', status: 'new' });

    // 80 m away, 30 minutes later: the same fire.
    await event('cam-b', 'smoke_fire', 0);
    await eventually(async () => expect((await detailOf('officer', fire.id)).sourceCount).toBe(2));
    // 400 m away: another fire. Water on the road at cam-b: another category, another incident.
    await event('cam-c', 'smoke_fire', 0);
    await eventually(() => exactlyOne('fire', cameras['cam-c']));
    await event('cam-b', 'water_on_road', 0);
    const flooding = await eventually(() => exactlyOne('flooding', cameras['cam-b']));
    expect(flooding.sourceCount).toBe(1);

    // Outside the time window: an incident last reported 200 minutes ago takes no new report.
    await event('cam-d', 'smoke_fire', 200);
    await eventually(() => exactlyOne('fire', cameras['cam-d']));
    await event('cam-d', 'smoke_fire', 0);
    await eventually(async () => expect(await incidentsAt('fire', cameras['cam-d'])).toHaveLength(2));
    expect((await detailOf('officer', fire.id)).sourceCount).toBe(2);
  });

  it('keeps an audit trail the database will not let anyone change, and finds a tampered row', async () => {
    const dataSource = api.app.get(DataSource);
    await expect(dataSource.query(`UPDATE incident_audit SET reason = 'sửa lại' WHERE id = (SELECT min(id) FROM incident_audit)`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM incident_audit`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE incident_audit`)).rejects.toThrow(/append-only/);

    // Many writers at once append one chain, never a fork.
    const busy = (await open('street_lighting', spot(8, 0), 'Đèn đường tắt cả dãy')).incident;
    const notes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(i % 2 ? 'officer' : 'admin', 'POST', `/incidents/${busy.id}/notes`, { text: `Ghi chú ${i}` })),
    );
    expect(notes.map((response) => response.status)).toEqual(Array(8).fill(201));

    const verify = async () => auditVerificationSchema.parse(await (await call('admin', 'GET', '/incidents/audit/verify')).json());
    const before = await verify();
    expect(before).toMatchObject({ ok: true, firstBroken: null });
    expect(before.checkedRows).toBeGreaterThan(10);

    // A superuser can still get past the trigger; the chain shows it.
    const [victim] = await dataSource.query<{ id: string; incident_id: string; reason: string | null }[]>(
      `SELECT id::text, incident_id, reason FROM incident_audit ORDER BY id OFFSET 3 LIMIT 1`,
    );
    if (!victim) throw new Error('audit rows expected');
    const tamper = async (reason: string | null) => {
      await dataSource.query(`ALTER TABLE incident_audit DISABLE TRIGGER incident_audit_no_update_delete`);
      try {
        await dataSource.query(`UPDATE incident_audit SET reason = $2 WHERE id = $1`, [victim.id, reason]);
      } finally {
        await dataSource.query(`ALTER TABLE incident_audit ENABLE TRIGGER incident_audit_no_update_delete`);
      }
    };
    await tamper('đã bị sửa');
    try {
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { id: victim.id, incidentId: victim.incident_id, problem: 'hash_mismatch' } });
    } finally {
      await tamper(victim.reason);
    }
    expect((await verify()).ok).toBe(true);
  });
});
