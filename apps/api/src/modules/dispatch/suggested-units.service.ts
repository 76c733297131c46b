import { Inject, Injectable } from '@nestjs/common';
import type { AgencyUnitStatus, SuggestedUnits, SuggestedUnitsQuery } from '@mekong-ioc/shared';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { haversineSql } from '../incidents/geo-distance.util';
import { IncidentException } from '../incidents/incident.exception';
import { straightLineMinutes } from './travel-time.util';

interface UnitRow {
  id: string;
  agency_id: string;
  code: string;
  name_vi: string;
  name_en: string;
  status: AgencyUnitStatus;
  lat: number;
  lon: number;
  updated_at: Date | string;
  distance: number;
}

/**
 * The nearest available units of an agency for an incident. Distance is straight-line (great
 * circle) and the travel time assumes one city speed: a first estimate, not a route.
 */
@Injectable()
export class SuggestedUnitsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async suggest(incidentId: string, query: SuggestedUnitsQuery): Promise<SuggestedUnits> {
    const [incident] = await this.dataSource.query<{ lat: number; lon: number; agency_id: string | null }[]>(
      `SELECT lat, lon, agency_id FROM incidents WHERE id = $1`,
      [incidentId],
    );
    if (!incident) throw new IncidentException('INCIDENT_NOT_FOUND', `There is no incident ${incidentId}.`);
    const agencyId = query.agencyId ?? incident.agency_id;
    const citySpeedKmh = this.config.dispatch.citySpeedKmh;
    if (!agencyId) return { incidentId, agencyId: null, method: 'straight_line', citySpeedKmh, units: [] };

    // Wrapped in a SELECT so the computed column can be ordered by on both drivers.
    const rows = await this.dataSource.query<UnitRow[]>(
      `SELECT * FROM (
         SELECT id, agency_id, code, name_vi, name_en, status, lat, lon, updated_at, ${haversineSql('$1', '$2')} AS distance
         FROM agency_units WHERE agency_id = $3 AND status = 'available'
       ) units
       ORDER BY distance ASC, code ASC
       LIMIT $4`,
      [incident.lat, incident.lon, agencyId, query.limit],
    );
    return {
      incidentId,
      agencyId,
      method: 'straight_line',
      citySpeedKmh,
      units: rows.map((row) => {
        const distanceMeters = Math.round(Number(row.distance));
        return {
          unit: {
            id: row.id,
            agencyId: row.agency_id,
            code: row.code,
            nameVi: row.name_vi,
            nameEn: row.name_en,
            status: row.status,
            lat: row.lat,
            lon: row.lon,
            updatedAt: new Date(row.updated_at).toISOString(),
          },
          distanceMeters,
          etaMinutes: straightLineMinutes(distanceMeters, citySpeedKmh),
        };
      }),
    };
  }
}
