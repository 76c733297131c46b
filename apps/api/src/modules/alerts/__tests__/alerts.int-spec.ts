import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  alertDetailSchema,
  alertIncidentResponseSchema,
  alertListSchema,
  alertRuleSchema,
  alertSchema,
  createIncidentResponseSchema,
  ENVIRONMENT_FEED,
  liveAlertDeltaSchema,
  liveAckAlertAnswerSchema,
  liveAlertsSnapshotSchema,
  liveDeltaSchema,
  liveSnapshotSchema,
  problemSchema,
  type Alert,
  type Feed,
  type LiveAckAlertAnswer,
  type Session,
  type UpsertAlertRuleRequest,
} from '@mekong-ioc/shared';
import { testDevice } from '../../../test-support/devices';
import { startTestApp, type TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test-support/test-database';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';
import { offsetPoint } from '../../incidents/geo-distance.util';
import { SlaMonitorService } from '../../incidents/sla-monitor.service';
import type { Socket } from 'socket.io-client';
import { connectLive, connected, subscribe, type LiveTestSocket } from '../../realtime/__tests__/live-test-client';
import { KpiAlertsPoller } from '../kpi-alerts.poller';
import { NoDataMonitorService } from '../no-data-monitor.service';
import { ThresholdAlertsService } from '../threshold-alerts.service';

const run = promisify(execFile);
const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';
const SECOND = 1_000;

/** The CAP schema sits beside the repository (`../shared/reference/cap`), found from the workspace root. */
function capSchemaPath(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'nx.json')) && dirname(dir) !== dir) dir = dirname(dir);
  // The OASIS schema is kept in the repository (reference/cap), so every checkout validates.
  return resolve(dir, 'reference/cap/CAP-v1.2.xsd');
}
const CAP_SCHEMA = capSchemaPath();
const capSchemaPresent = existsSync(CAP_SCHEMA);
if (!capSchemaPresent) {
  console.warn(`\n!!! CAP schema not found at ${CAP_SCHEMA}: the CAP output is NOT validated against it in this run !!!\n`);
}

async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Each test works at its own spot north of the centre, so incident fusion never crosses tests. */
const spot = (northKm: number) => offsetPoint(10.355, 106.365, northKm * 1000, 0);

describeEachDatabase('alerts', (kind) => {
  let database: TestDatabase;
  let api: TestApp;
  let workDir: string;
  const sessions = {} as Record<'officer' | 'admin' | 'leader' | 'responder' | 'wall', Session>;
  const sockets: LiveTestSocket[] = [];

  const call = (who: keyof typeof sessions, method: string, path: string, body?: unknown) =>
    fetch(`${api.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${sessions[who].accessToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async (response: Response, status: number): Promise<unknown> => {
    const body: unknown = await response.json();
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };
  const register = async (id: string, feed: Feed, at: { lat: number; lon: number }, expectedIntervalSeconds = 60) => {
    await json(await call('admin', 'PUT', `/devices/${id}`, testDevice(id, feed, { ...at, expectedIntervalSeconds })), 200);
  };
  const createRule = async (rule: UpsertAlertRuleRequest) => alertRuleSchema.parse(await json(await call('admin', 'POST', '/alert-rules', rule), 201));
  /** Ingests one reading and waits until the alert rules have seen it. */
  const ingest = async (deviceId: string, metric: keyof typeof ENVIRONMENT_FEED.metrics, value: number, observedAt: Date) => {
    const response = await fetch(`${api.baseUrl}/api/ingest/environment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': SIM_KEY },
      body: JSON.stringify([{ source: 'test', deviceId, metric, value, unit: ENVIRONMENT_FEED.metrics[metric].unit, observedAt: observedAt.toISOString() }]),
    });
    expect(response.status).toBe(200);
    await api.app.get(ThresholdAlertsService).settled();
  };
  const alertsOfRule = async (ruleId: string): Promise<Alert[]> =>
    alertListSchema.parse(await json(await call('officer', 'GET', '/alerts?state=all'), 200)).items.filter((alert) => alert.ruleId === ruleId);
  const thresholdRule = (deviceId: string | null, metric: string, numbers: Partial<UpsertAlertRuleRequest>): UpsertAlertRuleRequest => ({
    name: { vi: `Quy tắc thử ${metric}`, en: `Test rule ${metric}` },
    target: { kind: 'device', feed: 'environment', metric, deviceId },
    comparator: 'above',
    warning: null,
    critical: 100,
    hysteresis: 0,
    forSeconds: 0,
    enabled: true,
    openIncident: false,
    ...numbers,
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // P1 gets a dispatch deadline of well under a second, so a breach can be waited for.
    api = await startTestApp(database.config, { SLA_MINUTES: JSON.stringify({ P1: { dispatch: 0.005, resolve: 0.01 } }) });
    sessions.officer = await api.login('truc');
    sessions.admin = await api.login('admin');
    sessions.leader = await api.login('lanhdao');
    sessions.responder = await api.login('csgt');
    sessions.wall = await api.login('manhinh');
    workDir = await mkdtemp(join(tmpdir(), 'ioc-cap-'));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await api?.close();
    await database?.drop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('raises once for values around the threshold, after forSeconds, clears only past the hysteresis, and pushes it live at once', async () => {
    const socket = connectLive(api.baseUrl, { token: sessions.officer.accessToken });
    sockets.push(socket);
    const deltas: Alert[] = [];
    const snapshots: unknown[] = [];
    socket.on('live:snapshot', (raw) => {
      const snapshot = liveSnapshotSchema.parse(raw);
      if (snapshot.topic === 'alerts') snapshots.push(liveAlertsSnapshotSchema.parse(snapshot.snapshot));
    });
    socket.on('live:delta', (raw) => {
      const delta = liveDeltaSchema.parse(raw);
      if (delta.topic === 'alerts') deltas.push(liveAlertDeltaSchema.parse(delta.payload).alert);
    });
    await connected(socket);
    expect(await subscribe(socket, 'alerts')).toMatchObject({ ok: true, topic: 'alerts', mode: 'snapshot' });
    expect(snapshots).toHaveLength(1);

    await register('alert-noise-1', 'environment', spot(1));
    const rule = await createRule(thresholdRule('alert-noise-1', 'noise', { critical: 100, hysteresis: 3, forSeconds: 60 }));
    const t0 = Date.now() - 10 * 60 * SECOND;
    const at = (seconds: number) => new Date(t0 + seconds * SECOND);

    // Past the threshold for 30 s only: forSeconds (60) not reached yet.
    await ingest('alert-noise-1', 'noise', 101, at(0));
    await ingest('alert-noise-1', 'noise', 102, at(30));
    expect(await alertsOfRule(rule.id)).toEqual([]);
    const beforeRaise = Date.now();
    await ingest('alert-noise-1', 'noise', 101, at(60));
    const [raised] = await alertsOfRule(rule.id);
    expect(raised).toMatchObject({ kind: 'threshold', severity: 'critical', state: 'raised', value: 101, threshold: 100, deviceId: 'alert-noise-1', zone: 'central' });
    // Pushed as soon as it was raised, not on a timer.
    const pushed = await eventually(async () => {
      const found = deltas.find((alert) => alert.id === raised?.id);
      if (!found) throw new Error('no delta yet');
      return found;
    }, 2_000);
    expect(pushed.state).toBe('raised');
    expect(Date.now() - beforeRaise).toBeLessThan(2_000);

    // Oscillating around 100 with hysteresis 3: nothing clears, nothing new is raised.
    for (const [value, seconds] of [[99, 90], [101, 120], [99.5, 150], [101, 180], [98, 210], [97, 240]] as const) {
      await ingest('alert-noise-1', 'noise', value, at(seconds));
    }
    let alerts = await alertsOfRule(rule.id);
    expect(alerts.map((alert) => alert.state)).toEqual(['raised']);

    await ingest('alert-noise-1', 'noise', 96.9, at(270));
    alerts = await alertsOfRule(rule.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: raised?.id, state: 'cleared' });
    const detail = alertDetailSchema.parse(await json(await call('leader', 'GET', `/alerts/${raised?.id}`), 200));
    expect(detail.history.map((entry) => [entry.action, entry.fromState, entry.toState])).toEqual([
      ['raised', null, 'raised'],
      ['cleared', 'raised', 'cleared'],
    ]);

    // Crossing again after it cleared is a new alert.
    await ingest('alert-noise-1', 'noise', 105, at(300));
    await ingest('alert-noise-1', 'noise', 105, at(360));
    alerts = await alertsOfRule(rule.id);
    expect(alerts.map((alert) => alert.state).sort()).toEqual(['cleared', 'raised']);
    expect(new Set(alerts.map((alert) => alert.id)).size).toBe(2);
  });

  it('escalates warning to critical in the same alert', async () => {
    await register('alert-temp-1', 'environment', spot(2));
    const rule = await createRule(thresholdRule('alert-temp-1', 'temperature', { warning: 38, critical: 41, hysteresis: 1 }));
    const now = Date.now();
    await ingest('alert-temp-1', 'temperature', 39, new Date(now - 60 * SECOND));
    await ingest('alert-temp-1', 'temperature', 42, new Date(now - 30 * SECOND));
    const [alert, ...others] = await alertsOfRule(rule.id);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ severity: 'critical', state: 'raised', value: 42, threshold: 41 });
    const detail = alertDetailSchema.parse(await json(await call('officer', 'GET', `/alerts/${alert?.id}`), 200));
    expect(detail.history.map((entry) => [entry.action, entry.fromSeverity, entry.toSeverity])).toEqual([
      ['raised', null, 'warning'],
      ['escalated', 'warning', 'critical'],
    ]);
  });

  it('raises a stale alert for a device silent longer than its interval × factor, and clears it when data returns', async () => {
    await register('alert-quiet-1', 'environment', spot(3), 1);
    await register('alert-chatty-1', 'environment', spot(3.2), 1);
    const rule = await createRule({
      name: { vi: 'Trạm im lặng', en: 'Station silent' },
      target: { kind: 'no_data', feed: 'environment', deviceId: null, factor: 2 },
      comparator: 'above',
      warning: null,
      critical: null,
      hysteresis: 0,
      forSeconds: 0,
      enabled: true,
      openIncident: false,
    });
    await ingest('alert-quiet-1', 'humidity', 80, new Date(Date.now() - 10 * SECOND));
    await ingest('alert-chatty-1', 'humidity', 80, new Date());
    const monitor = api.app.get(NoDataMonitorService);
    await monitor.checkNow();
    // Only these two devices are this test's (the rule covers every device of the feed).
    const mine = async () => (await alertsOfRule(rule.id)).filter((alert) => alert.deviceId === 'alert-quiet-1' || alert.deviceId === 'alert-chatty-1');
    const stale = (await mine()).filter((alert) => alert.state !== 'cleared');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ kind: 'no_data', severity: 'warning', deviceId: 'alert-quiet-1', threshold: 2 });
    expect(stale[0]?.value).toBeGreaterThanOrEqual(10);

    await ingest('alert-quiet-1', 'humidity', 81, new Date());
    await monitor.checkNow();
    expect((await mine()).map((alert) => [alert.deviceId, alert.state])).toEqual([['alert-quiet-1', 'cleared']]);
    await json(await call('admin', 'PUT', `/alert-rules/${rule.id}`, { ...rule, enabled: false }), 200);
  });

  it('acknowledges once per operation id, refuses a leader, and records who', async () => {
    await register('alert-pm10-1', 'environment', spot(4));
    const rule = await createRule(thresholdRule('alert-pm10-1', 'pm10', { critical: 300 }));
    await ingest('alert-pm10-1', 'pm10', 320, new Date());
    const [alert] = await alertsOfRule(rule.id);
    if (!alert) throw new Error('no alert raised');

    const byLeader = await call('leader', 'POST', `/alerts/${alert.id}/ack`, { comment: 'Đã biết', opId: randomUUID() });
    expect(byLeader.status).toBe(403);
    expect(problemSchema.parse(await byLeader.json()).code).toBe('AUTH_ROLE_DENIED');
    expect((await call('responder', 'GET', '/alerts')).status).toBe(403);

    const ack = { comment: 'Đã liên hệ trạm quan trắc', opId: randomUUID() };
    const first = alertSchema.parse(await json(await call('officer', 'POST', `/alerts/${alert.id}/ack`, ack), 200));
    const retry = alertSchema.parse(await json(await call('officer', 'POST', `/alerts/${alert.id}/ack`, ack), 200));
    expect(first).toMatchObject({ state: 'acknowledged', ackComment: ack.comment, acknowledgedBy: { id: sessions.officer.user.id, displayName: 'Cán bộ trực ca' } });
    expect(retry).toEqual(first);
    const detail = alertDetailSchema.parse(await json(await call('officer', 'GET', `/alerts/${alert.id}`), 200));
    expect(detail.history.filter((entry) => entry.action === 'acknowledged')).toHaveLength(1);
    expect(detail.history.at(-1)).toMatchObject({ action: 'acknowledged', fromState: 'raised', toState: 'acknowledged', comment: ack.comment, actor: { displayName: 'Cán bộ trực ca' } });

    const again = await call('admin', 'POST', `/alerts/${alert.id}/ack`, { comment: 'Lần nữa', opId: randomUUID() });
    expect(again.status).toBe(409);
    expect(problemSchema.parse(await again.json()).code).toBe('ALERT_ALREADY_ACKNOWLEDGED');
  });

  it('acknowledges over the socket once per operation id, also when retried on a new connection, and refuses viewers and bad payloads', async () => {
    await register('alert-pm10-ws', 'environment', spot(6));
    const rule = await createRule(thresholdRule('alert-pm10-ws', 'pm10', { critical: 300 }));
    await ingest('alert-pm10-ws', 'pm10', 330, new Date());
    const [alert] = await alertsOfRule(rule.id);
    if (!alert) throw new Error('no alert raised');
    const live = async (who: keyof typeof sessions) => {
      const socket = connectLive(api.baseUrl, { token: sessions[who].accessToken });
      sockets.push(socket);
      await connected(socket);
      return socket;
    };
    // Untyped on purpose: the bad payloads are what a typed client could not send.
    const acknowledge = async (socket: LiveTestSocket, payload: unknown): Promise<LiveAckAlertAnswer> =>
      liveAckAlertAnswerSchema.parse(await (socket as unknown as Socket).timeout(10_000).emitWithAck('alert:ack', payload));
    const refusal = (answer: LiveAckAlertAnswer) => (answer.ok ? 'acknowledged' : answer.code);
    const ack = { alertId: alert.id, comment: 'Đã gọi trạm quan trắc qua bàn điều phối', opId: randomUUID() };

    expect(refusal(await acknowledge(await live('wall'), ack))).toBe('ACTION_FORBIDDEN');
    expect(refusal(await acknowledge(await live('leader'), ack))).toBe('ACTION_FORBIDDEN');
    const officer = await live('officer');
    const badId = await acknowledge(officer, { ...ack, alertId: 'not-an-id' });
    expect(badId).toMatchObject({ ok: false, code: 'PAYLOAD_INVALID', message: expect.stringContaining('alertId') });
    expect(await acknowledge(officer, { alertId: alert.id, comment: ' ', opId: randomUUID() })).toMatchObject({ ok: false, code: 'PAYLOAD_INVALID', message: expect.stringContaining('comment') });
    expect(refusal(await acknowledge(officer, 'acknowledge it please'))).toBe('PAYLOAD_INVALID');
    expect(refusal(await acknowledge(officer, { ...ack, alertId: randomUUID(), opId: randomUUID() }))).toBe('ALERT_NOT_FOUND');
    // None of the refusals touched the alert.
    expect(alertSchema.parse(await json(await call('officer', 'GET', `/alerts/${alert.id}`), 200)).state).toBe('raised');

    const first = await acknowledge(officer, ack);
    if (!first.ok) throw new Error(`not acknowledged: ${first.code} ${first.message}`);
    expect(first.alert).toMatchObject({ id: alert.id, state: 'acknowledged', ackComment: ack.comment, acknowledgedBy: { id: sessions.officer.user.id } });
    // The client lost its link before the answer and resends the same action on a new connection.
    officer.disconnect();
    const retried = await acknowledge(await live('officer'), ack);
    expect(retried).toEqual(first);
    const detail = alertDetailSchema.parse(await json(await call('officer', 'GET', `/alerts/${alert.id}`), 200));
    expect(detail.history.filter((entry) => entry.action === 'acknowledged')).toHaveLength(1);

    // Another action (a new opId) on an alert acknowledged already is refused, with the alert as it is.
    const late = await acknowledge(await live('admin'), { ...ack, opId: randomUUID() });
    expect(late).toMatchObject({ ok: false, code: 'ALERT_ALREADY_ACKNOWLEDGED', current: { id: alert.id, state: 'acknowledged' } });

    // The server kept serving throughout: a new socket still gets its answers.
    const after = await live('officer');
    expect(await after.timeout(10_000).emitWithAck('ping')).toEqual(expect.any(String));
    expect((await fetch(`${api.baseUrl}/api/health`)).status).toBe(200);
  });

  it('opens an incident from an alert, and a second alert nearby joins it', async () => {
    const here = spot(5);
    const near = offsetPoint(here.lat, here.lon, 80, 0);
    await register('alert-dust-a', 'environment', here);
    await register('alert-dust-b', 'environment', near);
    const rule = await createRule(thresholdRule(null, 'pm10', { critical: 400, incidentCategory: 'waste_environment' }));
    await ingest('alert-dust-a', 'pm10', 450, new Date());
    await ingest('alert-dust-b', 'pm10', 460, new Date());
    const alerts = await alertsOfRule(rule.id);
    const first = alerts.find((alert) => alert.deviceId === 'alert-dust-a');
    const second = alerts.find((alert) => alert.deviceId === 'alert-dust-b');
    if (!first || !second) throw new Error('both alerts should be raised');

    const opened = alertIncidentResponseSchema.parse(await json(await call('officer', 'POST', `/alerts/${first.id}/incident`), 201));
    expect(opened).toMatchObject({ joined: false, alert: { id: first.id, incidentId: opened.incidentId } });
    const joined = alertIncidentResponseSchema.parse(await json(await call('officer', 'POST', `/alerts/${second.id}/incident`), 201));
    expect(joined).toMatchObject({ joined: true, incidentId: opened.incidentId });
    const linkedAgain = alertIncidentResponseSchema.parse(await json(await call('officer', 'POST', `/alerts/${first.id}/incident`), 200));
    expect(linkedAgain.incidentId).toBe(opened.incidentId);

    const incident = (await json(await call('officer', 'GET', `/incidents/${opened.incidentId}`), 200)) as { source: string; category: string; sources: { kind: string; ref: string }[] };
    expect(incident).toMatchObject({ source: 'sensor_alert', category: 'waste_environment' });
    expect(incident.sources.map((source) => source.ref).sort()).toEqual([first.id, second.id].sort());
    // Disabled so its alerts stay as they are for the CAP test.
    await json(await call('admin', 'PUT', `/alert-rules/${rule.id}`, { ...rule, enabled: false }), 200);
  });

  it('raises a critical alert linked to the incident when an SLA deadline is missed', async () => {
    const created = createIncidentResponseSchema.parse(
      await json(await call('officer', 'POST', '/incidents', { category: 'fire', description: 'Cháy kho hàng gần chợ', ...spot(6) }), 201),
    );
    expect(created.incident.priority).toBe('P1');
    await new Promise((r) => setTimeout(r, 1_000));
    await api.app.get(SlaMonitorService).checkNow();
    const alert = await eventually(async () => {
      const items = alertListSchema.parse(await json(await call('officer', 'GET', '/alerts'), 200)).items;
      const found = items.find((item) => item.kind === 'sla_breach' && item.incidentId === created.incident.id);
      if (!found) throw new Error('no SLA alert yet');
      return found;
    });
    expect(alert).toMatchObject({ severity: 'critical', state: 'raised', ruleId: null, zone: created.incident.zone });
    expect(alert.title.vi).toContain(created.incident.reference);
    // Internal: not in the public CAP output.
    expect((await fetch(`${api.baseUrl}/api/alerts/${alert.id}.cap`)).status).toBe(404);
  });

  it('evaluates KPI rules with the KPI engine\'s values', async () => {
    // By now two incidents are open (the dust alerts' and the late fire).
    const rule = await createRule({ ...thresholdRule(null, 'unused', { critical: 2 }), target: { kind: 'kpi', kpiId: 'incidents.active' } });
    await api.app.get(KpiAlertsPoller).checkNow();
    const [alert, ...others] = await alertsOfRule(rule.id);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ kind: 'threshold', kpiId: 'incidents.active', severity: 'critical', state: 'raised', threshold: 2, lat: null, zone: null });
    expect(alert?.value).toBeGreaterThanOrEqual(2);
  });

  it('publishes CAP 1.2 that validates against the OASIS schema, in vi-VN and en-US, with +07:00 times', async () => {
    if (!capSchemaPresent && process.env['CI'] === 'true') throw new Error(`CAP schema missing at ${CAP_SCHEMA}`);
    const active = alertListSchema.parse(await json(await call('officer', 'GET', '/alerts?state=all'), 200)).items.filter((alert) => alert.kind === 'threshold');
    const acknowledged = active.find((alert) => alert.state === 'acknowledged');
    const cleared = active.find((alert) => alert.state === 'cleared');
    const raised = active.find((alert) => alert.state === 'raised' && alert.updatedAt === alert.raisedAt && alert.deviceId);
    const samples = [raised, acknowledged, cleared];
    expect(samples.every(Boolean)).toBe(true);

    const validate = async (name: string, xml: string) => {
      const file = join(workDir, `${kind}-${name}.xml`);
      await writeFile(file, xml);
      if (!capSchemaPresent) return run('xmllint', ['--noout', file]);
      return run('xmllint', ['--noout', '--schema', CAP_SCHEMA, file]);
    };

    const expectedType = new Map([[raised?.id, 'Alert'], [acknowledged?.id, 'Update'], [cleared?.id, 'Cancel']]);
    for (const alert of samples) {
      const response = await fetch(`${api.baseUrl}/api/alerts/${alert?.id}.cap`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/cap\+xml/);
      const xml = await response.text();
      await validate(`alert-${alert?.id}`, xml);
      expect(xml.match(/<language>(.*?)<\/language>/g)).toEqual(['<language>vi-VN</language>', '<language>en-US</language>']);
      expect(xml).toContain(`<msgType>${expectedType.get(alert?.id)}</msgType>`);
      const times = [...xml.matchAll(/<(sent|onset|expires)>(.*?)<\/\1>/g)].map((match) => match[2] ?? '');
      expect(times.length).toBeGreaterThan(0);
      for (const time of times) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      expect(xml).toMatch(/<circle>10\.\d{5},106\.\d{5} 1\.0<\/circle>/);
      // Who acknowledged it, and why, stays inside.
      if (alert?.ackComment) expect(xml).not.toContain(alert.ackComment);
    }
    expect(await fetch(`${api.baseUrl}/api/alerts/${randomUUID()}.cap`).then((r) => r.status)).toBe(404);

    const feed = await fetch(`${api.baseUrl}/api/alerts.cap`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const atom = await feed.text();
    await run('xmllint', ['--noout', await (async () => {
      const file = join(workDir, `${kind}-feed.xml`);
      await writeFile(file, atom);
      return file;
    })()]);
    const embedded = [...atom.matchAll(/<alert xmlns="urn:oasis:names:tc:emergency:cap:1\.2">[\s\S]*?<\/alert>/g)].map((match) => match[0]);
    expect(embedded.length).toBeGreaterThanOrEqual(4);
    // The city-wide KPI alert has no point: its area is the city's polygon.
    expect(atom).toMatch(/<polygon>(10\.\d{5},106\.\d{5} ){4}10\.\d{5},106\.\d{5}<\/polygon>/);
    for (const [i, xml] of embedded.entries()) await validate(`feed-entry-${i}`, `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
  });
});
