import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ZONES, type LayerFrame, type Zone, type ZoneLoadState } from '@mekong-ioc/shared';
import { merge, type Subscription } from 'rxjs';
import { Clock } from '../../infra/clock/clock';
import { IncidentEvents } from '../incidents/incident-events';
import { LivePublisher } from '../realtime/live-publisher.service';
import { PublisherElection } from '../realtime/publisher-election.service';
import { LiveLayerReads, type ZoneLoadRow } from './live-layer-reads.repository';

const GATHER_MS = 200;
/** How often the leader adds new reports to the heat layer and drops those older than a day. */
export const REPORT_POLL_MS = 15_000;
const REPORT_WINDOW_MS = 24 * 3_600_000;

export function zoneLoadStates(rows: readonly ZoneLoadRow[], at: Date): ZoneLoadState[] {
  const byZone = new Map<Zone, ZoneLoadState>(
    ZONES.map((zone) => [zone, { zone, openIncidents: 0, byPriority: { P1: 0, P2: 0, P3: 0, P4: 0 }, updatedAt: at.toISOString() }]),
  );
  for (const row of rows) {
    const state = byZone.get(row.zone);
    if (!state) continue;
    state.byPriority[row.priority] += row.open;
    state.openIncidents += row.open;
  }
  return [...byZone.values()];
}

const sameLoad = (a: ZoneLoadState | undefined, b: ZoneLoadState): boolean =>
  a !== undefined && a.openIncidents === b.openIncidents && (['P1', 'P2', 'P3', 'P4'] as const).every((p) => a.byPriority[p] === b.byPriority[p]);

/**
 * Keeps the incident-driven layers live: open incidents by priority (public-safe fields only), the
 * zones shaded by their open incidents, and the citizen reports of the last day for the heat layer.
 * Incident changes are published by the instance that made them (events are in-process); the report
 * poll runs on the elected leader only.
 */
@Injectable()
export class IncidentLayersPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IncidentLayersPublisher.name);
  private subscription: Subscription | undefined;
  private readonly pending = new Set<string>();
  private gatherTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | undefined;
  private working: Promise<void> = Promise.resolve();
  private readonly zoneLoads = new Map<Zone, ZoneLoadState>();
  /** Newest report creation time already sent, and the age limit already applied. */
  private reportsSentUpTo: Date;
  private reportsExpiredUpTo: Date;

  constructor(
    private readonly reads: LiveLayerReads,
    private readonly publisher: LivePublisher,
    private readonly election: PublisherElection,
    private readonly events: IncidentEvents,
    private readonly clock: Clock,
  ) {
    const now = this.clock.now();
    this.reportsSentUpTo = now;
    this.reportsExpiredUpTo = new Date(now.getTime() - REPORT_WINDOW_MS);
  }

  onApplicationBootstrap(): void {
    this.publisher.setSnapshot('layer:incidents', async (): Promise<LayerFrame> => {
      const incidents = await this.reads.incidents(null);
      return { updates: incidents.map(({ marker }) => ({ key: marker.id, state: marker })) };
    });
    this.publisher.setSnapshot('layer:zones', async (): Promise<LayerFrame> => {
      const states = zoneLoadStates(await this.reads.zoneLoad(), this.clock.now());
      return { updates: states.map((state) => ({ key: state.zone, state })) };
    });
    this.publisher.setSnapshot('layer:reports', async (): Promise<LayerFrame> => {
      const reports = await this.reads.reportsBetween(new Date(this.clock.now().getTime() - REPORT_WINDOW_MS));
      return { updates: reports.map(({ id, point }) => ({ key: id, state: point })) };
    });
    this.subscription = merge(this.events.created, this.events.changed).subscribe((event) => {
      this.pending.add(event.incidentId);
      this.gatherTimer ??= setTimeout(() => this.flush(), GATHER_MS);
    });
    this.pollTimer = setInterval(() => {
      if (this.election.isLeader()) this.chain(() => this.pollReports());
    }, REPORT_POLL_MS);
    this.pollTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    clearInterval(this.pollTimer);
    if (this.gatherTimer) this.flush();
    await this.working;
  }

  private flush(): void {
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = null;
    const ids = [...this.pending];
    this.pending.clear();
    this.chain(() => this.publishIncidents(ids));
  }

  private chain(work: () => Promise<void>): void {
    this.working = this.working.then(work).catch((error: unknown) => this.logger.warn(`incident layers not updated: ${String(error)}`));
  }

  private async publishIncidents(ids: string[]): Promise<void> {
    if (!ids.length) return;
    for (const { marker, open } of await this.reads.incidents(ids)) {
      await this.publisher.publish('layer:incidents', { key: marker.id, state: open ? marker : null });
    }
    for (const state of zoneLoadStates(await this.reads.zoneLoad(), this.clock.now())) {
      if (sameLoad(this.zoneLoads.get(state.zone), state)) continue;
      this.zoneLoads.set(state.zone, state);
      await this.publisher.publish('layer:zones', { key: state.zone, state });
    }
  }

  private async pollReports(): Promise<void> {
    for (const { id, point } of await this.reads.reportsBetween(this.reportsSentUpTo)) {
      await this.publisher.publish('layer:reports', { key: id, state: point });
      const createdAt = new Date(point.createdAt);
      if (createdAt > this.reportsSentUpTo) this.reportsSentUpTo = createdAt;
    }
    const ageLimit = new Date(this.clock.now().getTime() - REPORT_WINDOW_MS);
    for (const { id } of await this.reads.reportsBetween(this.reportsExpiredUpTo, ageLimit)) {
      await this.publisher.publish('layer:reports', { key: id, state: null });
    }
    this.reportsExpiredUpTo = ageLimit;
  }
}
