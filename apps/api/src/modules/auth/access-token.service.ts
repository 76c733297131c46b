import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { z } from 'zod';
import { roleSchema } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthException } from './auth.exception';
import type { UserPrincipal } from './principal';

const ALGORITHM = 'HS256';

const accessClaimsSchema = z.object({
  sub: z.uuid(),
  name: z.string(),
  role: roleSchema,
  agency: z.uuid().nullable(),
  typ: z.literal('access'),
  /** Set on a wall display's token: the display it was issued to, checked for revocation on use. */
  dsp: z.uuid().optional(),
});

/** Short-lived JWT access tokens: algorithm pinned, and `exp`, `iss` and `aud` always checked. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.auth.accessTtlSeconds;
  }

  sign(user: UserPrincipal): string {
    return this.jwt.sign(
      { name: user.username, role: user.role, agency: user.agencyId, typ: 'access', ...(user.displayId && { dsp: user.displayId }) },
      {
        algorithm: ALGORITHM,
        secret: this.config.auth.jwtSecret,
        subject: user.userId,
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        expiresIn: this.config.auth.accessTtlSeconds,
      },
    );
  }

  verify(token: string): UserPrincipal {
    let payload: unknown;
    try {
      payload = this.jwt.verify(token, {
        algorithms: [ALGORITHM],
        secret: this.config.auth.jwtSecret,
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TokenExpiredError' ? 'expired' : 'invalid';
      throw new AuthException('AUTH_TOKEN_INVALID', `The access token is ${reason}.`);
    }
    const claims = accessClaimsSchema.safeParse(payload);
    if (!claims.success) throw new AuthException('AUTH_TOKEN_INVALID', 'The access token has unexpected claims.');
    const { sub, name, role, agency, dsp } = claims.data;
    // A display's token is read-only by construction; one claiming any other role was not made here.
    if (dsp !== undefined && role !== 'wall') throw new AuthException('AUTH_TOKEN_INVALID', 'The access token has unexpected claims.');
    return { userId: sub, username: name, role, agencyId: agency, ...(dsp !== undefined && { displayId: dsp }) };
  }
}
