import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { PhotoService } from './photo.service';

/** Often enough that an abandoned upload is gone soon after its time; rare enough to cost nothing. */
const SWEEP_EVERY_MS = 15 * 60_000;

/**
 * Photos are uploaded before the report or incident that claims them is filed; one whose form was
 * never sent would stay on disk forever. Every instance sweeps: the database hands each row to one.
 */
@Injectable()
export class UnclaimedPhotoSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UnclaimedPhotoSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly photos: PhotoService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.sweepNow().catch((error: unknown) => this.logger.warn(`unclaimed photos not swept: ${String(error)}`));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Removes the photos left unclaimed for longer than PHOTO_UNCLAIMED_HOURS; returns how many. */
  async sweepNow(): Promise<number> {
    const removed = await this.photos.purgeUnclaimed(new Date(this.clock.now().getTime() - this.config.media.unclaimedPhotoTtlMs));
    if (removed) this.logger.log(`removed ${removed} photos that nothing claimed`);
    return removed;
  }
}
