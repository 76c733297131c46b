import { connectAsync } from 'mqtt';
import { createServer } from 'node:net';
import { describeIf, mqttAvailable, TEST_MQTT_URL } from '../../../test-support/services';
import { MqttIngestTransport } from '../mqtt-ingest.transport';
import { buildMyThoRegistry } from '../my-tho-registry';
import { simulateReadings, type SimulatedReading } from '../simulation-model';
import { vietnamTimeMs } from '../vietnam-time.util';

const quiet = { log: () => undefined, warn: () => undefined };

describeIf(mqttAvailable)('MqttIngestTransport against Mosquitto', () => {
  // A private prefix, so no API instance subscribed to ioc/v1 picks these test messages up.
  const prefix = `test/sim-${process.pid}-${Date.now()}/ioc/v1`;
  const registry = buildMyThoRegistry(1679);
  const at = vietnamTimeMs(2026, 10, 5, 8, 0);
  const readings = ['env-aq-01', 'env-wl-01'].flatMap((id) => {
    const device = registry.find((d) => d.id === id);
    return device ? simulateReadings(device, at, 1679) : [];
  });

  it('publishes one QoS 1 message per device, on ioc/v1/{feed}/{deviceId}, with that device’s readings', async () => {
    const subscriber = await connectAsync(TEST_MQTT_URL, { clientId: `sim-test-sub-${process.pid}`, clean: true });
    const received = new Map<string, { payload: unknown; qos: number }>();
    subscriber.on('message', (topic, payload, packet) => received.set(topic, { payload: JSON.parse(payload.toString('utf8')), qos: packet.qos }));
    await subscriber.subscribeAsync(`${prefix}/#`, { qos: 1 });
    const transport = new MqttIngestTransport({ url: TEST_MQTT_URL, topicPrefix: prefix, connections: 2 }, quiet);
    try {
      await transport.ready(5_000);
      expect(await transport.send('environment', readings)).toEqual({ kind: 'delivered', count: 6 });
      const deadline = Date.now() + 5_000;
      while (received.size < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const ofDevice = (id: string): SimulatedReading[] => readings.filter((r) => r.deviceId === id);
      expect(received.get(`${prefix}/environment/env-aq-01`)).toEqual({ payload: ofDevice('env-aq-01'), qos: 1 });
      expect(received.get(`${prefix}/environment/env-wl-01`)).toEqual({ payload: ofDevice('env-wl-01'), qos: 1 });
    } finally {
      await transport.close();
      await subscriber.endAsync();
    }
  });

  it('asks for a retry while the broker is unreachable, rather than queueing in memory', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((resolve) => probe.close(resolve));
    const transport = new MqttIngestTransport({ url: `mqtt://127.0.0.1:${port}`, topicPrefix: prefix }, quiet);
    try {
      await transport.ready(300);
      expect(await transport.send('environment', readings)).toEqual({ kind: 'retry', reason: 'MQTT broker not connected', retryAfterMs: 1_000 });
    } finally {
      await transport.close();
    }
  });
});
