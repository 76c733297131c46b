import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** A database of its own for one benchmark, dropped afterwards. */
export async function createBenchDatabase() {
  const name = `ioc_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async connect() {
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      return client;
    },
    async drop() {
      const client = new Client({ connectionString: BENCH_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Registers `count` environment stations straight in the database. */
export async function registerStations(client, count) {
  await client.query(
    `INSERT INTO devices (id, feed, kind, name_vi, name_en, lat, lon, zone, group_id, expected_interval_seconds)
     SELECT 'bench-' || g, 'environment', 'air', 'Trạm ' || g, 'Station ' || g, 10.355, 106.365, 'central', 'bench', 60
       FROM generate_series(1, $1) g ON CONFLICT DO NOTHING`,
    [count],
  );
  return Array.from({ length: count }, (_, i) => `bench-${i + 1}`);
}

/** The readings every side of a benchmark stores: unique keys, recent times, plausible values. */
export function* benchReadings({ source, devices, count, start }) {
  for (let i = 0; i < count; i++) {
    const device = devices[i % devices.length];
    yield {
      source,
      deviceId: device,
      metric: 'pm25',
      value: 5 + (i % 97),
      unit: 'µg/m³',
      observedAt: new Date(start + Math.floor(i / devices.length) * 10).toISOString(),
    };
  }
}

/** The same rows through COPY: the fastest way PostgreSQL takes rows in, and our baseline. */
export async function copyReadings(client, readings) {
  const stream = client.query(copyFrom(`COPY readings (source, device_id, metric, observed_at, value) FROM STDIN`));
  async function* lines() {
    let chunk = '';
    for (const r of readings) {
      chunk += `${r.source}\t${r.deviceId}\t${r.metric}\t${r.observedAt}\t${r.value}\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), stream);
}
