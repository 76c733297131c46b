import type { FieldError } from '@mekong-ioc/shared';

/**
 * The base of every domain error. Each module declares its own union of codes, so the codes a
 * client can meet are listed in one place per context; the problem-details filter maps them to HTTP.
 */
export class AppException<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    /** Extra members of the problem body (RFC 9457 extensions), e.g. the allowed transitions. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
  }
}
