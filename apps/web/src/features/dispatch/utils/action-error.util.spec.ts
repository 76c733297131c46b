import { ApiError } from '../../../api/api-error';
import { vi } from '../../../i18n/locales/vi';
import { describeActionFailure, needsReload } from './action-error.util';

const lookup = (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), vi);

describe('what an officer is told when an action fails', () => {
  it('calls a stale version a conflict with another officer, and has the incident reloaded', () => {
    const failure = describeActionFailure(new ApiError(409, 'INCIDENT_VERSION_CONFLICT', 'Someone else changed this incident first'));
    expect(failure).toEqual({ kind: 'conflict', reason: 'version', messageKey: 'dispatchConsole.conflict.version' });
    expect(needsReload(failure)).toBe(true);
    expect(lookup(failure.kind === 'conflict' ? failure.messageKey : '')).toMatch(/Cán bộ khác đã thay đổi/);
  });

  it('calls a move the workflow no longer allows a conflict too (the other officer moved it first)', () => {
    const failure = describeActionFailure(new ApiError(409, 'INCIDENT_TRANSITION_NOT_ALLOWED', 'An incident that is verified cannot become verified.'));
    expect(failure).toMatchObject({ kind: 'conflict', reason: 'transition' });
    expect(needsReload(failure)).toBe(true);
  });

  it.each([
    ['INCIDENT_AGENCY_REQUIRED', 409, 'dispatchConsole.refusal.agencyRequired', false],
    ['INCIDENT_UNIT_INVALID', 422, 'dispatchConsole.refusal.unitInvalid', false],
    ['INCIDENT_NOT_FOUND', 404, 'dispatchConsole.refusal.notFound', true],
    ['INCIDENT_MERGE_INVALID', 409, 'dispatchConsole.refusal.mergeInvalid', false],
    ['AUTH_ROLE_DENIED', 403, 'dispatchConsole.refusal.forbidden', false],
    ['DISPATCH_PROGRESS_NOT_ALLOWED', 409, 'dispatchConsole.refusal.progressNotAllowed', false],
  ])('explains %s in words of its own', (code, status, messageKey, reload) => {
    const failure = describeActionFailure(new ApiError(status, code, 'detail'));
    expect(failure).toEqual({ kind: 'refused', messageKey });
    expect(needsReload(failure)).toBe(reload);
    expect(typeof lookup(messageKey)).toBe('string');
  });

  it('leaves anything else to the general error messages', () => {
    const error = ApiError.network(new Error('offline'));
    expect(describeActionFailure(error)).toEqual({ kind: 'other', error });
    expect(needsReload(describeActionFailure(new ApiError(500, 'INTERNAL', 'boom')))).toBe(false);
  });
});
