import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AgencyUnit, LayerFrame, UnitState } from '@mekong-ioc/shared';
import { AgencyUnitsService } from '../incidents/agency-units.service';
import { LivePublisher } from '../realtime/live-publisher.service';
import { PublisherElection } from '../realtime/publisher-election.service';

/** The unit movement service moves units every 5 s; looking as often keeps them moving on the wall. */
export const UNIT_POLL_MS = 5_000;

const unitState = (unit: AgencyUnit): UnitState => ({
  lat: unit.lat,
  lon: unit.lon,
  code: unit.code,
  agencyId: unit.agencyId,
  nameVi: unit.nameVi,
  nameEn: unit.nameEn,
  status: unit.status,
  updatedAt: unit.updatedAt,
});

/**
 * Keeps the responder-units layer live. Unit positions and statuses change in several places
 * (dispatch, release, the movement simulation) with no event of their own, so the leader reads the
 * units every few seconds and publishes those whose `updatedAt` moved.
 */
@Injectable()
export class UnitLayerPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UnitLayerPublisher.name);
  private timer: NodeJS.Timeout | undefined;
  private working: Promise<void> = Promise.resolve();
  private readonly published = new Map<string, string>();

  constructor(
    private readonly units: AgencyUnitsService,
    private readonly publisher: LivePublisher,
    private readonly election: PublisherElection,
  ) {}

  onApplicationBootstrap(): void {
    this.publisher.setSnapshot('layer:units', async (): Promise<LayerFrame> => {
      const units = await this.units.list({});
      return { updates: units.map((unit) => ({ key: unit.id, state: unitState(unit) })) };
    });
    this.timer = setInterval(() => {
      if (!this.election.isLeader()) return;
      this.working = this.working.then(() => this.publishChanged()).catch((error: unknown) => this.logger.warn(`units layer not updated: ${String(error)}`));
    }, UNIT_POLL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.working;
  }

  async publishChanged(): Promise<void> {
    const units = await this.units.list({});
    const present = new Set<string>();
    for (const unit of units) {
      present.add(unit.id);
      if (this.published.get(unit.id) === unit.updatedAt) continue;
      this.published.set(unit.id, unit.updatedAt);
      await this.publisher.publish('layer:units', { key: unit.id, state: unitState(unit) });
    }
    for (const id of [...this.published.keys()]) {
      if (present.has(id)) continue;
      this.published.delete(id);
      await this.publisher.publish('layer:units', { key: id, state: null });
    }
  }
}
