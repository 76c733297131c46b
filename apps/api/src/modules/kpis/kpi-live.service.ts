import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { merge, type Subscription } from 'rxjs';
import { KPI_DEFINITIONS, KPI_GROUPS, type FeedId, type KpiGroup, type KpiId, type KpiLiveSnapshot, type KpiValue } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import type { RedisClient } from '../../infra/realtime/realtime-redis.provider';
import { RealtimeRedis } from '../../infra/realtime/realtime-redis.provider';
import { IncidentEvents } from '../incidents/incident-events';
import { ReadingsCommitted } from '../ingestion/readings-committed.provider';
import { LivePublisher } from '../realtime/live-publisher.service';
import { PublisherElection } from '../realtime/publisher-election.service';
import { KpiService } from './kpi.service';

/** Which KPI group a feed's readings change; feeds without KPIs (Wi-Fi) change none. */
const GROUP_OF_FEED: Partial<Record<FeedId, KpiGroup>> = {
  traffic: 'traffic',
  environment: 'environment',
  camera: 'cameras',
  dossier: 'public_services',
};
const IDS_OF_GROUP = new Map<KpiGroup, KpiId[]>(KPI_GROUPS.map((group) => [group, KPI_DEFINITIONS.filter((d) => d.group === group).map((d) => d.id)]));

/** Dirty marks bound for the publisher instance are sent at most this often. */
const FORWARD_EVERY_MS = 100;

/** What a client sees of a value: a new computedAt (or from/to) alone is not a change worth sending. */
const fingerprintOf = (value: KpiValue): string =>
  JSON.stringify([value.value, value.status, value.asOf, value.worst?.deviceId ?? null, value.worst?.dominantPollutant ?? null]);

/**
 * Keeps the `kpis` topic current without recomputing per reading: ingest batches and incident
 * events only mark KPI groups dirty; the dirty groups are recomputed (from rollups and incident
 * tables, by KpiService, the same code as REST) at most once per KPI_DEBOUNCE_MS, and the values
 * that changed are published. Only the elected publisher computes and publishes; other instances
 * pass their dirty marks to it through Redis. Every KPI_REFRESH_SECONDS all groups are recomputed,
 * because windows slide and deadlines pass without any event.
 */
@Injectable()
export class KpiLiveService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KpiLiveService.name);
  private readonly dirty = new Set<KpiGroup>();
  private readonly current = new Map<KpiId, KpiValue>();
  private readonly published = new Map<KpiId, string>();
  private subscription: Subscription | null = null;
  private subscriber: RedisClient | null = null;
  private debounceTimer: NodeJS.Timeout | null = null;
  private forwardTimer: NodeJS.Timeout | null = null;
  private readonly toForward = new Set<KpiGroup>();
  private refreshTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastRunStartedAt = 0;
  private recomputations = 0;
  private stopped = false;

  constructor(
    private readonly kpis: KpiService,
    private readonly publisher: LivePublisher,
    private readonly election: PublisherElection,
    private readonly readings: ReadingsCommitted,
    private readonly incidents: IncidentEvents,
    private readonly redis: RealtimeRedis,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** How many times dirty groups were recomputed: far fewer than readings or events when debouncing works. */
  get recomputationCount(): number {
    return this.recomputations;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.publisher.setSnapshot('kpis', () => this.snapshot());
    this.subscription = merge(
      this.readings.stream,
      this.incidents.created,
      this.incidents.changed,
      this.incidents.slaBreached,
    ).subscribe((event) => {
      const group = 'feed' in event ? GROUP_OF_FEED[event.feed] : null;
      this.markDirty(group ? [group] : 'feed' in event ? [] : ['reports', 'incidents']);
    });
    await this.listenForOtherInstances();
    this.refreshTimer = setInterval(() => this.markDirty(KPI_GROUPS, { local: true }), this.config.kpis.refreshMs);
    this.election.onChange((leader) => leader && this.markDirty(KPI_GROUPS, { local: true }));
    this.markDirty(KPI_GROUPS, { local: true });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.forwardTimer) clearTimeout(this.forwardTimer);
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    await this.running?.catch(() => undefined);
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber?.isOpen) await subscriber.close().catch(() => undefined);
  }

  /**
   * The `kpis` snapshot: every KPI over its default window. The publisher answers from what it has
   * published (kept complete once the first run is done); any other instance computes afresh.
   */
  async snapshot(): Promise<KpiLiveSnapshot> {
    if (this.election.isLeader() && this.current.size === KPI_DEFINITIONS.length) {
      const values = KPI_DEFINITIONS.map((definition) => this.current.get(definition.id) as KpiValue);
      const computedAt = values.reduce((newest, value) => (value.computedAt > newest ? value.computedAt : newest), values[0]?.computedAt ?? '');
      return { computedAt, values };
    }
    const values = await this.kpis.compute();
    return { computedAt: this.clock.now().toISOString(), values };
  }

  /** Marks groups for the next recompute; on an instance that does not publish, tells the one that does. */
  markDirty(groups: readonly KpiGroup[], options: { local?: boolean } = {}): void {
    if (this.stopped || groups.length === 0) return;
    if (!this.election.isLeader()) {
      if (!options.local) this.forward(groups);
      return;
    }
    for (const group of groups) this.dirty.add(group);
    this.schedule();
  }

  /** Runs now if the last run started at least a debounce interval ago, else when it has. */
  private schedule(): void {
    if (this.debounceTimer || this.running || this.dirty.size === 0) return;
    const wait = Math.max(0, this.lastRunStartedAt + this.config.kpis.debounceMs - this.clock.now().getTime());
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      this.running = this.recompute().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, wait);
  }

  private async recompute(): Promise<void> {
    if (this.stopped || !this.election.isLeader()) {
      this.dirty.clear();
      return;
    }
    this.lastRunStartedAt = this.clock.now().getTime();
    const groups = [...this.dirty];
    this.dirty.clear();
    this.recomputations += 1;
    try {
      const ids = groups.flatMap((group) => IDS_OF_GROUP.get(group) ?? []);
      const values = await this.kpis.compute({ ids });
      const changed: KpiValue[] = [];
      for (const value of values) {
        this.current.set(value.id, value);
        const fingerprint = fingerprintOf(value);
        if (this.published.get(value.id) === fingerprint) continue;
        this.published.set(value.id, fingerprint);
        changed.push(value);
      }
      if (changed.length && !this.stopped) await this.publisher.publish('kpis', { computedAt: this.clock.now().toISOString(), values: changed });
    } catch (error) {
      // Try these groups again on the next run rather than leave the wall on old numbers.
      for (const group of groups) this.dirty.add(group);
      this.logger.warn(`KPIs not recomputed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private get dirtyChannel(): string {
    return this.redis.key('kpis:dirty');
  }

  /** Readings and incidents handled by another instance reach the publisher as dirty marks over Redis pub/sub. */
  private async listenForOtherInstances(): Promise<void> {
    const client = this.redis.client;
    if (!client) return;
    try {
      const subscriber = client.duplicate();
      subscriber.on('error', (error: Error) => this.logger.warn(`Redis (KPI dirty marks): ${error.message}`));
      await subscriber.connect();
      await subscriber.subscribe(this.dirtyChannel, (message) => {
        const groups = message.split(',').filter((group): group is KpiGroup => (KPI_GROUPS as readonly string[]).includes(group));
        this.markDirty(groups, { local: true });
      });
      this.subscriber = subscriber;
    } catch (error) {
      this.logger.warn(`KPI dirty marks from other instances are not received: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Forwards at most one message per FORWARD_EVERY_MS, whatever the ingest rate. */
  private forward(groups: readonly KpiGroup[]): void {
    for (const group of groups) this.toForward.add(group);
    if (this.forwardTimer) return;
    this.forwardTimer = setTimeout(() => {
      this.forwardTimer = null;
      const message = [...this.toForward].join(',');
      this.toForward.clear();
      const client = this.redis.client;
      if (!client?.isReady || this.stopped) return;
      void client.publish(this.dirtyChannel, message).catch((error: unknown) =>
        this.logger.warn(`KPI dirty mark not forwarded: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, FORWARD_EVERY_MS);
  }
}
