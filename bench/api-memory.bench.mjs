// Resident memory of the API (the built apps/api/dist/main.js, on PostgreSQL, as deployed) after
// 10 minutes of 5,000 readings/s with 200 Socket.IO clients subscribed to live topics, and whether
// it still grows in the last 5 minutes. Baseline: the same process's RSS once started, before any
// load or client. BENCH_MEMORY_MINUTES shortens the run for a trial; the recorded figure is 10.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createBenchDatabase, registerStations } from './support/database.mjs';
import { signIn, startBenchApi } from './support/processes.mjs';

const require = createRequire(import.meta.url);
export const name = 'api-memory';
const MINUTES = Number(process.env.BENCH_MEMORY_MINUTES ?? 10);
const CLIENTS = 200;
const STATIONS = 200;
const LOAD_PER_SECOND = 5_000;
const BATCH = 500;
const SENDERS = 8;
const SAMPLE_EVERY_MS = 5_000;
const TOPICS = ['kpis', 'alerts', 'incidents', 'layer:environment', 'layer:traffic', 'layer:incidents', 'zone:central'];
/** At most this growth over the last half of the run (least-squares slope × its length), in MB. */
const GROWTH_TOLERANCE_MB = 20;

export async function run({ root }) {
  const apiRequire = createRequire(join(root, 'apps/api/package.json'));
  const { io: connect } = apiRequire('socket.io-client');
  const { DEMO_API_KEYS } = require(join(root, 'apps/api/dist/modules/demo/demo-fixtures.js'));
  const database = await createBenchDatabase();
  const api = await startBenchApi(root, database.url);
  // The API's last output, and how it ended if it did: a benchmark of a dead process must say so.
  let output = '';
  api.child.stdout.on('data', (chunk) => (output = (output + chunk.toString()).slice(-4_096)));
  let exit = null;
  api.child.once('exit', (code, signal) => (exit = { code, signal }));
  const rssMb = () => {
    if (exit) throw new Error(`the API exited (code ${exit.code}, signal ${exit.signal}); its last output:\n${output}`);
    return rssMbOf(api.child.pid);
  };
  const sockets = [];
  let loading = true;
  try {
    const client = await database.connect();
    const devices = await registerStations(client, STATIONS);
    await client.end();
    // Registered behind the API's back: its registry picks them up on the next miss after 5 s.
    await sleep(5_500);
    const startRssMb = rssMb();

    const token = await signIn(api.url, 'manhinh');
    let deltas = 0;
    const refused = new Set();
    for (let i = 0; i < CLIENTS; i++) {
      const socket = connect(`${api.url}/live`, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: true });
      await new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      socket.on('live:delta', () => (deltas += 1));
      for (const topic of TOPICS) if (!(await socket.timeout(20_000).emitWithAck('subscribe', { topic })).ok) refused.add(topic);
      sockets.push(socket);
    }

    const started = performance.now();
    const samples = [];
    const load = backgroundLoad(`${api.url}/api/ingest/environment`, DEMO_API_KEYS[0].key, devices, () => loading);
    while (performance.now() - started < MINUTES * 60_000) {
      await sleep(SAMPLE_EVERY_MS);
      samples.push({ minute: (performance.now() - started) / 60_000, mb: rssMb() });
    }
    loading = false;
    const loadStats = await load;
    const connectedAtEnd = sockets.filter((socket) => socket.connected).length;

    const last = samples.at(-1)?.mb ?? 0;
    const peak = Math.max(...samples.map((sample) => sample.mb));
    const half = MINUTES / 2;
    const tail = samples.filter((sample) => sample.minute >= MINUTES - half);
    const slope = slopeOf(tail);
    const growth = round(slope * half);
    const atHalf = tail[0]?.mb ?? last;
    const series = samples.filter((_, i) => i % 12 === 11).map((sample) => `${sample.minute.toFixed(0)}′ ${sample.mb}`).join(', ');
    return {
      value: last,
      unit: 'MB RSS',
      baseline: startRssMb,
      baselineName: 'the same process once started, before load and clients',
      target: { max: 400 },
      alsoRequired: { [`growth over the last ${half} min ≤ ${GROWTH_TOLERANCE_MB} MB`]: growth <= GROWTH_TOLERANCE_MB, 'every client still connected': connectedAtEnd === CLIENTS },
      notes:
        `${MINUTES} min at ${Math.round(loadStats.readingsPerSecond)} readings/s (${loadStats.refused} batches refused), ` +
        `${connectedAtEnd}/${CLIENTS} clients connected at the end on ${TOPICS.length} topics (refused: ${[...refused].join(', ') || 'none'}; ${deltas} deltas received); ` +
        `RSS at start ${startRssMb} MB, peak ${peak} MB, at ${MINUTES - half} min ${atHalf} MB, at end ${last} MB; ` +
        `growth over the last ${half} min ${growth} MB (least-squares slope ${round(slope)} MB/min × ${half} min; tolerance ${GROWTH_TOLERANCE_MB} MB); ` +
        `RSS per minute: ${series}`,
    };
  } finally {
    loading = false;
    for (const socket of sockets) socket.disconnect();
    await api.stop();
    await database.drop();
  }
}

/** The process's resident set, in MB, from the kernel (what `ps` and a container limit see). */
function rssMbOf(pid) {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return round(kb / 1024);
}

/** Least-squares slope of RSS (MB) against time (minutes). */
function slopeOf(samples) {
  if (samples.length < 2) return 0;
  const meanX = samples.reduce((sum, s) => sum + s.minute, 0) / samples.length;
  const meanY = samples.reduce((sum, s) => sum + s.mb, 0) / samples.length;
  const covariance = samples.reduce((sum, s) => sum + (s.minute - meanX) * (s.mb - meanY), 0);
  const variance = samples.reduce((sum, s) => sum + (s.minute - meanX) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
}


/**
 * 5,000 readings/s in batches of 500 from a few senders side by side, PM2.5 and salinity in turn
 * (so the VN_AQI and salinity KPIs and the environment layer keep moving), each reading new, its
 * time following the wall clock (one reading per station every 40 ms at the full rate).
 */
async function backgroundLoad(url, apiKey, devices, running) {
  const started = performance.now();
  const t0 = Date.now() - 60_000;
  let sent = 0;
  let refused = 0;
  let sequence = 0;
  const interval = ((BATCH * SENDERS) / LOAD_PER_SECOND) * 1000;
  const sender = async () => {
    while (running()) {
      const tick = performance.now();
      const batch = Array.from({ length: BATCH }, () => {
        const n = sequence++;
        const salinity = n % 2 === 1;
        return {
          source: 'bench-memory',
          deviceId: devices[n % devices.length],
          metric: salinity ? 'salinity' : 'pm25',
          value: salinity ? 0.5 + (n % 5) / 10 : 10 + (n % 7),
          unit: salinity ? '‰' : 'µg/m³',
          observedAt: new Date(t0 + Math.floor(n / devices.length) * 40).toISOString(),
        };
      });
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify(batch) });
        await response.arrayBuffer();
        if (response.status === 200) sent += BATCH;
        else refused += 1;
      } catch {
        refused += 1;
      }
      await sleep(Math.max(0, interval - (performance.now() - tick)));
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  return { readingsPerSecond: sent / ((performance.now() - started) / 1000), refused };
}

const round = (value) => Math.round(value * 10) / 10;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
