import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Request ids: a caller's `X-Request-Id` is kept when it looks like an id (so a trace crosses the
 * proxy), otherwise a fresh UUID.
 */
export function requestIdFor(raw: IncomingMessage): string {
  const offered = raw.headers['x-request-id'];
  return typeof offered === 'string' && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
}
