import type { Agency, AgencyUnit, IncidentAuditEntry, IncidentDetail, IncidentSourceEntry, IncidentStatus, IncidentSummary } from '@mekong-ioc/shared';
import type { IncidentAuditEntity } from './incident-audit.entity';
import type { IncidentSourceEntity } from './incident-source.entity';
import type { IncidentEntity } from './incident.entity';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export const toIncidentSummary = (incident: IncidentEntity, sourceCount: number): IncidentSummary => ({
  id: incident.id,
  reference: incident.reference,
  category: incident.category,
  priority: incident.priority,
  status: incident.status,
  source: incident.source,
  title: incident.title,
  zone: incident.zone,
  lat: incident.lat,
  lon: incident.lon,
  agencyId: incident.agencyId,
  unitId: incident.unitId,
  version: incident.version,
  mergedIntoId: incident.mergedIntoId,
  sourceCount,
  dispatchDeadline: incident.dispatchDeadline.toISOString(),
  resolveDeadline: incident.resolveDeadline.toISOString(),
  dispatchedAt: iso(incident.dispatchedAt),
  resolvedAt: iso(incident.resolvedAt),
  closedAt: iso(incident.closedAt),
  createdAt: incident.createdAt.toISOString(),
  updatedAt: incident.updatedAt.toISOString(),
});

/** Photos are served by the media module; the incident only knows their ids. */
export const toIncidentSourceEntry = (source: IncidentSourceEntity): IncidentSourceEntry => ({
  id: source.id,
  kind: source.kind,
  ref: source.ref,
  description: source.description,
  photos: source.photoIds.map((id) => ({ id, url: `/api/media/${id}`, thumbnailUrl: `/api/media/${id}/thumbnail` })),
  lat: source.lat,
  lon: source.lon,
  receivedAt: source.receivedAt.toISOString(),
});

export const toIncidentAuditEntry = (row: IncidentAuditEntity): IncidentAuditEntry => ({
  // PGlite hands bigint back as a number, PostgreSQL as a string.
  id: String(row.id),
  incidentId: row.incidentId,
  at: row.at.toISOString(),
  actorUserId: row.actorUserId,
  actorRole: row.actorRole,
  actorLabel: row.actorLabel,
  action: row.action,
  fromStatus: row.fromStatus,
  toStatus: row.toStatus,
  reason: row.reason,
  details: row.details,
  requestId: row.requestId,
  hash: row.hash,
});

export const toIncidentDetail = (
  incident: IncidentEntity,
  parts: {
    sources: IncidentSourceEntity[];
    agency: Agency | null;
    unit: AgencyUnit | null;
    allowedTransitions: readonly IncidentStatus[];
    audit: IncidentAuditEntity[];
  },
): IncidentDetail => ({
  ...toIncidentSummary(incident, parts.sources.length),
  description: incident.description,
  agency: parts.agency,
  unit: parts.unit,
  sources: parts.sources.map(toIncidentSourceEntry),
  allowedTransitions: [...parts.allowedTransitions],
  audit: parts.audit.map(toIncidentAuditEntry),
});
