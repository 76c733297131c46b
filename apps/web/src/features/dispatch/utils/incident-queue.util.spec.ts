import type { IncidentSummary } from '@mekong-ioc/shared';
import { compareQueueItems, filterQueue, NO_FILTERS, slaTargetOf, sortQueue, timeLeftMs } from './incident-queue.util';

const NOW = Date.parse('2026-03-02T08:00:00Z');
const MINUTE = 60_000;
let sequence = 0;

const incident = (overrides: Partial<IncidentSummary> & { dispatchInMin?: number; resolveInMin?: number; ageMin?: number } = {}): IncidentSummary => {
  const { dispatchInMin = 30, resolveInMin = 240, ageMin = 5, ...rest } = overrides;
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    reference: `SC-${String(sequence).padStart(6, '0')}`,
    category: 'road_damage',
    priority: 'P3',
    status: 'new',
    source: 'citizen_report',
    title: 'Ổ gà',
    zone: 'central',
    lat: 10.355,
    lon: 106.365,
    agencyId: null,
    unitId: null,
    version: 1,
    mergedIntoId: null,
    sourceCount: 1,
    dispatchDeadline: new Date(NOW + dispatchInMin * MINUTE).toISOString(),
    resolveDeadline: new Date(NOW + resolveInMin * MINUTE).toISOString(),
    dispatchedAt: null,
    resolvedAt: null,
    closedAt: null,
    createdAt: new Date(NOW - ageMin * MINUTE).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
    ...rest,
  };
};

describe('the SLA deadline an incident races', () => {
  it('is the dispatch deadline until dispatched, the resolve deadline until resolved, then none', () => {
    expect(slaTargetOf(incident({ status: 'new', dispatchInMin: 10 }))).toEqual({ kind: 'dispatch', deadline: NOW + 10 * MINUTE });
    expect(slaTargetOf(incident({ status: 'verified', dispatchInMin: 10 }))?.kind).toBe('dispatch');
    expect(slaTargetOf(incident({ status: 'dispatched', resolveInMin: 90 }))).toEqual({ kind: 'resolve', deadline: NOW + 90 * MINUTE });
    expect(slaTargetOf(incident({ status: 'on_scene' }))?.kind).toBe('resolve');
    expect(slaTargetOf(incident({ status: 'resolved' }))).toBeNull();
    expect(timeLeftMs(incident({ status: 'new', dispatchInMin: -3 }), NOW)).toBe(-3 * MINUTE);
  });
});

describe('the queue order', () => {
  it('puts higher priority first, then the least time left (overdue first), then the oldest', () => {
    const p3Overdue = incident({ priority: 'P3', dispatchInMin: -20 });
    const p1Late = incident({ priority: 'P1', dispatchInMin: 9 });
    const p1Soon = incident({ priority: 'P1', dispatchInMin: 2 });
    const p2 = incident({ priority: 'P2', dispatchInMin: 1 });
    const p2SameOlder = incident({ priority: 'P2', dispatchInMin: 1, ageMin: 50 });
    const p1Dispatched = incident({ priority: 'P1', status: 'dispatched', resolveInMin: 5 });
    const resolvedP1 = incident({ priority: 'P1', status: 'resolved' });
    const sorted = sortQueue([p3Overdue, resolvedP1, p1Late, p2, p1Dispatched, p2SameOlder, p1Soon], NOW).map((item) => item.reference);
    expect(sorted).toEqual([p1Soon, p1Dispatched, p1Late, p2SameOlder, p2, p3Overdue, resolvedP1].map((item) => item.reference));
  });

  it('is a total order: antisymmetric and stable for equal items', () => {
    const a = incident();
    const b = { ...a, id: '00000000-0000-4000-8000-ffffffffffff' };
    expect(Math.sign(compareQueueItems(a, b, NOW))).toBe(-Math.sign(compareQueueItems(b, a, NOW)));
    expect(compareQueueItems(a, a, NOW)).toBe(0);
  });

  it('changes as time passes: a P2 whose deadline passes moves ahead of one with time left', () => {
    const later = incident({ priority: 'P2', dispatchInMin: 10, ageMin: 100 });
    const sooner = incident({ priority: 'P2', dispatchInMin: 5, ageMin: 1 });
    expect(sortQueue([later, sooner], NOW)[0]).toBe(sooner);
  });
});

describe('the queue filters', () => {
  const items = [
    incident({ zone: 'east', category: 'flooding', status: 'new' }),
    incident({ zone: 'west', category: 'fire', status: 'dispatched', agencyId: '00000000-0000-4000-8000-00000000aaaa' }),
    incident({ zone: 'east', category: 'fire', status: 'closed' }),
  ];

  it('keeps only the queue statuses, then each filter narrows; an empty filter means any', () => {
    expect(filterQueue(items, NO_FILTERS)).toHaveLength(2);
    expect(filterQueue(items, { ...NO_FILTERS, zones: ['east'] }).map((item) => item.category)).toEqual(['flooding']);
    expect(filterQueue(items, { ...NO_FILTERS, categories: ['fire'] }).map((item) => item.zone)).toEqual(['west']);
    expect(filterQueue(items, { ...NO_FILTERS, agencyIds: ['00000000-0000-4000-8000-00000000aaaa'] })).toHaveLength(1);
    expect(filterQueue(items, { ...NO_FILTERS, statuses: ['new'], zones: ['west'] })).toEqual([]);
  });
});
