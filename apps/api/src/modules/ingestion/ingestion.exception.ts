import type { FieldError } from '@mekong-ioc/shared';
import { AppException } from '../../common/app.exception';

export type IngestionErrorCode =
  | 'INGEST_UNKNOWN_FEED'
  | 'INGEST_SCOPE_DENIED'
  | 'INGEST_BATCH_INVALID'
  | 'INGEST_NOTHING_ACCEPTED'
  | 'INGEST_OVERLOADED'
  | 'INGEST_UNAVAILABLE'
  | 'DEVICE_NOT_FOUND';

const STATUS: Record<IngestionErrorCode, number> = {
  INGEST_UNKNOWN_FEED: 404,
  INGEST_SCOPE_DENIED: 403,
  INGEST_BATCH_INVALID: 422,
  INGEST_NOTHING_ACCEPTED: 422,
  INGEST_OVERLOADED: 503,
  INGEST_UNAVAILABLE: 503,
  DEVICE_NOT_FOUND: 404,
};

/** Seconds a client should wait before resending after a 503. */
export const RETRY_AFTER_SECONDS = 1;

export class IngestionException extends AppException<IngestionErrorCode> {
  constructor(code: IngestionErrorCode, message: string, errors?: FieldError[]) {
    const status = STATUS[code];
    super(code, status, message, errors, status === 503 ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : undefined);
  }
}
