import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { SystemTick } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { FeedFreshnessService } from './feed-freshness.service';
import { LiveBroadcaster } from './live-broadcaster.provider';
import { PublisherElection } from './publisher-election.service';

/**
 * Every SYSTEM_TICK_SECONDS the elected publisher sends `system` to every live client: its time
 * (for the screen's clock skew), its uptime and each feed's data age. Ticks stop if the link or the
 * publisher dies, which is how a screen knows to say its data may be stale.
 */
@Injectable()
export class SystemTickService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SystemTickService.name);
  private readonly startedAt: number;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    private readonly freshness: FeedFreshnessService,
    private readonly broadcaster: LiveBroadcaster,
    private readonly election: PublisherElection,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.startedAt = clock.now().getTime();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.realtime.systemTickSeconds * 1000);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The tick as it would be sent now. */
  async current(): Promise<SystemTick> {
    await this.freshness.refresh();
    const now = this.clock.now();
    return {
      serverTime: now.toISOString(),
      uptimeSeconds: Math.max(0, (now.getTime() - this.startedAt) / 1000),
      intervalSeconds: this.config.realtime.systemTickSeconds,
      feeds: this.freshness.snapshot(now),
    };
  }

  private async tick(): Promise<void> {
    // A slow database must not pile ticks up behind each other.
    if (this.ticking || !this.election.isLeader()) return;
    this.ticking = true;
    try {
      this.broadcaster.system(await this.current());
    } catch (error) {
      this.logger.warn(`system tick skipped: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.ticking = false;
    }
  }
}
