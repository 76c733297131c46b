import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { LiveDelta, LiveScope, LiveTopic } from '@mekong-ioc/shared';
import type { AppConfig } from '../../config/app-config';
import type { RealtimeRedis, RedisClient } from '../../infra/realtime/realtime-redis.provider';
import { liveStreamOf } from './live-stream.util';

/** Where a topic stands: its epoch and the sequence number of its newest delta (0: none yet). */
export interface LivePosition {
  epoch: string;
  seq: number;
}

/** The deltas after a client's last one, or null when they are no longer all kept (send a snapshot). */
export interface LiveReplay extends LivePosition {
  missed: LiveDelta[] | null;
}

/**
 * Sequence numbers and the bounded ring of recent deltas of every topic. In memory for a single
 * instance; in Redis when there are several, so every instance numbers and replays alike. A scoped
 * slice of a topic (one agency's incidents) is a stream of its own, numbered apart.
 */
export abstract class LiveLog {
  abstract append(topic: LiveTopic, payload: unknown, scope?: LiveScope | null): Promise<LiveDelta>;
  abstract position(topic: LiveTopic, scope?: LiveScope | null): Promise<LivePosition>;
  abstract replay(topic: LiveTopic, lastSeq: number, scope?: LiveScope | null): Promise<LiveReplay>;
}

interface RingEntry {
  seq: number;
  payload: unknown;
}

/** Picks exactly the deltas after `lastSeq`, or null when the ring no longer starts early enough. */
export function missedDeltas(topic: LiveTopic, epoch: string, seq: number, ring: RingEntry[], lastSeq: number): LiveDelta[] | null {
  if (lastSeq > seq) return null;
  if (lastSeq === seq) return [];
  const missed = ring.filter((entry) => entry.seq > lastSeq);
  if (missed[0]?.seq !== lastSeq + 1 || missed.length !== seq - lastSeq) return null;
  return missed.map((entry) => ({ topic, epoch, seq: entry.seq, payload: entry.payload }));
}

/** One process: an epoch per start, so a client never resumes across a restart that lost the ring. */
export class MemoryLiveLog extends LiveLog {
  private readonly epoch = randomUUID();
  private readonly streams = new Map<string, { seq: number; ring: RingEntry[] }>();

  constructor(private readonly capacity: number) {
    super();
  }

  private streamOf(topic: LiveTopic, scope: LiveScope | null) {
    const stream = liveStreamOf(topic, scope);
    let entry = this.streams.get(stream);
    if (!entry) this.streams.set(stream, (entry = { seq: 0, ring: [] }));
    return entry;
  }

  async append(topic: LiveTopic, payload: unknown, scope: LiveScope | null = null): Promise<LiveDelta> {
    const entry = this.streamOf(topic, scope);
    entry.seq += 1;
    entry.ring.push({ seq: entry.seq, payload });
    if (entry.ring.length > this.capacity) entry.ring.splice(0, entry.ring.length - this.capacity);
    return { topic, epoch: this.epoch, seq: entry.seq, payload };
  }

  async position(topic: LiveTopic, scope: LiveScope | null = null): Promise<LivePosition> {
    return { epoch: this.epoch, seq: this.streamOf(topic, scope).seq };
  }

  async replay(topic: LiveTopic, lastSeq: number, scope: LiveScope | null = null): Promise<LiveReplay> {
    const { seq, ring } = this.streamOf(topic, scope);
    return { epoch: this.epoch, seq, missed: missedDeltas(topic, this.epoch, seq, ring, lastSeq) };
  }
}

// Each script reads or writes the epoch, the counter and the ring of a topic in one atomic step, so
// the ring's order is the numbering's order even when several instances publish at once. The epoch
// is created on first use: if Redis is emptied, a new epoch tells clients their numbers are void.
const APPEND_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[3], 'NX')
local epoch = redis.call('GET', KEYS[1])
local seq = redis.call('INCR', KEYS[2])
redis.call('RPUSH', KEYS[3], seq .. '|' .. ARGV[1])
redis.call('LTRIM', KEYS[3], -tonumber(ARGV[2]), -1)
return {epoch, seq}`;

const REPLAY_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[2], 'NX')
local epoch = redis.call('GET', KEYS[1])
local seq = tonumber(redis.call('GET', KEYS[2]) or '0')
local wanted = seq - tonumber(ARGV[1])
if wanted <= 0 then return {epoch, seq, {}} end
return {epoch, seq, redis.call('LRANGE', KEYS[3], -wanted, -1)}`;

const positionReply = z.tuple([z.string(), z.coerce.number().int()]);
const replayReply = z.tuple([z.string(), z.coerce.number().int(), z.array(z.string())]);

function parseEntry(raw: string): RingEntry {
  const bar = raw.indexOf('|');
  return { seq: Number(raw.slice(0, bar)), payload: JSON.parse(raw.slice(bar + 1)) as unknown };
}

export class RedisLiveLog extends LiveLog {
  constructor(
    private readonly client: RedisClient,
    private readonly key: (name: string) => string,
    private readonly capacity: number,
  ) {
    super();
  }

  private keys(topic: LiveTopic, scope: LiveScope | null): string[] {
    const stream = liveStreamOf(topic, scope);
    return [this.key('live:epoch'), this.key(`live:seq:${stream}`), this.key(`live:ring:${stream}`)];
  }

  async append(topic: LiveTopic, payload: unknown, scope: LiveScope | null = null): Promise<LiveDelta> {
    const reply = await this.client.eval(APPEND_SCRIPT, {
      keys: this.keys(topic, scope),
      arguments: [JSON.stringify(payload ?? null), String(this.capacity), randomUUID()],
    });
    const [epoch, seq] = positionReply.parse(reply);
    return { topic, epoch, seq, payload };
  }

  async position(topic: LiveTopic, scope: LiveScope | null = null): Promise<LivePosition> {
    const { epoch, seq } = await this.replay(topic, Number.MAX_SAFE_INTEGER, scope);
    return { epoch, seq };
  }

  async replay(topic: LiveTopic, lastSeq: number, scope: LiveScope | null = null): Promise<LiveReplay> {
    const reply = await this.client.eval(REPLAY_SCRIPT, { keys: this.keys(topic, scope), arguments: [String(lastSeq), randomUUID()] });
    const [epoch, seq, raw] = replayReply.parse(reply);
    return { epoch, seq, missed: missedDeltas(topic, epoch, seq, raw.map(parseEntry), lastSeq) };
  }
}

/** Redis when configured (several instances share numbering and rings), memory otherwise. */
export const createLiveLog = (redis: RealtimeRedis, config: AppConfig): LiveLog =>
  redis.client
    ? new RedisLiveLog(redis.client, (name) => redis.key(name), config.realtime.replayDeltas)
    : new MemoryLiveLog(config.realtime.replayDeltas);
