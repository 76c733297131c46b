import { responderStepOfNote, type IncidentAuditEntry, type IncidentStatus } from '@mekong-ioc/shared';

/** Where a responder stands with an incident, finer than its status between dispatch and arrival. */
export type ResponderStep = 'assigned' | 'accepted' | 'en_route' | 'on_scene' | 'resolved' | 'closed';

/**
 * The step of an incident for its responder: its status, except that while dispatched the latest
 * "accepted" or "on the way" note since the (last) dispatch tells how far the unit got.
 */
export function responderStepOf(incident: { status: IncidentStatus; audit: readonly IncidentAuditEntry[] }): ResponderStep {
  switch (incident.status) {
    case 'on_scene':
    case 'resolved':
    case 'closed':
      return incident.status;
    case 'dispatched': {
      let step: ResponderStep = 'assigned';
      for (const entry of incident.audit) {
        if (entry.action === 'transition' && entry.toStatus === 'dispatched') step = 'assigned';
        const progress = entry.action === 'note' ? responderStepOfNote(entry.details['text']) : null;
        if (progress) step = progress;
      }
      return step;
    }
    default:
      return 'assigned';
  }
}

/** What the responder can do next at each step (the server checks the same). */
export type ResponderAction = 'accept' | 'onTheWay' | 'onScene' | 'resolve';

export function responderActionsFor(step: ResponderStep): ResponderAction[] {
  switch (step) {
    case 'assigned':
      return ['accept', 'onScene'];
    case 'accepted':
      return ['onTheWay', 'onScene'];
    case 'en_route':
      return ['onScene'];
    case 'on_scene':
      return ['resolve'];
    default:
      return [];
  }
}
