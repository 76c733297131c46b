import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/principal';
import type { AuditActor } from './incident-intake.service';

/** The signed-in user as the audit trail records them, with the request id that ties the row to the logs. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): AuditActor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
  const principal = request.principal;
  if (principal?.kind !== 'user') throw new Error('CurrentActor used on a route not authenticated by user token');
  return { userId: principal.user.userId, role: principal.user.role, label: principal.user.username, requestId: String(request.id) };
});
