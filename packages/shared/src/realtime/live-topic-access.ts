import type { Role } from '../auth/role';
import type { LiveTopic } from './live-topic';

/**
 * Who may join which live topic, in one place (the gateway enforces it, the web app uses it to not
 * ask for what it will be refused).
 * - admin and duty_officer see everything.
 * - leader and wall (viewers on the operations-room screens) see KPIs, alerts, every map layer and
 *   zone, but not `incidents`, the officer-only stream of incident details.
 * - responder sees only `incidents` (to be narrowed to their agency when incidents carry it).
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
