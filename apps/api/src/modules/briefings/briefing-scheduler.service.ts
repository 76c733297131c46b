import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isoWeekOf, parseIsoWeek, previousIsoWeek, type BriefingFormat } from '@mekong-ioc/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { PublisherElection } from '../realtime/publisher-election.service';
import { BriefingJobs } from './briefing-jobs.service';

/** Monday 07:00 local: the briefing is ready for the leaders' meeting. */
export const SCHEDULED_HOUR_LOCAL = 7;
export const SCHEDULED_FORMATS: readonly BriefingFormat[] = ['pdf', 'xlsx'];
/** A scheduled briefing that fails is tried again on later ticks, at most this many times a week. */
const MAX_SCHEDULED_ATTEMPTS = 3;

/**
 * Makes last week's briefing (PDF and XLSX, Vietnamese) from Monday 07:00 Asia/Ho_Chi_Minh. Each
 * tick asks "is this week's Monday 07:00 past, and is last week's briefing missing?", so an API
 * that was down at 07:00 makes it when it is back. Only the elected publisher instance does, and
 * the database refuses a second scheduled briefing for a week and format, so it is made once.
 */
@Injectable()
export class BriefingScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BriefingScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly jobs: BriefingJobs,
    private readonly election: PublisherElection,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.briefings.scheduleCheckMs;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      this.ticking = this.tick().catch((error: unknown) => this.logger.error(`briefing schedule: ${error instanceof Error ? error.message : String(error)}`));
    }, every);
    // The schedule never keeps a process alive on its own.
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  /** The week whose briefing is due at a moment: last week once this week's Monday 07:00 has passed. */
  static dueWeek(now: Date): string | null {
    const thisWeek = parseIsoWeek(isoWeekOf(now).week);
    if (!thisWeek) return null;
    const dueAt = thisWeek.from.getTime() + SCHEDULED_HOUR_LOCAL * 3_600_000;
    return now.getTime() >= dueAt ? previousIsoWeek(thisWeek.week) : null;
  }

  /** One check; returns the ids of the jobs it started (none when not due, not leader, or already made). */
  async tick(): Promise<string[]> {
    if (!this.election.isLeader()) return [];
    const week = BriefingScheduler.dueWeek(this.clock.now());
    if (!week) return [];
    const started: string[] = [];
    for (const format of SCHEDULED_FORMATS) {
      const [attempts] = await this.dataSource.query<{ failed: number }[]>(
        `SELECT count(*)::int AS failed FROM briefings WHERE week = $1 AND format = $2 AND created_by IS NULL AND status = 'failed'`,
        [week, format],
      );
      if ((attempts?.failed ?? 0) >= MAX_SCHEDULED_ATTEMPTS) continue;
      const job = await this.jobs.startScheduled(week, format, 'vi');
      if (job) {
        this.logger.log(`making the scheduled ${format} briefing of ${week}`);
        started.push(job.id);
      }
    }
    return started;
  }
}
