// HTTP ingest rate with 20 million readings (a month of data from 200 stations) already stored,
// over the rate on an empty table, same API, same database, same run. Daily partitions are meant
// to make the first as fast as the second.
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { benchReadings, createBenchDatabase, registerStations } from './support/database.mjs';
import { sendBatches } from './support/http-load.mjs';
import { startBenchApi } from './support/processes.mjs';

const require = createRequire(import.meta.url);
export const name = 'ingest-growth';
const PRELOADED = Number(process.env.BENCH_GROWTH_ROWS || 20_000_000);
const READINGS = 300_000;
const STATIONS = 200;
const DAY = 86_400_000;

export async function run({ root }) {
  const { DEMO_API_KEYS } = require(join(root, 'apps/api/dist/modules/demo/demo-fixtures.js'));
  const database = await createBenchDatabase();
  const api = await startBenchApi(root, database.url);
  const client = await database.connect();
  const ingest = async (source) => {
    const readings = [...benchReadings({ source, devices, count: READINGS, start: Date.now() - 20 * 60_000 })];
    const bodies = [];
    for (let i = 0; i < readings.length; i += 500) bodies.push(JSON.stringify(readings.slice(i, i + 500)));
    return sendBatches(`${api.url}/api/ingest/environment`, DEMO_API_KEYS[0].key, bodies, { connections: 16 });
  };
  let devices = [];
  try {
    devices = await registerStations(client, STATIONS);
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    await ingest('warmup');
    const empty = await ingest('empty');

    // A month of history: one partition a day, as the API keeps them, and the rollups it would have.
    const today = Math.floor(Date.now() / DAY) * DAY;
    for (let day = 30; day >= 2; day--) {
      const from = new Date(today - day * DAY).toISOString();
      const to = new Date(today - (day - 1) * DAY).toISOString();
      const name = `readings_p${from.slice(0, 10).replaceAll('-', '')}`;
      await client.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF readings FOR VALUES FROM ('${from}') TO ('${to}')`);
    }
    const loadStarted = performance.now();
    const stepMs = Math.floor((29 * DAY) / (PRELOADED / STATIONS));
    await client.query(
      `INSERT INTO readings (source, device_id, metric, observed_at, value)
       SELECT 'history', 'bench-' || (g % $1 + 1), 'pm25', to_timestamp($2 / 1000.0) + ((g / $1)::bigint * $3) * interval '1 millisecond', (g % 97) + 5
         FROM generate_series(0::bigint, $4 - 1) g`,
      [STATIONS, today - 30 * DAY, stepMs, PRELOADED],
    );
    await client.query(
      `INSERT INTO reading_rollups_1m (device_id, metric, bucket, count, min, max, sum, last_value, last_observed_at)
       SELECT device_id, metric, date_trunc('minute', observed_at, 'UTC'), count(*), min(value), max(value), sum(value::numeric),
              (array_agg(value ORDER BY observed_at DESC))[1], max(observed_at)
         FROM readings WHERE source = 'history' GROUP BY 1, 2, 3 ON CONFLICT DO NOTHING`,
    );
    await client.query('VACUUM ANALYZE');
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM readings`);

    const loaded = await ingest('loaded');
    return {
      value: Math.round(loaded.perSecond),
      unit: 'readings/s',
      baseline: Math.round(empty.perSecond),
      baselineName: 'the same ingest into an empty table',
      target: { ratio: 0.8 },
      notes: `${rows[0].n} rows stored before the second run (loaded in ${loadSeconds.toFixed(0)} s); ${READINGS} readings each run`,
    };
  } finally {
    await client.end();
    await api.stop();
    await database.drop();
  }
}
