import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { RealtimeRedis } from '../../infra/realtime/realtime-redis.provider';
import { rateLimited } from './citizen-reports.exception';

const WINDOW_SECONDS = 60;

/** The counters of report intake: one per API key, one per client address. */
export interface ReportRateLimits {
  perApiKey: RateLimiterAbstract;
  perClientIp: RateLimiterAbstract;
}
export const REPORT_RATE_LIMITS = Symbol('REPORT_RATE_LIMITS');

/**
 * With REDIS_URL the counters live in Redis, so every API instance counts against the same limit
 * (in memory, N instances would let N times the limit through). While Redis is unreachable each
 * instance counts in memory instead: intake neither stalls on the reconnecting client nor goes
 * unlimited.
 */
export const reportRateLimitsProvider = {
  provide: REPORT_RATE_LIMITS,
  inject: [APP_CONFIG, RealtimeRedis],
  useFactory: (config: AppConfig, redis: RealtimeRedis): ReportRateLimits => {
    const limiter = (name: string, points: number): RateLimiterAbstract => {
      const inMemory = new RateLimiterMemory({ keyPrefix: `report-rate:${name}`, points, duration: WINDOW_SECONDS });
      const client = redis.client;
      if (!client) return inMemory;
      return new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        insuranceLimiter: inMemory,
        keyPrefix: redis.key(`report-rate:${name}`),
        points,
        duration: WINDOW_SECONDS,
      });
    };
    return {
      perApiKey: limiter('key', config.reports.rateLimitPerKeyPerMinute),
      perClientIp: limiter('ip', config.reports.rateLimitPerIpPerMinute),
    };
  },
};

/** Per-API-key and per-client-IP limits on filing reports, in fixed one-minute windows. */
@Injectable()
export class ReportRateLimiter {
  constructor(@Inject(REPORT_RATE_LIMITS) private readonly limits: ReportRateLimits) {}

  /** Counts one POST from this address; 429 with Retry-After past the limit. */
  async hitClientIp(ip: string): Promise<void> {
    await this.hit(this.limits.perClientIp, ip, 'address');
  }

  /** Counts one POST made with this API key; 429 with Retry-After past the limit. */
  async hitApiKey(apiKeyId: string): Promise<void> {
    await this.hit(this.limits.perApiKey, apiKeyId, 'API key');
  }

  private async hit(limiter: RateLimiterAbstract, key: string, who: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (refusal) {
      // The library rejects with its result when the points are spent, with an Error otherwise.
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw rateLimited(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)), who);
    }
  }
}

/** Runs before the body of a report POST is read: one client address cannot flood the intake. */
@Injectable()
export class ClientIpRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: ReportRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.limiter.hitClientIp(context.switchToHttp().getRequest<FastifyRequest>().ip);
    return true;
  }
}
