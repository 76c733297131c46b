import { ageSecondsOf, formatAge, formatClock, isStale } from './freshness.util';

describe('freshness', () => {
  const now = Date.parse('2026-03-01T08:00:00.000Z');

  it('measures age on the server clock and never below zero', () => {
    expect(ageSecondsOf('2026-03-01T07:59:30.000Z', now)).toBe(30);
    expect(ageSecondsOf('2026-03-01T07:59:30.000Z', now, 2_000)).toBe(32);
    expect(ageSecondsOf('2026-03-01T08:00:10.000Z', now)).toBe(0);
    expect(ageSecondsOf(null, now)).toBeNull();
    expect(ageSecondsOf('not a date', now)).toBeNull();
  });

  it('formats ages in whole units, Vietnamese and English', () => {
    expect(formatAge(2, 'vi')).toBe('vừa xong');
    expect(formatAge(25.7, 'vi')).toBe('25 giây trước');
    expect(formatAge(25.7, 'en')).toBe('25 s ago');
    expect(formatAge(185, 'vi')).toBe('3 phút trước');
    expect(formatAge(7_300, 'en')).toBe('2 h ago');
    expect(formatAge(200_000, 'vi')).toBe('2 ngày trước');
    expect(formatAge(null, 'en')).toBe('—');
  });

  it('calls data stale past three intervals (at least 90 s) and when there is none', () => {
    expect(isStale(89, 30)).toBe(false);
    expect(isStale(91, 30)).toBe(true);
    expect(isStale(170, 60)).toBe(false);
    expect(isStale(181, 60)).toBe(true);
    expect(isStale(null, 60)).toBe(true);
  });

  it('shows clock times in Mỹ Tho time', () => {
    expect(formatClock(now)).toBe('15:00');
    expect(formatClock('2026-03-01T08:05:09.000Z', true)).toBe('15:05:09');
  });
});
