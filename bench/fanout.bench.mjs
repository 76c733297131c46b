// Deliveries per second of our realtime gateway (handshake auth, role-checked rooms, numbered
// deltas kept in the replay ring, typed envelopes) against a bare Socket.IO server sending the same
// envelopes to the same number of clients in one room, measured in the same run, interleaved.
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { signIn } from './support/processes.mjs';

export const name = 'fanout';
const CLIENTS = 200;
const MESSAGES = 400;
const ROUNDS = 3;

export async function run({ root }) {
  const require = createRequire(join(root, 'apps/api/package.json'));
  const { io: connect } = require('socket.io-client');
  const ours = await startOurGateway(root, require);
  const bare = await startBareServer(require);
  try {
    const ourClients = await connectClients(connect, ours.url, { token: ours.token });
    const bareClients = await connectClients(connect, bare.url, {});
    for (const socket of ourClients) await subscribe(socket);
    const results = { ours: [], bare: [] };
    // One warm-up round each, then interleaved rounds so both see the same machine.
    await measure(ourClients, (envelope) => ours.publish(envelope), 50);
    await measure(bareClients, (envelope) => bare.publish(envelope), 50);
    for (let round = 0; round < ROUNDS; round++) {
      results.ours.push(await measure(ourClients, (envelope) => ours.publish(envelope), MESSAGES));
      results.bare.push(await measure(bareClients, (envelope) => bare.publish(envelope), MESSAGES));
    }
    for (const socket of [...ourClients, ...bareClients]) socket.disconnect();
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return {
      value: Math.round(median(results.ours)),
      unit: 'deliveries/s',
      baseline: Math.round(median(results.bare)),
      baselineName: 'bare Socket.IO server, same envelopes, same clients in one room',
      target: { ratio: 0.8 },
      notes: `${CLIENTS} websocket clients, ${MESSAGES} alert deltas (~${JSON.stringify(sampleAlert(0)).length} bytes) per round, median of ${ROUNDS} interleaved rounds after warm-up; clients and server share the machine`,
    };
  } finally {
    await ours.stop();
    await bare.stop();
  }
}

/** An alert-sized payload: alerts go out at once (not coalesced), so every publish is a delivery. */
function sampleAlert(i) {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    kind: 'threshold',
    severity: 'critical',
    state: 'raised',
    title: { vi: 'Mực nước vượt báo động III', en: 'Water level above alarm III' },
    detail: { vi: 'Trạm Mỹ Tho: 182 cm, báo động III là 180 cm', en: 'My Tho station: 182 cm, alarm III is 180 cm' },
    deviceId: 'env-wl-01',
    lat: 10.35,
    lon: 106.36,
    zone: 'central',
    value: 182,
    threshold: 180,
    raisedAt: new Date().toISOString(),
  };
}

async function startOurGateway(root, require) {
  const { loadConfig } = require(join(root, 'apps/api/dist/config/app-config.js'));
  const { createApp } = require(join(root, 'apps/api/dist/app.factory.js'));
  const { LivePublisher } = require(join(root, 'apps/api/dist/modules/realtime/live-publisher.service.js'));
  const config = loadConfig(
    {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      PGLITE_DATA_DIR: ':memory:',
      MIGRATE_ON_START: 'true',
      DEMO_MODE: 'true',
      JWT_SECRET: 'benchmark-secret-0123456789abcdefghijklmnop',
      LOG_LEVEL: 'warn',
    },
    '0.0.0-bench',
  );
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const accessToken = await signIn(url, 'manhinh');
  const publisher = app.get(LivePublisher);
  return { url, token: accessToken, publish: (payload) => void publisher.publish('alerts', payload), stop: () => app.close() };
}

async function startBareServer(require) {
  const { Server } = require('socket.io');
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  const live = io.of('/live');
  live.on('connection', (socket) => socket.join('alerts'));
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  let seq = 0;
  return {
    url: `http://127.0.0.1:${http.address().port}`,
    // The same envelope our gateway sends: topic, epoch, sequence number, payload.
    publish: (payload) => live.to('alerts').emit('live:delta', { topic: 'alerts', epoch: 'bare', seq: ++seq, payload }),
    stop: () => new Promise((resolve) => io.close(() => resolve())),
  };
}

async function connectClients(connect, url, auth) {
  const sockets = Array.from({ length: CLIENTS }, () =>
    connect(`${url}/live`, { transports: ['websocket'], auth, forceNew: true, reconnection: false }),
  );
  await Promise.all(
    sockets.map((socket) => new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    })),
  );
  return sockets;
}

async function subscribe(socket) {
  const ack = await socket.timeout(10_000).emitWithAck('subscribe', { topic: 'alerts' });
  if (!ack.ok) throw new Error(`subscribe refused: ${ack.code}`);
}

/** Publishes `count` alerts and resolves with deliveries per second once every client has them all. */
function measure(sockets, publish, count) {
  return new Promise((resolve, reject) => {
    const expected = sockets.length * count;
    let delivered = 0;
    const started = process.hrtime.bigint();
    const timeout = setTimeout(() => reject(new Error(`only ${delivered} of ${expected} deliveries within 60 s`)), 60_000);
    const onDelta = () => {
      if (++delivered < expected) return;
      clearTimeout(timeout);
      for (const socket of sockets) socket.off('live:delta', onDelta);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve(expected / seconds);
    };
    for (const socket of sockets) socket.on('live:delta', onDelta);
    for (let i = 0; i < count; i++) publish(sampleAlert(i));
  });
}
