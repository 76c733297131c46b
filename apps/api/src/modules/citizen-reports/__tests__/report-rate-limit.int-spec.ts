import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { open311ErrorSchema, problemSchema } from '@mekong-ioc/shared';
import { describeIf, postgresAvailable, redisAvailable, TEST_REDIS_URL } from '../../../test-support/services';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { formBody, REPORT_KEY } from './citizen-report-test.helpers';

const postOpen311 = (api: TestApp) =>
  fetch(`${api.baseUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody({ api_key: REPORT_KEY, service_code: 'other', lat: '10.36', long: '106.36', description: 'Rate limit probe' }),
  });
const postWebForm = (api: TestApp) =>
  fetch(`${api.baseUrl}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'other', description: 'Rate limit probe from the web form', lat: 10.36, lon: 106.36 }),
  });

/** Per-client-IP and per-API-key limits on filing reports: 429 with Retry-After past them. */
describeEachDatabase('citizen report rate limits', (kind) => {
  let database: TestDatabase;
  let api: TestApp;
  const open311 = () => postOpen311(api);
  const webForm = () => postWebForm(api);

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

/** With Redis, every instance counts against the same limits: two instances do not double them. */
describeIf(postgresAvailable && redisAvailable)('citizen report rate limits across instances (PostgreSQL + Redis)', () => {
  const prefix = `ioc-test-${randomBytes(4).toString('hex')}:`;
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, REPORT_RATE_LIMIT_PER_IP_PER_MINUTE: '3', REPORT_RATE_LIMIT_PER_MINUTE: '2' };
    first = await startTestApp(database.config, env);
    second = await startTestApp(database.config, env);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
    const redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
    if (keys.length) await redis.del(keys);
    await redis.close();
  });

  it('refuses the key on one instance once it is spent on the other, and the address likewise', async () => {
    expect((await postOpen311(first)).status).toBe(201);
    expect((await postOpen311(second)).status).toBe(201);
    const keyLimited = await postOpen311(first);
    expect(keyLimited.status).toBe(429);
    expect(open311ErrorSchema.array().parse(await keyLimited.json())).toEqual([{ code: 429, description: expect.stringMatching(/API key/) }]);

    // Three POSTs from this address so far, split over both instances: the fourth is refused on either.
    const ipLimited = await postWebForm(second);
    expect(ipLimited.status).toBe(429);
    expect(problemSchema.parse(await ipLimited.json()).code).toBe('REPORT_RATE_LIMITED');
    expect(Number(ipLimited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });
});
