import { open311ErrorSchema, problemSchema } from '@mekong-ioc/shared';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { formBody, REPORT_KEY } from './citizen-report-test.helpers';

/** Per-client-IP and per-API-key limits on filing reports: 429 with Retry-After past them. */
describeEachDatabase('citizen report rate limits', (kind) => {
  let database: TestDatabase;
  let api: TestApp;

  const open311 = () =>
    fetch(`${api.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody({ api_key: REPORT_KEY, service_code: 'other', lat: '10.36', long: '106.36', description: 'Rate limit probe' }),
    });
  const webForm = () =>
    fetch(`${api.baseUrl}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'other', description: 'Rate limit probe from the web form', lat: 10.36, lon: 106.36 }),
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config, { REPORT_RATE_LIMIT_PER_IP_PER_MINUTE: '3', REPORT_RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('limits an API key, then the client address, across Open311 and the web form', async () => {
    expect((await open311()).status).toBe(201);
    expect((await open311()).status).toBe(201);
    // Third from the key: past its limit of 2 (the address has used 3 of 3).
    const keyLimited = await open311();
    expect(keyLimited.status).toBe(429);
    expect(Number(keyLimited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(open311ErrorSchema.array().parse(await keyLimited.json())).toEqual([{ code: 429, description: expect.stringMatching(/API key/) }]);

    // The address is spent too: the web form, with no key, is refused before its body is read.
    const ipLimited = await webForm();
    expect(ipLimited.status).toBe(429);
    const retryAfter = Number(ipLimited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(problemSchema.parse(await ipLimited.json()).code).toBe('REPORT_RATE_LIMITED');

    // Reading is not limited.
    expect((await fetch(`${api.baseUrl}/open311/v2/requests.json`)).status).toBe(200);
  });
});
