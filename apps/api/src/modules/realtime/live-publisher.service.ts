import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { isLayerTopic, layerEntityUpdateSchema, type LayerTopic, type LiveScope, type LiveTopic } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LayerFrameCoalescer } from './layer-frame-coalescer.util';
import { LiveBroadcaster } from './live-broadcaster.provider';
import { LiveLog } from './live-log.provider';
import { liveStreamOf } from './live-stream.util';

/** Builds a topic's full state; with a scope, only that slice of it (one agency's incidents). */
export type SnapshotProvider = (scope: LiveScope | null) => Promise<unknown>;

/**
 * The one way other modules publish live data. `publish` numbers a delta, keeps it in the topic's
 * ring for reconnecting clients and sends it to the topic's room on every instance. Map-layer
 * topics take `{ key, state }` entity updates and send them coalesced into frames; the rest (alerts,
 * KPIs, incidents) go out at once. `setSnapshot` registers how to build a topic's full state for a
 * client that subscribes or has missed too much; a layer snapshot is a layer frame of every entity.
 * A delta may also go to scoped slices of its topic (the incident's agency), each numbered apart.
 */
@Injectable()
export class LivePublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LivePublisher.name);
  private readonly snapshots = new Map<LiveTopic, SnapshotProvider>();
  private readonly coalescers = new Map<LayerTopic, LayerFrameCoalescer>();
  /** Appends per stream run one after the other, so a stream's deltas leave in their numbering order. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly log: LiveLog,
    private readonly broadcaster: LiveBroadcaster,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  setSnapshot(topic: LiveTopic, provider: SnapshotProvider): void {
    this.snapshots.set(topic, provider);
  }

  /** The topic's full state now; null when no module has registered one yet. */
  async snapshotOf(topic: LiveTopic, scope: LiveScope | null = null): Promise<unknown> {
    const provider = this.snapshots.get(topic);
    return provider ? provider(scope) : null;
  }

  /**
   * Resolves once the delta is numbered and sent (layer updates: once queued for the next frame).
   * A layer topic's payload must be an entity update `{ key, state }` (`state: null` removes it).
   * `scopes`: the slices of the topic that also get this delta (never for layer topics).
   */
  async publish(topic: LiveTopic, payload: unknown, options: { scopes?: readonly LiveScope[] } = {}): Promise<void> {
    if (isLayerTopic(topic)) {
      this.coalescerOf(topic).add(layerEntityUpdateSchema.parse(payload));
      return;
    }
    await Promise.all([this.append(topic, payload, false), ...(options.scopes ?? []).map((scope) => this.append(topic, payload, false, scope))]);
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

  private append(topic: LiveTopic, payload: unknown, volatile: boolean, scope: LiveScope | null = null): Promise<void> {
    const stream = liveStreamOf(topic, scope);
    const previous = this.queues.get(stream) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => this.broadcaster.delta(await this.log.append(topic, payload, scope), { volatile, scope }));
    this.queues.set(stream, next);
    void next.finally(() => this.queues.get(stream) === next && this.queues.delete(stream)).catch(() => undefined);
    return next;
  }

  /** Sends the last pending frames while the socket server and Redis are still open. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const coalescer of this.coalescers.values()) coalescer.flush();
    await Promise.allSettled([...this.queues.values()]);
  }
}
