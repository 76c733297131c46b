import { CitizenReportsException } from '../citizen-reports.exception';
import { parseCreateRequest, parseRequestSearch, parseW3cDate } from './open311-params';

const NOW = new Date('2026-03-15T12:00:00Z');
const DAY = 24 * 3_600_000;

const errorsOf = (work: () => unknown): string[] => {
  try {
    work();
  } catch (error) {
    if (error instanceof CitizenReportsException) return (error.errors ?? []).map((e) => e.path).sort();
    throw error;
  }
  throw new Error('expected a CitizenReportsException');
};

describe('Open311 parameters', () => {
  it('reads W3C date-times; one without a zone is city time (UTC+7)', () => {
    expect(parseW3cDate('2026-01-31T08:00:00+07:00')?.toISOString()).toBe('2026-01-31T01:00:00.000Z');
    expect(parseW3cDate('2026-01-31T08:00:00Z')?.toISOString()).toBe('2026-01-31T08:00:00.000Z');
    expect(parseW3cDate('2026-01-31')?.toISOString()).toBe('2026-01-30T17:00:00.000Z');
    expect(parseW3cDate('2026-01-31T08:00')?.toISOString()).toBe('2026-01-31T01:00:00.000Z');
    for (const bad of ['yesterday', '2026-13-01', '2026-01-31T25:00:00Z', '1706688000', '']) expect(parseW3cDate(bad)).toBeNull();
  });

  it('defaults a search to the last 90 days; a start alone runs 90 days on, never past now', () => {
    expect(parseRequestSearch({}, NOW)).toEqual({ serviceRequestIds: null, serviceCodes: null, statuses: null, from: new Date(NOW.getTime() - 90 * DAY), to: NOW });
    const fromStart = parseRequestSearch({ start_date: '2026-03-01T00:00:00Z' }, NOW);
    expect(fromStart.to).toEqual(NOW);
    const oldStart = parseRequestSearch({ start_date: '2025-01-01T00:00:00Z' }, NOW);
    expect(oldStart.to.getTime() - oldStart.from.getTime()).toBe(90 * DAY);
  });

  it('takes comma lists, repeated names as lists, and refuses what it cannot read', () => {
    expect(parseRequestSearch({ service_code: ['fire', 'trees'], status: 'open,closed', service_request_id: '100001, 100002' }, NOW)).toMatchObject({
      serviceCodes: ['fire', 'trees'],
      statuses: ['open', 'closed'],
      serviceRequestIds: ['100001', '100002'],
    });
    expect(errorsOf(() => parseRequestSearch({ service_code: 'potholes', status: 'pending', start_date: 'soon' }, NOW))).toEqual(['service_code', 'start_date', 'status']);
    expect(errorsOf(() => parseRequestSearch({ start_date: '2026-01-01', end_date: '2026-05-01' }, NOW))).toEqual(['end_date']);
  });

  it('needs a service code and a location; lat and long go together', () => {
    expect(parseCreateRequest({ service_code: 'flooding', lat: '10.35', long: '106.36' })).toMatchObject({ service_code: 'flooding', lat: 10.35, long: 106.36, locale: 'vi' });
    expect(parseCreateRequest({ service_code: 'flooding', address_string: 'Chợ Mỹ Tho', email: '' })).toMatchObject({ address_string: 'Chợ Mỹ Tho', email: undefined });
    expect(errorsOf(() => parseCreateRequest({ lat: '10.35', long: '106.36' }))).toEqual(['service_code']);
    expect(errorsOf(() => parseCreateRequest({ service_code: 'flooding' }))).toEqual(['lat']);
    expect(errorsOf(() => parseCreateRequest({ service_code: 'flooding', address_id: '42' }))).toEqual(['lat']);
    expect(errorsOf(() => parseCreateRequest({ service_code: 'flooding', lat: '10.35' }))).toEqual(['long']);
    expect(errorsOf(() => parseCreateRequest({ service_code: 'flooding', lat: '1e3', long: '106', email: 'x', media_url: 'ftp://a' }))).toEqual([
      'email',
      'lat',
      'media_url',
    ]);
  });
});
