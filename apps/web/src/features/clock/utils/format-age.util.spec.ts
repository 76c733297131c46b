import { formatAge, formatCityTime } from './format-age.util';

describe('formatAge', () => {
  it('says how long ago, in the language asked for', () => {
    expect(formatAge(5_000, 'en')).toBe('5 seconds ago');
    expect(formatAge(5_000, 'vi')).toBe('5 giây trước');
    expect(formatAge(125_000, 'en')).toBe('2 minutes ago');
    expect(formatAge(2 * 3_600_000, 'vi')).toBe('2 giờ trước');
  });

  it('treats a clock slightly ahead as now', () => {
    expect(formatAge(-800, 'en')).toBe('now');
  });
});

describe('formatCityTime', () => {
  it('shows Mỹ Tho time (UTC+7) on any machine', () => {
    expect(formatCityTime(Date.UTC(2026, 0, 5, 1, 30), 'en')).toBe('08:30');
  });
});
