import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import type { FieldError, Problem } from '@mekong-ioc/shared';
import { AppException } from '../../common/app.exception';
import { explainMultipartSentToJsonRoute } from './multipart-options';
import { isOpen311Url, open311ErrorList, sendOpen311Errors } from './open311-format';

/** Title and default code per status, for errors that carry no domain code of their own. */
const STATUSES: Record<number, [title: string, code: string]> = {
  400: ['Bad Request', 'BAD_REQUEST'],
  401: ['Unauthorized', 'UNAUTHORIZED'],
  403: ['Forbidden', 'FORBIDDEN'],
  404: ['Not Found', 'NOT_FOUND'],
  405: ['Method Not Allowed', 'METHOD_NOT_ALLOWED'],
  409: ['Conflict', 'CONFLICT'],
  413: ['Content Too Large', 'BODY_TOO_LARGE'],
  415: ['Unsupported Media Type', 'UNSUPPORTED_MEDIA_TYPE'],
  422: ['Unprocessable Content', 'VALIDATION_FAILED'],
  429: ['Too Many Requests', 'RATE_LIMITED'],
  500: ['Internal Server Error', 'INTERNAL'],
  503: ['Service Unavailable', 'UNAVAILABLE'],
};

/** Errors from Fastify itself (body parsing, limits) and from Nest carry a status and a message. */
interface StatusError {
  statusCode: number;
  message: string;
}

export function toProblem(error: unknown, requestId?: string): { problem: Problem; headers: Record<string, string> } {
  let status = 500;
  let code = 'INTERNAL';
  let detail: string | undefined = 'An unexpected error occurred; it has been logged.';
  let errors: FieldError[] | undefined;
  let headers: Record<string, string> = {};
  let extensions: Record<string, unknown> = {};

  if (error instanceof AppException) {
    ({ status, code } = error);
    detail = error.message;
    errors = error.errors;
    headers = error.headers ?? {};
    extensions = error.extensions ?? {};
  } else if (error instanceof ZodValidationException) {
    // The body parsed but does not match the contract: 422, with each field that is wrong.
    status = 422;
    code = 'VALIDATION_FAILED';
    detail = 'The request does not match the expected shape.';
    errors = fieldErrors(error.getZodError() as ZodError);
  } else if (error instanceof HttpException) {
    status = error.getStatus();
    code = STATUSES[status]?.[1] ?? `HTTP_${status}`;
    const response = error.getResponse();
    detail = typeof response === 'string' ? response : error.message;
  } else if (isStatusError(error)) {
    status = error.statusCode;
    code = STATUSES[status]?.[1] ?? `HTTP_${status}`;
    detail = error.message;
  }

  return {
    problem: {
      // Extensions first, so they can never overwrite the standard members.
      ...extensions,
      type: status >= 500 ? 'about:blank' : `https://mekong-ioc.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
      title: STATUSES[status]?.[0] ?? 'Error',
      status,
      code,
      ...(detail !== undefined && { detail }),
      ...(errors && { errors }),
      ...(requestId && { requestId }),
    },
    headers,
  };
}

export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}

function isStatusError(error: unknown): error is StatusError {
  const statusCode = (error as Partial<StatusError> | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 600;
}

/** Maps every error to RFC 9457 problem details; only unexpected ones are logged with a stack. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, headers } = toProblem(explainMultipartSentToJsonRoute(error, request), String(request.id));
    // request.log carries the request id, so the failure can be matched to the answer the client got.
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    // Open311 clients read the standard's error list, not problem details.
    if (isOpen311Url(request.url)) {
      return sendOpen311Errors(reply, request.url, problem.status, open311ErrorList(problem.status, problem.detail, problem.errors), headers);
    }
    void reply.status(problem.status).headers(headers).type('application/problem+json').send(problem);
  }
}
