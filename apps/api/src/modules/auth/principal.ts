import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { ApiKeyPrincipal, Role } from '@mekong-ioc/shared';

export interface UserPrincipal {
  userId: string;
  username: string;
  role: Role;
  agencyId: string | null;
  /**
   * Set when a wall display (not a person) holds the token; `userId` is then the display's id and
   * the role is always `wall`. Routes that record who acted never admit that role.
   */
  displayId?: string;
}

/** What the access guard attaches to a request it lets through. */
export type Principal = { kind: 'user'; user: UserPrincipal } | { kind: 'api-key'; apiKey: ApiKeyPrincipal };

export interface AuthenticatedRequest {
  principal?: Principal;
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): UserPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'user') throw new Error('CurrentUser used on a route not authenticated by user token');
  return principal.user;
});

export const CurrentApiKey = createParamDecorator((_: unknown, context: ExecutionContext): ApiKeyPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'api-key') throw new Error('CurrentApiKey used on a route not authenticated by API key');
  return principal.apiKey;
});
