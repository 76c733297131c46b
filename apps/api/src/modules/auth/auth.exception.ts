import { AppException } from '../../common/app.exception';

export type AuthErrorCode =
  | 'AUTH_TOKEN_MISSING'
  | 'AUTH_TOKEN_INVALID'
  | 'AUTH_BAD_CREDENTIALS'
  | 'AUTH_REFRESH_INVALID'
  | 'AUTH_API_KEY_MISSING'
  | 'AUTH_API_KEY_INVALID'
  | 'AUTH_SCOPE_DENIED'
  | 'AUTH_ROLE_DENIED'
  | 'AUTH_ROUTE_UNDECLARED'
  | 'USER_EXISTS'
  | 'AGENCY_UNKNOWN'
  | 'API_KEY_NOT_FOUND'
  | 'AUTH_WALL_DISPLAY_INVALID'
  | 'WALL_DISPLAY_NOT_FOUND';

const STATUS: Record<AuthErrorCode, number> = {
  AUTH_TOKEN_MISSING: 401,
  AUTH_TOKEN_INVALID: 401,
  AUTH_BAD_CREDENTIALS: 401,
  AUTH_REFRESH_INVALID: 401,
  AUTH_API_KEY_MISSING: 401,
  AUTH_API_KEY_INVALID: 401,
  AUTH_SCOPE_DENIED: 403,
  AUTH_ROLE_DENIED: 403,
  AUTH_ROUTE_UNDECLARED: 403,
  USER_EXISTS: 409,
  AGENCY_UNKNOWN: 422,
  API_KEY_NOT_FOUND: 404,
  AUTH_WALL_DISPLAY_INVALID: 401,
  WALL_DISPLAY_NOT_FOUND: 404,
};

export class AuthException extends AppException<AuthErrorCode> {
  constructor(code: AuthErrorCode, message: string) {
    const status = STATUS[code];
    // RFC 6750: a 401 on a bearer-protected resource names the scheme.
    super(code, status, message, undefined, status === 401 ? { 'WWW-Authenticate': 'Bearer realm="mekong-ioc"' } : undefined);
  }
}
