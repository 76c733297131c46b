import { defaultWeek, weekOptions } from './week-options.util';

describe('week options', () => {
  it('offers the week in progress and the weeks before it, defaulting to last week (local time)', () => {
    // Monday 5 January 2026, 06:00 in Vietnam (Sunday 23:00 UTC).
    const now = new Date('2026-01-04T23:00:00Z');
    const options = weekOptions(now, 2);
    expect(options.map((option) => option.week)).toEqual(['2026-W02', '2026-W01', '2025-W52']);
    expect(options[0]).toMatchObject({ current: true, from: '05/01', to: '11/01', year: 2026, number: 2 });
    expect(options[1]).toMatchObject({ current: false, from: '29/12', to: '04/01' });
    expect(defaultWeek(now)).toBe('2026-W01');
  });
});
