import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RealtimeRedis } from '../../infra/realtime/realtime-redis.provider';
import { AuthModule } from '../auth/auth.module';
import { FeedFreshnessService } from './feed-freshness.service';
import { IncidentLiveBridge } from './incident-live-bridge.service';
import { LiveBroadcaster } from './live-broadcaster.provider';
import { LiveHandshakeService } from './live-handshake.service';
import { createLiveLog, LiveLog } from './live-log.provider';
import { LivePublisher } from './live-publisher.service';
import { LiveSubscriptionsService } from './live-subscriptions.service';
import { LiveGateway } from './live.gateway';
import { OperationLedger } from './operation-ledger.service';
import { PublisherElection } from './publisher-election.service';
import { SystemTickService } from './system-tick.service';
import { WallDisplayLiveBridge } from './wall-display-live-bridge.service';

/**
 * The realtime channel: Socket.IO namespace `/live`, topics as rooms, numbered deltas with replay,
 * coalesced map layers, the `system` tick, and (with Redis) several instances acting as one.
 * Other modules publish through `LivePublisher` and ask `PublisherElection.isLeader()` before
 * publishing periodic data.
 */
@Module({
  imports: [AuthModule],
  providers: [
    {
      provide: RealtimeRedis,
      useFactory: (config: AppConfig) => new RealtimeRedis(config).connect(),
      inject: [APP_CONFIG],
    },
    { provide: LiveLog, useFactory: createLiveLog, inject: [RealtimeRedis, APP_CONFIG] },
    FeedFreshnessService,
    IncidentLiveBridge,
    LiveBroadcaster,
    LiveGateway,
    LiveHandshakeService,
    LivePublisher,
    LiveSubscriptionsService,
    OperationLedger,
    PublisherElection,
    SystemTickService,
    WallDisplayLiveBridge,
  ],
  exports: [LivePublisher, PublisherElection, OperationLedger, RealtimeRedis],
})
export class RealtimeModule {}
