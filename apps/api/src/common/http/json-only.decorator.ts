import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../app.exception';

@Injectable()
class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const contentType = context.switchToHttp().getRequest<FastifyRequest>().headers['content-type'] ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
      throw new AppException('UNSUPPORTED_MEDIA_TYPE', 415, `This route takes application/json, not ${contentType || 'an untyped body'}.`);
    }
    return true;
  }
}

/**
 * The route takes a JSON body only. The server also parses form bodies (Open311 clients post
 * them), so a route that must not see them says so and answers 415.
 */
export const JsonOnly = () => applyDecorators(UseGuards(JsonBodyGuard));
