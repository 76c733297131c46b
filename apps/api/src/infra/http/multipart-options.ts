import type { FastifyMultipartOptions } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import { AppException } from '../../common/app.exception';
import type { AppConfig } from '../../config/app-config';

/** Photos one form may carry (the public report form allows 5). */
export const MAX_FILES_PER_REQUEST = 5;
/** Text fields one form may carry: Open311's own fields and its `attribute[…]` answers fit well within this. */
export const MAX_FIELDS_PER_REQUEST = 50;
/** Largest text field, in bytes. Busboy cuts a longer value and marks it `valueTruncated`; readers refuse those. */
export const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Multipart bodies are never buffered: routes read them part by part from `request.parts()`, and
 * busboy counts each file's bytes as they stream, so a file past `fileSize` is cut off and its
 * stream emits `limit` the moment the limit is passed (the reader answers 413 there). With every
 * count bounded, the largest body a client can make the API read is bounded too.
 */
export function multipartOptions(config: AppConfig): FastifyMultipartOptions {
  return {
    throwFileSizeLimit: true,
    limits: {
      files: MAX_FILES_PER_REQUEST,
      fileSize: config.media.photoMaxBytes,
      fields: MAX_FIELDS_PER_REQUEST,
      fieldSize: MAX_FIELD_BYTES,
      fieldNameSize: 200,
      parts: MAX_FILES_PER_REQUEST + MAX_FIELDS_PER_REQUEST,
      headerPairs: 50,
    },
  };
}

/**
 * A multipart body sent to a route that takes JSON is never parsed, so its body validator sees
 * nothing and would answer "expected object, received undefined". This names the real problem
 * instead: 415, the route does not take multipart. Routes that take multipart read the parts
 * themselves and validate no body, so they never get here.
 */
export function explainMultipartSentToJsonRoute(error: unknown, request: FastifyRequest): unknown {
  if (!(error instanceof ZodValidationException) || request.body !== undefined || !(typeof request.isMultipart === 'function' && request.isMultipart())) return error;
  const rootMissing = (error.getZodError() as ZodError).issues.some((issue) => issue.path.length === 0);
  if (!rootMissing) return error;
  return new AppException('UNSUPPORTED_MEDIA_TYPE', 415, 'This route does not take multipart/form-data; send application/json.');
}
