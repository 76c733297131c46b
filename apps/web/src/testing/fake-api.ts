import type { Session } from '@mekong-ioc/shared';
import type { FetchFunction } from '../api/api-client';

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

export type FakeRoute = (call: RecordedCall) => Response | Promise<Response>;

/** A `fetch` that answers from a table of routes and records every call, for unit tests of API callers. */
export function fakeFetch(routes: Record<string, FakeRoute>): { fetch: FetchFunction; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const headers = new Headers(init.headers);
    const call: RecordedCall = {
      method: init.method ?? 'GET',
      path: input,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      authorization: headers.get('authorization'),
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    if (!route) throw new TypeError(`fetch failed: no fake route for ${call.method} ${call.path}`);
    return route(call);
  };
  return { fetch, calls };
}

export const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const problem = (status: number, code: string, detail: string): Response =>
  new Response(JSON.stringify({ type: `https://mekong-ioc.dev/problems/${code}`, title: 'Error', status, code, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

let counter = 0;

/** A valid session as the API issues it, with fresh tokens each time. */
export function fakeSession(overrides: Partial<Session> = {}): Session {
  counter += 1;
  return {
    accessToken: `access-${counter}`,
    expiresIn: 900,
    refreshToken: `refresh-${counter}`,
    refreshExpiresAt: '2026-01-12T08:00:00.000Z',
    user: {
      id: '0b8f5a3e-4c1d-4e8b-9a57-6f1e2d3c4b5a',
      username: 'truc',
      displayName: 'Cán bộ trực ca',
      role: 'duty_officer',
      agencyId: null,
    },
    ...overrides,
  };
}
