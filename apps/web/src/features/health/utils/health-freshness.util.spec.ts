import { healthState } from './health-freshness.util';

const health = { status: 'ok', database: 'pglite', version: '0.1.0', uptimeSeconds: 3 } as const;

describe('healthState', () => {
  it('is checking until the first answer, down if that fails', () => {
    expect(healthState({ health: null, receivedAt: null, failing: false }, 0, 30_000)).toBe('checking');
    expect(healthState({ health: null, receivedAt: null, failing: true }, 0, 30_000)).toBe('down');
  });

  it('goes stale after two missed polls, and down when the server stops answering', () => {
    const reading = { health, receivedAt: 1_000, failing: false };
    expect(healthState(reading, 31_000, 30_000)).toBe('ok');
    expect(healthState(reading, 70_000, 30_000)).toBe('stale');
    expect(healthState({ ...reading, failing: true }, 2_000, 30_000)).toBe('down');
  });
});
