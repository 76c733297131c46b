import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OPEN_INCIDENT_STATUSES, type AgencyUnit, type AgencyUnitListQuery } from '@mekong-ioc/shared';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { AgenciesService } from '../agencies/agencies.service';
import { DEMO_AGENCIES } from '../demo/demo-fixtures';
import { AgencyUnitEntity } from './agency-unit.entity';
import { DEMO_UNITS } from './demo-units';

export const toAgencyUnit = (unit: AgencyUnitEntity): AgencyUnit => ({
  id: unit.id,
  agencyId: unit.agencyId,
  code: unit.code,
  nameVi: unit.nameVi,
  nameEn: unit.nameEn,
  status: unit.status,
  lat: unit.lat,
  lon: unit.lon,
  updatedAt: unit.updatedAt.toISOString(),
});

/** Agencies' units: who can be sent, and whether they are free. */
@Injectable()
export class AgencyUnitsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AgencyUnitsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** In demo mode, the demo agencies get their units (idempotent; the agencies are ensured first, whichever seeder runs first). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoMode) return;
    try {
      const agencies = await this.agencies.ensure(DEMO_AGENCIES);
      const idOf = new Map(agencies.map((agency) => [agency.code, agency.id]));
      const units = DEMO_UNITS.flatMap((unit) => {
        const agencyId = idOf.get(unit.agencyCode);
        return agencyId ? [{ agencyId, code: unit.code, nameVi: unit.nameVi, nameEn: unit.nameEn, lat: unit.lat, lon: unit.lon }] : [];
      });
      await this.dataSource.createQueryBuilder().insert().into(AgencyUnitEntity).values(units).orIgnore().execute();
    } catch (error) {
      this.logger.warn(`demo units not created: ${String(error)}`);
    }
  }

  async list(query: AgencyUnitListQuery): Promise<AgencyUnit[]> {
    const units = await this.dataSource.getRepository(AgencyUnitEntity).find({
      where: query.agencyId ? { agencyId: query.agencyId } : {},
      order: { code: 'ASC' },
    });
    return units.map(toAgencyUnit);
  }

  find(manager: EntityManager, unitId: string): Promise<AgencyUnitEntity | null> {
    return manager.getRepository(AgencyUnitEntity).findOneBy({ id: unitId });
  }

  async markBusy(manager: EntityManager, unitId: string): Promise<void> {
    await manager.query(`UPDATE agency_units SET status = 'busy', updated_at = $2 WHERE id = $1 AND status <> 'busy'`, [unitId, this.clock.now()]);
  }

  /** Frees the unit unless another open incident still holds it. */
  async release(manager: EntityManager, unitId: string, incidentId: string): Promise<void> {
    await manager.query(
      `UPDATE agency_units SET status = 'available', updated_at = $3
       WHERE id = $1 AND status = 'busy'
         AND NOT EXISTS (SELECT 1 FROM incidents WHERE unit_id = $1 AND id <> $2 AND status = ANY($4))`,
      [unitId, incidentId, this.clock.now(), OPEN_INCIDENT_STATUSES],
    );
  }
}
