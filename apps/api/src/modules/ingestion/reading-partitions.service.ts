import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';

const DAY_MS = 86_400_000;
const HOURLY = 3_600_000;

const dayName = (day: Date): string => day.toISOString().slice(0, 10).replaceAll('-', '');
const startOfUtcDay = (time: Date): Date => new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);

/**
 * Keeps one partition of raw readings per UTC day: creates them two days ahead (readings may be up
 * to a day late and five minutes early) and drops those past the retention period. Dropping a
 * partition is instant and leaves no bloat; the one-minute rollups are kept.
 */
@Injectable()
export class ReadingPartitionsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReadingPartitionsService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintain().catch((error: unknown) => this.logger.warn(`partition upkeep failed: ${String(error)}`));
    this.timer = setInterval(() => void this.maintain().catch((error: unknown) => this.logger.warn(`partition upkeep failed: ${String(error)}`)), HOURLY);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async maintain(): Promise<{ created: string[]; dropped: string[] }> {
    const today = startOfUtcDay(this.clock.now());
    const existing = new Set(await this.partitions());
    const created: string[] = [];
    for (let offset = -1; offset <= 2; offset++) {
      const day = new Date(today.getTime() + offset * DAY_MS);
      const name = `readings_p${dayName(day)}`;
      if (existing.has(name)) continue;
      const next = new Date(day.getTime() + DAY_MS);
      await this.dataSource.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF readings FOR VALUES FROM ('${day.toISOString()}') TO ('${next.toISOString()}')`,
      );
      created.push(name);
    }
    const oldestKept = dayName(new Date(today.getTime() - this.config.ingestion.retentionDays * DAY_MS));
    const dropped = [...existing].filter((name) => /^readings_p\d{8}$/.test(name) && name.slice('readings_p'.length) < oldestKept);
    for (const name of dropped) await this.dataSource.query(`DROP TABLE ${name}`);
    if (created.length || dropped.length) this.logger.log(`readings partitions: created ${created.join(', ') || 'none'}; dropped ${dropped.join(', ') || 'none'}`);
    return { created, dropped };
  }

  private async partitions(): Promise<string[]> {
    const rows = await this.dataSource.query<{ name: string }[]>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'readings'`,
    );
    return rows.map((row) => row.name);
  }
}
