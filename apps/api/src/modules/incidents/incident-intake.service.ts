import { Inject, Injectable } from '@nestjs/common';
import {
  OPEN_INCIDENT_STATUSES,
  REPORT_CATEGORY_DEFINITIONS,
  type IncidentPriority,
  type IncidentSource,
  type IncidentStatus,
  type ReportCategory,
  type Zone,
} from '@mekong-ioc/shared';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { FUSION_LOCK_CLASS } from '../../infra/database/migrations/1764300000000-incidents';
import { zoneOf } from '../simulator/my-tho-registry';
import { boundingBox, haversineSql } from './geo-distance.util';
import { IncidentAuditService } from './incident-audit.service';
import { IncidentEventOutbox } from './incident-event-outbox';
import { IncidentEvents } from './incident-events';
import { slaDeadlines } from './sla-deadlines.util';

/** Who made a change, as the audit trail records it. */
export interface AuditActor {
  userId: string | null;
  role: string;
  label: string;
  requestId: string | null;
}

export interface IntakeInput {
  source: IncidentSource;
  category: ReportCategory;
  lat: number;
  lon: number;
  /** The point is a stand-in (the city centre for an address alone), so it is near nothing. */
  locationApproximate?: boolean;
  receivedAt: Date;
  description: string;
  photoIds: string[];
  /** What fed it, e.g. the citizen report id or the camera device and event. */
  sourceRef: string | null;
  /** Defaults to the category's default priority. */
  priority?: IncidentPriority;
  actor: AuditActor;
}

export interface IntakeResult {
  incidentId: string;
  joined: boolean;
}

interface NearbyIncident {
  id: string;
  reference: string;
  priority: IncidentPriority;
  status: IncidentStatus;
  zone: Zone;
  agency_id: string | null;
  distance: number;
}

const TITLE_EXCERPT_LENGTH = 80;

/** "Cháy nổ: Khói bốc lên từ dãy nhà..." — the category and the start of the first report. */
export function incidentTitle(category: ReportCategory, description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  const excerpt = text.length > TITLE_EXCERPT_LENGTH ? `${text.slice(0, TITLE_EXCERPT_LENGTH - 1)}…` : text;
  return excerpt ? `${REPORT_CATEGORY_DEFINITIONS[category].vi}: ${excerpt}` : REPORT_CATEGORY_DEFINITIONS[category].vi;
}

/**
 * Every source of incidents comes in here (citizen reports, camera analytics, sensor alerts,
 * officers), so all of them fuse the same way: an item of the same category within the fusion
 * radius and time window of an open incident joins the nearest one; otherwise it opens a new
 * incident. An item whose location is only a stand-in neither joins nor is joined: an officer
 * merges it by hand. The caller's transaction is used, so the report and its incident commit together.
 */
@Injectable()
export class IncidentIntakeService {
  constructor(
    private readonly audit: IncidentAuditService,
    private readonly events: IncidentEvents,
    private readonly outbox: IncidentEventOutbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intake(manager: EntityManager, input: IntakeInput): Promise<IntakeResult> {
    const now = this.clock.now();
    // Two near reports of one category arriving together must not both miss each other and open
    // two incidents: the second waits until the first has committed, then finds it.
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [FUSION_LOCK_CLASS, input.category]);
    const nearby = input.locationApproximate ? null : await this.nearestOpenIncident(manager, input);
    if (nearby) {
      await this.join(manager, nearby, input, now);
      return { incidentId: nearby.id, joined: true };
    }
    return { incidentId: await this.open(manager, input, now), joined: false };
  }

  private async nearestOpenIncident(manager: EntityManager, input: IntakeInput): Promise<NearbyIncident | null> {
    const { fusionRadiusMeters: radius, fusionWindowMinutes } = this.config.incidents;
    const windowMs = fusionWindowMinutes * 60_000;
    const box = boundingBox(input.lat, input.lon, radius);
    const rows = await manager.query<NearbyIncident[]>(
      `SELECT * FROM (
         SELECT id, reference, priority, status, zone, agency_id, ${haversineSql('$1', '$2')} AS distance
         FROM incidents
         WHERE category = $3 AND status = ANY($4) AND NOT location_approximate
           AND last_reported_at BETWEEN $5 AND $6
           AND lat BETWEEN $7 AND $8 AND lon BETWEEN $9 AND $10
       ) near
       WHERE distance <= $11
       ORDER BY distance, id
       LIMIT 1`,
      [
        input.lat,
        input.lon,
        input.category,
        OPEN_INCIDENT_STATUSES,
        new Date(input.receivedAt.getTime() - windowMs),
        new Date(input.receivedAt.getTime() + windowMs),
        box.south,
        box.north,
        box.west,
        box.east,
        radius,
      ],
    );
    return rows[0] ?? null;
  }

  private async join(manager: EntityManager, incident: NearbyIncident, input: IntakeInput, now: Date): Promise<void> {
    const sourceId = await this.insertSource(manager, incident.id, input);
    // Joining does not bump the version: an officer editing the incident is not in conflict with a new report.
    await manager.query(
      `UPDATE incidents SET last_reported_at = greatest(last_reported_at, $2), updated_at = $3 WHERE id = $1`,
      [incident.id, input.receivedAt, now],
    );
    await this.audit.append(manager, [
      {
        incidentId: incident.id,
        actor: input.actor,
        at: now,
        action: 'joined',
        details: { sourceId, source: input.source, ref: input.sourceRef, distanceMeters: Math.round(incident.distance) },
      },
    ]);
    this.outbox.defer(manager, () =>
      this.events.changed.next({
        incidentId: incident.id,
        reference: incident.reference,
        category: input.category,
        priority: incident.priority,
        status: incident.status,
        zone: incident.zone,
        agencyId: incident.agency_id,
        at: now,
        action: 'joined',
        fromStatus: incident.status,
      }),
    );
  }

  private async open(manager: EntityManager, input: IntakeInput, now: Date): Promise<string> {
    const priority = input.priority ?? REPORT_CATEGORY_DEFINITIONS[input.category].defaultPriority;
    const zone = zoneOf(input.lat, input.lon);
    const { dispatchDeadline, resolveDeadline } = slaDeadlines(this.config.incidents.slaMinutes, priority, now);
    const [created] = await manager.query<{ id: string; reference: string }[]>(
      `INSERT INTO incidents (reference, category, priority, status, source, title, description, zone, lat, lon, location_approximate,
                              last_reported_at, dispatch_deadline, resolve_deadline, created_at, updated_at)
       VALUES ('SC-' || lpad(nextval('incident_reference_seq')::text, 6, '0'), $1, $2, 'new', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
       RETURNING id, reference`,
      [
        input.category,
        priority,
        input.source,
        incidentTitle(input.category, input.description),
        input.description,
        zone,
        input.lat,
        input.lon,
        input.locationApproximate ?? false,
        input.receivedAt,
        dispatchDeadline,
        resolveDeadline,
        now,
      ],
    );
    if (!created) throw new Error('incident insert returned no row');
    const sourceId = await this.insertSource(manager, created.id, input);
    await this.audit.append(manager, [
      {
        incidentId: created.id,
        actor: input.actor,
        at: now,
        action: 'created',
        toStatus: 'new',
        details: { sourceId, source: input.source, ref: input.sourceRef, priority },
      },
    ]);
    this.outbox.defer(manager, () =>
      this.events.created.next({
        incidentId: created.id,
        reference: created.reference,
        category: input.category,
        priority,
        status: 'new',
        zone,
        agencyId: null,
        at: now,
        source: input.source,
      }),
    );
    return created.id;
  }

  private async insertSource(manager: EntityManager, incidentId: string, input: IntakeInput): Promise<string> {
    const [source] = await manager.query<{ id: string }[]>(
      `INSERT INTO incident_sources (incident_id, kind, ref, description, photo_ids, lat, lon, received_at)
       VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8) RETURNING id`,
      [incidentId, input.source, input.sourceRef, input.description, input.photoIds, input.lat, input.lon, input.receivedAt],
    );
    if (!source) throw new Error('incident source insert returned no row');
    return source.id;
  }
}
