import { problemSchema } from '@mekong-ioc/shared';
import type { z } from 'zod';
import { ApiError, type ClientErrorCode } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  accessToken?: string | null;
  signal?: AbortSignal;
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClient {
  /** Calls a route and parses its JSON answer with the shared contract schema. */
  json<S extends z.ZodType>(path: string, schema: S, request?: ApiRequest): Promise<z.output<S>>;
  /** Calls a route that answers 204 No Content. */
  empty(path: string, request?: ApiRequest): Promise<void>;
}

/**
 * The one way the web app talks to the API. Answers are parsed with the shared zod schemas, never
 * trusted as-is; problem+json errors become an `ApiError` carrying the problem's code.
 */
export function createApiClient(fetchFunction: FetchFunction = (input, init) => fetch(input, init), baseUrl = ''): ApiClient {
  async function send(path: string, request: ApiRequest): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.accessToken) headers['authorization'] = `Bearer ${request.accessToken}`;
    let response: Response;
    try {
      response = await fetchFunction(`${baseUrl}${path}`, {
        method: request.method ?? 'GET',
        headers,
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        ...(request.signal && { signal: request.signal }),
        credentials: 'same-origin',
      });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw ApiError.network(error);
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  return {
    async json(path, schema, request = {}) {
      const response = await send(path, request);
      const parsed = schema.safeParse(await readJson(response));
      if (!parsed.success) {
        throw new ApiError(response.status, 'RESPONSE_INVALID' satisfies ClientErrorCode, `${path}: ${parsed.error.message}`);
      }
      return parsed.data;
    },
    async empty(path, request = {}) {
      await send(path, request);
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const problem = problemSchema.safeParse(await readJson(response));
  if (problem.success) {
    return new ApiError(response.status, problem.data.code, problem.data.detail ?? problem.data.title, problem.data);
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
}

export const api = createApiClient();
