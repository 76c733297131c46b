import { problemSchema } from '@mekong-ioc/shared';
import { startTestApp, TestApp } from '../../../test-support/test-app';

/** Bad input gets a clear problem-details answer, never a 500, and the process stays up. */
describe('HTTP errors', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ kind: 'pglite', dataDir: null }, { BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => api?.close());

  const login = (body: string | Buffer, contentType = 'application/json') =>
    fetch(`${api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': contentType }, body });

  const expectProblem = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = problemSchema.parse(await response.json());
    expect(problem).toMatchObject({ status, code });
    expect(problem.requestId).toBe(response.headers.get('x-request-id'));
    return problem;
  };

  it('malformed JSON: 400', async () => {
    const problem = await expectProblem(await login('{"username": "admin",'), 400, 'BAD_REQUEST');
    expect(problem.detail).toMatch(/JSON/);
  });

  it('empty JSON body: 400', async () => {
    await expectProblem(await login(''), 400, 'BAD_REQUEST');
  });

  it('wrong content type: 415', async () => {
    await expectProblem(await login('username=admin', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectProblem(await login('<login/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('body over the limit: 413', async () => {
    await expectProblem(await login(JSON.stringify({ username: 'a'.repeat(5000), password: 'x' })), 413, 'BODY_TOO_LARGE');
  });

  it('well-formed JSON of the wrong shape: 422 with the fields', async () => {
    const problem = await expectProblem(await login(JSON.stringify({ username: 42, password: ['x'] })), 422, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([
      { path: 'username', message: expect.any(String) },
      { path: 'password', message: expect.any(String) },
    ]);
  });

  it('unknown API route: 404 problem, for every method', async () => {
    await expectProblem(await fetch(`${api.baseUrl}/api/nothing-here`), 404, 'NOT_FOUND');
    await expectProblem(await fetch(`${api.baseUrl}/api/nothing-here`, { method: 'POST' }), 404, 'NOT_FOUND');
  });

  it('keeps a sane X-Request-Id from the caller and replaces an unsafe one', async () => {
    const kept = await fetch(`${api.baseUrl}/api/health`, { headers: { 'x-request-id': 'gateway-42' } });
    expect(kept.headers.get('x-request-id')).toBe('gateway-42');
    const replaced = await fetch(`${api.baseUrl}/api/health`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is still up and answering after all of that', async () => {
    expect((await fetch(`${api.baseUrl}/api/health`)).status).toBe(200);
  });
});

describe('security headers', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ kind: 'pglite', dataDir: null });
  });
  afterAll(() => api?.close());

  it('sends nosniff on API answers and the full document policy on HTML pages', async () => {
    const json = await fetch(`${api.baseUrl}/api/health`);
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
    expect(json.headers.get('content-security-policy')).toBeNull();

    const docs = await fetch(`${api.baseUrl}/api/docs`);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expect(docs.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(docs.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(docs.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
