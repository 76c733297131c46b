// Committed readings per second through POST /api/ingest/environment (batches of 500, 16
// connections) into PostgreSQL, against COPY of the same number of rows into the same table of the
// same database in the same run.
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { benchReadings, copyReadings, createBenchDatabase, registerStations } from './support/database.mjs';
import { sendBatches } from './support/http-load.mjs';
import { startBenchApi } from './support/processes.mjs';

const require = createRequire(import.meta.url);
export const name = 'ingest-http';
const READINGS = 600_000;
const BATCH = 500;
const CONNECTIONS = 16;
const STATIONS = 200;

export async function run({ root }) {
  const { DEMO_API_KEYS } = require(join(root, 'apps/api/dist/modules/demo/demo-fixtures.js'));
  const database = await createBenchDatabase();
  const api = await startBenchApi(root, database.url, {}, process.env.BENCH_API_NODE_ARGS ? process.env.BENCH_API_NODE_ARGS.split(' ') : []);
  const client = await database.connect();
  try {
    const devices = await registerStations(client, STATIONS);
    // Registered behind the API's back: its registry picks them up on the next miss after 5 s.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const start = Date.now() - 30 * 60_000;
    const readings = [...benchReadings({ source: 'bench-http', devices, count: READINGS, start })];
    const bodies = [];
    for (let i = 0; i < readings.length; i += BATCH) bodies.push(JSON.stringify(readings.slice(i, i + BATCH)));
    // Warm up the API (JIT, pool, registry) on data that is not counted.
    const warmup = [...benchReadings({ source: 'bench-warmup', devices, count: 50_000, start })];
    const warmBodies = [];
    for (let i = 0; i < warmup.length; i += BATCH) warmBodies.push(JSON.stringify(warmup.slice(i, i + BATCH)));
    await sendBatches(`${api.url}/api/ingest/environment`, DEMO_API_KEYS[0].key, warmBodies, { connections: CONNECTIONS });
    await client.query('VACUUM ANALYZE readings');

    const ours = await sendBatches(`${api.url}/api/ingest/environment`, DEMO_API_KEYS[0].key, bodies, { connections: CONNECTIONS });
    if (ours.stored !== READINGS) throw new Error(`stored ${ours.stored} of ${READINGS}`);

    const copyStarted = performance.now();
    await copyReadings(client, benchReadings({ source: 'bench-copy', devices, count: READINGS, start }));
    const copySeconds = (performance.now() - copyStarted) / 1000;

    return {
      value: Math.round(ours.perSecond),
      unit: 'readings/s',
      baseline: Math.round(READINGS / copySeconds),
      baselineName: 'COPY of the same rows into the same table',
      target: { ratio: 0.25, value: 100_000 },
      notes: `${READINGS} readings in batches of ${BATCH} over ${CONNECTIONS} connections in ${ours.seconds.toFixed(1)} s (${ours.unavailable} answers 503, resent); COPY ${copySeconds.toFixed(1)} s`,
    };
  } finally {
    await client.end();
    await api.stop();
    await database.drop();
  }
}
