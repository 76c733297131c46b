import { createHmac } from 'node:crypto';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import {
  ROLES,
  type Role,
  apiKeySchema,
  createdApiKeySchema,
  createdWallDisplaySchema,
  problemSchema,
  sessionSchema,
  sessionUserSchema,
  wallDisplaySchema,
  wallDisplaySessionSchema,
} from '@mekong-ioc/shared';
import { connected, connectLive, refusal, subscribe } from '../../realtime/__tests__/live-test-client';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { DEMO_ACCOUNTS, DEMO_API_KEYS } from '../../demo/demo-fixtures';
import { PUBLIC_ROUTE, ROUTE_API_KEY_SCOPES, ROUTE_ROLES } from '../decorators/access.decorators';

/** Who may call each route that exists. A new route must be added here, or the last test fails. */
const ALL: Role[] = [...ROLES];
const MATRIX: { method: string; path: string; roles: Role[] | 'public' | 'api-key'; body?: unknown }[] = [
  { method: 'GET', path: '/api/health', roles: 'public' },
  { method: 'GET', path: '/api/health/ready', roles: 'public' },
  { method: 'POST', path: '/api/auth/login', roles: 'public' },
  { method: 'POST', path: '/api/auth/refresh', roles: 'public' },
  { method: 'POST', path: '/api/auth/logout', roles: 'public' },
  { method: 'GET', path: '/api/auth/me', roles: ALL },
  { method: 'GET', path: '/api/agencies', roles: ALL },
  { method: 'GET', path: '/api/users', roles: ['admin'] },
  { method: 'POST', path: '/api/users', roles: ['admin'], body: {} },
  { method: 'GET', path: '/api/api-keys', roles: ['admin'] },
  { method: 'POST', path: '/api/api-keys', roles: ['admin'], body: {} },
  { method: 'DELETE', path: '/api/api-keys/00000000-0000-4000-8000-000000000000', roles: ['admin'] },
  { method: 'GET', path: '/api/api-keys/current', roles: 'api-key' },
  { method: 'GET', path: '/api/wall-displays', roles: ['admin'] },
  { method: 'POST', path: '/api/wall-displays', roles: ['admin'], body: {} },
  { method: 'DELETE', path: '/api/wall-displays/00000000-0000-4000-8000-000000000000', roles: ['admin'] },
  // A display trades its credential for a session: no account, so public like sign-in.
  { method: 'POST', path: '/api/wall-displays/session', roles: 'public' },
  { method: 'POST', path: '/api/ingest/:feed', roles: 'api-key' },
  { method: 'GET', path: '/api/devices', roles: ALL },
  { method: 'GET', path: '/api/devices/00000000-0000-4000-8000-000000000000', roles: ALL },
  { method: 'PUT', path: '/api/devices/00000000-0000-4000-8000-000000000000', roles: ['admin'], body: {} },
  { method: 'DELETE', path: '/api/devices/00000000-0000-4000-8000-000000000000', roles: ['admin'] },
  { method: 'GET', path: '/api/readings/latest', roles: ALL },
  { method: 'GET', path: '/api/readings/rollups', roles: ALL },
  { method: 'GET', path: '/api/incidents', roles: ['duty_officer', 'admin', 'leader', 'responder'] },
  { method: 'POST', path: '/api/incidents', roles: ['duty_officer', 'admin'], body: {} },
  { method: 'GET', path: '/api/incidents/audit/verify', roles: ['admin'] },
  { method: 'GET', path: '/api/incidents/00000000-0000-4000-8000-000000000000', roles: ['duty_officer', 'admin', 'leader', 'responder'] },
  { method: 'GET', path: '/api/incidents/00000000-0000-4000-8000-000000000000/audit', roles: ['duty_officer', 'admin', 'leader', 'responder'] },
  { method: 'POST', path: '/api/incidents/00000000-0000-4000-8000-000000000000/transitions', roles: ['duty_officer', 'admin', 'responder'], body: {} },
  { method: 'PATCH', path: '/api/incidents/00000000-0000-4000-8000-000000000000', roles: ['duty_officer', 'admin'], body: {} },
  { method: 'POST', path: '/api/incidents/00000000-0000-4000-8000-000000000000/notes', roles: ['duty_officer', 'admin', 'responder'], body: {} },
  { method: 'POST', path: '/api/incidents/00000000-0000-4000-8000-000000000000/merge', roles: ['duty_officer', 'admin'], body: {} },
  { method: 'POST', path: '/api/incidents/00000000-0000-4000-8000-000000000000/split', roles: ['duty_officer', 'admin'], body: {} },
  { method: 'GET', path: '/api/agency-units', roles: ALL },
  { method: 'GET', path: '/api/wall-trends', roles: ['wall', 'leader', 'duty_officer', 'admin'] },
  { method: 'GET', path: '/api/incidents/00000000-0000-4000-8000-000000000000/suggested-units', roles: ['duty_officer', 'admin'] },
  { method: 'GET', path: '/api/incidents/00000000-0000-4000-8000-000000000000/context', roles: ['duty_officer', 'admin'] },
  { method: 'GET', path: '/api/incidents/00000000-0000-4000-8000-000000000000/photos', roles: ['duty_officer', 'admin', 'leader', 'responder'] },
  { method: 'POST', path: '/api/incidents/00000000-0000-4000-8000-000000000000/photos', roles: ['duty_officer', 'admin', 'responder'], body: {} },
  { method: 'POST', path: '/api/incidents/00000000-0000-4000-8000-000000000000/progress', roles: ['duty_officer', 'admin', 'responder'], body: {} },
  { method: 'POST', path: '/api/wall/focus', roles: ['duty_officer', 'admin'], body: {} },
  { method: 'POST', path: '/api/wall/release', roles: ['duty_officer', 'admin'] },
  { method: 'POST', path: '/api/media/photos', roles: ['duty_officer', 'admin', 'responder'] },
  { method: 'GET', path: '/api/media/00000000-0000-4000-8000-000000000000', roles: 'public' },
  { method: 'GET', path: '/api/media/00000000-0000-4000-8000-000000000000/thumbnail', roles: 'public' },
  // Open311 reads are public; its POST checks the standard's api_key parameter itself (403 without one).
  { method: 'GET', path: '/open311/v2/services.:format', roles: 'public' },
  { method: 'GET', path: '/open311/v2/services/:serviceCode.:format', roles: 'public' },
  { method: 'GET', path: '/open311/v2/requests.:format', roles: 'public' },
  { method: 'POST', path: '/open311/v2/requests.:format', roles: 'public' },
  { method: 'GET', path: '/open311/v2/requests/:serviceRequestId.:format', roles: 'public' },
  { method: 'GET', path: '/open311/v2/tokens/:token.:format', roles: 'public' },
  { method: 'POST', path: '/api/reports', roles: 'public' },
  { method: 'GET', path: '/api/track/:code', roles: 'public' },
  { method: 'GET', path: '/api/alerts', roles: ['admin', 'duty_officer', 'leader', 'wall'] },
  { method: 'GET', path: '/api/alerts/00000000-0000-4000-8000-000000000000', roles: ['admin', 'duty_officer', 'leader', 'wall'] },
  { method: 'POST', path: '/api/alerts/00000000-0000-4000-8000-000000000000/ack', roles: ['duty_officer', 'admin'], body: {} },
  { method: 'POST', path: '/api/alerts/00000000-0000-4000-8000-000000000000/incident', roles: ['duty_officer', 'admin'] },
  { method: 'GET', path: '/api/alert-rules', roles: ['admin', 'duty_officer'] },
  { method: 'POST', path: '/api/alert-rules', roles: ['admin'], body: {} },
  { method: 'PUT', path: '/api/alert-rules/00000000-0000-4000-8000-000000000000', roles: ['admin'], body: {} },
  { method: 'DELETE', path: '/api/alert-rules/00000000-0000-4000-8000-000000000000', roles: ['admin'] },
  // CAP is for other systems, which hold no account here: public, limited to what the public may know.
  { method: 'GET', path: '/api/alerts.cap', roles: 'public' },
  { method: 'GET', path: '/api/alerts/00000000-0000-4000-8000-000000000000.cap', roles: 'public' },
  { method: 'GET', path: '/api/kpis', roles: ['admin', 'duty_officer', 'leader', 'wall'] },
  { method: 'GET', path: '/api/kpis/00000000-0000-4000-8000-000000000000/series', roles: ['admin', 'duty_officer', 'leader', 'wall'] },
  { method: 'POST', path: '/api/briefings', roles: ['leader', 'duty_officer', 'admin'], body: {} },
  { method: 'GET', path: '/api/briefings', roles: ['leader', 'duty_officer', 'admin'] },
  { method: 'GET', path: '/api/briefings/00000000-0000-4000-8000-000000000000/file', roles: ['leader', 'duty_officer', 'admin'] },
];
const PROTECTED = MATRIX.filter((route) => Array.isArray(route.roles)) as { method: string; path: string; roles: Role[]; body?: unknown }[];

const base64url = (value: object | string): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describeEachDatabase('access control', (kind) => {
  let database: TestDatabase;
  let api: TestApp;
  const tokens = {} as Record<Role, string>;

  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config);
    for (const account of DEMO_ACCOUNTS) tokens[account.role] = (await api.login(account.username)).accessToken;
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  describe.each(PROTECTED)('$method $path', (route) => {
    it('answers 401 without a token', async () => {
      const response = await call(route.method, route.path, {}, route.body);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(problemSchema.parse(await response.json()).code).toBe('AUTH_TOKEN_MISSING');
    });

    it.each(ALL)('lets %s in only if the matrix says so', async (role) => {
      const response = await call(route.method, route.path, bearer(tokens[role]), route.body);
      if (route.roles.includes(role)) {
        // 400: the briefing request answers a bad week or format with 400, as its issue asks.
        expect([200, 201, 204, 400, 404, 422]).toContain(response.status);
      } else {
        expect(response.status).toBe(403);
        expect(problemSchema.parse(await response.json()).code).toBe('AUTH_ROLE_DENIED');
      }
    });
  });

  describe('refuses tokens it did not issue as it issued them', () => {
    const admin = () => JSON.parse(Buffer.from(tokens.admin.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    const sign = (header: object, payload: object, secret = TEST_JWT_SECRET) => {
      const unsigned = `${base64url(header)}.${base64url(payload)}`;
      return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    };
    const now = () => Math.floor(Date.now() / 1000);

    it.each([
      ['forged with another secret', () => sign({ alg: 'HS256', typ: 'JWT' }, admin(), 'not-the-secret-0123456789abcdefghij')],
      ['expired', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...admin(), iat: now() - 7200, exp: now() - 3600 })],
      ['alg none', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(admin())}.`],
      ['another audience', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...admin(), aud: 'someone-else' })],
      ['another issuer', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...admin(), iss: 'someone-else' })],
      ['a role raised by hand', () => `${tokens.wall.split('.')[0]}.${base64url({ ...admin() })}.${tokens.wall.split('.')[2]}`],
      ['HS512 instead of the pinned HS256', () => {
        const unsigned = `${base64url({ alg: 'HS512', typ: 'JWT' })}.${base64url(admin())}`;
        return `${unsigned}.${createHmac('sha512', TEST_JWT_SECRET).update(unsigned).digest('base64url')}`;
      }],
      ['garbage', () => 'not.a.jwt'],
    ])('%s: 401', async (_, token) => {
      const response = await call('GET', '/api/users', bearer(token()));
      expect(response.status).toBe(401);
      expect(problemSchema.parse(await response.json()).code).toBe('AUTH_TOKEN_INVALID');
    });

    it('accepts a well-formed token signed with the secret (the forgeries above differ only as named)', async () => {
      const response = await call('GET', '/api/users', bearer(sign({ alg: 'HS256', typ: 'JWT' }, admin())));
      expect(response.status).toBe(200);
    });
  });

  describe('sign-in', () => {
    it('refuses a wrong password and an unknown user alike', async () => {
      for (const body of [{ username: 'admin', password: 'wrong' }, { username: 'nobody', password: 'wrong' }]) {
        const response = await call('POST', '/api/auth/login', {}, body);
        expect(response.status).toBe(401);
        expect(problemSchema.parse(await response.json())).toMatchObject({ code: 'AUTH_BAD_CREDENTIALS', detail: 'Wrong username or password.' });
      }
    });

    it('answers 422 naming each wrong field', async () => {
      const response = await call('POST', '/api/auth/login', {}, { username: '' });
      expect(response.status).toBe(422);
      const problem = problemSchema.parse(await response.json());
      expect(problem.errors?.map((error) => error.path).sort()).toEqual(['password', 'username']);
    });

    it('rotates refresh tokens and ends every session when a used one comes back', async () => {
      const first = await api.login('lanhdao');
      const second = sessionSchema.parse(await (await call('POST', '/api/auth/refresh', {}, { refreshToken: first.refreshToken })).json());
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect((await call('GET', '/api/auth/me', bearer(second.accessToken))).status).toBe(200);

      const replay = await call('POST', '/api/auth/refresh', {}, { refreshToken: first.refreshToken });
      expect(replay.status).toBe(401);
      // The thief's replay revoked the rightful holder's newer token too.
      expect((await call('POST', '/api/auth/refresh', {}, { refreshToken: second.refreshToken })).status).toBe(401);
    });

    it('logs out: the refresh token stops working', async () => {
      const session = await api.login('truc');
      expect((await call('POST', '/api/auth/logout', {}, { refreshToken: session.refreshToken })).status).toBe(204);
      expect((await call('POST', '/api/auth/refresh', {}, { refreshToken: session.refreshToken })).status).toBe(401);
    });
  });

  describe('API keys', () => {
    const demoKey = DEMO_API_KEYS[0]?.key ?? '';

    it('are refused when missing, malformed or unknown', async () => {
      expect((await call('GET', '/api/api-keys/current')).status).toBe(401);
      expect((await call('GET', '/api/api-keys/current', { 'x-api-key': 'nope' })).status).toBe(401);
      expect((await call('GET', '/api/api-keys/current', { 'x-api-key': demoKey.replace(/.$/, '1') })).status).toBe(401);
      // A user token is not an API key.
      expect((await call('GET', '/api/api-keys/current', bearer(tokens.admin))).status).toBe(401);
    });

    it('are created once, shown once, scoped, and stop working when revoked', async () => {
      const created = createdApiKeySchema.parse(
        await (await call('POST', '/api/api-keys', bearer(tokens.admin), { name: 'Trạm quan trắc 01', scopes: ['ingest:environment'] })).json(),
      );
      const current = await call('GET', '/api/api-keys/current', { 'x-api-key': created.key });
      expect(await current.json()).toEqual({ id: created.id, name: 'Trạm quan trắc 01', scopes: ['ingest:environment'] });

      const listed = apiKeySchema.array().parse(await (await call('GET', '/api/api-keys', bearer(tokens.admin))).json());
      // The secret is everything after `mioc_<prefix>_`, and may itself contain '_'.
      const secret = created.key.slice(created.prefix.length + 1);
      expect(secret).toHaveLength(43);
      expect(JSON.stringify(listed)).not.toContain(secret);

      expect((await call('DELETE', `/api/api-keys/${created.id}`, bearer(tokens.admin))).status).toBe(204);
      expect((await call('GET', '/api/api-keys/current', { 'x-api-key': created.key })).status).toBe(401);
    });

    it('refuse unknown scopes', async () => {
      const response = await call('POST', '/api/api-keys', bearer(tokens.admin), { name: 'x', scopes: ['everything'] });
      expect(response.status).toBe(422);
    });
  });

  describe('wall displays', () => {
    const pair = async (name: string) => {
      const created = createdWallDisplaySchema.parse(await (await call('POST', '/api/wall-displays', bearer(tokens.admin), { name })).json());
      const session = wallDisplaySessionSchema.parse(await (await call('POST', '/api/wall-displays/session', {}, { credential: created.credential })).json());
      return { created, session };
    };

    it('are issued by an admin once, yield read-only wall sessions, and never list their secret', async () => {
      const { created, session } = await pair('Màn hình phòng điều hành 1');
      expect(created.pairingPath).toBe(`/wall#device=${created.credential}`);
      expect(session.user).toMatchObject({ id: created.id, role: 'wall', displayName: 'Màn hình phòng điều hành 1', agencyId: null });
      const token = bearer(session.accessToken);
      // Reads what the wall shows; cannot act, cannot read the officer-only incident details.
      expect((await call('GET', '/api/kpis', token)).status).toBe(200);
      expect((await call('GET', '/api/alerts', token)).status).toBe(200);
      expect((await call('GET', '/api/incidents', token)).status).toBe(403);
      expect((await call('POST', '/api/alerts/00000000-0000-4000-8000-000000000000/ack', token, {})).status).toBe(403);
      expect((await call('POST', '/api/wall/release', token)).status).toBe(403);
      expect((await call('GET', '/api/wall-displays', token)).status).toBe(403);
      expect(sessionUserSchema.parse(await (await call('GET', '/api/auth/me', token)).json())).toMatchObject({ id: created.id, role: 'wall' });

      const listed = wallDisplaySchema.array().parse(await (await call('GET', '/api/wall-displays', bearer(tokens.admin))).json());
      const mine = listed.find((display) => display.id === created.id);
      expect(mine?.lastUsedAt).not.toBeNull();
      expect(mine?.revokedAt).toBeNull();
      expect(JSON.stringify(listed)).not.toContain(created.credential.slice(created.prefix.length + 1));
    });

    it('refuse a wrong credential, a bad name and a role above wall', async () => {
      const { created } = await pair('Màn hình 2');
      for (const credential of ['nope', created.credential.replace(/.$/, created.credential.endsWith('A') ? 'B' : 'A')]) {
        const response = await call('POST', '/api/wall-displays/session', {}, { credential });
        expect(response.status).toBe(401);
        expect(problemSchema.parse(await response.json()).code).toBe('AUTH_WALL_DISPLAY_INVALID');
      }
      expect((await call('POST', '/api/wall-displays', bearer(tokens.admin), { name: '  ' })).status).toBe(422);
      expect((await call('POST', '/api/wall-displays', bearer(tokens.duty_officer), { name: 'x' })).status).toBe(403);
    });

    it('stop working when revoked: REST, the session exchange and the live socket, at once', async () => {
      const { created, session } = await pair('Màn hình 3');
      const socket = connectLive(api.baseUrl, { token: session.accessToken });
      try {
        await connected(socket);
        expect((await subscribe(socket, 'kpis')).ok).toBe(true);
        expect((await subscribe(socket, 'incidents')).ok).toBe(false);
        const cut = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

        expect((await call('DELETE', `/api/wall-displays/${created.id}`, bearer(tokens.admin))).status).toBe(204);
        expect(await cut).toBe('io server disconnect');
        expect((await call('GET', '/api/kpis', bearer(session.accessToken))).status).toBe(401);
        expect((await call('POST', '/api/wall-displays/session', {}, { credential: created.credential })).status).toBe(401);
        expect(await refusal(connectLive(api.baseUrl, { token: session.accessToken }))).toBe('AUTH_TOKEN_INVALID');
        expect((await call('DELETE', `/api/wall-displays/${created.id}`, bearer(tokens.admin))).status).toBe(404);
        const listed = wallDisplaySchema.array().parse(await (await call('GET', '/api/wall-displays', bearer(tokens.admin))).json());
        expect(listed.find((display) => display.id === created.id)?.revokedAt).not.toBeNull();
      } finally {
        socket.disconnect();
      }
    });
  });

  it('covers every route the API has, and every route declares who may call it', () => {
    const scanner = new MetadataScanner();
    const reflector = new Reflector();
    const controllers = [...api.app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
    const routes: string[] = [];
    for (const controller of controllers) {
      const instance = controller.instance as object;
      const metatype = controller.metatype;
      if (!metatype) continue;
      const prefix = String(reflector.get(PATH_METADATA, metatype) ?? '');
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = (instance as Record<string, unknown>)[name] as () => unknown;
        const path = reflector.get<string | undefined>(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[reflector.get<RequestMethod>(METHOD_METADATA, handler)];
        const declared = [PUBLIC_ROUTE, ROUTE_ROLES, ROUTE_API_KEY_SCOPES].some(
          (key) => reflector.getAllAndOverride(key, [handler, metatype]) !== undefined,
        );
        expect({ route: `${method} ${prefix}/${path}`, declared }).toEqual({ route: expect.any(String), declared: true });
        // Open311 is served outside the `api` prefix, at the standard's own path.
        const base = prefix.startsWith('open311/') ? '' : '/api';
        routes.push(`${method} ${base}/${[prefix, path].filter(Boolean).join('/')}`.replace(/\/+$/, '').replace(':id', '00000000-0000-4000-8000-000000000000'));
      }
    }
    expect(routes.sort()).toEqual(MATRIX.map((route) => `${route.method} ${route.path}`).sort());
  });
});
