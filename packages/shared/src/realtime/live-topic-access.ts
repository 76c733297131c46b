import type { Role } from '../auth/role';
import type { LiveTopic } from './live-topic';

/**
 * Who may join which live topic, in one place (the gateway enforces it, the web app uses it to not
 * ask for what it will be refused).
 * - admin and duty_officer see everything.
 * - leader and wall (viewers on the operations-room screens) see KPIs, alerts, every map layer and
 *   zone, but not `incidents`, the officer-only stream of incident details.
 * - responder sees only `incidents`, and of it only its own agency's incidents (see liveTopicScope).
 * - `briefings` (progress of weekly-briefing jobs) goes to those who may make briefings: admin,
 *   duty_officer and leader, not the wall.
 */
export function mayJoinTopic(role: Role, topic: LiveTopic): boolean {
  switch (role) {
    case 'admin':
    case 'duty_officer':
      return true;
    case 'leader':
      return topic !== 'incidents';
    case 'wall':
      return topic !== 'incidents' && topic !== 'briefings';
    case 'responder':
      return topic === 'incidents';
  }
}

/** A slice of a topic: only the entries of one agency (none for a user without an agency). */
export interface LiveAgencyScope {
  kind: 'agency';
  agencyId: string | null;
}
export type LiveScope = LiveAgencyScope;

/**
 * The part of a topic a user sees, or null for all of it. A responder follows on `incidents` its own
 * agency's incidents only, as the incidents API lists them; its deltas and snapshot are numbered
 * apart from the officers' whole stream, so a responder sees no gap where another agency's were.
 */
export function liveTopicScope(viewer: { role: Role; agencyId: string | null }, topic: LiveTopic): LiveScope | null {
  return viewer.role === 'responder' && topic === 'incidents' ? { kind: 'agency', agencyId: viewer.agencyId } : null;
}
