import { FEED_DEFINITIONS, MAX_READINGS_PER_REQUEST, type FeedId, type RejectedReading } from '@mekong-ioc/shared';
import { DeadLetterService } from '../dead-letter.service';
import { IngestionException } from '../ingestion.exception';
import { IngestionService, isFeed } from '../ingestion.service';
import { parseReadingTopic } from './mqtt-topic.util';

/** What became of one message; either way it is safe to acknowledge. */
export type MessageOutcome =
  | { kind: 'ingested'; stored: number; duplicates: number; rejected: number }
  | { kind: 'dead-lettered'; reason: string };

/** Rejections spelled out in a dead letter's reason; the rest are counted. */
const MAX_LISTED_REJECTIONS = 20;

type ParsedMessage = { feed: FeedId; deviceId: string; readings: unknown[] } | { problem: string };

/**
 * Turns one MQTT message into stored readings or a dead letter, through the same validation and
 * storage as HTTP ingest. A publisher gets no answer, so nothing refused is dropped: it is kept
 * with the reason. Resolves only once everything is committed; a rejection means nothing may be
 * acknowledged (the database is down or overloaded) and the message must be tried again.
 */
export class MqttMessageIngestor {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly deadLetters: DeadLetterService,
    private readonly maxPayloadBytes: number,
  ) {}

  async ingest(topic: string, payload: Buffer): Promise<MessageOutcome> {
    const message = this.parse(topic, payload);
    if ('problem' in message) return this.deadLetter(topic, payload.toString('utf8'), message.problem);

    let rejected: RejectedReading[];
    let accepted: { stored: number; duplicates: number };
    try {
      const result = await this.ingestion.ingest(message.feed, message.readings, { deviceId: message.deviceId });
      rejected = result.rejected;
      accepted = { stored: result.stored.length, duplicates: result.duplicates.length };
    } catch (error) {
      // A 4xx-type refusal is about the message and will not change on a retry; anything else
      // (503, a database error) is about the server, so the message is tried again.
      if (error instanceof IngestionException && error.status < 500) {
        return this.deadLetter(topic, payload.toString('utf8'), `${error.code}: ${error.message}`);
      }
      throw error;
    }

    if (accepted.stored + accepted.duplicates === 0) {
      return this.deadLetter(topic, payload.toString('utf8'), `no reading accepted: ${describeRejections(rejected)}`);
    }
    if (rejected.length) {
      // The dead letter holds only the refused readings, so replaying it does not resend the rest.
      await this.record(
        topic,
        JSON.stringify(rejected.map(({ index }) => message.readings[index])),
        `${rejected.length} of ${message.readings.length} readings rejected (indexes in the original message): ${describeRejections(rejected)}`,
      );
    }
    return { kind: 'ingested', ...accepted, rejected: rejected.length };
  }

  private parse(topic: string, payload: Buffer): ParsedMessage {
    const target = parseReadingTopic(topic);
    if (!target) return { problem: 'the topic is not ioc/v1/{feed}/{deviceId}' };
    if (!isFeed(target.feed)) {
      return { problem: `there is no feed "${target.feed}"; feeds: ${Object.keys(FEED_DEFINITIONS).join(', ')}` };
    }
    if (payload.length > this.maxPayloadBytes) {
      return { problem: `the payload is ${payload.length} bytes, more than the limit of ${this.maxPayloadBytes}` };
    }
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch (error) {
      return { problem: `the payload is not JSON (${error instanceof Error ? error.message : String(error)})` };
    }
    if (body === null || typeof body !== 'object') {
      return { problem: `expected a reading (a JSON object) or an array of readings, got a JSON ${body === null ? 'null' : typeof body}` };
    }
    const readings: unknown[] = Array.isArray(body) ? body : [body];
    if (readings.length === 0) return { problem: 'an empty array: no readings' };
    if (readings.length > MAX_READINGS_PER_REQUEST) {
      return { problem: `${readings.length} readings in one message; at most ${MAX_READINGS_PER_REQUEST}` };
    }
    return { feed: target.feed, deviceId: target.deviceId, readings };
  }

  private async deadLetter(topic: string, payload: string, reason: string): Promise<MessageOutcome> {
    await this.record(topic, payload, reason);
    return { kind: 'dead-lettered', reason };
  }

  private record(topic: string, payload: string, reason: string): Promise<void> {
    return this.deadLetters.record({ transport: 'mqtt', topic: withoutNul(topic), payload: withoutNul(payload), reason: withoutNul(reason) });
  }
}

function describeRejections(rejected: RejectedReading[]): string {
  const listed = rejected.slice(0, MAX_LISTED_REJECTIONS).map(({ index, field, message }) => `[${index}] ${field}: ${message}`);
  const more = rejected.length - listed.length;
  return listed.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/**
 * PostgreSQL text cannot hold U+0000; a payload carrying one would fail to be recorded on every
 * retry and hold the consumer up, so it is written visibly escaped instead.
 */
const withoutNul = (text: string): string => text.replaceAll('\u0000', '\\u0000');
