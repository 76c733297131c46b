import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { isLayerTopic, layerEntityUpdateSchema, type LayerTopic, type LiveTopic } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LayerFrameCoalescer } from './layer-frame-coalescer.util';
import { LiveBroadcaster } from './live-broadcaster.provider';
import { LiveLog } from './live-log.provider';

export type SnapshotProvider = () => Promise<unknown>;

/**
 * The one way other modules publish live data. `publish` numbers a delta, keeps it in the topic's
 * ring for reconnecting clients and sends it to the topic's room on every instance. Map-layer
 * topics take `{ key, state }` entity updates and send them coalesced into frames; the rest (alerts,
 * KPIs, incidents) go out at once. `setSnapshot` registers how to build a topic's full state for a
 * client that subscribes or has missed too much; a layer snapshot is a layer frame of every entity.
 */
@Injectable()
export class LivePublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LivePublisher.name);
  private readonly snapshots = new Map<LiveTopic, SnapshotProvider>();
  private readonly coalescers = new Map<LayerTopic, LayerFrameCoalescer>();
  /** Appends per topic run one after the other, so a topic's deltas leave in their numbering order. */
  private readonly queues = new Map<LiveTopic, Promise<void>>();

  constructor(
    private readonly log: LiveLog,
    private readonly broadcaster: LiveBroadcaster,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  setSnapshot(topic: LiveTopic, provider: SnapshotProvider): void {
    this.snapshots.set(topic, provider);
  }

  /** The topic's full state now; null when no module has registered one yet. */
  async snapshotOf(topic: LiveTopic): Promise<unknown> {
    const provider = this.snapshots.get(topic);
    return provider ? provider() : null;
  }

  /**
   * Resolves once the delta is numbered and sent (layer updates: once queued for the next frame).
   * A layer topic's payload must be an entity update `{ key, state }` (`state: null` removes it).
   */
  async publish(topic: LiveTopic, payload: unknown): Promise<void> {
    if (isLayerTopic(topic)) {
      this.coalescerOf(topic).add(layerEntityUpdateSchema.parse(payload));
      return;
    }
    await this.append(topic, payload, false);
  }

  private coalescerOf(topic: LayerTopic): LayerFrameCoalescer {
    let coalescer = this.coalescers.get(topic);
    if (!coalescer) {
      coalescer = new LayerFrameCoalescer(this.config.realtime.layerFrameMs, (frame) => {
        void this.append(topic, frame, true).catch((error: unknown) =>
          this.logger.warn(`a ${topic} frame was not sent: ${error instanceof Error ? error.message : String(error)}`),
        );
      });
      this.coalescers.set(topic, coalescer);
    }
    return coalescer;
  }

  private append(topic: LiveTopic, payload: unknown, volatile: boolean): Promise<void> {
    const previous = this.queues.get(topic) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => this.broadcaster.delta(await this.log.append(topic, payload), { volatile }));
    this.queues.set(topic, next);
    void next.finally(() => this.queues.get(topic) === next && this.queues.delete(topic)).catch(() => undefined);
    return next;
  }

  /** Sends the last pending frames while the socket server and Redis are still open. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const coalescer of this.coalescers.values()) coalescer.flush();
    await Promise.allSettled([...this.queues.values()]);
  }
}
