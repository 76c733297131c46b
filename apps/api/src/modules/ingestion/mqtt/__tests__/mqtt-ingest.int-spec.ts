import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectAsync, type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import type { Session } from '@mekong-ioc/shared';
import { testDevice } from '../../../../test-support/devices';
import { describeIf, mqttAvailable, TEST_MQTT_URL } from '../../../../test-support/services';
import { TcpProxy } from '../../../../test-support/tcp-proxy';
import { startTestApp, TestApp } from '../../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../../test-support/test-database';
import { DeadLetterService } from '../../dead-letter.service';
import { IngestionException } from '../../ingestion.exception';
import { IngestionService } from '../../ingestion.service';
import { MqttIngestConsumer, type MqttIngestOptions, type MqttIngestStatus } from '../mqtt-ingest.consumer';
import { readingTopic } from '../mqtt-topic.util';

const MINUTE = 60_000;
/** Every name on the shared broker carries this, so runs (and engineers) never see each other's sessions. */
const RUN = randomBytes(4).toString('hex');

const pm25 = (deviceId: string, at: number, value: number) => ({
  source: 'mqtt-test',
  deviceId,
  metric: 'pm25',
  value,
  unit: 'µg/m³',
  observedAt: new Date(at).toISOString(),
});

/** Polls `read` until `check` holds, or fails naming what it waited for and what it last saw. */
async function eventually<T>(what: string, read: () => T | Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

/** Ends the session the broker keeps for a client id (clean start, expiring at disconnect). */
async function discardSession(clientId: string): Promise<void> {
  const client = await connectAsync(TEST_MQTT_URL, {
    clientId,
    clean: true,
    protocolVersion: 5,
    reconnectPeriod: 0,
    properties: { sessionExpiryInterval: 0 },
  });
  await client.endAsync();
}

describeIf(mqttAvailable)('MQTT ingest', () => {
  describeEachDatabase('consumer on the real broker', (kind) => {
    let database: TestDatabase;
    let api: TestApp;
    let admin: Session;
    let publisher: MqttClient;
    const consumers: MqttIngestConsumer[] = [];
    const sessions = new Set<string>();

    /** Client id, share group and device of one test, unique to this run and store. */
    const namesFor = (test: string) => ({
      clientId: `ioc-test-${RUN}-${kind}-${test}`,
      shareGroup: `test-${RUN}-${kind}-${test}`,
      deviceId: `mq-${RUN}-${kind}-${test}`,
    });

    const register = async (deviceId: string) => {
      const response = await fetch(`${api.baseUrl}/api/devices/${deviceId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
        body: JSON.stringify(testDevice(deviceId, 'environment')),
      });
      expect(response.status).toBe(200);
    };

    /** The consumer as the API runs it, built from the app's own services, connected and subscribed. */
    const startConsumer = async (settings: {
      clientId: string;
      shareGroup: string;
      url?: string;
      options?: Partial<MqttIngestOptions>;
      /** Off to start a consumer whose broker is not reachable yet. */
      waitForSubscription?: boolean;
    }): Promise<MqttIngestConsumer> => {
      sessions.add(settings.clientId);
      const consumer = new MqttIngestConsumer(
        api.app.get(IngestionService),
        api.app.get(DeadLetterService),
        { ...api.config, mqtt: { url: settings.url ?? TEST_MQTT_URL, shareGroup: settings.shareGroup, clientId: settings.clientId } },
        // Sessions a crashed run leaves behind expire within minutes instead of a week.
        { sessionExpirySeconds: 600, ...settings.options },
      );
      consumers.push(consumer);
      consumer.onApplicationBootstrap();
      if (settings.waitForSubscription !== false) {
        await eventually(`${settings.clientId} to subscribe`, () => consumer.status().state, (state) => state === 'subscribed');
      }
      return consumer;
    };

    const publish = (topic: string, payload: string | object) =>
      publisher.publishAsync(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });

    const readingsOf = async (deviceId: string): Promise<{ count: number; distinct: number }> => {
      const [row] = await api.app
        .get(DataSource)
        .query<{ count: number; distinct: number }[]>(
          `SELECT count(*)::int AS count, count(DISTINCT observed_at)::int AS distinct FROM readings WHERE device_id = $1`,
          [deviceId],
        );
      return row ?? { count: 0, distinct: 0 };
    };

    const deadLettersOf = (deviceId: string) =>
      api.app
        .get(DataSource)
        .query<{ topic: string; payload: string; reason: string }[]>(`SELECT topic, payload, reason FROM dead_letters WHERE topic LIKE $1 ORDER BY id`, [
          `%/${deviceId}`,
        ]);

    const settledStatus = (consumer: MqttIngestConsumer, check: (status: MqttIngestStatus) => boolean) =>
      eventually('the consumer to settle', () => consumer.status(), (status) => status.inFlight === 0 && check(status));

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      // No MQTT_URL: the app's own consumer (once wired in) stays off, so only this suite's consumers take messages.
      api = await startTestApp(database.config);
      admin = await api.login('admin');
      publisher = await connectAsync(TEST_MQTT_URL, { clientId: `ioc-test-${RUN}-${kind}-pub`, protocolVersion: 5, reconnectPeriod: 0 });
    });

    afterEach(async () => {
      for (const consumer of consumers.splice(0)) await consumer.beforeApplicationShutdown();
      for (const clientId of sessions) await discardSession(clientId);
      sessions.clear();
    });

    afterAll(async () => {
      await publisher?.endAsync();
      await api?.close();
      await database?.drop();
    });

    it('stores a QoS 1 message, once however many times it is sent', async () => {
      const { clientId, shareGroup, deviceId } = namesFor('basic');
      await register(deviceId);
      const consumer = await startConsumer({ clientId, shareGroup });
      const topic = readingTopic('environment', deviceId);
      const at = Date.now() - 10 * MINUTE;

      await publish(topic, pm25(deviceId, at, 21.5));
      await eventually('the reading to be stored', () => readingsOf(deviceId), ({ count }) => count === 1);
      await publish(topic, pm25(deviceId, at, 21.5));
      await publish(topic, pm25(deviceId, at, 21.5));
      await settledStatus(consumer, (status) => status.readingsDuplicate === 2);
      expect(await readingsOf(deviceId)).toEqual({ count: 1, distinct: 1 });

      // A message may carry an array of the device's readings.
      await publish(topic, [1, 2, 3].map((i) => pm25(deviceId, at + i * 1_000, i)));
      await eventually('the array to be stored', () => readingsOf(deviceId), ({ count }) => count === 4);
      const [stored] = await api.app
        .get(DataSource)
        .query<{ value: number }[]>(`SELECT value FROM readings WHERE device_id = $1 AND observed_at = $2`, [deviceId, new Date(at).toISOString()]);
      expect(stored?.value).toBe(21.5);
      expect(consumer.status()).toMatchObject({ state: 'subscribed', mode: 'pipelined', readingsStored: 4, readingsDuplicate: 2 });
    });

    it('keeps invalid messages as dead letters with the reason, and goes on consuming', async () => {
      const { clientId, shareGroup, deviceId } = namesFor('invalid');
      await register(deviceId);
      const consumer = await startConsumer({ clientId, shareGroup });
      const topic = readingTopic('environment', deviceId);
      const at = Date.now() - 5 * MINUTE;
      const good = pm25(deviceId, at, 5);

      await publish(topic, '{"source": "mqtt-test", "deviceId":');
      await publish(readingTopic('weather', deviceId), good);
      await publish(topic, { ...good, metric: 'vehicle_count' });
      await publish(topic, { ...good, deviceId: `${deviceId}-other` });
      await publish(topic, '42');
      await publish(topic, []);
      await publish(topic, [pm25(deviceId, at + 1_000, 6), { ...pm25(deviceId, at + 2_000, 7), unit: 'mg/m³' }]);
      await publish(topic, pm25(deviceId, at + 3_000, 8));

      await eventually('the valid readings to be stored', () => readingsOf(deviceId), ({ count }) => count === 2);
      const letters = await eventually('the dead letters', () => deadLettersOf(deviceId), (rows) => rows.length === 7);
      const reasonFor = (payloadStart: string, letterTopic = topic) =>
        letters.find((letter) => letter.topic === letterTopic && letter.payload.startsWith(payloadStart))?.reason;
      expect(reasonFor('{"source": "mqtt-test", "deviceId":')).toMatch(/^the payload is not JSON/);
      expect(reasonFor('{', readingTopic('weather', deviceId))).toMatch(/^there is no feed "weather"; feeds: traffic, environment/);
      expect(letters.map((letter) => letter.reason)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^no reading accepted: \[0\] metric: /),
          expect.stringMatching(/^no reading accepted: \[0\] deviceId: the topic names device mq-/),
          'expected a reading (a JSON object) or an array of readings, got a JSON number',
          'an empty array: no readings',
          expect.stringMatching(/^1 of 2 readings rejected \(indexes in the original message\): \[1\] unit: pm25 is measured in µg\/m³$/),
        ]),
      );
      // Only the refused reading of a partly accepted message is kept, so replaying it resends nothing else.
      const partial = letters.find((letter) => letter.reason.startsWith('1 of 2'));
      expect(JSON.parse(partial?.payload ?? 'null')).toEqual([{ ...pm25(deviceId, at + 2_000, 7), unit: 'mg/m³' }]);
      expect(consumer.status()).toMatchObject({ state: 'subscribed', readingsStored: 2 });
    });

    it('loses no QoS 1 message when a consumer is killed mid-stream', async () => {
      const { clientId, shareGroup, deviceId } = namesFor('killed');
      await register(deviceId);
      const total = 500;
      const broker = new URL(TEST_MQTT_URL);
      // The first consumer reaches the broker through a proxy, so the test can cut its connection
      // the way a crash or a pulled cable does: no DISCONNECT, no more PUBACKs.
      const proxy = new TcpProxy(broker.hostname, Number(broker.port || 1883));
      const proxyPort = await proxy.start();
      const ingestion = api.app.get(IngestionService);
      const ingest = ingestion.ingest.bind(ingestion);
      // Commits take a while, so the consumer surely holds messages when it dies; once it is dead,
      // what it had not yet handed to the database is never committed, as in a real crash.
      let dead = false;
      const crashable = jest.spyOn(ingestion, 'ingest').mockImplementation(async (...args) => {
        await sleep(50);
        if (dead) throw new Error('the process died before this commit');
        return ingest(...args);
      });
      try {
        const first = await startConsumer({ clientId, shareGroup, url: `mqtt://127.0.0.1:${proxyPort}` });
        const topic = readingTopic('environment', deviceId);
        const base = Date.now() - 30 * MINUTE;
        const publishing = (async () => {
          for (let i = 0; i < total; i++) {
            await publish(topic, pm25(deviceId, base + i * 1_000, i % 100));
            if (i % 10 === 9) await sleep(2);
          }
        })();

        await eventually('some readings to be stored', () => readingsOf(deviceId), ({ count }) => count >= total / 5);
        const atKill = first.status();
        dead = true;
        proxy.disconnect();
        await first.beforeApplicationShutdown();
        crashable.mockRestore();
        await publishing;
        expect(atKill.inFlight).toBeGreaterThan(0);
        expect(atKill.readingsStored).toBeLessThan(total);

        // The same client id resumes the persistent session: the broker delivers what the first
        // consumer never acknowledged and what was queued while no one was connected.
        const second = await startConsumer({ clientId, shareGroup });
        await eventually('every reading to be stored', () => readingsOf(deviceId), ({ count }) => count === total, 30_000);
        await settledStatus(second, () => true);
        expect(await readingsOf(deviceId)).toEqual({ count: total, distinct: total });
        expect(first.status().readingsStored + second.status().readingsStored).toBe(total);
      } finally {
        crashable.mockRestore();
        await proxy.stop();
      }
    }, 60_000);

    it('splits the messages between the consumers of one share group, each stored once', async () => {
      const { clientId, shareGroup, deviceId } = namesFor('shared');
      await register(deviceId);
      const one = await startConsumer({ clientId: `${clientId}-1`, shareGroup });
      const two = await startConsumer({ clientId: `${clientId}-2`, shareGroup });
      const topic = readingTopic('environment', deviceId);
      const base = Date.now() - 20 * MINUTE;
      const total = 200;

      await Promise.all(Array.from({ length: total }, (_, i) => publish(topic, pm25(deviceId, base + i * 1_000, i))));
      await eventually('every reading to be stored', () => readingsOf(deviceId), ({ count }) => count === total);
      await Promise.all([settledStatus(one, () => true), settledStatus(two, () => true)]);
      expect(await readingsOf(deviceId)).toEqual({ count: total, distinct: total });
      expect(one.status().readingsStored).toBeGreaterThan(0);
      expect(two.status().readingsStored).toBeGreaterThan(0);
      expect(one.status().readingsStored + two.status().readingsStored).toBe(total);
      expect(one.status().readingsDuplicate + two.status().readingsDuplicate).toBe(0);
    });

    it('does not acknowledge what could not be committed: the broker delivers it again', async () => {
      const { clientId, shareGroup, deviceId } = namesFor('unavailable');
      await register(deviceId);
      const ingestion = api.app.get(IngestionService);
      const outage = jest
        .spyOn(ingestion, 'ingest')
        .mockRejectedValue(new IngestionException('INGEST_UNAVAILABLE', 'The database is not answering; nothing of this batch was stored.'));
      const topic = readingTopic('environment', deviceId);
      const base = Date.now() - 15 * MINUTE;
      const total = 20;
      try {
        const first = await startConsumer({ clientId, shareGroup });
        await Promise.all(Array.from({ length: total }, (_, i) => publish(topic, pm25(deviceId, base + i * 1_000, i))));
        await eventually('the messages to fail to be stored', () => first.status(), (status) => status.storeFailures >= total);
        expect(first.status()).toMatchObject({ state: 'subscribed', readingsStored: 0, messagesDeadLettered: 0 });
        await first.beforeApplicationShutdown();
      } finally {
        outage.mockRestore();
      }
      expect(await readingsOf(deviceId)).toEqual({ count: 0, distinct: 0 });

      const second = await startConsumer({ clientId, shareGroup });
      await eventually('the redelivered readings to be stored', () => readingsOf(deviceId), ({ count }) => count === total);
      expect(second.status().readingsStored).toBe(total);
      expect(await deadLettersOf(deviceId)).toEqual([]);
    });

    it('retries while the database is unavailable and stores everything once it answers', async () => {
      const { clientId, shareGroup, deviceId } = namesFor('retry');
      await register(deviceId);
      const consumer = await startConsumer({ clientId, shareGroup });
      const ingestion = api.app.get(IngestionService);
      const outage = jest.spyOn(ingestion, 'ingest').mockRejectedValue(new IngestionException('INGEST_OVERLOADED', 'Too many readings are waiting.'));
      const topic = readingTopic('environment', deviceId);
      const base = Date.now() - 12 * MINUTE;
      const total = 20;
      try {
        await Promise.all(Array.from({ length: total }, (_, i) => publish(topic, pm25(deviceId, base + i * 1_000, i))));
        await eventually('the messages to fail to be stored', () => consumer.status(), (status) => status.storeFailures >= total);
        expect(consumer.status().inFlight).toBeGreaterThanOrEqual(total);
      } finally {
        outage.mockRestore();
      }
      await eventually('the readings to be stored', () => readingsOf(deviceId), ({ count }) => count === total);
      await settledStatus(consumer, (status) => status.readingsStored === total);
    });

    it('starts without a broker, connects when it appears, and reconnects after losing it', async () => {
      const { clientId, shareGroup, deviceId } = namesFor('reconnect');
      await register(deviceId);
      const broker = new URL(TEST_MQTT_URL);
      const proxy = new TcpProxy(broker.hostname, Number(broker.port || 1883));
      const proxyPort = await proxy.start();
      const topic = readingTopic('environment', deviceId);
      const base = Date.now() - 6 * MINUTE;
      try {
        proxy.disconnect();
        const consumer = await startConsumer({
          clientId,
          shareGroup,
          url: `mqtt://127.0.0.1:${proxyPort}`,
          options: { reconnectPeriodMs: 100 },
          waitForSubscription: false,
        });
        await eventually('a failed connection attempt', () => consumer.status().state, (state) => state === 'disconnected');
        proxy.reconnect();
        await eventually('the consumer to subscribe', () => consumer.status().state, (state) => state === 'subscribed');
        await publish(topic, pm25(deviceId, base, 1));
        await eventually('the first reading', () => readingsOf(deviceId), ({ count }) => count === 1);

        proxy.disconnect();
        await eventually('the connection to drop', () => consumer.status().state, (state) => state === 'disconnected');
        // Published while the consumer is away: the broker queues it for the persistent session.
        await publish(topic, pm25(deviceId, base + 1_000, 2));
        proxy.reconnect();
        await eventually('the reading sent while disconnected', () => readingsOf(deviceId), ({ count }) => count === 2);
        await eventually('the consumer to subscribe again', () => consumer.status().state, (state) => state === 'subscribed');
      } finally {
        await proxy.stop();
      }
    });

    it('stores one message at a time in serial mode, acknowledged by mqtt.js after the commit', async () => {
      const { clientId, shareGroup, deviceId } = namesFor('serial');
      await register(deviceId);
      const consumer = await startConsumer({ clientId, shareGroup, options: { mode: 'serial' } });
      const topic = readingTopic('environment', deviceId);
      const base = Date.now() - 8 * MINUTE;
      const total = 30;

      await Promise.all(Array.from({ length: total }, (_, i) => publish(topic, pm25(deviceId, base + i * 1_000, i))));
      await eventually('every reading to be stored', () => readingsOf(deviceId), ({ count }) => count === total);
      await settledStatus(consumer, (status) => status.readingsStored === total);
      expect(consumer.status().mode).toBe('serial');
    });
  });
});
