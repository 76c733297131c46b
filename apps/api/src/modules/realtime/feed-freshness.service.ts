import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FEEDS, type FeedFreshness, type FeedId } from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';

/** Readings arriving this late after their observation still count on the next refresh. */
const LATE_ARRIVAL_MARGIN_MS = 2 * 60_000;
/** A full look at the last day now and then catches readings that arrived later than the margin. */
const FULL_REFRESH_EVERY_MS = 10 * 60_000;
const FULL_WINDOW_MS = 24 * 60 * 60_000;

/**
 * The newest observation of each feed, for the `system` tick. Read from the one-minute rollups,
 * never the raw readings, and incrementally: each refresh looks only at the buckets since the
 * previous one (less a margin for late arrivals), which the rollups' BRIN index on `bucket` makes
 * cheap; a feed silent for hours keeps its cached time and so its growing age.
 */
@Injectable()
export class FeedFreshnessService {
  private readonly newest = new Map<FeedId, Date>();
  private lastRefreshAt: number | null = null;
  private lastFullRefreshAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async refresh(): Promise<void> {
    const now = this.clock.now().getTime();
    const full = this.lastRefreshAt === null || now - this.lastFullRefreshAt >= FULL_REFRESH_EVERY_MS;
    const since = full ? now - FULL_WINDOW_MS : (this.lastRefreshAt ?? now) - LATE_ARRIVAL_MARGIN_MS;
    const rows = await this.dataSource.query<{ feed: FeedId; newest: Date }[]>(
      `SELECT d.feed, max(r.last_observed_at) AS newest
         FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
        WHERE r.bucket >= date_trunc('minute', $1::timestamptz, 'UTC')
        GROUP BY d.feed`,
      [new Date(since).toISOString()],
    );
    for (const row of rows) {
      const observed = new Date(row.newest);
      const known = this.newest.get(row.feed);
      if (!known || observed > known) this.newest.set(row.feed, observed);
    }
    this.lastRefreshAt = now;
    if (full) this.lastFullRefreshAt = now;
  }

  /** Each feed's newest observation and its age at `now` (null: nothing in the last day). */
  snapshot(now: Date): FeedFreshness[] {
    return FEEDS.map((feed) => {
      const newest = this.newest.get(feed);
      return {
        feed,
        newestObservedAt: newest ? newest.toISOString() : null,
        // A reading may be stamped a little ahead of this clock (allowed skew); its age is then 0.
        ageSeconds: newest ? Math.max(0, (now.getTime() - newest.getTime()) / 1000) : null,
      };
    });
  }
}
