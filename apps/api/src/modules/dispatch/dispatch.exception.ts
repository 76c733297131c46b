import { AppException } from '../../common/app.exception';

export type DispatchErrorCode = 'DISPATCH_PROGRESS_NOT_ALLOWED';

const STATUS: Record<DispatchErrorCode, number> = {
  DISPATCH_PROGRESS_NOT_ALLOWED: 409,
};

export class DispatchException extends AppException<DispatchErrorCode> {
  constructor(code: DispatchErrorCode, message: string, extensions?: Record<string, unknown>) {
    super(code, STATUS[code], message, undefined, undefined, extensions);
  }
}
