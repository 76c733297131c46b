import { countdownTone, formatCountdown } from './countdown.util';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('formatCountdown', () => {
  it.each([
    [0, '00:00'],
    [1, '00:01'],
    [59 * SECOND, '00:59'],
    [9 * MINUTE + 5 * SECOND, '09:05'],
    [59 * MINUTE + 59 * SECOND + 400, '1:00:00'],
    [2 * HOUR + 3 * MINUTE + 4 * SECOND, '2:03:04'],
    [3 * 24 * HOUR + 5 * HOUR + 7 * MINUTE, '3d 05:07'],
    [-400, '00:00'],
    [-61 * SECOND, '−01:01'],
    [-(HOUR + 2 * SECOND), '−1:00:02'],
  ])('shows %p ms as %p', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });

  it('never shows more time left than there is, nor less overdue than it is', () => {
    for (let ms = -5_000; ms <= 5_000; ms += 137) {
      const [minutes, seconds] = formatCountdown(ms).replace('−', '').split(':').map(Number);
      const shown = ((minutes ?? 0) * 60 + (seconds ?? 0)) * 1000;
      if (ms >= 0) expect(shown).toBeGreaterThanOrEqual(ms);
      else expect(shown).toBeLessThanOrEqual(-ms);
      expect(Math.abs(shown - Math.abs(ms))).toBeLessThan(1000);
    }
  });
});

describe('countdownTone', () => {
  it('warns in the last fifth of the window or the last five minutes, whichever is longer, and marks overdue', () => {
    expect(countdownTone(50 * MINUTE, 120 * MINUTE)).toBe('ok');
    expect(countdownTone(24 * MINUTE, 120 * MINUTE)).toBe('warning');
    expect(countdownTone(6 * MINUTE, 10 * MINUTE)).toBe('ok');
    expect(countdownTone(5 * MINUTE, 10 * MINUTE)).toBe('warning');
    expect(countdownTone(-1, 10 * MINUTE)).toBe('overdue');
  });
});
