import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { incidentDetailSchema, problemSchema, submitReportResponseSchema, trackingViewSchema, TRACKING_CODE_PATTERN } from '@mekong-ioc/shared';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { countReports, REPORT_KEY, smallJpeg } from './citizen-report-test.helpers';

/** The reporter's contact details, which no answer and no log line may carry. */
const CONTACT = { name: 'Nguyễn Thị Bích Ngọc', email: 'ngoc.nguyen.private@example.vn', phone: '+84 912 345 678' };

/** The public web form and the tracking page, over HTTP, with the app's real log output captured. */
describeEachDatabase('citizen reports: web form and tracking', (kind) => {
  let database: TestDatabase;
  let api: TestApp;
  const logLines: string[] = [];

  const report = (overrides: Record<string, string> = {}) => ({
    category: 'flooding',
    description: 'Nước ngập sâu 30 cm trước chợ Mỹ Tho sau cơn mưa.',
    lat: '10.3556',
    lon: '106.3663',
    address: 'Chợ Mỹ Tho, đường Trưng Trắc',
    ...CONTACT,
    ...overrides,
  });
  const multipart = async (fields: Record<string, string>, photos: number) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (let i = 0; i < photos; i++) form.append('photo', new Blob([await smallJpeg(i % 2 ? '#2980b9' : '#27ae60')], { type: 'image/jpeg' }), `anh-${i}.jpg`);
    return form;
  };
  const submit = (body: FormData | string, headers: Record<string, string> = {}) =>
    fetch(`${api.baseUrl}/api/reports`, {
      method: 'POST',
      headers: typeof body === 'string' ? { 'content-type': 'application/json', ...headers } : headers,
      body,
    });
  const expectNoContact = (text: string) => {
    for (const detail of Object.values(CONTACT)) expect(text).not.toContain(detail);
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    api = await startTestApp(
      database.config,
      { LOG_LEVEL: 'info', REPORT_RATE_LIMIT_PER_IP_PER_MINUTE: '10000' },
      { logDestination: capture },
    );
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('files a report with photos and follows it by its tracking code, without any contact detail', async () => {
    const response = await submit(await multipart(report(), 2));
    expect(response.status).toBe(201);
    const text = await response.text();
    expectNoContact(text);
    const filed = submitReportResponseSchema.parse(JSON.parse(text));
    expect(filed).toEqual({ trackingCode: expect.stringMatching(TRACKING_CODE_PATTERN), serviceRequestId: expect.any(String), photos: 2 });

    const tracked = await fetch(`${api.baseUrl}/api/track/${filed.trackingCode}`);
    expect(tracked.status).toBe(200);
    const trackedText = await tracked.text();
    expectNoContact(trackedText);
    const view = trackingViewSchema.parse(JSON.parse(trackedText));
    expect(view).toMatchObject({
      trackingCode: filed.trackingCode,
      serviceRequestId: filed.serviceRequestId,
      category: 'flooding',
      lat: 10.3556,
      lon: 106.3663,
      address: 'Chợ Mỹ Tho, đường Trưng Trắc',
      status: 'new',
      open311Status: 'open',
    });
    expect(view.expectedAt).not.toBeNull();
    expect(view.history[0]).toMatchObject({ status: 'new' });
    expect(view.photos).toHaveLength(2);
    const photo = await fetch(`${api.baseUrl}${view.photos[0]?.thumbnailUrl}`);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');

    // Typed by hand: lower case, a hyphen, O for 0.
    const typed = `${filed.trackingCode.slice(0, 5)}-${filed.trackingCode.slice(5)}`.toLowerCase().replaceAll('0', 'o');
    expect((await fetch(`${api.baseUrl}/api/track/${encodeURIComponent(typed)}?locale=en`)).status).toBe(200);

    // The same report through Open311 shows no contact detail either.
    const open311 = await fetch(`${api.baseUrl}/open311/v2/requests/${filed.serviceRequestId}.json`);
    expect(open311.status).toBe(200);
    expectNoContact(await open311.text());
  });

  it('takes JSON without photos', async () => {
    const response = await submit(JSON.stringify({ ...report({ category: 'trees' }), lat: 10.3601, lon: 106.3711, locale: 'en' }));
    expect(response.status).toBe(201);
    expect(submitReportResponseSchema.parse(await response.json()).photos).toBe(0);
  });

  it('follows a report that an officer split off into an incident of its own', async () => {
    const file = async (description: string, lon: number) => {
      const response = await submit(JSON.stringify({ ...report({ category: 'road_damage', description }), lat: 10.3702, lon }));
      expect(response.status).toBe(201);
      return submitReportResponseSchema.parse(await response.json());
    };
    const stays = await file('Ổ gà lớn giữa đường Ấp Bắc, xe máy dễ ngã.', 106.3801);
    const leaves = await file('Nắp cống bị vỡ trên vỉa hè gần đó.', 106.3803);
    const rows = await api.app
      .get(DataSource)
      .query<{ id: string; service_request_id: string; incident_id: string }[]>(
        'SELECT id, service_request_id, incident_id FROM citizen_reports WHERE service_request_id = ANY($1)',
        [[stays.serviceRequestId, leaves.serviceRequestId]],
      );
    // Close in place and time: the two reports fused into one incident.
    const incidentIds = new Set(rows.map((row) => row.incident_id));
    expect(incidentIds.size).toBe(1);
    const [incidentId] = [...incidentIds];
    const leavingReport = rows.find((row) => row.service_request_id === leaves.serviceRequestId)?.id;

    const officer = (await api.login('truc')).accessToken;
    const call = (method: string, path: string, body: unknown) =>
      fetch(`${api.baseUrl}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const detail = incidentDetailSchema.parse(
      await (await fetch(`${api.baseUrl}/api/incidents/${incidentId}`, { headers: { authorization: `Bearer ${officer}` } })).json(),
    );
    const source = detail.sources.find((entry) => entry.kind === 'citizen_report' && entry.ref === leavingReport);
    const split = await call('POST', `/incidents/${incidentId}/split`, { sourceIds: [source?.id] });
    expect(split.status).toBe(201);
    const created = incidentDetailSchema.parse(((await split.json()) as { created: unknown }).created);
    const rejected = await call('POST', `/incidents/${created.id}/transitions`, { to: 'rejected', reason: 'Không thuộc phạm vi', expectedVersion: created.version });
    expect(rejected.status).toBe(200);

    const track = async (code: string) => trackingViewSchema.parse(await (await fetch(`${api.baseUrl}/api/track/${code}`)).json());
    expect(await track(leaves.trackingCode)).toMatchObject({ status: 'rejected', open311Status: 'closed' });
    expect(await track(stays.trackingCode)).toMatchObject({ status: 'new', open311Status: 'open' });
  });

  it('answers 422 naming each wrong field, and stores nothing', async () => {
    const before = await countReports(api);
    const response = await submit(await multipart(report({ description: 'ngắn', lat: 'x', category: 'potholes', email: 'nope' }), 1));
    expect(response.status).toBe(422);
    const problem = problemSchema.parse(await response.json());
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['category', 'description', 'email', 'lat']);
    expect(await countReports(api)).toBe(before);
  });

  it('refuses more than five photos, a file under another name, and an unknown tracking code', async () => {
    expect((await submit(await multipart(report(), 6))).status).toBe(422);
    const stray = await multipart(report(), 0);
    stray.append('document', new Blob(['MZ not a photo']), 'setup.exe');
    expect((await submit(stray)).status).toBe(422);
    const unknown = await fetch(`${api.baseUrl}/api/track/0000000000`);
    expect(unknown.status).toBe(404);
    expect(problemSchema.parse(await unknown.json()).code).toBe('TRACKING_CODE_NOT_FOUND');
  });

  it('replays the first answer for a retried form with the same Idempotency-Key', async () => {
    const fields = report({ description: 'Ngập nước đường Lê Lợi (retry from a phone on a weak network)' });
    const first = await submit(await multipart(fields, 1), { 'idempotency-key': `web-${kind}` });
    const retry = await submit(await multipart(fields, 1), { 'idempotency-key': `web-${kind}` });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(await first.json());
    expect(await countReports(api, 'description = $1', [fields.description])).toBe(1);
    // Another photo is another request.
    const changed = await submit(await multipart(fields, 2), { 'idempotency-key': `web-${kind}` });
    expect(changed.status).toBe(422);
  });

  it('writes no contact detail and no tracking code into the logs', async () => {
    logLines.length = 0;
    const filed = submitReportResponseSchema.parse(await (await submit(await multipart(report(), 1), { 'x-api-key': REPORT_KEY })).json());
    await fetch(`${api.baseUrl}/api/track/${filed.trackingCode}`);
    // Some Open311 clients put every field in the query string.
    const query = new URLSearchParams({
      api_key: REPORT_KEY,
      service_code: 'flooding',
      lat: '10.356',
      long: '106.366',
      email: CONTACT.email,
      phone: CONTACT.phone,
      first_name: CONTACT.name,
      description: 'Ngập nước trước trường học',
    });
    const open311 = await fetch(`${api.baseUrl}/open311/v2/requests.json?${query.toString()}`, { method: 'POST' });
    expect(open311.status).toBe(201);
    const [created] = (await open311.json()) as { token: string }[];
    await fetch(`${api.baseUrl}/open311/v2/tokens/${created?.token}.json`);
    // A failing request is logged at warn: still nothing private.
    await submit(await multipart(report({ lat: '999' }), 0));

    const logs = logLines.join('');
    expect(logs.match(/request completed/g)?.length).toBeGreaterThanOrEqual(5);
    const encoded = Object.values(CONTACT).flatMap((detail) => [detail, encodeURIComponent(detail), new URLSearchParams({ x: detail }).toString().slice(2)]);
    for (const detail of encoded) expect(logs).not.toContain(detail);
    expect(logs).not.toContain(filed.trackingCode);
    expect(logs).not.toContain(created?.token);
    expect(logs).not.toContain(REPORT_KEY.slice(-20));
  });
});
