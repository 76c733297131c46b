import { TRACKING_CODE_PATTERN } from '@mekong-ioc/shared';
import { newTrackingCode, normaliseTrackingCode } from './tracking-code.util';

describe('tracking codes', () => {
  it('are 10 Crockford base32 characters, spread over the whole alphabet', () => {
    const codes = Array.from({ length: 2_000 }, newTrackingCode);
    for (const code of codes) expect(code).toMatch(TRACKING_CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
    // 20,000 characters over 32 symbols: every symbol turns up, none dominates.
    const counts = new Map<string, number>();
    for (const char of codes.join('')) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(32);
    expect(Math.max(...counts.values())).toBeLessThan(1_000);
  });

  it('forgive how people type them: case, hyphens, spaces, O for 0, I and L for 1', () => {
    expect(normaliseTrackingCode(' 7k3m-9qx2 ol ')).toBe('7K3M9QX201');
    expect(normaliseTrackingCode('7K3M9QX2I1')).toBe('7K3M9QX211');
  });
});
