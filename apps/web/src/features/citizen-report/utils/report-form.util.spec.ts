import { MY_THO_CENTER } from '@mekong-ioc/shared';
import { ApiError } from '../../../api/api-error';
import { checkReportDraft, EMPTY_REPORT_DRAFT, fieldErrorKey, fieldForPath, firstInvalidField, problemToFieldIssues, type ReportDraft } from './report-form.util';

const completeDraft: ReportDraft = {
  ...EMPTY_REPORT_DRAFT,
  category: 'flooding',
  description: 'Nước ngập sâu trên đường Hùng Vương sau cơn mưa',
  location: { lat: 10.356, lon: 106.364 },
};

const problemError = (status: number, code: string, errors?: { path: string; message: string }[]): ApiError =>
  new ApiError(status, code, 'refused', { type: 'about:blank', title: 'Refused', status, code, ...(errors && { errors }) });

describe('checkReportDraft (the shared submitReportRequestSchema)', () => {
  it('turns a complete draft into the contract request, blank optional fields left out', () => {
    const checked = checkReportDraft({ ...completeDraft, address: '  ', email: ' dan@example.vn ', phone: '0909 123 456' }, 'vi');
    expect(checked).toEqual({
      ok: true,
      locatedByAddressOnly: false,
      request: {
        category: 'flooding',
        description: 'Nước ngập sâu trên đường Hùng Vương sau cơn mưa',
        lat: 10.356,
        lon: 106.364,
        email: 'dan@example.vn',
        phone: '0909 123 456',
        locale: 'vi',
      },
    });
  });

  it('names every missing required field, in form order', () => {
    const checked = checkReportDraft(EMPTY_REPORT_DRAFT, 'en');
    expect(checked).toEqual({ ok: false, issues: { category: 'required', description: 'required', location: 'required' } });
    expect(checked.ok ? undefined : firstInvalidField(checked.issues)).toBe('category');
  });

  it('tells a too short description (after trimming) from a missing one, and refuses bad contact details', () => {
    const checked = checkReportDraft({ ...completeDraft, description: '  ngập  ', email: 'not-an-email', phone: 'call me' }, 'vi');
    expect(checked).toEqual({ ok: false, issues: { description: 'tooShort', email: 'invalid', phone: 'invalid' } });
  });

  it('refuses an address longer than the contract allows', () => {
    const checked = checkReportDraft({ ...completeDraft, address: 'x'.repeat(301) }, 'vi');
    expect(checked).toEqual({ ok: false, issues: { address: 'tooLong' } });
  });

  it('accepts a typed address without a point and places the report at the city centre', () => {
    const checked = checkReportDraft({ ...completeDraft, location: null, address: 'Chợ Mỹ Tho, Phường 1' }, 'en');
    expect(checked.ok && checked.request).toMatchObject({ lat: MY_THO_CENTER.lat, lon: MY_THO_CENTER.lon, address: 'Chợ Mỹ Tho, Phường 1', locale: 'en' });
    expect(checked.ok && checked.locatedByAddressOnly).toBe(true);
  });
});

describe('problemToFieldIssues (API refusals placed next to their fields)', () => {
  it('maps the paths of a validation problem to form fields', () => {
    const issues = problemToFieldIssues(
      problemError(422, 'VALIDATION_FAILED', [
        { path: 'description', message: 'at least 10 characters' },
        { path: 'lat', message: 'Too big: expected number to be <=90' },
        { path: 'email', message: 'Invalid email address' },
        { path: 'somethingElse', message: 'Unrecognized key' },
      ]),
    );
    expect(issues).toEqual({ description: 'tooShort', location: 'tooLong', email: 'invalid' });
  });

  it('puts photo refusals on the photo field: 413 too big, 415 not an image, 422 too many pixels', () => {
    expect(problemToFieldIssues(problemError(413, 'PHOTO_TOO_LARGE'))).toEqual({ photos: 'photoTooLarge' });
    expect(problemToFieldIssues(problemError(415, 'PHOTO_TYPE_UNSUPPORTED'))).toEqual({ photos: 'photoType' });
    expect(problemToFieldIssues(problemError(422, 'PHOTO_TOO_MANY_PIXELS'))).toEqual({ photos: 'photoPixels' });
    expect(problemToFieldIssues(problemError(413, 'PHOTO_TOO_MANY'))).toEqual({ photos: 'tooMany' });
    expect(problemToFieldIssues(problemError(413, 'BODY_TOO_LARGE'))).toEqual({ photos: 'photoTooLarge' });
    expect(problemToFieldIssues(problemError(422, 'VALIDATION_FAILED', [{ path: 'photo.2', message: 'image has too many pixels' }]))).toEqual({
      photos: 'photoPixels',
    });
  });

  it('leaves errors that name no field (rate limit, server trouble) to the form-level message', () => {
    expect(problemToFieldIssues(problemError(429, 'RATE_LIMITED'))).toEqual({});
    expect(problemToFieldIssues(ApiError.network(new Error('offline')))).toEqual({});
  });
});

describe('fieldForPath and fieldErrorKey', () => {
  it('reads the path forms the API may send', () => {
    expect(fieldForPath('body.description')).toBe('description');
    expect(fieldForPath('/lon')).toBe('location');
    expect(fieldForPath('photo[3]')).toBe('photos');
    expect(fieldForPath('(root)')).toBeNull();
  });

  it('picks a message for each field and issue', () => {
    expect(fieldErrorKey('description', 'tooLong')).toBe('descriptionTooLong');
    expect(fieldErrorKey('location', 'required')).toBe('locationRequired');
    expect(fieldErrorKey('photos', 'photoType')).toBe('photosType');
    expect(fieldErrorKey('photos', 'tooMany')).toBe('photosTooMany');
    expect(fieldErrorKey('phone', 'invalid')).toBe('phoneInvalid');
  });
});
