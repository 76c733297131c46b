import type { LiveIncidentEvent } from '@mekong-ioc/shared';
import { liveIncidentsReducer } from './live-incidents.reducer';

const event = (incidentId: string, kind: LiveIncidentEvent['kind'], status: LiveIncidentEvent['status']): LiveIncidentEvent => ({
  kind,
  incidentId,
  reference: `SC-${incidentId}`,
  category: 'flooding',
  priority: 'P2',
  status,
  zone: 'central',
  agencyId: null,
  action: kind === 'changed' ? 'transition' : null,
  slaKind: null,
  updatedAt: '2026-03-02T08:00:00.000Z',
});

describe('the live incidents reducer', () => {
  it('starts from the open incidents of the snapshot (or none) and counts what is created after it', () => {
    const { incidentId: _i, kind: _k, action: _a, slaKind: _s, ...rest } = event('a', 'created', 'new');
    let state = liveIncidentsReducer.fromSnapshot({ open: [{ ...rest, incidentId: 'a' }] });
    expect([...state.open.keys()]).toEqual(['a']);
    expect(liveIncidentsReducer.fromSnapshot(null).open.size).toBe(0);

    state = liveIncidentsReducer.applyDelta(state, event('b', 'created', 'new'));
    // A replayed delta is applied twice at most by accident: the new incident counts once.
    state = liveIncidentsReducer.applyDelta(state, event('b', 'created', 'new'));
    state = liveIncidentsReducer.applyDelta(state, event('a', 'changed', 'closed'));
    expect([...state.open.keys()]).toEqual(['b']);
    expect(state.createdIds).toEqual(['b']);
    expect(state.revision).toBe(3);
    expect(state.lastEvent?.status).toBe('closed');
  });

  it('ignores a payload it cannot read instead of breaking the console', () => {
    const state = liveIncidentsReducer.fromSnapshot({ open: [] });
    expect(liveIncidentsReducer.applyDelta(state, { nonsense: true })).toBe(state);
  });
});
