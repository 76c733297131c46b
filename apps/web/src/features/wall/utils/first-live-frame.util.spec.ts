import type { KpiId } from '@mekong-ioc/shared';
import { afterCommit, afterMapFrame, liveCompleteness, NOT_LIVE_YET } from './first-live-frame.util';

const everyLive = { kpis: true, layers: true };

describe('the first complete frame with live data', () => {
  it('needs every tile from the live topic and every visible layer live', () => {
    const tiles = ['incidents.active', 'reports.open'] as const;
    const kpis = new Map<KpiId, unknown>([['incidents.active', {}]]);
    expect(liveCompleteness(tiles, null, new Set(), new Set())).toEqual({ kpis: false, layers: true });
    expect(liveCompleteness(tiles, kpis, new Set(['reports', 'zones']), new Set(['reports']))).toEqual({ kpis: false, layers: false });
    kpis.set('reports.open', {});
    expect(liveCompleteness(tiles, kpis, new Set(['reports', 'zones']), new Set(['reports', 'zones', 'units']))).toEqual({ kpis: true, layers: true });
  });

  it('marks at the first map frame after the layers went live, once the tiles are live', () => {
    let step = afterMapFrame(NOT_LIVE_YET);
    expect(step).toEqual({ state: NOT_LIVE_YET, mark: false });
    step = afterCommit(step.state, { kpis: false, layers: true });
    expect(step.mark).toBe(false);
    step = afterMapFrame(step.state);
    expect(step.mark).toBe(false);
    step = afterCommit(step.state, everyLive);
    expect(step.mark).toBe(true);
    expect(afterMapFrame(step.state).mark).toBe(false);
    expect(afterCommit(step.state, everyLive).mark).toBe(false);
  });

  it('does not count a frame drawn before the layers were live', () => {
    let step = afterCommit(NOT_LIVE_YET, { kpis: true, layers: false });
    step = afterMapFrame(step.state);
    step = afterCommit(step.state, everyLive);
    expect(step.mark).toBe(false);
    expect(afterMapFrame(step.state).mark).toBe(true);
  });
});
