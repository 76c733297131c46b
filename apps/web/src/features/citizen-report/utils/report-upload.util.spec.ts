import { ApiError } from '../../../api/api-error';
import { buildReportFormData, interpretSubmitAnswer, newIdempotencyKey, parseRetryAfter, RateLimitedError } from './report-upload.util';

describe('buildReportFormData', () => {
  it('sends the contract fields first and each photo as a `photo` part', async () => {
    const jpeg = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'ngap.jpg', { type: 'image/jpeg' });
    const body = buildReportFormData(
      { category: 'flooding', description: 'Nước ngập sâu đường Hùng Vương', lat: 10.356, lon: 106.364, locale: 'vi', phone: undefined },
      [jpeg, jpeg],
    );
    expect([...body.keys()]).toEqual(['category', 'description', 'lat', 'lon', 'locale', 'photo', 'photo']);
    expect(body.get('lat')).toBe('10.356');
    const photo = body.get('photo');
    expect(photo instanceof File && photo.name).toBe('ngap.jpg');
    expect(photo instanceof File ? [...new Uint8Array(await photo.arrayBuffer())] : []).toEqual([0xff, 0xd8, 0xff]);
  });
});

describe('interpretSubmitAnswer', () => {
  it('returns the tracking code of a 201, checked with the shared schema', () => {
    expect(interpretSubmitAnswer(201, JSON.stringify({ trackingCode: '7K3M9QXA2B', serviceRequestId: '42', photos: 1 }), null)).toEqual({
      trackingCode: '7K3M9QXA2B',
      serviceRequestId: '42',
      photos: 1,
    });
    const invalid = interpretSubmitAnswer(201, JSON.stringify({ trackingCode: 'lowercase!' }), null);
    expect(invalid instanceof ApiError && invalid.code).toBe('RESPONSE_INVALID');
  });

  it('keeps the problem details of a refusal, field errors included', () => {
    const body = {
      type: 'https://mekong-ioc.dev/problems/validation-failed',
      title: 'Unprocessable Content',
      status: 422,
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'description', message: 'at least 10 characters' }],
    };
    const error = interpretSubmitAnswer(422, JSON.stringify(body), null);
    expect(error instanceof ApiError && { status: error.status, code: error.code, errors: error.problem?.errors }).toEqual({
      status: 422,
      code: 'VALIDATION_FAILED',
      errors: body.errors,
    });
  });

  it('gives a 429 its Retry-After, and a non-JSON failure its status', () => {
    const limited = interpretSubmitAnswer(429, JSON.stringify({ type: 'x', title: 'Too Many Requests', status: 429, code: 'RATE_LIMITED' }), '120');
    expect(limited instanceof RateLimitedError && limited.retryAfterSeconds).toBe(120);
    const gateway = interpretSubmitAnswer(502, '<html>Bad gateway</html>', null);
    expect(gateway instanceof ApiError && gateway.code).toBe('HTTP_502');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('Mon, 12 Jan 2026 08:01:00 GMT', Date.parse('2026-01-12T08:00:00Z'))).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('newIdempotencyKey', () => {
  it('is 128 random bits in hex, different each time', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  });
});
