import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { FeedId, LatestReading, Rollup } from '@mekong-ioc/shared';

/** Reads from the one-minute rollups, never the raw table, so answers stay fast as data grows. */
@Injectable()
export class ReadingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest value of every metric of every device (of a feed, or one device), within a day. */
  async latest(filter: { feed?: FeedId; deviceId?: string }): Promise<LatestReading[]> {
    const rows = await this.dataSource.query<{ device_id: string; metric: string; last_value: number; last_observed_at: Date }[]>(
      `SELECT DISTINCT ON (r.device_id, r.metric) r.device_id, r.metric, r.last_value, r.last_observed_at
         FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
        WHERE r.bucket > now() - interval '24 hours'
          AND ($1::text IS NULL OR d.feed = $1) AND ($2::text IS NULL OR r.device_id = $2)
        ORDER BY r.device_id, r.metric, r.bucket DESC`,
      [filter.feed ?? null, filter.deviceId ?? null],
    );
    return rows.map((row) => ({
      deviceId: row.device_id,
      metric: row.metric,
      value: Number(row.last_value),
      observedAt: new Date(row.last_observed_at).toISOString(),
    }));
  }

  async rollups(deviceId: string, metric: string, from: Date, to: Date): Promise<Rollup[]> {
    const rows = await this.dataSource.query<
      { device_id: string; metric: string; bucket: Date; count: number; min: number; max: number; sum: string; last_value: number }[]
    >(
      `SELECT device_id, metric, bucket, count, min, max, sum, last_value FROM reading_rollups_1m
        WHERE device_id = $1 AND metric = $2 AND bucket >= $3 AND bucket < $4 ORDER BY bucket`,
      [deviceId, metric, from.toISOString(), to.toISOString()],
    );
    return rows.map((row) => ({
      deviceId: row.device_id,
      metric: row.metric,
      bucket: new Date(row.bucket).toISOString(),
      count: Number(row.count),
      min: Number(row.min),
      max: Number(row.max),
      sum: Number(row.sum),
      last: Number(row.last_value),
    }));
  }
}
