import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { IngestionException } from './ingestion.exception';

/** One reading, validated and ready to store. */
export interface ReadingRow {
  source: string;
  deviceId: string;
  metric: string;
  observedAt: Date;
  value: number;
}

interface Waiting {
  rows: ReadingRow[];
  resolve: (stored: boolean[]) => void;
  reject: (error: unknown) => void;
}

/** Rows written by one statement at most; bigger backlogs go in several. */
const MAX_ROWS_PER_STATEMENT = 20_000;
/**
 * Statements in flight at once. Two keep PostgreSQL busy while the API parses the next batch's
 * answer; more only queue on the same rollup rows. Rollups are upserted in key order, so two
 * statements touching the same rows wait for each other instead of deadlocking.
 */
const MAX_CONCURRENT_STATEMENTS = 2;

/**
 * Stores readings and updates their one-minute rollups in one statement, so both commit together
 * or not at all. Duplicates (same source, device, metric and observed time) are skipped; late
 * readings merge into the rollups they fall in (count, min, max and sum are order-independent, and
 * `last` follows the newest observation), so any arrival order gives the same rollups.
 */
const INSERT_READINGS_SQL = `
  WITH incoming AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::float8[])
      AS t(source, device_id, metric, observed_at, value)
  ), stored AS (
    INSERT INTO readings (source, device_id, metric, observed_at, value)
    SELECT source, device_id, metric, observed_at, value FROM incoming
    ON CONFLICT DO NOTHING
    RETURNING source, device_id, metric, observed_at, value
  ), rolled_up AS (
    INSERT INTO reading_rollups_1m AS r (device_id, metric, bucket, count, min, max, sum, last_value, last_observed_at)
    SELECT device_id, metric, date_trunc('minute', observed_at, 'UTC'), count(*), min(value), max(value), sum(value::numeric),
           (array_agg(value ORDER BY observed_at DESC, value DESC))[1], max(observed_at)
    FROM stored
    GROUP BY device_id, metric, date_trunc('minute', observed_at, 'UTC')
    ORDER BY device_id, metric, date_trunc('minute', observed_at, 'UTC')
    ON CONFLICT (device_id, metric, bucket) DO UPDATE SET
      count = r.count + excluded.count,
      min = least(r.min, excluded.min),
      max = greatest(r.max, excluded.max),
      sum = r.sum + excluded.sum,
      last_value = CASE
        WHEN excluded.last_observed_at > r.last_observed_at
          OR (excluded.last_observed_at = r.last_observed_at AND excluded.last_value > r.last_value)
        THEN excluded.last_value ELSE r.last_value END,
      last_observed_at = greatest(r.last_observed_at, excluded.last_observed_at)
  )
  SELECT source, device_id, metric, (extract(epoch FROM observed_at) * 1000)::float8 AS observed_ms FROM stored`;

const keyOf = (source: string, deviceId: string, metric: string, observedMs: number): string =>
  `${source}\u0000${deviceId}\u0000${metric}\u0000${observedMs}`;

/**
 * Group commit: requests hand their readings here and wait; whatever arrives while a statement is
 * running goes into the next one, so many small requests cost few round trips and the database
 * sees big batches whatever the clients send. The queue is bounded: past its limit, or when a
 * commit takes too long, callers get a 503 instead of waiting or growing memory.
 */
@Injectable()
export class ReadingWriter {
  private readonly logger = new Logger(ReadingWriter.name);
  private queue: Waiting[] = [];
  private queuedRows = 0;
  private readonly workers = new Set<Promise<void>>();
  private closed = false;
  private statements = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolves, once committed, to whether each row was stored (false: it was a duplicate). */
  write(rows: ReadingRow[]): Promise<boolean[]> {
    if (this.closed) throw new IngestionException('INGEST_UNAVAILABLE', 'The server is shutting down; send again shortly.');
    if (this.queuedRows + rows.length > this.config.ingestion.maxPendingReadings) {
      throw new IngestionException('INGEST_OVERLOADED', 'Too many readings are waiting to be stored; send again shortly.');
    }
    const committed = new Promise<boolean[]>((resolve, reject) => this.queue.push({ rows, resolve, reject }));
    this.queuedRows += rows.length;
    if (this.workers.size < MAX_CONCURRENT_STATEMENTS) {
      // Start on the next turn of the event loop, so that requests read in the same turn share a statement.
      const worker: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.drainQueue())
        .finally(() => this.workers.delete(worker));
      this.workers.add(worker);
    }
    return committed;
  }

  get pendingReadings(): number {
    return this.queuedRows;
  }

  /** Statements run so far: fewer than the requests served when group commit is doing its job. */
  get statementsRun(): number {
    return this.statements;
  }

  /** Stops taking readings and waits until every accepted one is committed (SIGTERM). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.workers.size) await Promise.all(this.workers);
  }

  private async drainQueue(): Promise<void> {
    while (this.queue.length) {
      const batch: Waiting[] = [];
      let rows = 0;
      while (this.queue.length && (batch.length === 0 || rows + (this.queue[0]?.rows.length ?? 0) <= MAX_ROWS_PER_STATEMENT)) {
        const waiting = this.queue.shift() as Waiting;
        batch.push(waiting);
        rows += waiting.rows.length;
      }
      try {
        const stored = await this.insert(batch.flatMap((waiting) => waiting.rows));
        let offset = 0;
        for (const waiting of batch) {
          waiting.resolve(stored.slice(offset, offset + waiting.rows.length));
          offset += waiting.rows.length;
        }
      } catch (error) {
        this.logger.warn(`could not store ${rows} readings: ${error instanceof Error ? error.message : String(error)}`);
        for (const waiting of batch) waiting.reject(error);
      } finally {
        this.queuedRows -= rows;
      }
    }
  }

  private async insert(rows: ReadingRow[]): Promise<boolean[]> {
    const sources = new Array<string>(rows.length);
    const devices = new Array<string>(rows.length);
    const metrics = new Array<string>(rows.length);
    const times = new Array<string>(rows.length);
    const values = new Array<number>(rows.length);
    rows.forEach((row, i) => {
      sources[i] = row.source;
      devices[i] = row.deviceId;
      metrics[i] = row.metric;
      times[i] = row.observedAt.toISOString();
      values[i] = row.value;
    });
    this.statements += 1;
    const inserted = await this.dataSource.query<{ source: string; device_id: string; metric: string; observed_ms: number }[]>(
      INSERT_READINGS_SQL,
      [sources, devices, metrics, times, values],
    );
    const storedKeys = new Set(inserted.map((r) => keyOf(r.source, r.device_id, r.metric, Number(r.observed_ms))));
    // Within one statement the same reading may come twice (two requests resending it): the first
    // occurrence is the one stored, the others are duplicates.
    return rows.map((row) => storedKeys.delete(keyOf(row.source, row.deviceId, row.metric, row.observedAt.getTime())));
  }
}
