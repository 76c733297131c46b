import { straightLineMinutes } from './travel-time.util';

describe('straightLineMinutes', () => {
  it('rounds the time at a steady city speed up to whole minutes', () => {
    // 25 km/h is about 417 m a minute.
    expect(straightLineMinutes(0, 25)).toBe(0);
    expect(straightLineMinutes(1, 25)).toBe(1);
    expect(straightLineMinutes(416, 25)).toBe(1);
    expect(straightLineMinutes(417, 25)).toBe(2);
    expect(straightLineMinutes(2_500, 25)).toBe(6);
    expect(straightLineMinutes(2_500, 50)).toBe(3);
  });

  it('never gets shorter for a longer distance', () => {
    let previous = 0;
    for (let metres = 0; metres <= 20_000; metres += 97) {
      const minutes = straightLineMinutes(metres, 25);
      expect(minutes).toBeGreaterThanOrEqual(previous);
      previous = minutes;
    }
  });
});
