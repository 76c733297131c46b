import { Inject, Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import type { LiveConnectError, LiveConnectErrorData } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { originOf } from '../../infra/realtime/live-socket.adapter';
import { AccessTokenService } from '../auth/access-token.service';
import { AuthException } from '../auth/auth.exception';
import type { LiveSocketData } from './live-socket.types';

/** A refused connection; Socket.IO sends `message` and `data` to the client's `connect_error`. */
export class LiveConnectRefused extends Error {
  readonly data: LiveConnectErrorData;

  constructor(code: LiveConnectError, message: string) {
    super(code);
    this.data = { code, message };
  }
}

export interface LiveHandshake {
  headers: IncomingHttpHeaders;
  auth: Record<string, unknown>;
}

/**
 * Who may open a socket. The page's Origin must be on CORS_ORIGINS or be the API's own origin
 * (checked first: a page on another site is refused even with a stolen token). A client without
 * an Origin header (a device, a script, a test) is not a browser page and is let through on its
 * token alone. The credential is a JWT access token in `auth.token`; a video wall signs in as a
 * user with the `wall` role, there is no separate wall token.
 */
@Injectable()
export class LiveHandshakeService {
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(
    private readonly accessTokens: AccessTokenService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.allowedOrigins = new Set(config.http.corsOrigins.map(originOf));
  }

  authenticate(handshake: LiveHandshake): LiveSocketData {
    const origin = handshake.headers.origin;
    if (origin !== undefined && !this.originAllowed(origin, handshake.headers.host)) {
      throw new LiveConnectRefused('ORIGIN_NOT_ALLOWED', `Pages from ${origin} may not open a live connection.`);
    }
    const token = handshake.auth['token'];
    if (typeof token !== 'string' || !token) {
      throw new LiveConnectRefused('AUTH_TOKEN_MISSING', 'Sign in: send the access token as auth.token.');
    }
    try {
      const user = this.accessTokens.verify(token);
      return { userId: user.userId, username: user.username, role: user.role, agencyId: user.agencyId };
    } catch (error) {
      if (error instanceof AuthException) throw new LiveConnectRefused('AUTH_TOKEN_INVALID', error.message);
      throw error;
    }
  }

  private originAllowed(origin: string, host: string | undefined): boolean {
    const normalized = originOf(origin);
    if (this.allowedOrigins.has(normalized)) return true;
    // Same origin: the page was served by this API (host header as the browser sent it).
    try {
      return host !== undefined && new URL(normalized).host === host;
    } catch {
      return false;
    }
  }
}
