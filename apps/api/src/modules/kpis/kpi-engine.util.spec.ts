import { kpiOfReading } from './kpi-facts.repository';
import { aggregateFacts, breakdownOf, type KpiFact } from './kpi-facts.util';
import { seriesStep } from './kpi.service';
import { localMidnight, rangeOfWindow } from './kpi-window.util';

const fact = (value: number, zone: string, weight?: number): KpiFact => ({ dims: { zone }, value, ...(weight !== undefined && { weight }), asOf: null });

describe('KPI windows', () => {
  it('starts `today` at midnight in Ho Chi Minh City (UTC+7), also just after UTC midnight', () => {
    expect(localMidnight(new Date('2025-03-10T16:59:59Z')).toISOString()).toBe('2025-03-09T17:00:00.000Z');
    expect(localMidnight(new Date('2025-03-10T17:00:00Z')).toISOString()).toBe('2025-03-10T17:00:00.000Z');
    expect(rangeOfWindow('today', new Date('2025-03-10T01:00:00Z')).from.toISOString()).toBe('2025-03-09T17:00:00.000Z');
    expect(rangeOfWindow('15m', new Date('2025-03-10T01:00:00Z')).from.toISOString()).toBe('2025-03-10T00:45:00.000Z');
  });

  it('chooses a series step that keeps a week under a thousand points', () => {
    const week = 7 * 24 * 3_600_000;
    expect(seriesStep(week, '1m')).toBe('15m');
    expect(seriesStep(week, '1h')).toBe('1h');
    expect(seriesStep(week, undefined)).toBe('1h');
    expect(seriesStep(3_600_000, undefined)).toBe('1m');
  });
});

describe('KPI aggregation', () => {
  it('aggregates the total and each key of a drill-down the same way', () => {
    const facts = [fact(10, 'east'), fact(30, 'east'), fact(5, 'west'), fact(1, 'west'), fact(2, 'west')];
    expect(aggregateFacts(facts, { kind: 'median', emptyIs: null }).value).toBe(5);
    expect(breakdownOf(facts, { kind: 'median', emptyIs: null }, 'zone')).toEqual([
      { dimension: 'zone', key: 'east', value: 20 },
      { dimension: 'zone', key: 'west', value: 2 },
    ]);
    expect(aggregateFacts(facts, { kind: 'max', emptyIs: null }).worst?.value).toBe(30);
  });

  it('tells no data from zero', () => {
    expect(aggregateFacts([], { kind: 'sum', emptyIs: 0 }).value).toBe(0);
    expect(aggregateFacts([], { kind: 'mean', emptyIs: null }).value).toBeNull();
    expect(aggregateFacts([fact(0, 'east', 0)], { kind: 'ratio', emptyIs: null }).value).toBeNull();
    expect(aggregateFacts([fact(1, 'east', 1), fact(0, 'west', 2)], { kind: 'ratio', emptyIs: null }).value).toBe(33.33);
  });
});

describe('KPIs a reading changes', () => {
  it('maps each feed metric to the one KPI whose query reads it, and unknown metrics to none', () => {
    expect(kpiOfReading('environment', 'pm25')).toBe('environment.vn_aqi_worst');
    expect(kpiOfReading('environment', 'o3')).toBe('environment.vn_aqi_worst');
    expect(kpiOfReading('environment', 'salinity')).toBe('environment.salinity_max');
    expect(kpiOfReading('camera', 'wrong_way')).toBe('cameras.events_last_hour');
    expect(kpiOfReading('dossier', 'resolved_late')).toBe('public_services.on_time_rate');
    expect(kpiOfReading('wifi', 'clients')).toBeUndefined();
    expect(kpiOfReading('environment', 'constructor')).toBeUndefined();
  });
});
