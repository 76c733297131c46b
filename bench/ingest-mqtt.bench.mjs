// Messages per second from device publishers through Mosquitto into PostgreSQL: QoS 1, one reading
// per message (as a sensor sends them), counted once committed; against COPY of the same rows into
// the same table in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { benchReadings, copyReadings, createBenchDatabase, registerStations } from './support/database.mjs';
import { startBenchApi } from './support/processes.mjs';

const require = createRequire(import.meta.url);
export const name = 'ingest-mqtt';
const MESSAGES = Number(process.env.BENCH_MQTT_MESSAGES || 100_000);
const STATIONS = 200;

/**
 * A Mosquitto of its own, configured as deploy/mosquitto/mosquitto.conf configures the deployment's:
 * the machine's broker keeps Mosquitto's default queue of 1,000 messages per session, and a
 * publisher faster than the consumer would then measure the broker dropping messages, not ingest.
 */
async function startBroker() {
  if (process.env.BENCH_MQTT_URL) return { url: process.env.BENCH_MQTT_URL, stop: async () => undefined };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-mosquitto-'));
  const config = join(dir, 'mosquitto.conf');
  writeFileSync(config, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n`);
  const broker = spawn('mosquitto', ['-c', config], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (broker.exitCode !== null) throw new Error('mosquitto did not start (is it installed?)');
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      broker.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function run({ root }) {
  const mqtt = require('mqtt');
  const broker = await startBroker();
  const MQTT_URL = broker.url;
  const database = await createBenchDatabase();
  const suffix = `${process.pid}`;
  const api = await startBenchApi(root, database.url, {
    MQTT_URL,
    MQTT_SHARE_GROUP: `bench${suffix}`,
    MQTT_CLIENT_ID: `ioc-bench-${suffix}`,
  });
  const client = await database.connect();
  const publisher = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-pub-${suffix}`, clean: true });
  try {
    const devices = await registerStations(client, STATIONS);
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const count = async (source) => Number((await client.query(`SELECT count(*) AS n FROM readings WHERE source = $1`, [source])).rows[0].n);
    const publishAll = async (source, total) => {
      const started = performance.now();
      const inFlight = new Set();
      for (const reading of benchReadings({ source, devices, count: total, start: Date.now() - 20 * 60_000 })) {
        const sent = publisher.publishAsync(`ioc/v1/environment/${reading.deviceId}`, JSON.stringify(reading), { qos: 1 });
        inFlight.add(sent);
        sent.finally(() => inFlight.delete(sent));
        if (inFlight.size >= 1_000) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      const deadline = Date.now() + 300_000;
      while ((await count(source)) < total) {
        if (Date.now() > deadline) throw new Error(`only ${await count(source)} of ${total} stored after 5 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return total / ((performance.now() - started) / 1000);
    };
    await publishAll('mqtt-warmup', 10_000);
    const perSecond = await publishAll('mqtt', MESSAGES);

    const copyStarted = performance.now();
    await copyReadings(client, benchReadings({ source: 'mqtt-copy', devices, count: MESSAGES, start: Date.now() - 20 * 60_000 }));
    const copyPerSecond = MESSAGES / ((performance.now() - copyStarted) / 1000);
    return {
      value: Math.round(perSecond),
      unit: 'messages/s',
      baseline: Math.round(copyPerSecond),
      baselineName: 'COPY of the same rows into the same table',
      // The issue sets no target for MQTT; the figure is tracked for regressions.
      target: {},
      notes: `${MESSAGES} QoS 1 messages of one reading each, one publisher, counted when committed`,
    };
  } finally {
    await publisher.endAsync();
    await client.end();
    await api.stop();
    await database.drop();
    await broker.stop();
  }
}
