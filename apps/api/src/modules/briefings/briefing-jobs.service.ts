import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseIsoWeek, type BriefingFormat, type BriefingLocale, type BriefingProgress, type BriefingProgressSnapshot } from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { LivePublisher } from '../realtime/live-publisher.service';
import type { BriefingContent } from './briefing-content';
import { BriefingContentService } from './briefing-content.service';
import { BriefingCsvRenderer } from './renderers/briefing-csv.renderer';
import { BriefingPdfRenderer } from './renderers/briefing-pdf.renderer';
import { BriefingXlsxRenderer } from './renderers/briefing-xlsx.renderer';

export interface BriefingJobInput {
  week: string;
  format: BriefingFormat;
  locale: BriefingLocale;
  /** Null: the Monday scheduler. */
  createdBy: string | null;
}

export interface StartedBriefingJob {
  id: string;
  provisional: boolean;
}

export const BRIEFING_CONTENT_TYPES: Record<BriefingFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'application/zip',
};
const EXTENSIONS: Record<BriefingFormat, string> = { pdf: 'pdf', xlsx: 'xlsx', csv: 'zip' };

/** Finished jobs stay in the topic's snapshot this long, so a page that reconnects still sees them end. */
const FINISHED_KEPT_MS = 10 * 60_000;
/** A job still "running" this long after it began died with its instance. */
const STALE_RUNNING_MS = 60 * 60_000;

/**
 * Runs briefing jobs in the background, one at a time (a PDF of a busy week is CPU work; two at
 * once would only slow both and the API with them): gathers the content, renders the format,
 * stores the file, records the outcome, and pushes progress to the `briefings` live topic.
 */
@Injectable()
export class BriefingJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BriefingJobs.name);
  private readonly progress = new Map<string, BriefingProgress & { at: number }>();
  private queue: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly content: BriefingContentService,
    private readonly pdf: BriefingPdfRenderer,
    private readonly xlsx: BriefingXlsxRenderer,
    private readonly csv: BriefingCsvRenderer,
    private readonly live: LivePublisher,
    private readonly clock: Clock,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.live.setSnapshot('briefings', async (): Promise<BriefingProgressSnapshot> => ({ jobs: this.currentJobs() }));
    await this.dataSource.query(
      `UPDATE briefings SET status = 'failed', error = 'interrupted: the instance making it stopped', finished_at = now()
        WHERE status = 'running' AND created_at < $1`,
      [new Date(this.clock.now().getTime() - STALE_RUNNING_MS).toISOString()],
    );
  }

  /** Lets the job in hand finish (the database is still open); jobs not begun are marked failed. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.queue;
  }

  /** Records a job and queues it; resolves as soon as it is recorded. */
  async start(input: BriefingJobInput): Promise<StartedBriefingJob> {
    const provisional = this.isProvisional(input.week);
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO briefings (week, format, locale, provisional, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.week, input.format, input.locale, provisional, input.createdBy, this.clock.now().toISOString()],
    );
    if (!row) throw new Error('briefing insert returned no row');
    this.enqueue(row.id, input);
    return { id: row.id, provisional };
  }

  /**
   * The scheduler's start: at most one live (not failed) scheduled briefing per week and format,
   * enforced by a unique index, so two instances or two ticks cannot both make it. Null: it exists.
   */
  async startScheduled(week: string, format: BriefingFormat, locale: BriefingLocale): Promise<StartedBriefingJob | null> {
    const provisional = this.isProvisional(week);
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO briefings (week, format, locale, provisional, created_by, created_at) VALUES ($1, $2, $3, $4, NULL, $5)
       ON CONFLICT (week, format) WHERE created_by IS NULL AND status <> 'failed' DO NOTHING
       RETURNING id`,
      [week, format, locale, provisional, this.clock.now().toISOString()],
    );
    const row = rows[0];
    if (!row) return null;
    this.enqueue(row.id, { week, format, locale, createdBy: null });
    return { id: row.id, provisional };
  }

  /** Resolves when every job queued so far has ended (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  isProvisional(week: string): boolean {
    const window = parseIsoWeek(week);
    if (!window) throw new Error(`not an ISO week: ${week}`);
    return this.clock.now() < window.to;
  }

  private currentJobs(): BriefingProgress[] {
    const now = Date.now();
    const jobs: BriefingProgress[] = [];
    for (const [id, job] of this.progress) {
      if (job.state !== 'running' && now - job.at > FINISHED_KEPT_MS) this.progress.delete(id);
      else jobs.push({ jobId: job.jobId, progress: job.progress, state: job.state });
    }
    return jobs;
  }

  private enqueue(id: string, input: BriefingJobInput): void {
    this.report({ jobId: id, progress: 0, state: 'running' });
    this.queue = this.queue.then(() => this.run(id, input));
  }

  private async run(id: string, input: BriefingJobInput): Promise<void> {
    if (this.stopping) {
      await this.fail(id, 'interrupted: the API was shutting down before the job began');
      return;
    }
    try {
      const window = parseIsoWeek(input.week);
      if (!window) throw new Error(`not an ISO week: ${input.week}`);
      const now = this.clock.now();
      const asOf = now < window.to ? now : window.to;
      const content = await this.content.build(
        { week: input.week, locale: input.locale, range: { from: window.from, to: window.to, asOf }, provisional: now < window.to, generatedAt: now },
        (fraction) => this.report({ jobId: id, progress: 0.05 + 0.6 * fraction, state: 'running' }),
      );
      this.report({ jobId: id, progress: 0.7, state: 'running' });
      const file = await this.render(content, input.format);
      this.report({ jobId: id, progress: 0.9, state: 'running' });
      const key = `briefings/${input.week.toLowerCase()}/${id}.${EXTENSIONS[input.format]}`;
      await this.storage.put(key, file, BRIEFING_CONTENT_TYPES[input.format]);
      await this.dataSource.query(
        `UPDATE briefings SET status = 'done', file_key = $2, size_bytes = $3, finished_at = $4 WHERE id = $1`,
        [id, key, file.length, this.clock.now().toISOString()],
      );
      this.report({ jobId: id, progress: 1, state: 'done' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`briefing ${id} (${input.week}, ${input.format}) failed: ${message}`, error instanceof Error ? error.stack : undefined);
      await this.fail(id, message).catch(() => undefined);
    }
  }

  private render(content: BriefingContent, format: BriefingFormat): Promise<Buffer> {
    switch (format) {
      case 'pdf':
        return this.pdf.render(content);
      case 'xlsx':
        return this.xlsx.render(content);
      case 'csv':
        return this.csv.render(content);
    }
  }

  private async fail(id: string, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE briefings SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1`, [
      id,
      message.slice(0, 1000),
      this.clock.now().toISOString(),
    ]);
    this.report({ jobId: id, progress: 1, state: 'failed' });
  }

  private report(progress: BriefingProgress): void {
    this.progress.set(progress.jobId, { ...progress, at: Date.now() });
    void this.live.publish('briefings', progress).catch((error: unknown) =>
      this.logger.warn(`briefing progress not sent: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
