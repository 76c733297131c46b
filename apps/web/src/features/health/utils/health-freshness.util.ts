import type { HealthReading } from '../hooks/use-health';

export type HealthState = 'checking' | 'ok' | 'stale' | 'down';

/** An answer older than two missed polls is stale, whatever the last one said. */
export function healthState(reading: HealthReading, now: number, pollMs: number): HealthState {
  if (reading.receivedAt === null) return reading.failing ? 'down' : 'checking';
  if (reading.failing) return 'down';
  return now - reading.receivedAt > 2 * pollMs + 5_000 ? 'stale' : 'ok';
}
