// Seconds to make the weekly briefing (PDF, then XLSX) of an ISO week holding 10 million readings
// and 5,000 incidents, through the API (POST /api/briefings, then polling the list until the job
// is done), against the single SQL query that counts that week's raw readings. The briefing reads
// one-minute rollups and the incident tables, so it should not cost much more than that count.
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createBenchDatabase } from './support/database.mjs';
import { startServer } from './support/processes.mjs';

const require = createRequire(import.meta.url);
const { from: copyFrom } = require('pg-copy-streams');

export const name = 'briefing';
const READINGS = Number(process.env.BENCH_BRIEFING_READINGS || 10_000_000);
const INCIDENTS = Number(process.env.BENCH_BRIEFING_INCIDENTS || 5_000);
const ROUNDS = Number(process.env.BENCH_BRIEFING_ROUNDS || 3);
const DAY = 86_400_000;
const MINUTE = 60_000;
const SEED = 1679;

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const seconds = (since) => (performance.now() - since) / 1000;

export async function run({ root }) {
  const dist = (path) => require(join(root, 'apps/api/dist', path));
  const { buildMyThoRegistry } = dist('modules/simulator/my-tho-registry.js');
  const { metricsOf, simulateValue, SIMULATOR_SOURCE } = dist('modules/simulator/simulation-model.js');
  const { DEMO_PASSWORD } = dist('modules/demo/demo-fixtures.js');
  const shared = require('@mekong-ioc/shared');

  // The last week that is over: a final (not provisional) briefing, as the Monday schedule makes.
  const week = shared.previousIsoWeek(shared.isoWeekOf(new Date()).week);
  const window = shared.parseIsoWeek(week);
  const database = await createBenchDatabase();
  const api = await startServer(join(root, 'apps/api/dist/main.js'), {
    NODE_ENV: 'development',
    DEMO_MODE: 'true',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    MIGRATE_ON_START: 'true',
    JWT_SECRET: 'benchmark-secret-0123456789abcdefghijklmnop',
    LOG_LEVEL: 'warn',
    // The Monday scheduler would start last week's briefing on its own while we measure it.
    BRIEFING_SCHEDULE_CHECK_SECONDS: '0',
  });
  const client = await database.connect();
  try {
    const loadStarted = performance.now();
    const registry = buildMyThoRegistry(SEED);
    const readings = await loadReadings(client, { registry, metricsOf, simulateValue, source: SIMULATOR_SOURCE, window, target: READINGS });
    const readingsSeconds = seconds(loadStarted);
    const rollupStarted = performance.now();
    // The rollups as ingest would have merged them, built from the readings themselves.
    const rollups = await client.query(
      `INSERT INTO reading_rollups_1m (device_id, metric, bucket, count, min, max, sum, last_value, last_observed_at)
       SELECT device_id, metric, date_trunc('minute', observed_at, 'UTC'), count(*), min(value), max(value), sum(value::numeric),
              (array_agg(value ORDER BY observed_at DESC))[1], max(observed_at)
         FROM readings WHERE observed_at >= $1 AND observed_at < $2 GROUP BY 1, 2, 3`,
      [window.from, window.to],
    );
    const rollupSeconds = seconds(rollupStarted);
    const incidentStarted = performance.now();
    const incidents = await loadIncidents(client, { shared, window, count: INCIDENTS });
    const incidentSeconds = seconds(incidentStarted);
    await client.query('VACUUM ANALYZE');
    const loadSeconds = seconds(loadStarted);

    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lanhdao', password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const { accessToken } = await login.json();
    const authorization = `Bearer ${accessToken}`;
    const generate = async (format) => {
      const started = performance.now();
      const created = await fetch(`${api.url}/api/briefings`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ week, format, locale: 'vi' }),
      });
      if (created.status !== 202) throw new Error(`POST /api/briefings: ${created.status} ${await created.text()}`);
      const { jobId } = await created.json();
      for (;;) {
        const { items } = await (await fetch(`${api.url}/api/briefings`, { headers: { authorization } })).json();
        const item = items.find((candidate) => candidate.id === jobId);
        if (item?.state === 'done') return { seconds: seconds(started), sizeBytes: item.sizeBytes };
        if (item?.state === 'failed') throw new Error(`${format} briefing failed: ${item.error}`);
        if (seconds(started) > 600) throw new Error(`${format} briefing still running after 600 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const count = async () => {
      const started = performance.now();
      const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM readings WHERE observed_at >= $1 AND observed_at < $2`, [window.from, window.to]);
      return { seconds: seconds(started), n: Number(rows[0].n) };
    };

    // A warm-up of each (fonts, first queries), then interleaved rounds so that other work on the
    // shared machine falls on every side.
    await count();
    await generate('pdf');
    const runs = { count: [], pdf: [], xlsx: [] };
    const load = [];
    for (let round = 0; round < ROUNDS; round++) {
      runs.count.push(await count());
      runs.pdf.push(await generate('pdf'));
      runs.xlsx.push(await generate('xlsx'));
      load.push(loadavg()[0]);
    }
    const pdf = median(runs.pdf.map((r) => r.seconds));
    const xlsx = median(runs.xlsx.map((r) => r.seconds));
    const baseline = median(runs.count.map((r) => r.seconds));
    const round3 = (x) => Math.round(x * 1000) / 1000;
    return {
      value: round3(pdf),
      unit: 's',
      baseline: round3(baseline),
      baselineName: "one SQL count of the week's raw readings",
      target: { max: 30 },
      notes:
        `${week}: ${runs.count[0].n} readings (${readings.series} series of ${registry.length} demo devices), ${rollups.rowCount} rollups, ` +
        `${incidents.incidents} incidents with ${incidents.audit} audit rows and ${incidents.reports} citizen reports; ` +
        `PDF median ${pdf.toFixed(2)} s (${runs.pdf.map((r) => r.seconds.toFixed(2)).join(', ')}; ${runs.pdf[0].sizeBytes} bytes), ` +
        `XLSX median ${xlsx.toFixed(2)} s (${runs.xlsx.map((r) => r.seconds.toFixed(2)).join(', ')}; ${runs.xlsx[0].sizeBytes} bytes), ` +
        `count median ${baseline.toFixed(3)} s (${runs.count.map((r) => r.seconds.toFixed(3)).join(', ')}); ` +
        `load ${loadSeconds.toFixed(0)} s (readings ${readingsSeconds.toFixed(0)} s, rollups ${rollupSeconds.toFixed(0)} s, incidents ${incidentSeconds.toFixed(0)} s); ` +
        `load average during the rounds ${load.map((l) => l.toFixed(1)).join(', ')}`,
    };
  } finally {
    await client.end();
    await api.stop();
    await database.drop();
  }
}

/**
 * The week's readings of every demo device, with the simulator's values, through COPY. Cameras
 * (uptime is judged by heartbeats per interval) and dossier offices keep their real cadence; the
 * other devices report at a cadence stretched or shrunk evenly so that the total is `target`.
 */
async function loadReadings(client, { registry, metricsOf, simulateValue, source, window, target }) {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const span = to - from;
  const series = registry.flatMap((device) => metricsOf(device).map((metric) => ({ device, metric, stepMs: device.expectedIntervalSeconds * 1000 })));
  const perWeek = (list) => list.reduce((sum, s) => sum + Math.ceil(span / s.stepMs), 0);
  const fixed = series.filter((s) => s.device.feed === 'camera' || s.device.feed === 'dossier');
  const scaled = series.filter((s) => !fixed.includes(s));
  const fixedCount = perWeek(fixed);
  // With a small trial target every series is scaled alike.
  const stretch = target > fixedCount * 1.5 ? perWeek(scaled) / (target - fixedCount) : perWeek(series) / target;
  for (const s of target > fixedCount * 1.5 ? scaled : series) s.stepMs = Math.max(1000, Math.round(s.stepMs * stretch));

  // One partition per UTC day, as the API keeps them.
  for (let day = Math.floor(from / DAY) * DAY; day < to; day += DAY) {
    const name = `readings_p${new Date(day).toISOString().slice(0, 10).replaceAll('-', '')}`;
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF readings FOR VALUES FROM ('${new Date(day).toISOString()}') TO ('${new Date(day + DAY).toISOString()}')`,
    );
  }
  // Series by series, so each lands in primary-key order. The offset spreads series within a step.
  async function* lines() {
    let chunk = '';
    for (const [index, s] of series.entries()) {
      const prefix = `${source}\t${s.device.id}\t${s.metric}\t`;
      for (let at = from + ((index * 7919) % s.stepMs); at < to; at += s.stepMs) {
        chunk += `${prefix}${new Date(at).toISOString()}\t${simulateValue(s.device, s.metric, at, SEED)}\n`;
        if (chunk.length > 1 << 18) {
          yield chunk;
          chunk = '';
        }
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY readings (source, device_id, metric, observed_at, value) FROM STDIN`)));
  return { series: series.length };
}

/**
 * Incidents spread over the week, categories, zones, agencies and priorities, in every status,
 * each with what fed it, its audit trail (created, then each transition, hash-chained by the
 * database's trigger) and, for citizen reports, the report.
 */
async function loadIncidents(client, { shared, window, count }) {
  const { rows: agencies } = await client.query(`SELECT id, kind FROM agencies`);
  const agencyOf = new Map(agencies.map((a) => [a.kind, a.id]));
  const statuses = ['closed', 'closed', 'closed', 'resolved', 'resolved', 'on_scene', 'dispatched', 'verified', 'new', 'rejected'];
  const sources = ['citizen_report', 'citizen_report', 'camera_event', 'sensor_alert', 'officer'];
  const chain = { new: [], verified: ['verified'], dispatched: ['verified', 'dispatched'], on_scene: ['verified', 'dispatched', 'on_scene'] };
  chain.resolved = [...chain.on_scene, 'resolved'];
  chain.closed = [...chain.resolved, 'closed'];
  chain.rejected = ['rejected'];
  const span = window.to.getTime() - window.from.getTime();
  const incidents = [];
  const audit = [];
  const reports = [];
  const trackingAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  for (let i = 0; i < count; i++) {
    const category = shared.REPORT_CATEGORIES[i % shared.REPORT_CATEGORIES.length];
    const definition = shared.REPORT_CATEGORY_DEFINITIONS[category];
    const priority = i % 7 === 0 ? 'P1' : i % 5 === 0 ? 'P2' : definition.defaultPriority;
    const sla = shared.DEFAULT_SLA_MINUTES[priority];
    const status = statuses[(i * 7) % statuses.length];
    const source = sources[i % sources.length];
    // Days and hours spread, more by day than by night; the last incidents late in the week stay open.
    const created = window.from.getTime() + Math.floor(((i + 0.5) / count) * span) - (i % 13) * MINUTE;
    // Some in time, some late: dispatch at 40–140 % of its deadline, resolve at 30–150 %.
    const dispatchAfter = Math.round(sla.dispatch * MINUTE * (0.4 + ((i * 37) % 100) / 100));
    const resolveAfter = Math.max(dispatchAfter + 10 * MINUTE, Math.round(sla.resolve * MINUTE * (0.3 + ((i * 53) % 120) / 100)));
    const steps = chain[status];
    const times = { verified: created + Math.round(dispatchAfter / 3), dispatched: created + dispatchAfter, on_scene: created + dispatchAfter + 15 * MINUTE, resolved: created + resolveAfter, closed: created + resolveAfter + 30 * MINUTE, rejected: created + 20 * MINUTE };
    const lat = 10.34 + ((i * 17) % 40) / 1000;
    const lon = 106.3 + ((i * 29) % 120) / 1000;
    const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    incidents.push({
      id,
      reference: `SC-${String(100001 + i)}`,
      category,
      priority,
      status,
      source,
      title: `${definition.vi} (${i + 1})`,
      description: `Sự cố ${definition.vi.toLowerCase()} số ${i + 1}, tạo cho bài đo hiệu năng báo cáo tuần`,
      zone: shared.ZONES[(i * 3) % shared.ZONES.length],
      lat,
      lon,
      agency_id: steps.includes('dispatched') || i % 3 === 0 ? agencyOf.get(definition.agencyKind) ?? null : null,
      last_reported_at: new Date(created).toISOString(),
      dispatch_deadline: new Date(created + sla.dispatch * MINUTE).toISOString(),
      resolve_deadline: new Date(created + sla.resolve * MINUTE).toISOString(),
      dispatch_breached_at: steps.includes('dispatched') ? (dispatchAfter > sla.dispatch * MINUTE ? new Date(created + sla.dispatch * MINUTE).toISOString() : null) : null,
      resolve_breached_at: steps.includes('resolved') && resolveAfter > sla.resolve * MINUTE ? new Date(created + sla.resolve * MINUTE).toISOString() : null,
      dispatched_at: steps.includes('dispatched') ? new Date(times.dispatched).toISOString() : null,
      resolved_at: steps.includes('resolved') ? new Date(times.resolved).toISOString() : null,
      closed_at: steps.includes('closed') ? new Date(times.closed).toISOString() : null,
      version: 1 + steps.length,
      created_at: new Date(created).toISOString(),
      updated_at: new Date(steps.length ? times[steps.at(-1)] : created).toISOString(),
    });
    const actor = { actor_role: 'duty_officer', actor_label: 'Cán bộ trực ca' };
    audit.push({ incident_id: id, ...actor, at: new Date(created).toISOString(), action: 'created', from_status: null, to_status: 'new', details: { source, priority } });
    let previous = 'new';
    for (const step of steps) {
      audit.push({ incident_id: id, ...actor, at: new Date(times[step]).toISOString(), action: 'transition', from_status: previous, to_status: step, details: {} });
      previous = step;
    }
    if (source === 'citizen_report') {
      let code = '';
      for (let n = i + 1, k = 0; k < 10; k++, n = Math.floor(n / 32)) code = trackingAlphabet[n % 32] + code;
      reports.push({ tracking_code: code, channel: i % 4 === 0 ? 'open311' : 'web', category, description: `Phản ánh ${definition.vi.toLowerCase()}`, lat, lon, locale: 'vi', incident_id: id, created_at: new Date(created).toISOString() });
    }
  }
  audit.sort((a, b) => a.at.localeCompare(b.at));

  const inserts = async (table, columns, rows) => {
    for (let i = 0; i < rows.length; i += 2000) {
      await client.query(
        `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, $1)`,
        [JSON.stringify(rows.slice(i, i + 2000))],
      );
    }
  };
  await inserts('incidents', Object.keys(incidents[0]), incidents);
  await client.query(`SELECT setval('incident_reference_seq', $1)`, [100000 + count]);
  await inserts(
    'incident_sources',
    ['incident_id', 'kind', 'ref', 'description', 'photo_ids', 'lat', 'lon', 'received_at'],
    incidents.map((i) => ({ incident_id: i.id, kind: i.source, ref: null, description: i.description, photo_ids: [], lat: i.lat, lon: i.lon, received_at: i.created_at })),
  );
  // The chain trigger fills id, prev_hash and hash; the columns are named, those are not.
  await inserts('incident_audit', ['incident_id', 'actor_role', 'actor_label', 'at', 'action', 'from_status', 'to_status', 'details'], audit);
  await inserts('citizen_reports', ['tracking_code', 'channel', 'category', 'description', 'lat', 'lon', 'locale', 'incident_id', 'created_at'], reports);
  return { incidents: incidents.length, audit: audit.length, reports: reports.length };
}
