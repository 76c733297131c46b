import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { WallDisplayEvents } from '../auth/wall-display-events';
import { LiveBroadcaster } from './live-broadcaster.provider';

/** A revoked wall display loses its live connection at once, not when its access token expires. */
@Injectable()
export class WallDisplayLiveBridge implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: Subscription | null = null;

  constructor(
    private readonly events: WallDisplayEvents,
    private readonly broadcaster: LiveBroadcaster,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.events.revoked.subscribe(({ displayId }) => this.broadcaster.disconnectWallDisplay(displayId));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
