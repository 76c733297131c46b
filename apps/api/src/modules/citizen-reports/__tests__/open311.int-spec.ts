import { DataSource } from 'typeorm';
import {
  MY_THO_CENTER,
  open311CreatedRequestSchema,
  open311ErrorSchema,
  open311ServiceDefinitionSchema,
  open311ServiceRequestSchema,
  open311ServiceSchema,
  open311TokenSchema,
  REPORT_CATEGORIES,
  REPORT_CATEGORY_DEFINITIONS,
  TRACKING_CODE_PATTERN,
} from '@mekong-ioc/shared';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';
import { countReports, formBody, INGEST_ONLY_KEY, REPORT_KEY, smallJpeg, xmlParser } from './citizen-report-test.helpers';

/**
 * The GeoReport v2 flows, driven by requests written from the standard's own examples
 * (wiki.open311.org/GeoReport_v2), in both formats, as an unchanged Open311 client sends them.
 */
describeEachDatabase('Open311 GeoReport v2', (kind) => {
  let database: TestDatabase;
  let api: TestApp;

  /** The standard's example POST, with one of our service codes and a place in Mỹ Tho. */
  const specExample = (overrides: Record<string, string> = {}): Record<string, string> => ({
    api_key: REPORT_KEY,
    jurisdiction_id: 'mytho.tiengiang.gov.vn',
    service_code: 'road_damage',
    lat: '10.35997',
    long: '106.36389',
    address_string: '1234 5th street',
    email: 'smit333@sfgov.edu',
    device_id: 'tt222111',
    account_id: '123456',
    first_name: 'john',
    last_name: 'smith',
    phone: '111111111',
    description: 'A large sinkhole is forming in the middle of the road',
    ...overrides,
  });
  const CONTACT = ['smit333@sfgov.edu', 'tt222111', '123456', 'john', 'smith', '111111111'];

  const get = (path: string) => fetch(`${api.baseUrl}/open311/v2/${path}`);
  const postForm = (format: 'json' | 'xml', params: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${api.baseUrl}/open311/v2/requests.${format}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: formBody(params),
    });
  const created = async (response: Response) => {
    expect(response.status).toBe(201);
    const [answer] = open311CreatedRequestSchema.array().length(1).parse(await response.json());
    if (!answer) throw new Error('no created request in the answer');
    return answer;
  };
  const expectErrors = async (response: Response, status: number, format: 'json' | 'xml' = 'json') => {
    expect(response.status).toBe(status);
    if (format === 'json') {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const errors = open311ErrorSchema.array().min(1).parse(await response.json());
      expect(errors.every((error) => error.code === status)).toBe(true);
      return errors;
    }
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    const parsed = xmlParser.parse(await response.text()) as { errors: { error: { code: string; description: string }[] } };
    expect(parsed.errors.error.length).toBeGreaterThan(0);
    expect(parsed.errors.error.every((error) => error.code === String(status) && error.description.length > 0)).toBe(true);
    return parsed.errors.error;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config, { REPORT_RATE_LIMIT_PER_IP_PER_MINUTE: '10000', REPORT_RATE_LIMIT_PER_MINUTE: '10000' });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  describe('services', () => {
    it('lists our report categories with Vietnamese names, English with locale=en (json)', async () => {
      const response = await get('services.json');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const services = open311ServiceSchema.array().parse(await response.json());
      expect(services.map((service) => service.service_code)).toEqual([...REPORT_CATEGORIES]);
      expect(services.find((service) => service.service_code === 'flooding')).toMatchObject({
        service_name: 'Ngập nước',
        metadata: false,
        type: 'realtime',
        group: 'environment',
      });
      const english = open311ServiceSchema.array().parse(await (await get('services.json?locale=en')).json());
      expect(english.map((service) => service.service_name)).toEqual(REPORT_CATEGORIES.map((code) => REPORT_CATEGORY_DEFINITIONS[code].en));
    });

    it('gives the same list as <services><service> (xml)', async () => {
      const response = await get('services.xml');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
      const parsed = xmlParser.parse(await response.text()) as { services: { service: Record<string, string>[] } };
      expect(parsed.services.service.map((service) => service.service_code)).toEqual([...REPORT_CATEGORIES]);
      expect(parsed.services.service[0]).toEqual({
        service_code: 'public_order',
        service_name: 'An ninh trật tự',
        description: 'An ninh trật tự',
        metadata: 'false',
        type: 'realtime',
        keywords: expect.any(String),
        group: 'safety',
      });
    });

    it('defines each service, with no extra attributes, in both formats; an unknown code is 404', async () => {
      const json = open311ServiceDefinitionSchema.parse(await (await get('services/flooding.json')).json());
      expect(json).toEqual({ service_code: 'flooding', attributes: [] });
      const xml = xmlParser.parse(await (await get('services/flooding.xml')).text()) as { service_definition: Record<string, string> };
      expect(xml.service_definition).toEqual({ service_code: 'flooding', attributes: '' });
      await expectErrors(await get('services/potholes.json'), 404);
      await expectErrors(await get('services/potholes.xml'), 404, 'xml');
    });
  });

  describe('creating and reading requests', () => {
    it('takes the standard example as a form (json), then shows it by id and by token, without contact details', async () => {
      const answer = await created(await postForm('json', specExample()));
      expect(answer.token).toMatch(TRACKING_CODE_PATTERN);
      expect(answer.service_notice).toContain(answer.token);
      expect(answer.account_id).toBeNull();

      const byId = await get(`requests/${answer.service_request_id}.json`);
      expect(byId.status).toBe(200);
      const text = await byId.text();
      for (const detail of CONTACT) expect(text).not.toContain(detail);
      const [request] = open311ServiceRequestSchema.array().length(1).parse(JSON.parse(text));
      expect(request).toMatchObject({
        service_request_id: answer.service_request_id,
        status: 'open',
        service_code: 'road_damage',
        service_name: 'Hư hỏng đường',
        description: 'A large sinkhole is forming in the middle of the road',
        address: '1234 5th street',
        lat: 10.35997,
        long: 106.36389,
        media_url: null,
      });
      expect(request?.status_notes).toMatch(/^Mới/);
      expect(request?.requested_datetime).toMatch(/\+07:00$/);
      // The resolve deadline of the incident's SLA.
      expect(request?.expected_datetime).toEqual(expect.stringMatching(/\+07:00$/));
      expect(request?.notes[0]).toMatchObject({ type: 'new' });

      const english = open311ServiceRequestSchema.array().parse(await (await get(`requests/${answer.service_request_id}.json?locale=en`)).json());
      expect(english[0]).toMatchObject({ service_name: 'Road damage', status_notes: expect.stringMatching(/^New/) });

      const token = open311TokenSchema.array().parse(await (await get(`tokens/${answer.token}.json`)).json());
      expect(token).toEqual([{ service_request_id: answer.service_request_id, token: answer.token }]);
    });

    it('answers the same in xml: <service_requests><request>', async () => {
      const response = await postForm('xml', specExample({ service_code: 'street_lighting', lat: '10.3511', long: '106.3702' }));
      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
      const posted = xmlParser.parse(await response.text()) as { service_requests: { request: Record<string, string>[] } };
      const [answer] = posted.service_requests.request;
      expect(answer).toEqual({ service_request_id: expect.any(String), token: expect.stringMatching(TRACKING_CODE_PATTERN), service_notice: expect.any(String), account_id: '' });

      const text = await (await get(`requests/${answer?.service_request_id}.xml`)).text();
      for (const detail of CONTACT) expect(text).not.toContain(detail);
      const read = xmlParser.parse(text) as { service_requests: { request: Record<string, unknown>[] } };
      expect(read.service_requests.request).toHaveLength(1);
      expect(read.service_requests.request[0]).toMatchObject({
        service_request_id: answer?.service_request_id,
        status: 'open',
        service_code: 'street_lighting',
        lat: '10.3511',
        long: '106.3702',
        address_id: '',
        notes: { note: [expect.objectContaining({ type: 'new' })] },
      });

      const token = xmlParser.parse(await (await get(`tokens/${answer?.token}.xml`)).text()) as { service_requests: { request: unknown[] } };
      expect(token.service_requests.request).toEqual([{ service_request_id: answer?.service_request_id, token: answer?.token }]);
    });

    it('accepts an address alone, placed approximately and said so; JSON bodies too', async () => {
      const { lat: _lat, long: _long, ...withoutPoint } = specExample({ service_code: 'trees', address_string: '12 Ấp Bắc, Mỹ Tho' });
      const answer = await created(await postForm('json', withoutPoint));
      const [request] = open311ServiceRequestSchema.array().parse(await (await get(`requests/${answer.service_request_id}.json`)).json());
      expect(request).toMatchObject({ lat: null, long: null, address: '12 Ấp Bắc, Mỹ Tho', status_notes: expect.stringContaining('Vị trí gần đúng') });

      const json = await fetch(`${api.baseUrl}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: REPORT_KEY, service_code: 'trees', lat: 10.3601, long: 106.3555, description: 'Cây đổ chắn đường' }),
      });
      await created(json);
    });

    it('gives each address-only report an incident of its own: a stand-in point at the centre is near nothing', async () => {
      const incidentOf = async (serviceRequestId: string) => {
        const rows = await api.app
          .get(DataSource)
          .query<{ incident_id: string }[]>('SELECT incident_id FROM citizen_reports WHERE service_request_id = $1', [serviceRequestId]);
        return rows[0]?.incident_id;
      };
      const addressOnly = (address: string) => {
        const { lat: _lat, long: _long, ...withoutPoint } = specExample({ service_code: 'street_lighting', address_string: address });
        return postForm('json', withoutPoint);
      };
      const first = await created(await addressOnly('Đường Lê Lợi, Mỹ Tho'));
      const second = await created(await addressOnly('Ấp Thới Bình, xã Thới Sơn'));
      const precise = await created(
        await postForm('json', specExample({ service_code: 'street_lighting', lat: String(MY_THO_CENTER.lat), long: String(MY_THO_CENTER.lon) })),
      );
      const incidents = await Promise.all([first, second, precise].map((answer) => incidentOf(answer.service_request_id)));
      expect(incidents.every(Boolean)).toBe(true);
      expect(new Set(incidents).size).toBe(3);

      // A second precise report at the same spot still fuses with the first precise one.
      const again = await created(
        await postForm('json', specExample({ service_code: 'street_lighting', lat: String(MY_THO_CENTER.lat), long: String(MY_THO_CENTER.lon + 0.0003) })),
      );
      expect(await incidentOf(again.service_request_id)).toBe(incidents[2]);
    });

    it('takes a photo as multipart `media` and gives an absolute media_url serving image/jpeg', async () => {
      const form = new FormData();
      for (const [name, value] of Object.entries(specExample({ service_code: 'waste_environment' }))) form.append(name, value);
      form.append('media', new Blob([await smallJpeg()], { type: 'image/jpeg' }), 'rac-thai.jpg');
      const answer = await created(await fetch(`${api.baseUrl}/open311/v2/requests.json`, { method: 'POST', body: form }));

      const [request] = open311ServiceRequestSchema.array().parse(await (await get(`requests/${answer.service_request_id}.json`)).json());
      expect(request?.media_url).toMatch(new RegExp(`^${api.baseUrl}/`));
      const photo = await fetch(request?.media_url ?? '');
      expect(photo.status).toBe(200);
      expect(photo.headers.get('content-type')).toBe('image/jpeg');
      expect((await photo.arrayBuffer()).byteLength).toBeGreaterThan(100);
    });

    it('filters requests as the standard says: ids override, service_code, status, dates; newest first', async () => {
      const a = await created(await postForm('json', specExample({ service_code: 'fire', lat: '10.3400', long: '106.3100' })));
      const b = await created(await postForm('json', specExample({ service_code: 'fire', lat: '10.3900', long: '106.4100' })));

      const byIds = open311ServiceRequestSchema.array().parse(
        await (await get(`requests.json?service_request_id=${a.service_request_id},${b.service_request_id}&service_code=flooding`)).json(),
      );
      expect(byIds.map((request) => request.service_request_id).sort()).toEqual([a.service_request_id, b.service_request_id].sort());

      const fires = open311ServiceRequestSchema.array().parse(await (await get('requests.json?service_code=fire&status=open')).json());
      expect(fires.map((request) => request.service_request_id)).toEqual([b.service_request_id, a.service_request_id]);
      expect(open311ServiceRequestSchema.array().parse(await (await get('requests.json?service_code=fire&status=closed')).json())).toEqual([]);

      // Without dates: the last 90 days, so everything filed here.
      const all = open311ServiceRequestSchema.array().parse(await (await get('requests.json')).json());
      expect(all.length).toBe(await countReports(api));
      const longAgo = await get('requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z');
      expect(await longAgo.json()).toEqual([]);
      const xml = xmlParser.parse(await (await get('requests.xml?service_code=fire')).text()) as { service_requests: { request: unknown[] } };
      expect(xml.service_requests.request).toHaveLength(2);

      await expectErrors(await get('requests.json?start_date=2026-01-01&end_date=2026-06-01'), 400);
      await expectErrors(await get('requests.json?start_date=2026-02-01&end_date=2026-01-01'), 400);
      await expectErrors(await get('requests.xml?status=pending'), 400, 'xml');
      await expectErrors(await get('requests.json?service_code=potholes'), 400);
    });
  });

  describe('errors, as the standard lists them', () => {
    it('403 without api_key, with a wrong one, and with a key that may not file reports', async () => {
      const { api_key: _key, ...withoutKey } = specExample();
      const [missing] = await expectErrors(await postForm('json', withoutKey), 403);
      expect(missing?.description).toMatch(/api_key/);
      await expectErrors(await postForm('xml', specExample({ api_key: `${REPORT_KEY.slice(0, -1)}x` })), 403, 'xml');
      await expectErrors(await postForm('json', specExample({ api_key: INGEST_ONLY_KEY })), 403);
    });

    it('400 naming each missing or invalid parameter', async () => {
      const { service_code: _code, ...withoutCode } = specExample();
      const [noCode] = await expectErrors(await postForm('json', withoutCode), 400);
      expect(noCode?.description).toMatch(/^service_code/);
      const { lat: _lat, long: _long, address_string: _address, ...nowhere } = specExample();
      await expectErrors(await postForm('json', nowhere), 400);
      await expectErrors(await postForm('json', specExample({ long: '' })), 400);
      await expectErrors(await postForm('json', specExample({ lat: 'north' })), 400);
      const errors = await expectErrors(await postForm('xml', specExample({ email: 'not-an-email', service_code: 'potholes' })), 400, 'xml');
      expect(errors.map((error) => error.description.split(':')[0]).sort()).toEqual(['email', 'service_code']);
    });

    it('404 for an unknown request, token or format', async () => {
      await expectErrors(await get('requests/999999999.json'), 404);
      await expectErrors(await get('requests/999999999.xml'), 404, 'xml');
      await expectErrors(await get('tokens/0000000000.json'), 404);
      await expectErrors(await get('services.html'), 404);
      await expectErrors(await get('nothing-here.json'), 404);
    });

    it('nothing of a refused request is stored', async () => {
      const before = await countReports(api);
      await postForm('json', specExample({ api_key: 'nope' }));
      await postForm('json', specExample({ lat: '91' }));
      expect(await countReports(api)).toBe(before);
    });
  });

  describe('Idempotency-Key', () => {
    it('a retried POST gets the first answer, replayed, and files one request', async () => {
      const headers = { 'idempotency-key': `retry-${kind}-1` };
      const params = specExample({ service_code: 'sidewalk_encroachment', description: 'Quán lấn chiếm vỉa hè (idempotency)' });
      const first = await postForm('json', params, headers);
      const firstBody = await first.text();
      const retry = await postForm('json', params, headers);
      expect(retry.status).toBe(first.status);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(await retry.text()).toBe(firstBody);
      expect(await countReports(api, 'description = $1', [params['description']])).toBe(1);
    });

    it('two identical POSTs at the same moment file one request', async () => {
      const headers = { 'idempotency-key': `retry-${kind}-concurrent` };
      const params = specExample({ service_code: 'public_order', description: 'Gây rối trật tự (concurrent)' });
      const answers = await Promise.all([postForm('json', params, headers), postForm('json', params, headers)]);
      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      const [one, two] = await Promise.all(answers.map((answer) => answer.text()));
      expect(one).toBe(two);
      expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
      expect(await countReports(api, 'description = $1', [params['description']])).toBe(1);
    });

    it('the same key with another body is refused with 422', async () => {
      const headers = { 'idempotency-key': `retry-${kind}-changed` };
      await created(await postForm('json', specExample({ description: 'Ổ gà lớn (first)' }), headers));
      await expectErrors(await postForm('json', specExample({ description: 'Ổ gà lớn (changed)' }), headers), 422);
      expect(await countReports(api, 'description = $1', ['Ổ gà lớn (changed)'])).toBe(0);
    });
  });
});
