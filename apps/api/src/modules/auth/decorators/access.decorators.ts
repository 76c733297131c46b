import { SetMetadata } from '@nestjs/common';
import type { ApiKeyScope, Role } from '@mekong-ioc/shared';

export const PUBLIC_ROUTE = 'access:public';
export const ROUTE_ROLES = 'access:roles';
export const ROUTE_API_KEY_SCOPES = 'access:api-key-scopes';

/** Anyone may call this route. Every route is closed unless it says otherwise. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Signed-in users with one of these roles may call this route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

/** Client applications whose API key carries all of these scopes may call this route. */
export const ApiKeyScopes = (...scopes: ApiKeyScope[]) => SetMetadata(ROUTE_API_KEY_SCOPES, scopes);
