import type { IncidentPriority } from '@mekong-ioc/shared';

export type SlaTable = Record<IncidentPriority, { dispatch: number; resolve: number }>;

const MINUTE_MS = 60_000;

/** Both deadlines of an incident run from the moment it was opened. */
export function slaDeadlines(table: SlaTable, priority: IncidentPriority, openedAt: Date): { dispatchDeadline: Date; resolveDeadline: Date } {
  const target = table[priority];
  return {
    dispatchDeadline: new Date(openedAt.getTime() + target.dispatch * MINUTE_MS),
    resolveDeadline: new Date(openedAt.getTime() + target.resolve * MINUTE_MS),
  };
}
