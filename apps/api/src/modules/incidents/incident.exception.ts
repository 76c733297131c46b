import { AppException } from '../../common/app.exception';

export type IncidentErrorCode =
  | 'INCIDENT_NOT_FOUND'
  | 'INCIDENT_TRANSITION_NOT_ALLOWED'
  | 'INCIDENT_VERSION_CONFLICT'
  | 'INCIDENT_ACTION_FORBIDDEN'
  | 'INCIDENT_AGENCY_REQUIRED'
  | 'INCIDENT_AGENCY_NOT_FOUND'
  | 'INCIDENT_UNIT_INVALID'
  | 'INCIDENT_MERGE_INVALID'
  | 'INCIDENT_SPLIT_INVALID'
  | 'AGENCY_UNIT_NOT_FOUND';

const STATUS: Record<IncidentErrorCode, number> = {
  INCIDENT_NOT_FOUND: 404,
  INCIDENT_TRANSITION_NOT_ALLOWED: 409,
  INCIDENT_VERSION_CONFLICT: 409,
  INCIDENT_ACTION_FORBIDDEN: 403,
  INCIDENT_AGENCY_REQUIRED: 409,
  INCIDENT_AGENCY_NOT_FOUND: 422,
  INCIDENT_UNIT_INVALID: 422,
  INCIDENT_MERGE_INVALID: 409,
  INCIDENT_SPLIT_INVALID: 422,
  AGENCY_UNIT_NOT_FOUND: 404,
};

export class IncidentException extends AppException<IncidentErrorCode> {
  constructor(code: IncidentErrorCode, message: string, extensions?: Record<string, unknown>) {
    super(code, STATUS[code], message, undefined, undefined, extensions);
  }
}
