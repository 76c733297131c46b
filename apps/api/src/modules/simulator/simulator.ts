import type { Device, FeedId } from '@mekong-ioc/shared';
import { describeError, type IngestTransport, type SendOutcome, type SimulatorLog } from './ingest-transport';
import { metricsOf, simulateReadings, type SimulatedReading } from './simulation-model';
import { hashString, sequentialRandom, unitRandom } from './seeded-random.util';

export interface SimulatorOptions {
  devices: readonly Device[];
  seed: number;
  /** 1 is the city's real load; each device reports `rate` times as often as its expected interval. */
  rate: number;
  transport: IngestTransport;
  log: SimulatorLog;
  /** Epoch milliseconds; the readings' observed times follow it. */
  now?: () => number;
  /** A monotonic clock in milliseconds for backoff and batching; performance.now by default. */
  monotonic?: () => number;
  /** Readings per request, per feed. */
  batchSize?: number;
  /** Readings waiting to be sent, at most; past it the oldest are dropped (and counted). */
  maxBacklog?: number;
  /** Requests in flight at once. */
  maxInFlight?: number;
  tickMs?: number;
  /** A partly filled batch waits at most this long before it is sent. */
  flushAfterMs?: number;
  /** On start, also send the readings of this much past time (at the devices' own intervals), so charts are not empty. */
  backfillMs?: number;
  summaryEveryMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/** Running totals; `sent` counts readings whose request got an answer (or a broker's ack). */
export interface SimulatorCounters {
  generated: number;
  sent: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** Delivered to the MQTT broker (the API's verdict is not known to the sender). */
  delivered: number;
  /** In batches the API refused outright (bad key, missing route): resending would not help. */
  refused: number;
  /** Oldest readings thrown away because the backlog was full, or left over when stopping. */
  dropped: number;
  /** Readings never generated because the process fell behind by more than a minute. */
  skipped: number;
  /** Batches sent again after a 503, a timeout or a lost connection. */
  retries: number;
}

interface DeviceSchedule {
  device: Device;
  periodMs: number;
  nextMs: number;
}

interface Batch {
  feed: FeedId;
  readings: SimulatedReading[];
  /** When its first reading was queued: partial batches go out after flushAfterMs. */
  openedMs: number;
}

const MAX_CATCH_UP_MS = 60_000;

/**
 * Emits every device's readings at its expected interval divided by the rate, batches them per
 * feed and sends them through a transport. Framework-free: the Nest service and the tests drive it.
 * Memory is bounded (backlog cap, in-flight cap), failures are retried with jittered exponential
 * backoff, and nothing it does may throw into the host process.
 */
export class Simulator {
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private readonly batchSize: number;
  private readonly maxBacklog: number;
  private readonly maxInFlight: number;
  private readonly tickMs: number;
  private readonly flushAfterMs: number;
  private readonly summaryEveryMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly jitter: () => number;

  private schedules: DeviceSchedule[] = [];
  private readonly open = new Map<FeedId, Batch>();
  private readonly ready: Batch[] = [];
  private queued = 0;
  private inFlight = 0;
  private readonly inFlightSends = new Set<Promise<void>>();
  private pausedUntil = 0;
  private failureStreak = 0;
  private running = false;
  private tickTimer: NodeJS.Timeout | null = null;
  private summaryTimer: NodeJS.Timeout | null = null;

  private readonly totals: SimulatorCounters = emptyCounters();
  private lastSummary: SimulatorCounters = emptyCounters();
  private windowNotes = { rejection: '', refusal: '', failure: '' };

  constructor(private readonly options: SimulatorOptions) {
    this.now = options.now ?? Date.now;
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.batchSize = options.batchSize ?? 500;
    this.maxInFlight = options.maxInFlight ?? 4;
    this.tickMs = options.tickMs ?? 200;
    this.flushAfterMs = options.flushAfterMs ?? 1_000;
    this.summaryEveryMs = options.summaryEveryMs ?? 60_000;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
    // Two minutes of load, within limits: enough to ride out a restart of the API, bounded anyway.
    this.maxBacklog = options.maxBacklog ?? Math.min(200_000, Math.max(10_000, Math.ceil(this.readingsPerSecond() * 120)));
    this.jitter = sequentialRandom(options.seed ^ 0x2545_f491);
  }

  /** The load this simulator generates, readings per second. */
  readingsPerSecond(): number {
    return this.options.devices
      .filter((device) => device.active)
      .reduce((sum, device) => sum + (metricsOf(device).length * this.options.rate) / device.expectedIntervalSeconds, 0);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const now = this.now();
    this.schedules = this.options.devices
      .filter((device) => device.active && metricsOf(device).length > 0)
      .map((device) => {
        const periodMs = (device.expectedIntervalSeconds * 1000) / this.options.rate;
        return { device, periodMs, nextMs: nextGridTime(now, periodMs, this.phaseOf(device, periodMs)) };
      });
    if (this.options.backfillMs) this.backfill(now, this.options.backfillMs);
    this.tickTimer = setInterval(() => this.tick(), this.tickMs);
    this.tickTimer.unref();
    if (this.summaryEveryMs > 0) {
      this.summaryTimer = setInterval(() => this.logSummary(), this.summaryEveryMs);
      this.summaryTimer.unref();
    }
    this.tick();
  }

  /** Stops generating, sends what is queued for up to `timeoutMs`, then closes the transport. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.summaryTimer) clearInterval(this.summaryTimer);
    this.tickTimer = this.summaryTimer = null;
    try {
      this.sealAll();
      // Shutdown time is real time, whatever clock the readings follow.
      const deadline = performance.now() + timeoutMs;
      await this.drain(deadline);
      if (this.queued > 0) {
        this.totals.dropped += this.queued;
        this.options.log.warn(`Simulator stopped with ${this.queued} readings unsent (${this.windowNotes.failure || 'timed out'})`);
        this.ready.length = 0;
        this.queued = 0;
      }
      // Requests already on the wire finish or time out on their own; wait for them, within reason.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - performance.now()))));
      await Promise.race([Promise.allSettled([...this.inFlightSends]), timeout]);
      clearTimeout(timer);
      this.logSummary();
    } catch (error) {
      this.options.log.warn(`Simulator stop: ${describeError(error)}`);
    } finally {
      await this.options.transport.close().catch(() => undefined);
    }
  }

  counters(): Readonly<SimulatorCounters> {
    return { ...this.totals };
  }

  /** Readings generated but not yet handed to the transport. */
  backlog(): number {
    return this.queued;
  }

  /** Generates what is due and sends what it may; the timer calls it, tests call it directly. */
  tick(): void {
    try {
      const now = this.now();
      for (const schedule of this.schedules) this.emitDue(schedule, now);
      const elapsed = this.monotonic();
      for (const [feed, batch] of this.open) {
        if (elapsed - batch.openedMs >= this.flushAfterMs) this.seal(feed);
      }
      this.trimBacklog();
      this.pump();
    } catch (error) {
      this.options.log.warn(`Simulator tick failed: ${describeError(error)}`);
    }
  }

  /** Resolves when nothing is queued or in flight, or at the deadline (performance.now() time; false then). */
  async drain(deadlineMs: number): Promise<boolean> {
    for (;;) {
      if (this.queued === 0 && this.inFlight === 0) return true;
      const now = performance.now();
      if (now >= deadlineMs) return false;
      this.pump();
      await delay(Math.min(25, deadlineMs - now));
    }
  }

  /** The one-line summary of the last interval, also logged every summaryEveryMs. */
  summaryLine(): string {
    const t = this.totals;
    const p = this.lastSummary;
    const delta = (key: keyof SimulatorCounters) => t[key] - p[key];
    const parts = [
      `sent ${delta('sent')}`,
      ...(t.delivered ? [`delivered ${delta('delivered')}`] : [`stored ${delta('stored')}`, `duplicates ${delta('duplicates')}`, `rejected ${delta('rejected')}`]),
      `dropped ${delta('dropped')}`,
      ...(delta('refused') ? [`refused ${delta('refused')}`] : []),
      ...(delta('retries') ? [`retries ${delta('retries')}`] : []),
      ...(delta('skipped') ? [`skipped ${delta('skipped')}`] : []),
      `backlog ${this.queued}`,
    ];
    return `Simulator ${this.options.transport.description}: ${parts.join(', ')}`;
  }

  private logSummary(): void {
    try {
      const notes = Object.values(this.windowNotes).filter(Boolean);
      const line = `${this.summaryLine()}${notes.length ? ` (${notes.join('; ')})` : ''}`;
      const troubled = this.totals.refused > this.lastSummary.refused || this.totals.dropped > this.lastSummary.dropped || this.totals.rejected > this.lastSummary.rejected;
      if (troubled) this.options.log.warn(line);
      else this.options.log.log(line);
      this.lastSummary = { ...this.totals };
      this.windowNotes = { rejection: '', refusal: '', failure: '' };
    } catch {
      // A log line is never worth an exception.
    }
  }

  private phaseOf(device: Device, periodMs: number): number {
    // Spread devices over their interval so requests are steady rather than bursts on the minute.
    return unitRandom(this.options.seed, hashString(device.id), 0x51ed) * periodMs;
  }

  private emitDue(schedule: DeviceSchedule, now: number): void {
    if (now - schedule.nextMs > MAX_CATCH_UP_MS) {
      // After a long stall (a paused laptop), skip ahead rather than flood the API with the past.
      const missed = Math.floor((now - schedule.nextMs) / schedule.periodMs);
      schedule.nextMs += missed * schedule.periodMs;
      this.totals.skipped += missed * metricsOf(schedule.device).length;
    }
    while (schedule.nextMs <= now) {
      this.enqueue(schedule.device.feed, simulateReadings(schedule.device, schedule.nextMs, this.options.seed));
      schedule.nextMs += schedule.periodMs;
    }
  }

  private backfill(now: number, requestedMs: number): void {
    const active = this.schedules.map((schedule) => schedule.device);
    const perMs = active.reduce((sum, device) => sum + metricsOf(device).length / (device.expectedIntervalSeconds * 1000), 0);
    // Never more than half the backlog, or the backfill would push out the live readings.
    const windowMs = Math.min(requestedMs, perMs > 0 ? this.maxBacklog / 2 / perMs : 0);
    for (const device of active) {
      const periodMs = device.expectedIntervalSeconds * 1000;
      for (let at = nextGridTime(now - windowMs, periodMs, this.phaseOf(device, periodMs)); at < now; at += periodMs) {
        this.enqueue(device.feed, simulateReadings(device, at, this.options.seed));
      }
    }
  }

  private enqueue(feed: FeedId, readings: SimulatedReading[]): void {
    if (readings.length === 0) return;
    this.totals.generated += readings.length;
    this.queued += readings.length;
    let batch = this.open.get(feed);
    for (const reading of readings) {
      if (!batch) {
        batch = { feed, readings: [], openedMs: this.monotonic() };
        this.open.set(feed, batch);
      }
      batch.readings.push(reading);
      if (batch.readings.length >= this.batchSize) {
        this.seal(feed);
        batch = undefined;
      }
    }
  }

  private seal(feed: FeedId): void {
    const batch = this.open.get(feed);
    if (!batch) return;
    this.open.delete(feed);
    if (batch.readings.length) this.ready.push(batch);
  }

  private sealAll(): void {
    for (const feed of [...this.open.keys()]) this.seal(feed);
  }

  /** Drops the oldest queued readings beyond the cap: fresh data matters more on a live wall. */
  private trimBacklog(): void {
    while (this.queued > this.maxBacklog) {
      const excess = this.queued - this.maxBacklog;
      const oldest = this.ready[0] ?? this.oldestOpen();
      if (!oldest) return;
      const n = Math.min(excess, oldest.readings.length);
      oldest.readings.splice(0, n);
      this.queued -= n;
      this.totals.dropped += n;
      if (oldest.readings.length === 0) {
        if (this.ready[0] === oldest) this.ready.shift();
        else this.open.delete(oldest.feed);
      }
    }
  }

  private oldestOpen(): Batch | undefined {
    let oldest: Batch | undefined;
    for (const batch of this.open.values()) if (!oldest || batch.openedMs < oldest.openedMs) oldest = batch;
    return oldest;
  }

  private pump(): void {
    // After a failure, one request probes the API; full concurrency returns once one succeeds.
    const limit = this.failureStreak > 0 ? 1 : this.maxInFlight;
    while (this.inFlight < limit && this.ready.length > 0 && this.monotonic() >= this.pausedUntil) {
      const batch = this.ready.shift();
      if (!batch) return;
      this.queued -= batch.readings.length;
      this.inFlight++;
      const send = this.send(batch).finally(() => {
        this.inFlight--;
        this.inFlightSends.delete(send);
        if (this.running) this.pump();
      });
      this.inFlightSends.add(send);
    }
  }

  private async send(batch: Batch): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await this.options.transport.send(batch.feed, batch.readings);
    } catch (error) {
      outcome = { kind: 'retry', reason: describeError(error) };
    }
    const count = batch.readings.length;
    const t = this.totals;
    switch (outcome.kind) {
      case 'accepted':
        t.sent += count;
        t.stored += outcome.stored;
        t.duplicates += outcome.duplicates;
        t.rejected += outcome.rejected;
        if (outcome.firstRejection && !this.windowNotes.rejection) this.windowNotes.rejection = `rejected e.g. ${outcome.firstRejection}`;
        this.recovered();
        return;
      case 'delivered':
        t.sent += count;
        t.delivered += outcome.count;
        this.recovered();
        return;
      case 'refused':
        t.sent += count;
        t.refused += count;
        if (!this.windowNotes.refusal) {
          this.windowNotes.refusal = `refused: ${outcome.reason}`;
          if (t.refused === count) this.options.log.warn(`Simulator: the API refused a ${batch.feed} batch: ${outcome.reason}`);
        }
        return;
      case 'retry':
        this.retryLater(batch, outcome.reason, outcome.retryAfterMs);
    }
  }

  private retryLater(batch: Batch, reason: string, retryAfterMs: number | undefined): void {
    this.totals.retries++;
    this.failureStreak++;
    // Exponential backoff with jitter, never sooner than the server asked.
    const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** Math.min(this.failureStreak - 1, 16));
    const wait = Math.max(retryAfterMs ?? 0, ceiling / 2 + (this.jitter() * ceiling) / 2);
    this.pausedUntil = Math.max(this.pausedUntil, this.monotonic() + wait);
    this.windowNotes.failure = `API unavailable: ${reason}`;
    if (this.failureStreak === 1) this.options.log.warn(`Simulator: ${reason}; retrying with backoff, backlog capped at ${this.maxBacklog}`);
    // The batch is the oldest data there is: back to the front of the queue.
    this.ready.unshift(batch);
    this.queued += batch.readings.length;
    this.trimBacklog();
  }

  private recovered(): void {
    if (this.failureStreak > 0) this.options.log.log(`Simulator: ${this.options.transport.description} answering again`);
    this.failureStreak = 0;
  }
}

/** The first time ≥ `fromMs` on the grid phase + k·period. */
function nextGridTime(fromMs: number, periodMs: number, phaseMs: number): number {
  return Math.ceil((fromMs - phaseMs) / periodMs) * periodMs + phaseMs;
}

function emptyCounters(): SimulatorCounters {
  return { generated: 0, sent: 0, stored: 0, duplicates: 0, rejected: 0, delivered: 0, refused: 0, dropped: 0, skipped: 0, retries: 0 };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
