import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  OPEN_INCIDENT_STATUSES,
  type IncidentPriority,
  type IncidentStatus,
  type LiveIncidentsSnapshot,
  type LiveScope,
  type ReportCategory,
  type Zone,
} from '@mekong-ioc/shared';
import { DataSource } from 'typeorm';
import { LivePublisher } from '../realtime/live-publisher.service';

/** More open incidents than this is a city-wide emergency; the console pages through REST then. */
const MAX_OPEN_IN_SNAPSHOT = 2_000;

interface OpenIncidentRow {
  id: string;
  reference: string;
  category: ReportCategory;
  priority: IncidentPriority;
  status: IncidentStatus;
  zone: Zone;
  agency_id: string | null;
  updated_at: Date | string;
}

/**
 * The snapshot of the officers' `incidents` topic: every open incident, in the fields its deltas
 * carry, so a console that (re)subscribes knows what is open before the next change arrives. A
 * responder's (agency scope) lists only that agency's; no agency, nothing.
 */
@Injectable()
export class DispatchLiveSnapshots implements OnModuleInit {
  constructor(
    private readonly publisher: LivePublisher,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.publisher.setSnapshot('incidents', (scope) => this.openIncidents(scope));
  }

  async openIncidents(scope: LiveScope | null = null): Promise<LiveIncidentsSnapshot> {
    const rows = await this.dataSource.query<OpenIncidentRow[]>(
      `SELECT id, reference, category, priority, status, zone, agency_id, updated_at
       FROM incidents WHERE status = ANY($1) ${scope ? 'AND agency_id = $2' : ''} ORDER BY created_at DESC, id DESC LIMIT ${MAX_OPEN_IN_SNAPSHOT}`,
      scope ? [OPEN_INCIDENT_STATUSES, scope.agencyId] : [OPEN_INCIDENT_STATUSES],
    );
    return {
      open: rows.map((row) => ({
        incidentId: row.id,
        reference: row.reference,
        category: row.category,
        priority: row.priority,
        status: row.status,
        zone: row.zone,
        agencyId: row.agency_id,
        updatedAt: new Date(row.updated_at).toISOString(),
      })),
    };
  }
}
