import { formatReportTime, toDateTimeAttribute } from './report-time.util';

describe('formatReportTime', () => {
  it('shows times in Mỹ Tho (UTC+7) whatever the zone of the machine', () => {
    expect(formatReportTime('2026-01-12T01:30:00Z', 'vi')).toBe('08:30 12/01/2026');
    expect(formatReportTime('2026-01-12T01:30:00Z', 'en')).toBe('12 Jan 2026, 08:30');
  });

  it('reads offsets in the API answer and crosses midnight into the next local day', () => {
    expect(formatReportTime('2026-03-31T23:15:00+02:00', 'vi')).toBe('04:15 01/04/2026');
    expect(formatReportTime('2026-03-31T18:05:00Z', 'en')).toBe('1 Apr 2026, 01:05');
  });
});

describe('toDateTimeAttribute', () => {
  it('gives a machine-readable instant for <time>', () => {
    expect(toDateTimeAttribute('2026-01-12T08:30:00+07:00')).toBe('2026-01-12T01:30:00.000Z');
  });
});
