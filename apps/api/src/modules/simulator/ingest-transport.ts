import type { FeedId } from '@mekong-ioc/shared';
import type { SimulatedReading } from './simulation-model';

/**
 * What became of one batch. `accepted`: the API answered for every reading (HTTP). `delivered`:
 * a broker took it (MQTT QoS 1); the API's verdict then goes to its own tables. `retry`: overloaded
 * or unreachable, send the same batch again later. `refused`: a 4xx that resending cannot fix.
 */
export type SendOutcome =
  | { kind: 'accepted'; stored: number; duplicates: number; rejected: number; firstRejection?: string }
  | { kind: 'delivered'; count: number }
  | { kind: 'retry'; reason: string; status?: number; retryAfterMs?: number }
  | { kind: 'refused'; reason: string; status?: number };

/** A way into the public ingest path. Implementations never throw from `send`; they report. */
export interface IngestTransport {
  readonly description: string;
  send(feed: FeedId, readings: readonly SimulatedReading[]): Promise<SendOutcome>;
  /** Resolves once connected, or at the timeout (sending then reports `retry` until it is). */
  ready?(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Where the simulator writes its lines; Nest's Logger fits, so does the console. */
export interface SimulatorLog {
  log(message: string): void;
  warn(message: string): void;
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export const describeError = (error: unknown): string => {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code} ${error.message}` : error.message;
  }
  return String(error);
};
