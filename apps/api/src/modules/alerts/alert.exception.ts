import { AppException } from '../../common/app.exception';

export type AlertErrorCode =
  | 'ALERT_NOT_FOUND'
  | 'ALERT_NOT_ACTIVE'
  | 'ALERT_ALREADY_ACKNOWLEDGED'
  | 'ALERT_HAS_NO_LOCATION'
  | 'ALERT_RULE_NOT_FOUND';

const STATUS: Record<AlertErrorCode, number> = {
  ALERT_NOT_FOUND: 404,
  ALERT_NOT_ACTIVE: 409,
  ALERT_ALREADY_ACKNOWLEDGED: 409,
  ALERT_HAS_NO_LOCATION: 422,
  ALERT_RULE_NOT_FOUND: 404,
};

export class AlertException extends AppException<AlertErrorCode> {
  constructor(code: AlertErrorCode, message: string, extensions?: Record<string, unknown>) {
    super(code, STATUS[code], message, undefined, undefined, extensions);
  }
}
