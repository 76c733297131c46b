import { connect, type MqttClient } from 'mqtt';
import type { FeedId } from '@mekong-ioc/shared';
import { describeError, type IngestTransport, type SendOutcome, type SimulatorLog } from './ingest-transport';
import type { SimulatedReading } from './simulation-model';

export interface MqttIngestOptions {
  url: string;
  /** Prefix of the client ids; each connection appends its number. */
  clientId?: string;
  /** Broker connections to spread publishes over (load tests use several). */
  connections?: number;
  /** A batch whose PUBACKs have not all come back by then is sent again (duplicates are harmless). */
  timeoutMs?: number;
  /** The API subscribes to `ioc/v1/{feed}/{deviceId}`; tests publish under their own prefix. */
  topicPrefix?: string;
}

/**
 * Publishes readings as a device gateway would: one message per device and batch, to
 * `ioc/v1/{feed}/{deviceId}` at QoS 1, the payload a JSON array of that device's readings.
 * While the broker is unreachable it asks for a retry instead of letting mqtt.js queue in memory.
 */
export class MqttIngestTransport implements IngestTransport {
  readonly description: string;
  private readonly clients: MqttClient[];
  private next = 0;
  private readonly timeoutMs: number;
  private readonly topicPrefix: string;

  constructor(options: MqttIngestOptions, log: SimulatorLog) {
    const prefix = options.clientId ?? `mekong-ioc-sim-${process.pid}`;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.topicPrefix = options.topicPrefix ?? 'ioc/v1';
    this.description = `MQTT ${safeUrl(options.url)}`;
    let lastErrorLog = 0;
    this.clients = Array.from({ length: Math.max(1, options.connections ?? 1) }, (_, i) => {
      const client = connect(options.url, {
        clientId: `${prefix}-${i + 1}`,
        clean: true,
        reconnectPeriod: 2_000,
        connectTimeout: 10_000,
        queueQoSZero: false,
      });
      // An unhandled 'error' event would throw; the broker being away is reported by send instead.
      client.on('error', (error) => {
        if (Date.now() - lastErrorLog < 60_000) return;
        lastErrorLog = Date.now();
        log.warn(`MQTT ${this.description}: ${describeError(error)}`);
      });
      return client;
    });
  }

  async send(feed: FeedId, readings: readonly SimulatedReading[]): Promise<SendOutcome> {
    const client = this.clients[this.next++ % this.clients.length];
    if (!client?.connected) return { kind: 'retry', reason: 'MQTT broker not connected', retryAfterMs: 1_000 };
    const byDevice = new Map<string, SimulatedReading[]>();
    for (const reading of readings) {
      const list = byDevice.get(reading.deviceId);
      if (list) list.push(reading);
      else byDevice.set(reading.deviceId, [reading]);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<SendOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'retry', reason: `PUBACKs missing after ${this.timeoutMs} ms` }), this.timeoutMs);
    });
    const published = Promise.all(
      [...byDevice].map(([deviceId, list]) => client.publishAsync(`${this.topicPrefix}/${feed}/${deviceId}`, JSON.stringify(list), { qos: 1 })),
    ).then(
      (): SendOutcome => ({ kind: 'delivered', count: readings.length }),
      (error: unknown): SendOutcome => ({ kind: 'retry', reason: describeError(error) }),
    );
    try {
      return await Promise.race([published, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !this.clients.every((client) => client.connected)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.endAsync(true).catch(() => undefined)));
  }
}

const safeUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return 'broker';
  }
};
