import { z } from 'zod';
import { OPEN311_FORMATS, REPORT_CATEGORIES, reportCategorySchema, type Open311Format, type ReportCategory } from '@mekong-ioc/shared';
import { CitizenReportsException } from '../citizen-reports.exception';
import type { ReportLocale } from '../citizen-report.mapper';

/** GeoReport v2: without dates, the last 90 days; a range may not span more than that. */
export const OPEN311_DEFAULT_WINDOW_MS = 90 * 24 * 3_600_000;
/** GeoReport v2: at most 1,000 requests per answer. */
export const OPEN311_MAX_RESULTS = 1_000;
const MAX_IDS = OPEN311_MAX_RESULTS;
const CITY_OFFSET = '+07:00';

/** Query and form values as Fastify hands them over: a repeated name gives an array. */
export type RawParams = Record<string, unknown>;

const invalid = (issues: { path: string; message: string }[]) =>
  new CitizenReportsException('OPEN311_PARAMETER_INVALID', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);

export function open311FormatParam(format: string): Open311Format {
  if (!(OPEN311_FORMATS as readonly string[]).includes(format)) {
    throw new CitizenReportsException('OPEN311_FORMAT_UNKNOWN', `Unknown format "${format.slice(0, 20)}"; use .json or .xml.`);
  }
  return format as Open311Format;
}

/** `?locale=en` for English names and notes; Vietnamese otherwise. */
export function localeParam(params: RawParams): ReportLocale {
  const locale = single(params, 'locale');
  if (locale === undefined || locale === '') return 'vi';
  if (locale === 'vi' || locale === 'en') return locale;
  throw invalid([{ path: 'locale', message: 'must be vi or en' }]);
}

/** A single value: repeated names are joined by commas, as Open311 lists are comma-delimited. */
function single(params: RawParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  if (typeof value === 'object') throw invalid([{ path: name, message: 'must be a plain value' }]);
  return String(value);
}

const commaList = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter(Boolean);

/** W3C date-times (ISO 8601); one without a zone is read in the city's time, UTC+7. */
const W3C_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseW3cDate(text: string): Date | null {
  const match = W3C_DATE.exec(text.trim());
  if (!match) return null;
  const [, , month, day, hour, , , zone] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31 || Number(hour ?? 0) > 23) return null;
  const withTime = hour === undefined ? `${text.trim()}T00:00:00` : text.trim().replace(' ', 'T');
  const zoned = zone === undefined ? `${withTime}${CITY_OFFSET}` : withTime;
  const at = new Date(zoned);
  return Number.isNaN(at.getTime()) ? null : at;
}

export interface RequestSearch {
  /** When given, overrides every other filter (the standard says so). */
  serviceRequestIds: string[] | null;
  serviceCodes: ReportCategory[] | null;
  statuses: ('open' | 'closed')[] | null;
  from: Date;
  to: Date;
}

/** `GET requests.{fmt}`: the standard's filters with its defaults. Unknown parameters are ignored. */
export function parseRequestSearch(params: RawParams, now: Date): RequestSearch {
  const issues: { path: string; message: string }[] = [];
  const ids = commaList(single(params, 'service_request_id'));
  if (ids && (ids.length > MAX_IDS || ids.some((id) => id.length > 40))) {
    issues.push({ path: 'service_request_id', message: `at most ${MAX_IDS} ids of up to 40 characters` });
  }
  const codes = commaList(single(params, 'service_code'));
  const unknownCodes = codes?.filter((code) => !(REPORT_CATEGORIES as readonly string[]).includes(code)) ?? [];
  if (unknownCodes.length) issues.push({ path: 'service_code', message: `unknown service code ${unknownCodes.slice(0, 3).join(', ').slice(0, 120)}` });
  const statuses = commaList(single(params, 'status'));
  if (statuses?.some((status) => status !== 'open' && status !== 'closed')) issues.push({ path: 'status', message: 'must be open, closed or both' });

  const dates: Partial<Record<'start_date' | 'end_date', Date>> = {};
  for (const name of ['start_date', 'end_date'] as const) {
    const text = single(params, name);
    if (text === undefined || text === '') continue;
    const at = parseW3cDate(text);
    if (at) dates[name] = at;
    else issues.push({ path: name, message: 'must be a W3C date-time, e.g. 2026-01-31T08:00:00+07:00' });
  }
  const to = dates.end_date ?? (dates.start_date ? new Date(Math.min(now.getTime(), dates.start_date.getTime() + OPEN311_DEFAULT_WINDOW_MS)) : now);
  const from = dates.start_date ?? new Date(to.getTime() - OPEN311_DEFAULT_WINDOW_MS);
  if (from.getTime() > to.getTime()) issues.push({ path: 'end_date', message: 'must not be before start_date' });
  else if (to.getTime() - from.getTime() > OPEN311_DEFAULT_WINDOW_MS) issues.push({ path: 'end_date', message: 'may be at most 90 days after start_date' });
  if (issues.length) throw invalid(issues);

  return {
    serviceRequestIds: ids?.length ? ids : null,
    serviceCodes: codes?.length ? (codes as ReportCategory[]) : null,
    statuses: statuses?.length ? (statuses as ('open' | 'closed')[]) : null,
    from,
    to,
  };
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((text) => (text === '' ? undefined : text))
    .optional();

const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'must be a decimal number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional();

/** The form fields of `POST requests.{fmt}` (all strings, as a form sends them). */
const createRequestSchema = z
  .object({
    service_code: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .refine((code) => reportCategorySchema.safeParse(code).success, 'is not one of our service codes; see services.json')
      .transform((code) => code as ReportCategory),
    lat: coordinate(-90, 90),
    long: coordinate(-180, 180),
    address_string: optionalText(300),
    address_id: optionalText(200),
    email: z
      .string()
      .trim()
      .max(254, 'at most 254 characters')
      .transform((text) => (text === '' ? undefined : text))
      .pipe(z.email('must be an email address').optional())
      .optional(),
    device_id: optionalText(200),
    account_id: optionalText(200),
    first_name: optionalText(120),
    last_name: optionalText(120),
    phone: optionalText(40).pipe(z.string().regex(/^[+0-9 ().-]{3,40}$/, 'must be a phone number').optional()),
    description: optionalText(4_000),
    media_url: optionalText(2_000).pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
    jurisdiction_id: optionalText(200),
    locale: z.enum(['vi', 'en'], 'must be vi or en').default('vi'),
  })
  .superRefine((params, context) => {
    if ((params.lat === undefined) !== (params.long === undefined)) {
      context.addIssue({ code: 'custom', path: [params.lat === undefined ? 'lat' : 'long'], message: 'lat and long go together' });
    } else if (params.lat === undefined && !params.address_string) {
      context.addIssue({
        code: 'custom',
        path: ['lat'],
        message: params.address_id
          ? 'address_id is not supported here; send lat and long, or address_string'
          : 'a location is required: lat and long, or address_string',
      });
    }
  });

export type CreateRequestParams = z.infer<typeof createRequestSchema>;

/** The fields of an Open311 POST, each a single string; 400 naming every wrong one. */
export function parseCreateRequest(fields: Record<string, string>): CreateRequestParams {
  // attribute[CODE] answers are accepted and ignored: our services define no attributes.
  const parsed = createRequestSchema.safeParse(fields);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message })));
  }
  return parsed.data;
}
