import { RESPONDER_PROGRESS_NOTES, type IncidentAuditEntry } from '@mekong-ioc/shared';
import { responderActionsFor, responderStepOf } from './responder-step.util';

let id = 0;
const entry = (action: IncidentAuditEntry['action'], extra: Partial<IncidentAuditEntry> = {}): IncidentAuditEntry => ({
  id: String(++id),
  incidentId: '00000000-0000-4000-8000-000000000001',
  at: '2026-03-02T08:00:00.000Z',
  actorUserId: null,
  actorRole: 'responder',
  actorLabel: 'csgt',
  action,
  fromStatus: null,
  toStatus: null,
  reason: null,
  details: {},
  requestId: null,
  hash: 'x',
  ...extra,
});
const dispatched = entry('transition', { fromStatus: 'verified', toStatus: 'dispatched' });
const note = (text: string) => entry('note', { details: { text, public: true } });

describe("a responder's step", () => {
  it('goes assigned → accepted → on the way while dispatched, from the progress notes', () => {
    expect(responderStepOf({ status: 'dispatched', audit: [dispatched] })).toBe('assigned');
    expect(responderStepOf({ status: 'dispatched', audit: [dispatched, note(RESPONDER_PROGRESS_NOTES.accepted.vi)] })).toBe('accepted');
    expect(
      responderStepOf({ status: 'dispatched', audit: [dispatched, note(RESPONDER_PROGRESS_NOTES.accepted.vi), note('gọi lại cho người dân'), note(RESPONDER_PROGRESS_NOTES.en_route.vi)] }),
    ).toBe('en_route');
  });

  it('starts again at "assigned" after a reopen sends the unit back', () => {
    const reopened = entry('transition', { fromStatus: 'resolved', toStatus: 'dispatched', details: { reopen: true } });
    expect(responderStepOf({ status: 'dispatched', audit: [dispatched, note(RESPONDER_PROGRESS_NOTES.en_route.vi), reopened] })).toBe('assigned');
  });

  it('follows the status once on scene, and offers the matching actions', () => {
    expect(responderStepOf({ status: 'on_scene', audit: [] })).toBe('on_scene');
    expect(responderActionsFor('assigned')).toEqual(['accept', 'onScene']);
    expect(responderActionsFor('accepted')).toEqual(['onTheWay', 'onScene']);
    expect(responderActionsFor('en_route')).toEqual(['onScene']);
    expect(responderActionsFor('on_scene')).toEqual(['resolve']);
    expect(responderActionsFor('resolved')).toEqual([]);
  });
});
