import { INCIDENT_PRIORITIES, type IncidentStatus, type IncidentSummary, type ReportCategory, type Zone } from '@mekong-ioc/shared';

/** Statuses the console's queue shows by default: everything someone still has to act on, incl. resolved awaiting closure. */
export const QUEUE_STATUSES = ['new', 'verified', 'dispatched', 'on_scene', 'resolved'] as const satisfies readonly IncidentStatus[];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** Which deadline an incident races now: dispatch before it is dispatched, resolution after; none once resolved. */
export interface SlaTarget {
  kind: 'dispatch' | 'resolve';
  deadline: number;
}

export function slaTargetOf(incident: Pick<IncidentSummary, 'status' | 'dispatchDeadline' | 'resolveDeadline'>): SlaTarget | null {
  switch (incident.status) {
    case 'new':
    case 'verified':
      return { kind: 'dispatch', deadline: Date.parse(incident.dispatchDeadline) };
    case 'dispatched':
    case 'on_scene':
      return { kind: 'resolve', deadline: Date.parse(incident.resolveDeadline) };
    default:
      return null;
  }
}

/** Milliseconds left to the deadline the incident races now (negative: overdue); null when none. */
export const timeLeftMs = (incident: Pick<IncidentSummary, 'status' | 'dispatchDeadline' | 'resolveDeadline'>, now: number): number | null => {
  const target = slaTargetOf(incident);
  return target ? target.deadline - now : null;
};

const priorityRank = (priority: IncidentSummary['priority']): number => INCIDENT_PRIORITIES.indexOf(priority);

/**
 * The order of the queue: what needs work before what only awaits closure; then P1 before P4;
 * then the least time left to its SLA deadline (overdue first); then the oldest; then the id, so
 * the order never flickers between equal items.
 */
export function compareQueueItems(a: IncidentSummary, b: IncidentSummary, now: number): number {
  const awaitingClosure = (incident: IncidentSummary) => (slaTargetOf(incident) === null ? 1 : 0);
  return (
    awaitingClosure(a) - awaitingClosure(b) ||
    priorityRank(a.priority) - priorityRank(b.priority) ||
    (timeLeftMs(a, now) ?? Number.POSITIVE_INFINITY) - (timeLeftMs(b, now) ?? Number.POSITIVE_INFINITY) ||
    Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

export const sortQueue = (incidents: readonly IncidentSummary[], now: number): IncidentSummary[] =>
  [...incidents].sort((a, b) => compareQueueItems(a, b, now));

/** The queue's filters; an empty list means "any". */
export interface QueueFilters {
  zones: Zone[];
  categories: ReportCategory[];
  agencyIds: string[];
  statuses: QueueStatus[];
}

export const NO_FILTERS: QueueFilters = { zones: [], categories: [], agencyIds: [], statuses: [] };

const passes = <T>(allowed: readonly T[], value: T): boolean => allowed.length === 0 || allowed.includes(value);

export function filterQueue(incidents: readonly IncidentSummary[], filters: QueueFilters): IncidentSummary[] {
  return incidents.filter(
    (incident) =>
      (QUEUE_STATUSES as readonly IncidentStatus[]).includes(incident.status) &&
      passes(filters.zones, incident.zone) &&
      passes(filters.categories, incident.category) &&
      passes(filters.agencyIds, incident.agencyId ?? '') &&
      passes<IncidentStatus>(filters.statuses, incident.status),
  );
}
