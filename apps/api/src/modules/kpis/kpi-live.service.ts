import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { merge, type Subscription } from 'rxjs';
import { KPI_DEFINITIONS, KPI_GROUPS, KPI_IDS, kpiDefinition, type KpiGroup, type KpiId, type KpiLiveSnapshot, type KpiValue } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import type { RedisClient } from '../../infra/realtime/realtime-redis.provider';
import { RealtimeRedis } from '../../infra/realtime/realtime-redis.provider';
import { IncidentEvents } from '../incidents/incident-events';
import { ReadingsCommitted, type CommittedReadings } from '../ingestion/readings-committed.provider';
import { LivePublisher } from '../realtime/live-publisher.service';
import { PublisherElection } from '../realtime/publisher-election.service';
import { kpiOfReading } from './kpi-facts.repository';
import { KpiService } from './kpi.service';

const IDS_OF_GROUP = new Map<KpiGroup, KpiId[]>(KPI_GROUPS.map((group) => [group, KPI_DEFINITIONS.filter((d) => d.group === group).map((d) => d.id)]));

/**
 * How often a KPI may be recomputed. `frame`: the reading-driven KPIs (traffic, environment,
 * cameras, public services), which a wall shows within a frame of the reading; `debounce`: the
 * incident and report KPIs, which change on human actions and cost the heavier queries.
 */
type Cadence = 'frame' | 'debounce';
const CADENCES: readonly Cadence[] = ['frame', 'debounce'];
const cadenceOf = (id: KpiId): Cadence => (['reports', 'incidents'].includes(kpiDefinition(id).group) ? 'debounce' : 'frame');

/**
 * Reading-driven KPIs are recomputed at most this often (KPI_DEBOUNCE_MS if that is shorter):
 * with the recompute itself, a reading reaches the wall within one layer frame (250 ms) + 100 ms.
 */
export const KPI_READINGS_FRAME_MS = 100;

/** Dirty marks bound for the publisher instance are sent at most this often. */
const FORWARD_EVERY_MS = 100;

/** What a client sees of a value: a new computedAt (or from/to) alone is not a change worth sending. */
const fingerprintOf = (value: KpiValue): string =>
  JSON.stringify([value.value, value.status, value.asOf, value.worst?.deviceId ?? null, value.worst?.dominantPollutant ?? null]);

/**
 * Keeps the `kpis` topic current without recomputing per reading: each committed batch marks dirty
 * only the KPIs its metrics feed (an O(1) look-up per row), incident events the incident and report
 * KPIs. Dirty KPIs are recomputed by KpiService (from rollups and incident tables, the same code as
 * REST, so push and REST agree), the reading-driven ones at most once per KPI_READINGS_FRAME_MS,
 * the incident ones at most once per KPI_DEBOUNCE_MS, each on its own; the values that changed
 * are published. Only the elected publisher computes and publishes; other instances pass their
 * dirty marks to it through Redis. Every KPI_REFRESH_SECONDS all KPIs are recomputed, because
 * windows slide and deadlines pass without any event.
 */
@Injectable()
export class KpiLiveService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KpiLiveService.name);
  private readonly dirty: Record<Cadence, Set<KpiId>> = { frame: new Set(), debounce: new Set() };
  private readonly lastRunStartedAt: Record<Cadence, number> = { frame: 0, debounce: 0 };
  private readonly current = new Map<KpiId, KpiValue>();
  private readonly published = new Map<KpiId, string>();
  private subscription: Subscription | null = null;
  private subscriber: RedisClient | null = null;
  private readonly timers: Record<Cadence, NodeJS.Timeout | null> = { frame: null, debounce: null };
  private forwardTimer: NodeJS.Timeout | null = null;
  private readonly toForward = new Set<KpiId>();
  private refreshTimer: NodeJS.Timeout | null = null;
  private readonly running: Record<Cadence, Promise<void> | null> = { frame: null, debounce: null };
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

  /** How many times dirty KPIs were recomputed: far fewer than readings or events when debouncing works. */
  get recomputationCount(): number {
    return this.recomputations;
  }

  /** The least time between two recomputations of one cadence's KPIs. */
  intervalOf(cadence: Cadence): number {
    return cadence === 'frame' ? Math.min(KPI_READINGS_FRAME_MS, this.config.kpis.debounceMs) : this.config.kpis.debounceMs;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.publisher.setSnapshot('kpis', () => this.snapshot());
    this.subscription = merge(this.incidents.created, this.incidents.changed, this.incidents.slaBreached).subscribe(() => this.markDirty(['reports', 'incidents']));
    this.subscription.add(this.readings.stream.subscribe((batch) => this.markKpisDirty(kpisChangedBy(batch))));
    await this.listenForOtherInstances();
    this.refreshTimer = setInterval(() => this.markDirty(KPI_GROUPS, { local: true }), this.config.kpis.refreshMs);
    this.election.onChange((leader) => leader && this.markDirty(KPI_GROUPS, { local: true }));
    this.markDirty(KPI_GROUPS, { local: true });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    for (const cadence of CADENCES) {
      const timer = this.timers[cadence];
      if (timer) clearTimeout(timer);
    }
    if (this.forwardTimer) clearTimeout(this.forwardTimer);
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    await Promise.all(CADENCES.map((cadence) => this.running[cadence]?.catch(() => undefined)));
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

  /** Marks every KPI of the groups for the next recompute (the periodic refresh, incident events). */
  markDirty(groups: readonly KpiGroup[], options: { local?: boolean } = {}): void {
    this.markKpisDirty(groups.flatMap((group) => IDS_OF_GROUP.get(group) ?? []), options);
  }

  /** Marks KPIs for the next recompute; on an instance that does not publish, tells the one that does. */
  markKpisDirty(ids: readonly KpiId[], options: { local?: boolean } = {}): void {
    if (this.stopped || ids.length === 0) return;
    if (!this.election.isLeader()) {
      if (!options.local) this.forward(ids);
      return;
    }
    for (const id of ids) this.dirty[cadenceOf(id)].add(id);
    this.schedule();
  }

  /**
   * Each cadence runs on its own, one run at a time, a cadence's interval after its last run
   * started. The two may overlap: KpiService asks one query after another, so on PGlite's one
   * session a frame's queries wait for the incident query in flight, not for the whole slow run.
   */
  private schedule(): void {
    for (const cadence of CADENCES) {
      if (this.timers[cadence] || this.running[cadence] || this.dirty[cadence].size === 0) continue;
      const wait = Math.max(0, this.lastRunStartedAt[cadence] + this.intervalOf(cadence) - this.clock.now().getTime());
      this.timers[cadence] = setTimeout(() => {
        this.timers[cadence] = null;
        this.running[cadence] = this.recompute(cadence).finally(() => {
          this.running[cadence] = null;
          this.schedule();
        });
      }, wait);
    }
  }

  private async recompute(cadence: Cadence): Promise<void> {
    if (this.stopped || !this.election.isLeader()) {
      this.dirty[cadence].clear();
      return;
    }
    this.lastRunStartedAt[cadence] = this.clock.now().getTime();
    const ids = [...this.dirty[cadence]];
    this.dirty[cadence].clear();
    if (ids.length === 0) return;
    this.recomputations += 1;
    try {
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
      // Try these KPIs again on the next run rather than leave the wall on old numbers.
      for (const id of ids) this.dirty[cadence].add(id);
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
        this.markKpisDirty(kpisOfMessage(message), { local: true });
      });
      this.subscriber = subscriber;
    } catch (error) {
      this.logger.warn(`KPI dirty marks from other instances are not received: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Forwards at most one message per FORWARD_EVERY_MS, whatever the ingest rate. */
  private forward(ids: readonly KpiId[]): void {
    for (const id of ids) this.toForward.add(id);
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

/** The KPIs a committed batch can change: one look-up per row, each KPI once. */
function kpisChangedBy({ feed, rows }: CommittedReadings): KpiId[] {
  const ids = new Set<KpiId>();
  for (const row of rows) {
    const id = kpiOfReading(feed, row.metric);
    if (id) ids.add(id);
  }
  return [...ids];
}

/** A forwarded dirty mark: KPI ids, or whole groups (as instances of the previous release send them). */
function kpisOfMessage(message: string): KpiId[] {
  return message.split(',').flatMap((token) => {
    if ((KPI_IDS as readonly string[]).includes(token)) return [token as KpiId];
    return IDS_OF_GROUP.get(token as KpiGroup) ?? [];
  });
}
