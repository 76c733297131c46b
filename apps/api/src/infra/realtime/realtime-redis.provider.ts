import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createClient } from 'redis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * The one Redis connection of the realtime channel (Socket.IO adapter, sequence numbers, replay
 * rings, publisher election, operation ids), or none when REDIS_URL is unset. Connected before
 * the app starts listening, closed after the socket server (Nest closes gateways first).
 */
@Injectable()
export class RealtimeRedis implements OnApplicationShutdown {
  private readonly logger = new Logger(RealtimeRedis.name);
  private connection: RedisClient | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Called by the module factory before anything uses the client. */
  async connect(): Promise<this> {
    const url = this.config.realtime.redisUrl;
    if (!url) return this;
    const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) } });
    // Without a listener node-redis would crash the process on a dropped connection; it reconnects by itself.
    client.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    await client.connect();
    this.connection = client;
    return this;
  }

  get client(): RedisClient | null {
    return this.connection;
  }

  /** Every key this deployment writes starts with this, so deployments and test runs never collide. */
  key(name: string): string {
    return `${this.config.realtime.redisKeyPrefix}${name}`;
  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.connection;
    this.connection = null;
    if (client?.isOpen) await client.close();
  }
}
