import type { Alert } from '@mekong-ioc/shared';
import { liveAlertsReducer, newOperationId, sortAlerts } from './live-alerts.reducer';

let n = 0;
const alert = (overrides: Partial<Alert> = {}): Alert => {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    ruleId: null,
    kind: 'sla_breach',
    severity: 'warning',
    state: 'raised',
    title: { vi: 'Quá hạn', en: 'Overdue' },
    detail: { vi: 'Chi tiết', en: 'Detail' },
    incidentId: null,
    lat: null,
    lon: null,
    zone: null,
    value: null,
    threshold: null,
    raisedAt: `2026-03-02T08:${String(n).padStart(2, '0')}:00.000Z`,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ackComment: null,
    clearedAt: null,
    updatedAt: '2026-03-02T08:00:00.000Z',
    ...overrides,
  };
};

describe('the live alerts of the console', () => {
  it('keeps the active alerts from the snapshot and each delta; a cleared one leaves', () => {
    const first = alert();
    let state = liveAlertsReducer.fromSnapshot({ alerts: [first, alert({ state: 'cleared' })] });
    expect([...state.keys()]).toEqual([first.id]);
    const second = alert({ severity: 'critical' });
    state = liveAlertsReducer.applyDelta(state, { alert: second });
    state = liveAlertsReducer.applyDelta(state, { alert: { ...first, state: 'cleared' } });
    expect([...state.keys()]).toEqual([second.id]);
    expect(liveAlertsReducer.applyDelta(state, { bogus: 1 })).toBe(state);
    expect(liveAlertsReducer.fromSnapshot(null).size).toBe(0);
  });

  it('lists critical first, unacknowledged before acknowledged, then the newest', () => {
    const oldCritical = alert({ severity: 'critical' });
    const info = alert({ severity: 'info' });
    const ackedCritical = alert({ severity: 'critical', state: 'acknowledged' });
    const newCritical = alert({ severity: 'critical' });
    const warning = alert({ severity: 'warning' });
    expect(sortAlerts([info, warning, ackedCritical, oldCritical, newCritical])).toEqual([newCritical, oldCritical, ackedCritical, warning, info]);
  });

  it('makes version-4 operation ids, fresh each time', () => {
    const pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newOperationId((bytes) => bytes.fill(255))).toMatch(pattern);
    expect(newOperationId((bytes) => bytes.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
    const ids = new Set(Array.from({ length: 200 }, () => newOperationId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(pattern);
  });
});
