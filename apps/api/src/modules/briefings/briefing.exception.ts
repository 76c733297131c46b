import type { FieldError } from '@mekong-ioc/shared';
import { AppException } from '../../common/app.exception';

export type BriefingErrorCode =
  | 'BRIEFING_REQUEST_INVALID'
  | 'BRIEFING_WEEK_IN_FUTURE'
  | 'BRIEFING_NOT_FOUND'
  | 'BRIEFING_NOT_READY'
  | 'BRIEFING_FILE_MISSING';

const STATUS: Record<BriefingErrorCode, number> = {
  // A bad week or format is a plain 400 (the issue asks for it), with the fields that are wrong.
  BRIEFING_REQUEST_INVALID: 400,
  BRIEFING_WEEK_IN_FUTURE: 400,
  BRIEFING_NOT_FOUND: 404,
  BRIEFING_NOT_READY: 409,
  BRIEFING_FILE_MISSING: 410,
};

export class BriefingException extends AppException<BriefingErrorCode> {
  constructor(code: BriefingErrorCode, message: string, errors?: FieldError[]) {
    super(code, STATUS[code], message, errors);
  }
}
