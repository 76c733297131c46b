import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope, Role } from '@mekong-ioc/shared';
import { AccessTokenService } from './access-token.service';
import { ApiKeysService } from './api-keys.service';
import { AuthException } from './auth.exception';
import { PUBLIC_ROUTE, ROUTE_API_KEY_SCOPES, ROUTE_ROLES } from './decorators/access.decorators';
import type { AuthenticatedRequest } from './principal';
import { WallDisplaysService } from './wall-displays.service';

/**
 * The one global guard. A route is open only if it says `@Public()`; otherwise it names the roles
 * (user token) or the API-key scopes (client application) it admits. A route that names neither is
 * refused, so forgetting a decorator closes a route instead of opening it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly apiKeys: ApiKeysService,
    private readonly wallDisplays: WallDisplaysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const scopes = this.reflector.getAllAndOverride<ApiKeyScope[] | undefined>(ROUTE_API_KEY_SCOPES, targets);
    if (scopes) {
      const presented = request.headers['x-api-key'];
      if (typeof presented !== 'string' || !presented) {
        throw new AuthException('AUTH_API_KEY_MISSING', 'This route needs an API key in the X-Api-Key header.');
      }
      const apiKey = await this.apiKeys.authenticate(presented);
      const missing = scopes.filter((scope) => !apiKey.scopes.includes(scope));
      if (missing.length) throw new AuthException('AUTH_SCOPE_DENIED', `The API key lacks the scope ${missing.join(', ')}.`);
      request.principal = { kind: 'api-key', apiKey };
      return true;
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    const user = this.accessTokens.verify(bearerToken(request));
    if (!roles?.length) throw new AuthException('AUTH_ROUTE_UNDECLARED', 'This route admits no role.');
    if (!roles.includes(user.role)) throw new AuthException('AUTH_ROLE_DENIED', `The role ${user.role} may not do this.`);
    // A display's token lives as long as any other, but revoking the display ends it now.
    if (user.displayId) await this.wallDisplays.assertActive(user.displayId);
    request.principal = { kind: 'user', user };
    return true;
  }
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw new AuthException('AUTH_TOKEN_MISSING', 'Sign in: this route needs a bearer token.');
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header);
  if (!match?.[1]) throw new AuthException('AUTH_TOKEN_INVALID', 'The Authorization header is not "Bearer <token>".');
  return match[1];
}
