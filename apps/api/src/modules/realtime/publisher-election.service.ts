import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RealtimeRedis } from '../../infra/realtime/realtime-redis.provider';

/** A lease the holder renews; if it dies, the lease runs out and another instance takes it. */
export const LEADER_LEASE_MS = 6_000;
const RENEW_EVERY_MS = 2_000;

const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Elects the one instance that publishes periodic data (system ticks now, KPIs later) when
 * several share Redis: a Redis lease renewed every 2 s, so another instance takes over within
 * about 6-8 s of the holder's death, and at once when it shuts down cleanly. Without Redis every
 * instance serves only its own clients, so every instance is its own publisher.
 */
@Injectable()
export class PublisherElection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PublisherElection.name);
  readonly instanceId = randomUUID();
  private leader = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(leader: boolean) => void>();

  constructor(private readonly redis: RealtimeRedis) {}

  isLeader(): boolean {
    return this.redis.client ? this.leader : true;
  }

  /** Called with the new answer whenever this instance gains or loses the lease. */
  onChange(listener: (leader: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.redis.client) return;
    await this.campaign();
    this.timer = setInterval(() => void this.campaign(), RENEW_EVERY_MS);
  }

  /** Hands the lease back at once (while Redis is still open), so another instance need not wait for it to run out. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const client = this.redis.client;
    if (this.leader && client?.isReady) {
      await client.eval(RELEASE_SCRIPT, { keys: [this.key], arguments: [this.instanceId] }).catch(() => undefined);
    }
    this.setLeader(false);
  }

  private get key(): string {
    return this.redis.key('live:publisher');
  }

  private async campaign(): Promise<void> {
    const client = this.redis.client;
    if (!client) return;
    try {
      if (this.leader) {
        const renewed = await client.eval(RENEW_SCRIPT, { keys: [this.key], arguments: [this.instanceId, String(LEADER_LEASE_MS)] });
        this.setLeader(Number(renewed) === 1);
      } else {
        const taken = await client.set(this.key, this.instanceId, { condition: 'NX', expiration: { type: 'PX', value: LEADER_LEASE_MS } });
        this.setLeader(taken === 'OK');
      }
    } catch (error) {
      // Unable to renew: step down rather than risk two publishers.
      this.logger.warn(`publisher election: ${error instanceof Error ? error.message : String(error)}`);
      this.setLeader(false);
    }
  }

  private setLeader(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.logger.log(leader ? 'this instance now publishes periodic live data' : 'this instance no longer publishes periodic live data');
    for (const listener of this.listeners) listener(leader);
  }
}
