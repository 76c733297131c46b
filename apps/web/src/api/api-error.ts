import type { Problem } from '@mekong-ioc/shared';

/** Failures the client itself detects, beside the codes the API sends in problem details. */
export type ClientErrorCode = 'NETWORK_UNREACHABLE' | 'RESPONSE_INVALID';

/**
 * A request that did not give the answer its contract promises. `code` is the API's problem code
 * (AUTH_BAD_CREDENTIALS, …) or a client code; screens translate it, `detail` is the API's English text.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when no answer arrived. */
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly problem: Problem | null = null,
  ) {
    super(`${code}: ${detail}`);
  }

  static network(cause: unknown): ApiError {
    return new ApiError(0, 'NETWORK_UNREACHABLE' satisfies ClientErrorCode, cause instanceof Error ? cause.message : String(cause));
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
