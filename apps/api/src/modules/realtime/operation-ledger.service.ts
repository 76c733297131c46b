import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { RealtimeRedis, type RedisClient } from '../../infra/realtime/realtime-redis.provider';

/** How long an operation id is remembered: longer than any client keeps retrying. */
export const OPERATION_ID_TTL_MS = 10 * 60_000;
/** Without Redis, at most this many ids are kept (oldest forgotten first), so memory stays bounded. */
const MAX_REMEMBERED_IN_MEMORY = 100_000;

/**
 * Makes a client action take effect once however often it is retried (a reconnect resends the
 * acknowledgement of an alert): each action carries an `opId`, and only the first claim of a
 * (user, opId) pair wins. In Redis (SET NX with a TTL) when configured, so a retry that lands on
 * another instance is recognised too; in memory otherwise.
 */
@Injectable()
export class OperationLedger {
  private readonly memory = new LRUCache<string, true>({ max: MAX_REMEMBERED_IN_MEMORY, ttl: OPERATION_ID_TTL_MS });

  constructor(private readonly redis: RealtimeRedis) {}

  /** True the first time this user presents this operation id; false for every retry. */
  async claim(userId: string, opId: string): Promise<boolean> {
    const client: RedisClient | null = this.redis.client;
    const key = `op:${userId}:${opId}`;
    if (client) {
      const set = await client.set(this.redis.key(key), '1', { condition: 'NX', expiration: { type: 'PX', value: OPERATION_ID_TTL_MS } });
      return set === 'OK';
    }
    if (this.memory.has(key)) return false;
    this.memory.set(key, true);
    return true;
  }
}
