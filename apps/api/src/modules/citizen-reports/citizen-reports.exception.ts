import type { FieldError } from '@mekong-ioc/shared';
import { AppException } from '../../common/app.exception';

export type CitizenReportsErrorCode =
  | 'OPEN311_PARAMETER_INVALID'
  | 'OPEN311_API_KEY_INVALID'
  | 'OPEN311_FORMAT_UNKNOWN'
  | 'OPEN311_SERVICE_NOT_FOUND'
  | 'OPEN311_REQUEST_NOT_FOUND'
  | 'TRACKING_CODE_NOT_FOUND'
  | 'REPORT_INVALID'
  | 'REPORT_BODY_MALFORMED'
  | 'REPORT_TOO_MANY_PHOTOS'
  | 'REPORT_UNSUPPORTED_MEDIA_TYPE'
  | 'IDEMPOTENCY_KEY_INVALID'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'REPORT_RATE_LIMITED';

const STATUS: Record<CitizenReportsErrorCode, number> = {
  OPEN311_PARAMETER_INVALID: 400,
  OPEN311_API_KEY_INVALID: 403,
  OPEN311_FORMAT_UNKNOWN: 404,
  OPEN311_SERVICE_NOT_FOUND: 404,
  OPEN311_REQUEST_NOT_FOUND: 404,
  TRACKING_CODE_NOT_FOUND: 404,
  REPORT_INVALID: 422,
  REPORT_BODY_MALFORMED: 400,
  REPORT_TOO_MANY_PHOTOS: 422,
  REPORT_UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_INVALID: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  REPORT_RATE_LIMITED: 429,
};

export class CitizenReportsException extends AppException<CitizenReportsErrorCode> {
  constructor(code: CitizenReportsErrorCode, message: string, errors?: FieldError[], headers?: Record<string, string>) {
    super(code, STATUS[code], message, errors, headers);
  }
}

/** 429 with the seconds until the window lets the caller in again. */
export const rateLimited = (retryAfterSeconds: number, who: string): CitizenReportsException =>
  new CitizenReportsException('REPORT_RATE_LIMITED', `Too many reports from this ${who}; try again in ${retryAfterSeconds} s.`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
