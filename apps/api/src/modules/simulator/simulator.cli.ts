import { parseArgs } from 'node:util';
import type { Device, FeedId } from '@mekong-ioc/shared';
import { DEMO_API_KEYS } from '../demo/demo-fixtures';
import { HttpIngestTransport } from './http-ingest.transport';
import type { IngestTransport, SimulatorLog } from './ingest-transport';
import { MqttIngestTransport } from './mqtt-ingest.transport';
import { buildMyThoRegistry } from './my-tho-registry';
import { metricDefinition, metricsOf, simulateValue, SIMULATOR_SOURCE, type SimulatedReading } from './simulation-model';
import { sequentialRandom } from './seeded-random.util';
import { toVietnamIso } from './vietnam-time.util';

/*
 * Load test: pushes a fixed number of readings per second through the public ingest path, using the
 * Mỹ Tho registry and the simulation model, and reports what the API made of them.
 *
 *   node apps/api/dist/modules/simulator/simulator.cli.js --url http://127.0.0.1:3000 \
 *     --rate-per-second 20000 --seconds 30 [--transport http|mqtt --mqtt-url mqtt://127.0.0.1:1883] \
 *     [--seed N] [--connections 16] [--batch-size 500] [--api-key KEY] [--topic-prefix ioc/v1] [--json]
 */

export interface LoadTestOptions {
  url: string;
  ratePerSecond: number;
  seconds: number;
  transport: 'http' | 'mqtt';
  mqttUrl: string;
  /** MQTT topics are `{prefix}/{feed}/{deviceId}`; the API listens on ioc/v1. */
  topicPrefix: string;
  seed: number;
  connections: number;
  batchSize: number;
  apiKey: string;
  json: boolean;
}

export interface LoadTestReport {
  transport: 'http' | 'mqtt';
  offeredPerSecond: number;
  seconds: number;
  generated: number;
  /** Readings in batches the API (or the broker) answered for. */
  acknowledged: number;
  readingsPerSecond: number;
  stored: number;
  duplicates: number;
  rejected: number;
  delivered: number;
  refused: number;
  /** Answers 503 (overloaded); those batches were sent again. */
  status503: number;
  /** Other failed attempts (timeouts, lost connections, other 5xx), also sent again. */
  otherRetries: number;
  /** Readings still unacknowledged when the run gave up waiting. */
  unsent: number;
  latencyMs: { p50: number; p99: number; max: number };
  firstProblem: string | null;
}

const USAGE =
  'usage: simulator.cli.js --url http://127.0.0.1:3000 --rate-per-second 20000 --seconds 30 ' +
  '[--transport http|mqtt] [--mqtt-url mqtt://127.0.0.1:1883] [--seed N] [--connections 16] [--batch-size 500] [--api-key KEY] ' +
  '[--topic-prefix ioc/v1] [--json]';

export function parseLoadTestArgs(argv: readonly string[]): LoadTestOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      'rate-per-second': { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '10' },
      transport: { type: 'string', default: 'http' },
      'mqtt-url': { type: 'string', default: 'mqtt://127.0.0.1:1883' },
      'topic-prefix': { type: 'string', default: 'ioc/v1' },
      seed: { type: 'string', default: '1679' },
      connections: { type: 'string', default: '16' },
      'batch-size': { type: 'string', default: '500' },
      'api-key': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const number = (name: string, raw: string | undefined, min: number, max: number, integer = true): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}\n${USAGE}`);
    }
    return value;
  };
  const transport = values.transport;
  if (transport !== 'http' && transport !== 'mqtt') throw new Error(`--transport must be http or mqtt\n${USAGE}`);
  const apiKey = values['api-key'] ?? DEMO_API_KEYS[0]?.key;
  if (!apiKey) throw new Error(`--api-key is required\n${USAGE}`);
  return {
    url: values.url ?? 'http://127.0.0.1:3000',
    ratePerSecond: number('rate-per-second', values['rate-per-second'], 1, 1_000_000),
    seconds: number('seconds', values.seconds, 0.1, 86_400, false),
    transport,
    mqttUrl: values['mqtt-url'] ?? 'mqtt://127.0.0.1:1883',
    topicPrefix: values['topic-prefix'] ?? 'ioc/v1',
    seed: number('seed', values.seed, -(2 ** 31), 2 ** 32),
    connections: number('connections', values.connections, 1, 1_024),
    batchSize: number('batch-size', values['batch-size'], 1, 5_000),
    apiKey,
    json: values.json ?? false,
  };
}

interface Series {
  device: Device;
  metric: string;
  unit: string;
  lastMs: number;
}

interface PendingBatch {
  feed: FeedId;
  readings: SimulatedReading[];
}

const TICK_MS = 10;
const PARTIAL_FLUSH_MS = 250;
const DRAIN_TIMEOUT_MS = 60_000;

/**
 * Offers `ratePerSecond` readings every second for `seconds`, cycling through every device and
 * metric of the registry; each series' observed time steps forward at least 1 ms per reading, so
 * no two readings are the same and duplicates mean a resend. When the API falls behind, the queue
 * is capped (a few batches per connection) and the offered load is not made up later: the report
 * shows the rate actually achieved.
 */
export async function runLoadTest(options: LoadTestOptions, transport: IngestTransport, log: SimulatorLog): Promise<LoadTestReport> {
  const series: Series[] = buildMyThoRegistry(options.seed).flatMap((device) =>
    metricsOf(device).map((metric) => ({ device, metric, unit: metricDefinition(device.feed, metric)?.unit ?? '', lastMs: 0 })),
  );
  const random = sequentialRandom(options.seed);
  const report: LoadTestReport = {
    transport: options.transport,
    offeredPerSecond: options.ratePerSecond,
    seconds: 0,
    generated: 0,
    acknowledged: 0,
    readingsPerSecond: 0,
    stored: 0,
    duplicates: 0,
    rejected: 0,
    delivered: 0,
    refused: 0,
    status503: 0,
    otherRetries: 0,
    unsent: 0,
    latencyMs: { p50: 0, p99: 0, max: 0 },
    firstProblem: null,
  };
  const latencies: number[] = [];
  const queue: PendingBatch[] = [];
  const open = new Map<FeedId, PendingBatch>();
  const maxQueued = options.connections * 3;
  let cursor = 0;
  let generating = true;
  let lastAckMs = 0;

  await transport.ready?.(10_000);
  const startMs = Date.now();
  const endMs = startMs + options.seconds * 1000;

  const flushOpen = () => {
    for (const batch of open.values()) if (batch.readings.length) queue.push(batch);
    open.clear();
  };

  const generate = (count: number) => {
    for (let i = 0; i < count; i++) {
      const s = series[cursor];
      cursor = (cursor + 1) % series.length;
      if (!s) continue;
      const at = Math.max(Date.now(), s.lastMs + 1);
      s.lastMs = at;
      let batch = open.get(s.device.feed);
      if (!batch) {
        batch = { feed: s.device.feed, readings: [] };
        open.set(s.device.feed, batch);
      }
      batch.readings.push({
        source: SIMULATOR_SOURCE,
        deviceId: s.device.id,
        metric: s.metric,
        value: simulateValue(s.device, s.metric, at, options.seed),
        unit: s.unit,
        observedAt: toVietnamIso(at),
      });
      if (batch.readings.length >= options.batchSize) {
        queue.push(batch);
        open.delete(s.device.feed);
      }
    }
    report.generated += count;
  };

  const producer = (async () => {
    let offered = 0;
    let lastPartialFlush = startMs;
    while (Date.now() < endMs) {
      const now = Date.now();
      let due = Math.floor(((now - startMs) / 1000) * options.ratePerSecond) - offered;
      // More than a second behind: the API is the bottleneck, and that debt is not made up.
      if (due > options.ratePerSecond) {
        offered += due - options.ratePerSecond;
        due = options.ratePerSecond;
      }
      while (due > 0 && queue.length < maxQueued) {
        const chunk = Math.min(due, options.batchSize);
        generate(chunk);
        offered += chunk;
        due -= chunk;
      }
      if (now - lastPartialFlush >= PARTIAL_FLUSH_MS) {
        flushOpen();
        lastPartialFlush = now;
      }
      await sleep(TICK_MS);
    }
    flushOpen();
    generating = false;
  })();

  const worker = async () => {
    for (;;) {
      const batch = queue.shift();
      if (!batch) {
        if (!generating) return;
        await sleep(2);
        continue;
      }
      const sentAt = Date.now();
      const outcome = await transport.send(batch.feed, batch.readings);
      const answeredAt = Date.now();
      if (latencies.length < 1_000_000) latencies.push(answeredAt - sentAt);
      switch (outcome.kind) {
        case 'accepted':
          report.acknowledged += batch.readings.length;
          report.stored += outcome.stored;
          report.duplicates += outcome.duplicates;
          report.rejected += outcome.rejected;
          if (outcome.firstRejection) report.firstProblem ??= `rejected ${outcome.firstRejection}`;
          lastAckMs = answeredAt;
          break;
        case 'delivered':
          report.acknowledged += batch.readings.length;
          report.delivered += outcome.count;
          lastAckMs = answeredAt;
          break;
        case 'refused':
          report.refused += batch.readings.length;
          report.firstProblem ??= `refused ${outcome.reason}`;
          break;
        case 'retry':
          if (outcome.status === 503) report.status503++;
          else report.otherRetries++;
          report.firstProblem ??= `retry ${outcome.reason}`;
          queue.unshift(batch);
          await sleep(Math.min(2_000, outcome.retryAfterMs ?? 100) * (0.5 + random()));
      }
      if (Date.now() > endMs + DRAIN_TIMEOUT_MS) return;
    }
  };

  await Promise.all([producer, ...Array.from({ length: options.connections }, worker)]);
  report.unsent = queue.reduce((sum, batch) => sum + batch.readings.length, 0);
  const elapsedMs = Math.max(1, (lastAckMs || Date.now()) - startMs);
  report.seconds = round(elapsedMs / 1000, 2);
  report.readingsPerSecond = Math.round((report.acknowledged / elapsedMs) * 1000);
  latencies.sort((a, b) => a - b);
  report.latencyMs = { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies[latencies.length - 1] ?? 0 };
  log.log(`load test finished after ${report.seconds} s`);
  return report;
}

export function formatReport(report: LoadTestReport, options: LoadTestOptions): string {
  const verdict =
    report.transport === 'http'
      ? `stored ${report.stored}, duplicates ${report.duplicates}, rejected ${report.rejected}`
      : `delivered to the broker ${report.delivered}`;
  return [
    `Load test over ${report.transport.toUpperCase()}: offered ${report.offeredPerSecond}/s for ${options.seconds} s, ` +
      `achieved ${report.readingsPerSecond} readings/s (${report.acknowledged} acknowledged in ${report.seconds} s)`,
    `  ${verdict}; refused ${report.refused}; unsent ${report.unsent}`,
    `  503 answers ${report.status503}, other retries ${report.otherRetries}`,
    `  request latency p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms ` +
      `(${options.connections} connections, batches of ${options.batchSize})`,
    ...(report.firstProblem ? [`  first problem: ${report.firstProblem}`] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  let options: LoadTestOptions;
  try {
    options = parseLoadTestArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const log: SimulatorLog = {
    log: (message) => process.stderr.write(`${message}\n`),
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
  };
  const transport =
    options.transport === 'mqtt'
      ? new MqttIngestTransport(
          { url: options.mqttUrl, clientId: `mekong-ioc-load-${process.pid}`, connections: options.connections, topicPrefix: options.topicPrefix },
          log,
        )
      : new HttpIngestTransport({ baseUrl: options.url, apiKey: options.apiKey, connections: options.connections });
  try {
    const report = await runLoadTest(options, transport, log);
    process.stdout.write(`${options.json ? JSON.stringify(report) : formatReport(report, options)}\n`);
    process.exitCode = report.acknowledged > 0 ? 0 : 1;
  } finally {
    await transport.close();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`load test failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
