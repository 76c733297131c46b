import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { LayerFrame, LayerTopic } from '@mekong-ioc/shared';
import type { Subscription } from 'rxjs';
import { Clock } from '../../infra/clock/clock';
import { ReadingsCommitted } from '../ingestion/readings-committed.provider';
import { LivePublisher } from '../realtime/live-publisher.service';
import { PublisherElection } from '../realtime/publisher-election.service';
import { LiveLayerReads } from './live-layer-reads.repository';
import { cameraState, environmentStationState, trafficSegmentState, type DeviceReadings } from './sensor-layer-state.mapper';

type SensorFeed = 'traffic' | 'environment' | 'camera';

const LAYERS: Record<SensorFeed, { topic: LayerTopic; state: (device: DeviceReadings, now: Date) => unknown }> = {
  traffic: { topic: 'layer:traffic', state: trafficSegmentState },
  environment: { topic: 'layer:environment', state: environmentStationState },
  camera: { topic: 'layer:cameras', state: cameraState },
};
const isSensorFeed = (feed: string): feed is SensorFeed => Object.hasOwn(LAYERS, feed);

/** Readings of one device arrive metric by metric; gathering them this long costs one query per batch, not per reading. */
const GATHER_MS = 250;
/** How often the leader looks for cameras whose heartbeats stopped (no reading says so). */
export const CAMERA_SWEEP_MS = 30_000;

/**
 * Keeps the traffic, environment and camera layers live: a snapshot of every active device from
 * the rollups, and after each committed batch the new state of the devices it touched. Cameras go
 * offline on a heartbeat that says so, or on the leader's sweep when heartbeats stop coming.
 */
@Injectable()
export class SensorLayersPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SensorLayersPublisher.name);
  private subscription: Subscription | undefined;
  private readonly pending = new Map<SensorFeed, Set<string>>();
  private gatherTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | undefined;
  private working: Promise<void> = Promise.resolve();
  /** Online flags as last published, so the sweep sends only cameras that changed. */
  private readonly cameraOnline = new Map<string, boolean>();

  constructor(
    private readonly reads: LiveLayerReads,
    private readonly publisher: LivePublisher,
    private readonly election: PublisherElection,
    private readonly committed: ReadingsCommitted,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    for (const feed of Object.keys(LAYERS) as SensorFeed[]) {
      // Not cached: a snapshot must be at least as new as the sequence number read just before it.
      this.publisher.setSnapshot(LAYERS[feed].topic, () => this.snapshot(feed));
    }
    this.subscription = this.committed.stream.subscribe(({ feed, rows }) => {
      if (!isSensorFeed(feed) || !rows.length) return;
      let ids = this.pending.get(feed);
      if (!ids) this.pending.set(feed, (ids = new Set()));
      for (const row of rows) ids.add(row.deviceId);
      this.gatherTimer ??= setTimeout(() => this.flush(), GATHER_MS);
    });
    this.sweepTimer = setInterval(() => {
      if (this.election.isLeader()) this.chain(() => this.sweepCameras());
    }, CAMERA_SWEEP_MS);
    this.sweepTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    clearInterval(this.sweepTimer);
    if (this.gatherTimer) this.flush();
    await this.working;
  }

  private async snapshot(feed: SensorFeed): Promise<LayerFrame> {
    const now = this.clock.now();
    const devices = await this.reads.devicesWithLatest(feed, null);
    const updates = devices.map((device) => ({ key: device.id, state: LAYERS[feed].state(device, now) }));
    if (feed === 'camera') for (const { key, state } of updates) this.cameraOnline.set(key, (state as { online: boolean }).online);
    return { updates };
  }

  private flush(): void {
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = null;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [feed, ids] of batches) this.chain(() => this.publishDevices(feed, [...ids]));
  }

  /** One database read at a time: a burst of batches queues instead of fanning out. */
  private chain(work: () => Promise<void>): void {
    this.working = this.working.then(work).catch((error: unknown) => this.logger.warn(`map layer not updated: ${String(error)}`));
  }

  private async publishDevices(feed: SensorFeed, ids: string[]): Promise<void> {
    const now = this.clock.now();
    for (const device of await this.reads.devicesWithLatest(feed, ids)) {
      const state = LAYERS[feed].state(device, now);
      if (feed === 'camera') this.cameraOnline.set(device.id, (state as { online: boolean }).online);
      await this.publisher.publish(LAYERS[feed].topic, { key: device.id, state });
    }
  }

  private async sweepCameras(): Promise<void> {
    const now = this.clock.now();
    for (const device of await this.reads.devicesWithLatest('camera', null)) {
      const state = cameraState(device, now);
      if (this.cameraOnline.get(device.id) === state.online) continue;
      this.cameraOnline.set(device.id, state.online);
      await this.publisher.publish('layer:cameras', { key: device.id, state });
    }
  }
}
