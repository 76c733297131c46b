import { healthSchema } from '@mekong-ioc/shared';
import { fakeFetch, json, problem } from '../testing/fake-api';
import { createApiClient } from './api-client';
import { ApiError } from './api-error';

const health = { status: 'ok', database: 'pglite', version: '0.1.0', uptimeSeconds: 12 };

describe('createApiClient', () => {
  it('parses an answer with the contract schema and sends the bearer token', async () => {
    const { fetch, calls } = fakeFetch({ 'GET /api/health': () => json(200, health) });
    await expect(createApiClient(fetch).json('/api/health', healthSchema, { accessToken: 'token-1' })).resolves.toEqual(health);
    expect(calls[0]?.authorization).toBe('Bearer token-1');
  });

  it('turns problem+json into an ApiError with the problem code', async () => {
    const { fetch } = fakeFetch({ 'POST /api/auth/login': () => problem(401, 'AUTH_BAD_CREDENTIALS', 'Wrong username or password.') });
    const error = await createApiClient(fetch)
      .json('/api/auth/login', healthSchema, { method: 'POST', body: { username: 'a', password: 'b' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'AUTH_BAD_CREDENTIALS', detail: 'Wrong username or password.' });
    expect((error as ApiError).problem?.status).toBe(401);
  });

  it('names an error without problem details by its status', async () => {
    const { fetch } = fakeFetch({ 'GET /api/health': () => new Response('<html>bad gateway</html>', { status: 502 }) });
    await expect(createApiClient(fetch).json('/api/health', healthSchema)).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('refuses an answer that does not match the contract', async () => {
    const { fetch } = fakeFetch({ 'GET /api/health': () => json(200, { ...health, database: 'mysql' }) });
    await expect(createApiClient(fetch).json('/api/health', healthSchema)).rejects.toMatchObject({ code: 'RESPONSE_INVALID' });
  });

  it('reports a request that got no answer as NETWORK_UNREACHABLE', async () => {
    const { fetch } = fakeFetch({});
    await expect(createApiClient(fetch).json('/api/health', healthSchema)).rejects.toMatchObject({ status: 0, code: 'NETWORK_UNREACHABLE' });
  });
});
