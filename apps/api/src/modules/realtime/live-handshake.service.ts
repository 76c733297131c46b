import { Inject, Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import type { LiveConnectError, LiveConnectErrorData } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { originOf } from '../../infra/realtime/live-socket.adapter';
import { AccessTokenService } from '../auth/access-token.service';
import { AuthException } from '../auth/auth.exception';
import { WallDisplaysService } from '../auth/wall-displays.service';
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
 * token alone. The credential is a JWT access token in `auth.token`: a person's, or a paired wall
 * display's (role `wall`), which is refused once the display is revoked.
 */
@Injectable()
export class LiveHandshakeService {
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly wallDisplays: WallDisplaysService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.allowedOrigins = new Set(config.http.corsOrigins.map(originOf));
  }

  async authenticate(handshake: LiveHandshake): Promise<LiveSocketData> {
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
      if (user.displayId) await this.wallDisplays.assertActive(user.displayId);
      return { userId: user.userId, username: user.username, role: user.role, agencyId: user.agencyId, displayId: user.displayId ?? null };
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
