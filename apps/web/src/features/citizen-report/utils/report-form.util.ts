import {
  MY_THO_CENTER,
  submitReportRequestSchema,
  type ReportCategory,
  type SubmitReportRequest,
} from '@mekong-ioc/shared';
import type { ApiError } from '../../../api/api-error';
import type { Language } from '../../../i18n/language';

export const DESCRIPTION_MIN_LENGTH = 10;
export const DESCRIPTION_MAX_LENGTH = 4_000;
export const ADDRESS_MAX_LENGTH = 300;
export const NAME_MAX_LENGTH = 120;

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** What the reader has typed and picked so far; strings stay strings until submitted. */
export interface ReportDraft {
  category: ReportCategory | null;
  description: string;
  location: GeoPoint | null;
  address: string;
  name: string;
  email: string;
  phone: string;
}

export const EMPTY_REPORT_DRAFT: ReportDraft = {
  category: null,
  description: '',
  location: null,
  address: '',
  name: '',
  email: '',
  phone: '',
};

/** The parts of the form an error can point at, in the order they appear. */
export const REPORT_FIELDS = ['category', 'description', 'location', 'address', 'photos', 'name', 'email', 'phone'] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

/** Why a field is refused; kept as a code so the message follows the language switch. */
export type FieldIssue = 'required' | 'tooShort' | 'tooLong' | 'tooMany' | 'invalid' | 'photoTooLarge' | 'photoType' | 'photoPixels';
export type FieldIssues = Partial<Record<ReportField, FieldIssue>>;

export type DraftCheck = { ok: true; request: SubmitReportRequest; locatedByAddressOnly: boolean } | { ok: false; issues: FieldIssues };

const blankToUndefined = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

/**
 * Checks the draft with the same zod schema the API uses, so the form refuses exactly what the
 * server would. Without a point (no GPS, no map) a typed address is enough: the report is then
 * placed at the city centre and the address tells the officer where it is.
 */
export function checkReportDraft(draft: ReportDraft, language: Language): DraftCheck {
  const address = blankToUndefined(draft.address);
  const locatedByAddressOnly = draft.location === null && address !== undefined;
  const point = draft.location ?? (locatedByAddressOnly ? { lat: MY_THO_CENTER.lat, lon: MY_THO_CENTER.lon } : null);
  const parsed = submitReportRequestSchema.safeParse({
    category: draft.category ?? undefined,
    description: draft.description,
    lat: point?.lat,
    lon: point?.lon,
    address,
    name: blankToUndefined(draft.name),
    email: blankToUndefined(draft.email.trim()),
    phone: blankToUndefined(draft.phone),
    locale: language,
  });
  if (parsed.success) return { ok: true, request: parsed.data, locatedByAddressOnly };

  const issues: FieldIssues = {};
  for (const issue of parsed.error.issues) {
    const field = fieldForPath(issue.path.map(String));
    if (!field || issues[field]) continue;
    issues[field] = isBlank(draft, field) ? 'required' : issueFromZodCode(issue.code);
  }
  return { ok: false, issues };
}

function isBlank(draft: ReportDraft, field: ReportField): boolean {
  switch (field) {
    case 'category':
      return draft.category === null;
    case 'location':
      return draft.location === null;
    case 'description':
      return draft.description.trim() === '';
    default:
      return false;
  }
}

const issueFromZodCode = (code: string): FieldIssue => (code === 'too_small' ? 'tooShort' : code === 'too_big' ? 'tooLong' : 'invalid');

/** `description`, `body.description`, `/lat`, `photo.0` … → the form field that shows the error. */
export function fieldForPath(path: readonly string[] | string): ReportField | null {
  const segments = (typeof path === 'string' ? path.split(/[./[\]]/) : path).filter((segment) => segment !== '' && segment !== 'body');
  const head = segments[0];
  if (head === 'lat' || head === 'lon') return 'location';
  if (head === 'photo' || head === 'photos' || head === 'file' || head === 'files') return 'photos';
  return REPORT_FIELDS.find((field) => field === head) ?? null;
}

/** The API's photo problem codes (media and citizen-reports modules), by the part of the photo field they concern. */
const PHOTO_ISSUES_BY_CODE: Record<string, FieldIssue> = {
  PHOTO_TOO_LARGE: 'photoTooLarge',
  BODY_TOO_LARGE: 'photoTooLarge',
  PHOTO_TOO_MANY: 'tooMany',
  REPORT_TOO_MANY_PHOTOS: 'tooMany',
  PHOTO_TYPE_UNSUPPORTED: 'photoType',
  PHOTO_UNREADABLE: 'photoType',
  PHOTO_TOO_MANY_PIXELS: 'photoPixels',
};

/**
 * Places an API refusal next to the fields it names. Photo problems (413 too big, 415 not an
 * image, 422 too many pixels) belong to the photo field. Messages from the server are English,
 * so only the field and the kind of problem are kept; the form words it in the reader's language.
 */
export function problemToFieldIssues(error: ApiError): FieldIssues {
  const issues: FieldIssues = {};
  const photoIssue = PHOTO_ISSUES_BY_CODE[error.code] ?? (error.status === 413 ? 'photoTooLarge' : error.status === 415 ? 'photoType' : undefined);
  if (photoIssue) issues.photos = photoIssue;
  for (const fieldError of error.problem?.errors ?? []) {
    const field = fieldForPath(fieldError.path);
    if (!field || issues[field]) continue;
    issues[field] = field === 'photos' ? photoIssueFromMessage(error.status, fieldError.message) : issueFromMessage(fieldError.message);
  }
  return issues;
}

function issueFromMessage(message: string): FieldIssue {
  if (/at least|too small|too short|>=/i.test(message)) return 'tooShort';
  if (/at most|too big|too long|<=/i.test(message)) return 'tooLong';
  return 'invalid';
}

function photoIssueFromMessage(status: number, message: string): FieldIssue {
  if (status === 413 || /too large|too big|bytes/i.test(message)) return 'photoTooLarge';
  if (status === 415 || /type|format/i.test(message)) return 'photoType';
  if (/pixel/i.test(message)) return 'photoPixels';
  if (/too many|at most/i.test(message)) return 'tooMany';
  return 'invalid';
}

/** The dictionary key (under `report.fieldErrors`) for a field's issue. */
export type FieldErrorKey =
  | 'categoryRequired'
  | 'descriptionRequired'
  | 'descriptionTooShort'
  | 'descriptionTooLong'
  | 'locationRequired'
  | 'locationInvalid'
  | 'addressTooLong'
  | 'nameTooLong'
  | 'emailInvalid'
  | 'phoneInvalid'
  | 'photosTooMany'
  | 'photosTooLarge'
  | 'photosType'
  | 'photosPixels'
  | 'invalid';

export function fieldErrorKey(field: ReportField, issue: FieldIssue): FieldErrorKey {
  switch (field) {
    case 'category':
      return 'categoryRequired';
    case 'description':
      return issue === 'required' ? 'descriptionRequired' : issue === 'tooLong' ? 'descriptionTooLong' : 'descriptionTooShort';
    case 'location':
      return issue === 'required' ? 'locationRequired' : 'locationInvalid';
    case 'address':
      return issue === 'tooLong' ? 'addressTooLong' : 'invalid';
    case 'name':
      return issue === 'tooLong' ? 'nameTooLong' : 'invalid';
    case 'email':
      return 'emailInvalid';
    case 'phone':
      return 'phoneInvalid';
    case 'photos':
      if (issue === 'tooMany') return 'photosTooMany';
      if (issue === 'photoTooLarge') return 'photosTooLarge';
      if (issue === 'photoPixels') return 'photosPixels';
      // An unreadable or unknown file: the reader's remedy is the same as for a wrong type.
      return 'photosType';
  }
}

export const firstInvalidField = (issues: FieldIssues): ReportField | undefined => REPORT_FIELDS.find((field) => issues[field] !== undefined);
