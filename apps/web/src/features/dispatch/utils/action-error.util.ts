import type { IncidentStatus } from '@mekong-ioc/shared';
import type { ApiError } from '../../../api/api-error';

/**
 * What the console tells an officer whose action failed. Conflicts (another officer changed the
 * incident first, or the move is no longer allowed) say so plainly and make the console reload the
 * incident; the message then names the state it found.
 */
export type ActionFailure =
  | { kind: 'conflict'; reason: 'version' | 'transition'; messageKey: 'dispatchConsole.conflict.version' | 'dispatchConsole.conflict.transition' }
  | { kind: 'refused'; messageKey: ActionRefusalKey }
  | { kind: 'other'; error: ApiError };

export type ActionRefusalKey =
  | 'dispatchConsole.refusal.agencyRequired'
  | 'dispatchConsole.refusal.unitInvalid'
  | 'dispatchConsole.refusal.notFound'
  | 'dispatchConsole.refusal.mergeInvalid'
  | 'dispatchConsole.refusal.splitInvalid'
  | 'dispatchConsole.refusal.forbidden'
  | 'dispatchConsole.refusal.photoNotAvailable'
  | 'dispatchConsole.refusal.progressNotAllowed';

const REFUSALS: Record<string, ActionRefusalKey> = {
  INCIDENT_AGENCY_REQUIRED: 'dispatchConsole.refusal.agencyRequired',
  INCIDENT_AGENCY_NOT_FOUND: 'dispatchConsole.refusal.agencyRequired',
  INCIDENT_UNIT_INVALID: 'dispatchConsole.refusal.unitInvalid',
  INCIDENT_NOT_FOUND: 'dispatchConsole.refusal.notFound',
  INCIDENT_MERGE_INVALID: 'dispatchConsole.refusal.mergeInvalid',
  INCIDENT_SPLIT_INVALID: 'dispatchConsole.refusal.splitInvalid',
  INCIDENT_ACTION_FORBIDDEN: 'dispatchConsole.refusal.forbidden',
  AUTH_ROLE_DENIED: 'dispatchConsole.refusal.forbidden',
  PHOTO_NOT_AVAILABLE: 'dispatchConsole.refusal.photoNotAvailable',
  DISPATCH_PROGRESS_NOT_ALLOWED: 'dispatchConsole.refusal.progressNotAllowed',
};

export function describeActionFailure(error: ApiError): ActionFailure {
  if (error.status === 409 && error.code === 'INCIDENT_VERSION_CONFLICT') {
    return { kind: 'conflict', reason: 'version', messageKey: 'dispatchConsole.conflict.version' };
  }
  if (error.status === 409 && error.code === 'INCIDENT_TRANSITION_NOT_ALLOWED') {
    return { kind: 'conflict', reason: 'transition', messageKey: 'dispatchConsole.conflict.transition' };
  }
  const refusal = REFUSALS[error.code];
  if (refusal) return { kind: 'refused', messageKey: refusal };
  return { kind: 'other', error };
}

/** Whether the failure means the incident on screen is out of date and must be fetched again. */
export const needsReload = (failure: ActionFailure): boolean =>
  failure.kind === 'conflict' || (failure.kind === 'refused' && failure.messageKey === 'dispatchConsole.refusal.notFound');

/** The state a conflict message names, once the console has fetched it again. */
export interface ConflictState {
  status: IncidentStatus;
  version: number;
}
