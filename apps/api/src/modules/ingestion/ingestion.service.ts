import { Inject, Injectable } from '@nestjs/common';
import {
  FEED_DEFINITIONS,
  MAX_FUTURE_SKEW_MS,
  MAX_LATENESS_MS,
  MAX_READINGS_PER_REQUEST,
  READING_SCHEMAS,
  ingestScopeFor,
  type ApiKeyPrincipal,
  type FeedId,
  type IngestResult,
  type RejectedReading,
} from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { DeviceRegistryService } from './device-registry.service';
import { IngestionException } from './ingestion.exception';
import { ReadingRow, ReadingWriter } from './reading-writer.provider';
import { ReadingsCommitted } from './readings-committed.provider';

export const isFeed = (feed: string): feed is FeedId => Object.hasOwn(FEED_DEFINITIONS, feed);

/**
 * The one ingestion path every machine feed goes through, HTTP and MQTT alike: each reading is
 * checked against its feed's schema, the device registry and the accepted time window, and the
 * valid ones are stored; the answer says which were stored, which were duplicates and which were
 * rejected and why. Nothing is acknowledged before it is committed.
 */
@Injectable()
export class IngestionService {
  constructor(
    private readonly registry: DeviceRegistryService,
    private readonly writer: ReadingWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly committed: ReadingsCommitted,
  ) {}

  /** Checks that a client application may push this feed. */
  authorize(apiKey: ApiKeyPrincipal, feed: string): FeedId {
    if (!isFeed(feed)) {
      throw new IngestionException('INGEST_UNKNOWN_FEED', `There is no feed "${feed}"; feeds: ${Object.keys(FEED_DEFINITIONS).join(', ')}.`);
    }
    if (!apiKey.scopes.includes(ingestScopeFor(feed))) {
      throw new IngestionException('INGEST_SCOPE_DENIED', `The API key may not send the ${feed} feed (scope ${ingestScopeFor(feed)}).`);
    }
    return feed;
  }

  /** A request body must be an array of 1 to 5,000 readings. */
  assertBatch(body: unknown): asserts body is unknown[] {
    if (!Array.isArray(body) || body.length === 0 || body.length > MAX_READINGS_PER_REQUEST) {
      throw new IngestionException('INGEST_BATCH_INVALID', `The body must be a JSON array of 1 to ${MAX_READINGS_PER_REQUEST} readings.`, [
        { path: '(root)', message: Array.isArray(body) ? `${body.length} readings` : `a JSON ${body === null ? 'null' : typeof body}` },
      ]);
    }
  }

  /**
   * Validates and stores a batch. `deviceId`, when the transport names the device (the MQTT
   * topic), must match every reading's.
   */
  async ingest(feed: FeedId, items: unknown[], options: { deviceId?: string } = {}): Promise<IngestResult> {
    const now = this.clock.now().getTime();
    const rejected: RejectedReading[] = [];
    const accepted: { index: number; row: ReadingRow }[] = [];
    const unknownDevices: { index: number; row: ReadingRow }[] = [];

    items.forEach((item, index) => {
      const parsed = READING_SCHEMAS[feed].safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        rejected.push({ index, field: issue?.path.map(String).join('.') || '(reading)', message: issue?.message ?? 'invalid reading' });
        return;
      }
      const reading = parsed.data;
      const observedAt = new Date(reading.observedAt);
      const problem =
        options.deviceId !== undefined && reading.deviceId !== options.deviceId
          ? { field: 'deviceId', message: `the topic names device ${options.deviceId}` }
          : observedAt.getTime() > now + MAX_FUTURE_SKEW_MS
            ? { field: 'observedAt', message: 'more than 5 minutes in the future' }
            : observedAt.getTime() < now - MAX_LATENESS_MS
              ? { field: 'observedAt', message: 'more than 24 hours old' }
              : null;
      if (problem) return void rejected.push({ index, ...problem });
      const row = { source: reading.source, deviceId: reading.deviceId, metric: reading.metric, observedAt, value: reading.value };
      (this.registry.lookup(reading.deviceId) ? accepted : unknownDevices).push({ index, row });
    });

    if (unknownDevices.length) await this.registry.reloadForUnknown();
    for (const candidate of unknownDevices) accepted.push(candidate);
    const valid = accepted.filter(({ index, row }) => {
      const device = this.registry.lookup(row.deviceId);
      const message = !device ? 'not in the device registry' : device.feed !== feed ? `belongs to the ${device.feed} feed` : !device.active ? 'is deactivated' : null;
      if (message) rejected.push({ index, field: 'deviceId', message: `device ${row.deviceId} ${message}` });
      return message === null;
    });

    const stored = valid.length ? await this.commit(valid.map(({ row }) => row)) : [];
    const newRows = valid.flatMap(({ row }, i) => (stored[i] ? [row] : []));
    if (newRows.length) this.publishCommitted(feed, newRows);
    const result: IngestResult = { stored: [], duplicates: [], rejected: rejected.sort((a, b) => a.index - b.index) };
    valid.forEach(({ index }, i) => (stored[i] ? result.stored : result.duplicates).push(index));
    result.stored.sort((a, b) => a - b);
    result.duplicates.sort((a, b) => a - b);
    return result;
  }

  private publishCommitted(feed: FeedId, rows: ReadingRow[]): void {
    try {
      this.committed.stream.next({ feed, rows });
    } catch {
      // The readings are stored and the client is owed its answer; listeners log their own failures.
    }
  }

  private async commit(rows: ReadingRow[]): Promise<boolean[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new IngestionException('INGEST_UNAVAILABLE', 'The readings could not be committed in time; send them again.')),
        this.config.ingestion.commitTimeoutMs,
      );
    });
    try {
      const committing = this.writer.write(rows);
      // If the timeout answers first, a later failure of the commit has no one left to tell.
      committing.catch(() => undefined);
      return await Promise.race([committing, timeout]);
    } catch (error) {
      if (error instanceof IngestionException) throw error;
      throw new IngestionException('INGEST_UNAVAILABLE', 'The database is not answering; nothing of this batch was stored. Send it again.');
    } finally {
      clearTimeout(timer);
    }
  }
}
