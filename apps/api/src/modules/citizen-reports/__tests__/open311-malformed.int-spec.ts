import fc from 'fast-check';
import { REPORT_CATEGORIES } from '@mekong-ioc/shared';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { countReports, formBody, REPORT_KEY } from './citizen-report-test.helpers';

/** About a thousand per database: two thousand malformed requests in all. */
const RUNS = 1_000;

const hugeString = fc.integer({ min: 5_000, max: 70_000 }).map((length) => 'ư'.repeat(length));
const junk = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hugeString, fc.constant(''), fc.constant('null'), fc.constant('NaN'));
const badCoordinate = fc.oneof(junk, fc.constantFrom('180.5', '-181', '1e400', 'Infinity', '0x10', '10,35', ' '));
// 91 and -90.0001 are wrong only as latitudes: as longitudes they are fine.
const badLatitude = fc.oneof(badCoordinate, fc.constantFrom('91', '-90.0001'));

/** Open311 POST fields that are wrong in at least one way the standard requires a 400 or 403 for. */
const malformedFields = fc
  .record(
    {
      api_key: fc.oneof(fc.constant(REPORT_KEY), junk),
      service_code: fc.oneof(fc.constantFrom(...REPORT_CATEGORIES), junk),
      lat: fc.oneof(fc.constant('10.36'), badLatitude),
      long: fc.oneof(fc.constant('106.36'), badCoordinate),
      address_string: fc.oneof(fc.constant('Chợ Mỹ Tho'), hugeString),
      email: fc.oneof(fc.constant('a@example.vn'), junk),
      phone: fc.oneof(fc.constant('0912345678'), junk),
      description: fc.oneof(fc.constant('Ngập nước'), hugeString),
      media_url: fc.oneof(fc.constant('https://example.vn/a.jpg'), junk, fc.constant('javascript:alert(1)')),
      locale: fc.oneof(fc.constantFrom('vi', 'en'), junk),
    },
    { requiredKeys: [] },
  )
  .filter((fields) => {
    // Keep only requests that really are wrong: a valid one may rightly be stored.
    const validPoint = fields.lat === '10.36' && fields.long === '106.36';
    const validAddressOnly = fields.lat === undefined && fields.long === undefined && fields.address_string === 'Chợ Mỹ Tho';
    const valid =
      fields.api_key === REPORT_KEY &&
      fields.service_code !== undefined && (REPORT_CATEGORIES as readonly string[]).includes(fields.service_code) &&
      (validPoint || validAddressOnly) &&
      (fields.address_string === undefined || fields.address_string === 'Chợ Mỹ Tho') &&
      [fields.email, fields.phone, fields.description, fields.media_url].every((value) => value === undefined || value.length < 100 || value === '') &&
      (fields.email === undefined || fields.email === 'a@example.vn' || fields.email === '') &&
      (fields.phone === undefined || fields.phone === '0912345678' || fields.phone === '') &&
      (fields.description === undefined || fields.description === 'Ngập nước' || fields.description === '') &&
      (fields.media_url === undefined || fields.media_url === 'https://example.vn/a.jpg' || fields.media_url === '') &&
      (fields.locale === undefined || fields.locale === 'vi' || fields.locale === 'en');
    return !valid;
  });

type Attempt = { method: string; path: string; headers: Record<string, string>; body?: string | Uint8Array };

const encoded = (fields: Record<string, string>) => fc.constantFrom<Attempt['body']>(formBody(fields), JSON.stringify(fields));

const attempts: fc.Arbitrary<Attempt> = fc.oneof(
  // Malformed fields, form-encoded (as the standard has it) or as JSON.
  malformedFields.chain((fields) =>
    fc.tuple(encoded(fields), fc.constantFrom('json', 'xml')).map(([body, format]) => ({
      method: 'POST',
      path: `/open311/v2/requests.${format}`,
      headers: { 'content-type': typeof body === 'string' && body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded' },
      body,
    })),
  ),
  // Garbage bodies under every content type, some of them lying.
  fc
    .tuple(
      fc.oneof(fc.string(), fc.uint8Array({ maxLength: 300 }), fc.json(), hugeString),
      fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml', 'multipart/form-data', 'multipart/form-data; boundary=x', 'image/jpeg', ''),
    )
    .map(([body, contentType]): Attempt => ({
      method: 'POST',
      path: '/open311/v2/requests.json',
      headers: contentType ? { 'content-type': contentType } : {},
      body,
    })),
  // Wrong paths, formats, ids, tokens and query parameters.
  fc
    .tuple(
      fc.constantFrom('services', 'services/flooding', 'services/', 'requests', 'requests/', 'tokens/', 'nothing'),
      fc.oneof(fc.constantFrom('json', 'xml'), fc.string({ maxLength: 10 })),
      fc.oneof(fc.string({ maxLength: 60 }), junk.map((value) => value.slice(0, 2_000))),
      fc.dictionary(fc.constantFrom('service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'locale'), junk.map((value) => value.slice(0, 3_000)), { minKeys: 1 }),
    )
    .map(([resource, format, id, query]) => ({
      method: 'GET',
      path: `/open311/v2/${resource}${resource.endsWith('/') ? encodeURIComponent(id) : ''}.${encodeURIComponent(format)}?${new URLSearchParams(query).toString()}`,
      headers: {},
    })),
);

describeEachDatabase('Open311 under malformed requests', (kind) => {
  let database: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config, { REPORT_RATE_LIMIT_PER_IP_PER_MINUTE: '100000', REPORT_RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('answers only 4xx and stores nothing', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(attempts, async (attempt) => {
        const response = await fetch(`${api.baseUrl}${attempt.path}`, { method: attempt.method, headers: attempt.headers, body: attempt.body });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        // A GET of a real resource with harmless leftovers may be a 200; nothing else may succeed, nothing may fail on our side.
        return attempt.method === 'GET' ? response.status < 500 : response.status >= 400 && response.status < 500;
      }),
      { numRuns: RUNS },
    );
    expect(await countReports(api)).toBe(0);
    // The run really reached the validation, the key check and the content-type checks.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 403, 404]));
  }, 600_000);
});
