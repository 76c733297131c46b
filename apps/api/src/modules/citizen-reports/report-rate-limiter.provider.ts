import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { rateLimited } from './citizen-reports.exception';

const WINDOW_MS = 60_000;

/** Where the hit counters live; the Redis-backed storage replaces this provider, nothing else. */
export const REPORT_RATE_LIMIT_STORAGE = Symbol('REPORT_RATE_LIMIT_STORAGE');
export const reportRateLimitStorageProvider = { provide: REPORT_RATE_LIMIT_STORAGE, useClass: ThrottlerStorageService };

/**
 * Per-API-key and per-client-IP limits on filing reports. The counters are per instance (the
 * in-memory @nestjs/throttler storage), so N instances let N times the limit through, until the
 * Redis-backed storage comes.
 */
@Injectable()
export class ReportRateLimiter {
  constructor(
    @Inject(REPORT_RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one POST from this address; 429 with Retry-After past the limit. */
  async hitClientIp(ip: string): Promise<void> {
    await this.hit(`ip:${ip}`, this.config.reports.rateLimitPerIpPerMinute, 'address');
  }

  /** Counts one POST made with this API key; 429 with Retry-After past the limit. */
  async hitApiKey(apiKeyId: string): Promise<void> {
    await this.hit(`key:${apiKeyId}`, this.config.reports.rateLimitPerKeyPerMinute, 'API key');
  }

  private async hit(key: string, limit: number, who: string): Promise<void> {
    // No block duration: a sliding window, and Retry-After is when the oldest counted POST leaves it.
    const record = await this.storage.increment(key, WINDOW_MS, limit, 0, 'citizen-reports');
    if (record.isBlocked) throw rateLimited(Math.max(1, record.timeToBlockExpire), who);
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
