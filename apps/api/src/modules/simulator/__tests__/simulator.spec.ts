import { READING_SCHEMAS, type Device, type FeedId } from '@mekong-ioc/shared';
import type { IngestTransport, SendOutcome, SimulatorLog } from '../ingest-transport';
import { buildMyThoRegistry } from '../my-tho-registry';
import type { SimulatedReading } from '../simulation-model';
import { Simulator, type SimulatorOptions } from '../simulator';
import { vietnamTimeMs } from '../vietnam-time.util';

const SEED = 1679;
const registry = buildMyThoRegistry(SEED);
const pick = (...ids: string[]): Device[] => ids.map((id) => registry.find((d) => d.id === id)).filter((d): d is Device => d !== undefined);

interface Call {
  feed: FeedId;
  readings: SimulatedReading[];
  atMs: number;
}

/** Records every batch and answers with whatever the test says. */
class FakeTransport implements IngestTransport {
  readonly description = 'fake';
  readonly calls: Call[] = [];
  closed = false;
  constructor(
    private readonly clock: { now: number },
    public answer: (call: Call, index: number) => SendOutcome | Promise<SendOutcome> = (call) => accept(call.readings.length),
  ) {}
  async send(feed: FeedId, readings: readonly SimulatedReading[]): Promise<SendOutcome> {
    const call = { feed, readings: [...readings], atMs: this.clock.now };
    this.calls.push(call);
    return this.answer(call, this.calls.length - 1);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  readings(): SimulatedReading[] {
    return this.calls.flatMap((call) => call.readings);
  }
}

const accept = (n: number): SendOutcome => ({ kind: 'accepted', stored: n, duplicates: 0, rejected: 0 });
const settle = () => new Promise((resolve) => setImmediate(resolve));

function harness(devices: readonly Device[], options: Partial<SimulatorOptions> = {}) {
  const clock = { now: vietnamTimeMs(2026, 10, 5, 7, 0) };
  const transport = new FakeTransport(clock);
  const lines: { level: 'log' | 'warn'; message: string }[] = [];
  const log: SimulatorLog = { log: (message) => lines.push({ level: 'log', message }), warn: (message) => lines.push({ level: 'warn', message }) };
  const simulator = new Simulator({
    devices,
    seed: SEED,
    rate: 1,
    transport,
    log,
    now: () => clock.now,
    monotonic: () => clock.now,
    // The test drives the ticks; the timer must not fire on its own.
    tickMs: 3_600_000,
    summaryEveryMs: 0,
    ...options,
  });
  const run = async (ms: number, stepMs = 1_000) => {
    for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
      clock.now += stepMs;
      simulator.tick();
      await settle();
    }
  };
  return { clock, transport, simulator, lines, run };
}

describe('Simulator', () => {
  const started: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop(100)));
  });
  const create = (...args: Parameters<typeof harness>) => {
    const h = harness(...args);
    started.push(h.simulator);
    return h;
  };

  it('emits each device at its expected interval, divided by the rate', async () => {
    const devices = pick('trf-001', 'env-aq-01', 'wifi-01', 'dos-p1');
    for (const rate of [1, 10]) {
      const { simulator, transport, run, clock } = create(devices, { rate, flushAfterMs: 0 });
      simulator.start();
      const from = clock.now;
      await run(30 * 60_000);
      const perDevice = (id: string) => transport.readings().filter((r) => r.deviceId === id);
      // 30 minutes: trf every 30 s × 3 metrics, air every 60 s × 5, Wi-Fi every 300 s × 2, dossiers every 900 s × 4.
      expect(perDevice('trf-001').length).toBeGreaterThanOrEqual(60 * 3 * rate - 3);
      expect(perDevice('trf-001').length).toBeLessThanOrEqual(60 * 3 * rate + 3);
      expect(perDevice('env-aq-01').length).toBeGreaterThanOrEqual(30 * 5 * rate - 5);
      expect(perDevice('env-aq-01').length).toBeLessThanOrEqual(30 * 5 * rate + 5);
      expect(perDevice('wifi-01').length).toBeGreaterThanOrEqual(6 * 2 * rate - 2);
      expect(perDevice('dos-p1').length).toBeGreaterThanOrEqual(2 * 4 * rate - 4);
      // Observed times step by the interval over the rate and never lie in the future.
      const times = [...new Set(perDevice('trf-001').map((r) => Date.parse(r.observedAt)))];
      const steps = new Set(times.slice(1).map((t, i) => Math.round(t - (times[i] ?? 0))));
      expect([...steps]).toEqual([30_000 / rate]);
      expect(Math.min(...times)).toBeGreaterThanOrEqual(from);
      expect(Math.max(...times)).toBeLessThanOrEqual(clock.now);
      expect(simulator.readingsPerSecond()).toBeCloseTo(rate * (3 / 30 + 5 / 60 + 2 / 300 + 4 / 900), 6);
    }
  });

  it('runs the whole city at tens of readings a second at rate 1', () => {
    const { simulator } = create(registry);
    expect(simulator.readingsPerSecond()).toBeGreaterThan(20);
    expect(simulator.readingsPerSecond()).toBeLessThan(60);
  });

  it('batches per feed, at most batchSize readings, each valid and unique', async () => {
    const { simulator, transport, run } = create(registry.filter((_, i) => i % 3 === 0), { rate: 5, batchSize: 50 });
    simulator.start();
    await run(5 * 60_000);
    expect(transport.calls.length).toBeGreaterThan(20);
    const feeds = new Set<FeedId>();
    for (const call of transport.calls) {
      expect(call.readings.length).toBeGreaterThan(0);
      expect(call.readings.length).toBeLessThanOrEqual(50);
      feeds.add(call.feed);
      for (const reading of call.readings) {
        expect(READING_SCHEMAS[call.feed].safeParse(reading).success).toBe(true);
        expect(registry.find((d) => d.id === reading.deviceId)?.feed).toBe(call.feed);
      }
    }
    expect([...feeds].sort()).toEqual(['camera', 'dossier', 'environment', 'traffic', 'wifi']);
    const keys = transport.readings().map((r) => `${r.deviceId}|${r.metric}|${r.observedAt}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(simulator.counters()).toMatchObject({ generated: keys.length + simulator.backlog(), sent: keys.length, stored: keys.length, dropped: 0 });
  });

  it('on 503 waits at least Retry-After, then sends the same batch again', async () => {
    const { simulator, transport, run } = create(pick('trf-001', 'trf-002'), { flushAfterMs: 0, maxInFlight: 1 });
    transport.answer = (call, index) => (index < 3 ? { kind: 'retry', status: 503, reason: '503 busy', retryAfterMs: 5_000 } : accept(call.readings.length));
    simulator.start();
    await run(60_000, 500);
    const [first, second, third, fourth] = transport.calls;
    expect(second?.readings).toEqual(first?.readings);
    expect(third?.readings).toEqual(first?.readings);
    expect(fourth?.readings).toEqual(first?.readings);
    expect((second?.atMs ?? 0) - (first?.atMs ?? 0)).toBeGreaterThanOrEqual(5_000);
    expect((third?.atMs ?? 0) - (second?.atMs ?? 0)).toBeGreaterThanOrEqual(5_000);
    expect(simulator.counters().retries).toBe(3);
    // Nothing was lost: every reading generated was stored once the API answered.
    expect(await simulator.drain(performance.now() + 1_000)).toBe(true);
    expect(simulator.counters().stored).toBe(simulator.counters().generated);
  });

  it('keeps a bounded backlog while the API is unreachable, backs off, and recovers', async () => {
    const { simulator, transport, run, lines } = create(registry.filter((d) => d.feed === 'traffic'), {
      rate: 10,
      maxBacklog: 2_000,
      batchSize: 100,
      retryBaseMs: 500,
      retryMaxMs: 30_000,
    });
    transport.answer = () => ({ kind: 'retry', reason: 'ECONNREFUSED connect ECONNREFUSED 127.0.0.1:3000' });
    simulator.start();
    let largest = 0;
    for (let minute = 0; minute < 10; minute++) {
      await run(60_000);
      largest = Math.max(largest, simulator.backlog());
    }
    // 100 detectors × 3 metrics, 10 × a 30 s interval: 100 readings a second, 60,000 in ten minutes.
    expect(simulator.counters().generated).toBeGreaterThan(55_000);
    expect(largest).toBeLessThanOrEqual(2_000);
    expect(simulator.counters().dropped).toBeGreaterThan(50_000);
    // Exponential backoff: a handful of attempts in ten minutes, not one per tick.
    expect(transport.calls.length).toBeLessThan(40);
    const gaps = transport.calls.slice(1).map((call, i) => call.atMs - (transport.calls[i]?.atMs ?? 0));
    expect(gaps.slice(-3).every((gap) => gap >= 15_000)).toBe(true);
    expect(lines.filter((l) => l.level === 'warn' && l.message.includes('ECONNREFUSED'))).toHaveLength(1);

    transport.answer = (call) => accept(call.readings.length);
    await run(60_000);
    expect(simulator.backlog()).toBeLessThan(200);
    expect(simulator.counters().stored).toBeGreaterThan(2_000);
    expect(lines.some((l) => l.message.includes('answering again'))).toBe(true);
  });

  it('counts rejections and refusals, and survives a transport that throws', async () => {
    const { simulator, transport, run, lines } = create(pick('trf-001', 'env-aq-01'), { flushAfterMs: 0, retryBaseMs: 10, retryMaxMs: 10 });
    transport.answer = (call, index) => {
      if (index === 0) throw new Error('socket hang up');
      if (index === 1) return { kind: 'accepted', stored: 0, duplicates: 0, rejected: call.readings.length, firstRejection: '#0 deviceId: not in the device registry' };
      if (index === 2) return { kind: 'refused', status: 401, reason: '401 Unauthorized' };
      return { kind: 'accepted', stored: call.readings.length - 1, duplicates: 1, rejected: 0 };
    };
    simulator.start();
    await run(5 * 60_000);
    const counters = simulator.counters();
    expect(counters.retries).toBe(1);
    expect(counters.rejected).toBeGreaterThan(0);
    expect(counters.refused).toBeGreaterThan(0);
    expect(counters.duplicates).toBeGreaterThan(0);
    expect(counters.sent).toBe(counters.stored + counters.duplicates + counters.rejected + counters.refused);
    expect(simulator.summaryLine()).toMatch(/^Simulator fake: sent \d+, stored \d+, duplicates \d+, rejected \d+, dropped 0, refused \d+, retries 1, backlog \d+$/);
    expect(lines.some((l) => l.level === 'warn' && l.message.includes('401'))).toBe(true);
  });

  it('never throws out of a tick', () => {
    const lines: string[] = [];
    let calls = 0;
    const simulator = new Simulator({
      devices: pick('trf-001'),
      seed: SEED,
      rate: 1,
      transport: new FakeTransport({ now: 0 }),
      log: { log: () => undefined, warn: (message) => lines.push(message) },
      now: () => {
        if (++calls > 1) throw new Error('clock broke');
        return Date.now();
      },
      tickMs: 3_600_000,
      summaryEveryMs: 0,
    });
    started.push(simulator);
    simulator.start();
    expect(() => simulator.tick()).not.toThrow();
    expect(lines.some((line) => line.includes('clock broke'))).toBe(true);
  });

  it('fills the last minutes on start, at the devices’ own intervals', async () => {
    const { simulator, transport, clock } = create(pick('trf-001', 'env-wl-01'), { backfillMs: 10 * 60_000, rate: 50, flushAfterMs: 0 });
    const start = clock.now;
    simulator.start();
    await settle();
    const past = transport.readings().filter((r) => Date.parse(r.observedAt) < start);
    expect(past.filter((r) => r.deviceId === 'trf-001')).toHaveLength(20 * 3);
    expect(past.filter((r) => r.deviceId === 'env-wl-01')).toHaveLength(10);
    expect(Math.min(...past.map((r) => Date.parse(r.observedAt)))).toBeGreaterThanOrEqual(start - 10 * 60_000);
  });

  it('stop sends what is queued, logs a summary and closes the transport', async () => {
    const { simulator, transport, run, lines } = create(registry.filter((_, i) => i % 4 === 0), { flushAfterMs: 3_600_000 });
    simulator.start();
    await run(20_000);
    // Nothing full enough to go yet: everything sits in partly filled batches.
    expect(transport.calls).toHaveLength(0);
    expect(simulator.backlog()).toBeGreaterThan(0);
    await simulator.stop(2_000);
    const counters = simulator.counters();
    expect(counters.sent).toBe(counters.generated);
    expect(simulator.backlog()).toBe(0);
    expect(transport.closed).toBe(true);
    expect(lines.some((l) => l.message.startsWith(`Simulator fake: sent ${counters.sent}`))).toBe(true);
  });

  it('stop gives up after its timeout when the API stays down, counting what is left as dropped', async () => {
    const { simulator, transport, run } = create(pick('trf-001', 'trf-002'), { flushAfterMs: 0 });
    transport.answer = () => ({ kind: 'retry', status: 503, reason: '503 busy', retryAfterMs: 60_000 });
    simulator.start();
    await run(10_000);
    const began = performance.now();
    await simulator.stop(300);
    expect(performance.now() - began).toBeLessThan(2_000);
    expect(simulator.counters().dropped).toBe(simulator.counters().generated);
    expect(transport.closed).toBe(true);
  });
});
