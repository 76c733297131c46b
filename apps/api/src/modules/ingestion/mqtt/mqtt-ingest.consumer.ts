import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { connect, type DoneCallback, type IConnackPacket, type IPublishPacket, type MqttClient, type Packet } from 'mqtt';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { DeadLetterService } from '../dead-letter.service';
import { IngestionService } from '../ingestion.service';
import { AckWindow } from './mqtt-ack-window.util';
import { type MessageOutcome, MqttMessageIngestor } from './mqtt-message.ingestor';
import { sharedReadingSubscription } from './mqtt-topic.util';

export const MQTT_INGEST_OPTIONS = Symbol('MQTT_INGEST_OPTIONS');

export interface MqttIngestOptions {
  /** How long the broker keeps this consumer's session (subscription and queued messages) while it is away. */
  sessionExpirySeconds: number;
  /** Messages held unacknowledged at once; also sent to the broker as MQTT 5 Receive Maximum. */
  maxInFlightMessages: number;
  /** Payload bytes held at once; past this the consumer reads nothing more until some are stored. */
  maxInFlightBytes: number;
  /** How long shutdown waits for the messages being stored before closing anyway. */
  shutdownGraceMs: number;
  reconnectPeriodMs: number;
  /**
   * `pipelined` stores many messages at once and sends each PUBACK itself after the commit;
   * `serial` lets mqtt.js send it, one message at a time. Pipelined is used whenever the mqtt.js
   * in use allows it.
   */
  mode: 'pipelined' | 'serial';
}

const DEFAULT_OPTIONS: MqttIngestOptions = {
  // A deploy, a crash loop or a long weekend with the API down must not cost the readings queued meanwhile.
  sessionExpirySeconds: 7 * 24 * 60 * 60,
  // Enough messages per commit for group commit to pay off, little enough memory (bounded by bytes too).
  maxInFlightMessages: 500,
  maxInFlightBytes: 32 * 1024 * 1024,
  shutdownGraceMs: 10_000,
  reconnectPeriodMs: 1_000,
  mode: 'pipelined',
};

const RETRY_FIRST_DELAY_MS = 250;
const RETRY_MAX_DELAY_MS = 5_000;
const RESUBSCRIBE_DELAY_MS = 5_000;
const FAILURE_REPORT_INTERVAL_MS = 30_000;
const DISCONNECT_TIMEOUT_MS = 5_000;

/**
 * Handed to mqtt.js's message callback so it sends no PUBACK (the consumer sends it after the
 * commit) and moves on to the next packet.
 */
const ACK_NOT_BY_MQTT_JS = new Error('the PUBACK is sent by MqttIngestConsumer once the readings are committed');

export type MqttIngestState = 'off' | 'connecting' | 'subscribed' | 'disconnected' | 'stopping' | 'stopped';

export interface MqttIngestStatus {
  state: MqttIngestState;
  clientId: string | null;
  mode: MqttIngestOptions['mode'];
  /** Messages held: being stored, or stored and waiting for an earlier message before their ack. */
  inFlight: number;
  messagesReceived: number;
  messagesAcknowledged: number;
  messagesDeadLettered: number;
  readingsStored: number;
  readingsDuplicate: number;
  readingsRejected: number;
  /** Attempts to store a message that failed on the server side (database down or overloaded) and were retried. */
  storeFailures: number;
}

type PubackPacket = Extract<Packet, { cmd: 'puback' }>;
type PacketSender = (packet: PubackPacket, callback?: (error?: Error) => void) => void;

/**
 * Takes device readings from MQTT (`ioc/v1/{feed}/{deviceId}`, QoS 1) into the same validation and
 * storage as HTTP ingest.
 *
 * - A persistent session (clean start off, stable client id) keeps messages queued at the broker
 *   while the API restarts; a shared subscription splits them among the instances of a group.
 * - A message is acknowledged only after its readings (or its dead letter) are committed. When the
 *   database is down or overloaded the message stays unacknowledged and is retried until it is
 *   stored; if the process dies first, the broker delivers it again to the session. QoS 1 means
 *   duplicates, which storage makes harmless.
 * - Messages are stored concurrently, so those that arrive together share one group commit; acks
 *   still go out in arrival order. What is held is bounded by count and bytes: when the window is
 *   full the consumer stops reading the socket and the broker keeps the rest.
 * - Nothing a message carries can stop it: unusable messages become dead letters and are
 *   acknowledged; errors are logged and the client reconnects by itself.
 */
@Injectable()
export class MqttIngestConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MqttIngestConsumer.name);
  private readonly options: MqttIngestOptions;
  private readonly ingestor: MqttMessageIngestor;
  private readonly window: AckWindow;
  private readonly stopSignal = new AbortController();
  private client: MqttClient | null = null;
  private clientId: string | null = null;
  private sendPacket: PacketSender | null = null;
  private mode: MqttIngestOptions['mode'];
  private state: MqttIngestState = 'off';
  /** Bumped whenever a connection closes: acks belong to the connection their message came on. */
  private connection = 0;
  /** When a failure to store was last logged; null while storing works. */
  private failureReportedAt: number | null = null;
  private lastConnectionError: string | null = null;
  private readonly counts = {
    messagesReceived: 0,
    messagesAcknowledged: 0,
    messagesDeadLettered: 0,
    readingsStored: 0,
    readingsDuplicate: 0,
    readingsRejected: 0,
    storeFailures: 0,
  };

  constructor(
    ingestion: IngestionService,
    deadLetters: DeadLetterService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(MQTT_INGEST_OPTIONS) options: Partial<MqttIngestOptions> | null = null,
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.mode = this.options.mode;
    this.ingestor = new MqttMessageIngestor(ingestion, deadLetters, config.http.bodyLimitBytes);
    this.window = new AckWindow({ maxMessages: this.options.maxInFlightMessages, maxBytes: this.options.maxInFlightBytes });
    // Every message waiting to be retried listens for shutdown; there are at most a window's worth.
    setMaxListeners(this.options.maxInFlightMessages + 10, this.stopSignal.signal);
  }

  /** Connects in the background: the API starts, and stays up, whether or not the broker answers. */
  onApplicationBootstrap(): void {
    const settings = this.config.mqtt;
    if (!settings || this.client) return;
    this.clientId = settings.clientId ?? derivedClientId(settings.shareGroup);
    if (!settings.clientId) {
      this.logger.warn(
        `MQTT_CLIENT_ID is not set; using ${this.clientId}, derived from the host name. Give each instance a fixed id in ` +
          'deployments: the broker keeps queuing a share of the messages for a session id that never comes back.',
      );
    }
    // The URL may carry credentials; logs name only the host.
    const broker = new URL(settings.url).host;
    this.state = 'connecting';
    try {
      const client = connect(settings.url, {
        clientId: this.clientId,
        clean: false,
        protocolVersion: 5,
        keepalive: 30,
        connectTimeout: 10_000,
        reconnectPeriod: this.options.reconnectPeriodMs,
        // Subscribed on every connect instead, so a session lost at the broker gets its subscription back.
        resubscribe: false,
        properties: { sessionExpiryInterval: this.options.sessionExpirySeconds, receiveMaximum: this.options.maxInFlightMessages },
      });
      this.client = client;
      this.sendPacket = this.options.mode === 'pipelined' ? packetSenderOf(client) : null;
      if (this.options.mode === 'pipelined' && !this.sendPacket) {
        this.logger.warn('this mqtt.js cannot send a PUBACK on its own; storing one message at a time instead');
      }
      this.mode = this.sendPacket ? 'pipelined' : 'serial';
      client.handleMessage = (packet, done) => this.receive(client, packet, done);
      client.on('connect', (connack) => this.onConnect(client, broker, connack));
      client.on('close', () => this.onClose(broker));
      client.on('error', (error) => this.onError(broker, error));
    } catch (error) {
      this.state = 'off';
      this.logger.error(`MQTT ingest is off: could not set up the client for ${broker}: ${messageOf(error)}`);
    }
  }

  /** Stops taking messages, lets the ones being stored finish and be acknowledged, then disconnects. */
  async beforeApplicationShutdown(): Promise<void> {
    const client = this.client;
    if (!client || this.stopSignal.signal.aborted) return;
    this.state = 'stopping';
    this.stopSignal.abort();
    this.window.releaseWaiters();
    if (!(await within(this.window.whenEmpty(), this.options.shutdownGraceMs))) {
      this.logger.warn(
        `${this.window.size} messages were still being stored after ${this.options.shutdownGraceMs} ms; they stay unacknowledged for the broker to deliver again`,
      );
    }
    if (!(await within(client.endAsync(false), DISCONNECT_TIMEOUT_MS))) await within(client.endAsync(true), DISCONNECT_TIMEOUT_MS);
    this.state = 'stopped';
  }

  status(): MqttIngestStatus {
    return {
      state: this.state,
      clientId: this.clientId,
      mode: this.mode,
      inFlight: this.window.size,
      ...this.counts,
    };
  }

  private onConnect(client: MqttClient, broker: string, connack: IConnackPacket): void {
    this.lastConnectionError = null;
    // Messages of a resumed session may come before the SUBACK; 'subscribed' waits for it all the same.
    if (!this.stopSignal.signal.aborted) this.state = 'connecting';
    this.logger.log(`connected to ${broker} as ${this.clientId} (${connack.sessionPresent ? 'session resumed' : 'new session'})`);
    this.subscribe(client, this.connection);
  }

  private onClose(broker: string): void {
    this.connection += 1;
    if (this.stopSignal.signal.aborted) return;
    if (this.state === 'subscribed') {
      this.logger.warn(`lost the connection to ${broker}; reconnecting (unacknowledged messages come again)`);
    }
    this.state = 'disconnected';
  }

  private onError(broker: string, error: Error): void {
    // A broker that stays away fails every reconnect the same way: said once, not every second.
    if (error.message === this.lastConnectionError) return this.logger.debug(`MQTT ${broker}: ${error.message}`);
    this.lastConnectionError = error.message;
    this.logger.warn(`MQTT ${broker}: ${error.message}`);
  }

  private subscribe(client: MqttClient, connection: number): void {
    const settings = this.config.mqtt;
    if (!settings || connection !== this.connection || this.stopSignal.signal.aborted) return;
    const filter = sharedReadingSubscription(settings.shareGroup);
    client.subscribe(filter, { qos: 1 }, (error) => {
      if (!error) {
        if (connection === this.connection && !this.stopSignal.signal.aborted) this.state = 'subscribed';
        return;
      }
      this.logger.error(`could not subscribe to ${filter}: ${error.message}; trying again in ${RESUBSCRIBE_DELAY_MS} ms`);
      setTimeout(() => this.subscribe(client, connection), RESUBSCRIBE_DELAY_MS).unref();
    });
  }

  /**
   * mqtt.js hands over one packet at a time and reads the next only once `done` is called. In
   * pipelined mode `done` is called as soon as the message is taken in (with an error, so mqtt.js
   * sends no PUBACK of its own); in serial mode only after the commit, so mqtt.js sends the PUBACK.
   * Either way, a full window delays `done`, which stops reading from the socket.
   */
  private receive(client: MqttClient, packet: IPublishPacket, done: DoneCallback): void {
    try {
      if (this.stopSignal.signal.aborted) return done(ACK_NOT_BY_MQTT_JS);
      const connection = this.connection;
      if (this.window.hasRoom) return this.takeIn(client, packet, done, connection);
      void this.window.whenRoom().then(() => {
        // A message from a connection that has since closed is delivered again on the new one.
        if (connection !== this.connection || this.stopSignal.signal.aborted) return done(ACK_NOT_BY_MQTT_JS);
        this.takeIn(client, packet, done, connection);
      });
    } catch (error) {
      this.logger.error(`could not take in a message from ${packet.topic}: ${messageOf(error)}`);
      done(ACK_NOT_BY_MQTT_JS);
    }
  }

  private takeIn(client: MqttClient, packet: IPublishPacket, done: DoneCallback, connection: number): void {
    this.counts.messagesReceived += 1;
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const needsAck = packet.qos > 0 && packet.messageId !== undefined;
    const send = this.sendPacket;
    let onSettled: ((acknowledged: boolean) => void) | null = null;
    if (needsAck && send) {
      const messageId = packet.messageId as number;
      onSettled = (acknowledged) => {
        if (acknowledged) this.acknowledge(client, send, messageId, connection);
      };
    } else if (needsAck) {
      onSettled = (acknowledged) => {
        if (acknowledged) this.counts.messagesAcknowledged += 1;
        done(acknowledged ? undefined : ACK_NOT_BY_MQTT_JS);
      };
    }
    const slot = this.window.open(payload.length, onSettled);
    void this.store(packet.topic, payload).then((outcome) => this.window.settle(slot, outcome));
    if (!needsAck || send) done(needsAck ? ACK_NOT_BY_MQTT_JS : undefined);
  }

  /** Stores a message, retrying server-side failures; resolves to whether it may be acknowledged. Never rejects. */
  private async store(topic: string, payload: Buffer): Promise<'acknowledge' | 'withhold'> {
    let delay = RETRY_FIRST_DELAY_MS;
    for (;;) {
      try {
        this.count(await this.ingestor.ingest(topic, payload));
        if (this.failureReportedAt !== null) {
          this.failureReportedAt = null;
          this.logger.log('storing MQTT messages works again');
        }
        return 'acknowledge';
      } catch (error) {
        this.counts.storeFailures += 1;
        // During an outage every held message fails over and over: reported every so often, not each time.
        if (this.failureReportedAt === null || Date.now() - this.failureReportedAt >= FAILURE_REPORT_INTERVAL_MS) {
          this.failureReportedAt = Date.now();
          this.logger.warn(
            `could not store MQTT messages (${messageOf(error)}; ${this.counts.storeFailures} failed attempts so far); they stay unacknowledged and are tried again`,
          );
        }
      }
      if (this.stopSignal.signal.aborted) return 'withhold';
      // Jitter, so messages that failed together do not all come back in the same instant.
      await sleep(delay * (0.5 + Math.random() / 2), undefined, { signal: this.stopSignal.signal }).catch(() => undefined);
      if (this.stopSignal.signal.aborted) return 'withhold';
      delay = Math.min(delay * 2, RETRY_MAX_DELAY_MS);
    }
  }

  private acknowledge(client: MqttClient, send: PacketSender, messageId: number, connection: number): void {
    // After a reconnect the broker delivers the message again, and that copy gets its own ack.
    if (connection !== this.connection || !client.connected) return;
    try {
      send({ cmd: 'puback', messageId, reasonCode: 0 }, (error) => error && this.logger.warn(`could not send PUBACK ${messageId}: ${error.message}`));
      this.counts.messagesAcknowledged += 1;
    } catch (error) {
      this.logger.warn(`could not send PUBACK ${messageId}: ${messageOf(error)}`);
    }
  }

  private count(outcome: MessageOutcome): void {
    if (outcome.kind === 'dead-lettered') {
      this.counts.messagesDeadLettered += 1;
      this.logger.debug(`dead letter: ${outcome.reason}`);
      return;
    }
    this.counts.readingsStored += outcome.stored;
    this.counts.readingsDuplicate += outcome.duplicates;
    this.counts.readingsRejected += outcome.rejected;
    if (outcome.rejected) this.counts.messagesDeadLettered += 1;
  }
}

/**
 * mqtt.js has no public call to acknowledge a message later: its message hook sends the PUBACK
 * only when the hook finishes, and reads no further packet until then, one message at a time. Its
 * internal packet sender lets the consumer send the PUBACK after the commit while it goes on
 * reading; without it (a future mqtt.js), the consumer falls back to the documented hook.
 */
function packetSenderOf(client: MqttClient): PacketSender | null {
  const sender: unknown = Reflect.get(client, '_sendPacket');
  return typeof sender === 'function' ? (sender as PacketSender).bind(client) : null;
}

/** A client id that stays the same across restarts on one host, and differs per share group. */
export function derivedClientId(shareGroup: string, host = hostname()): string {
  const name = host.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40);
  const suffix = createHash('sha256').update(`${host}\u0000${shareGroup}`).digest('hex').slice(0, 8);
  return `ioc-${name}-${suffix}`;
}

/** Whether `promise` settled within `ms` (a rejection counts as settled). */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const timeout = new AbortController();
  const settled = promise.then(
    () => true,
    () => true,
  );
  const timedOut = sleep(ms, false, { signal: timeout.signal }).catch(() => false);
  try {
    return await Promise.race([settled, timedOut]);
  } finally {
    timeout.abort();
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
