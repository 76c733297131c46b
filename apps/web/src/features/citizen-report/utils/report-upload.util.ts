import { problemSchema, submitReportResponseSchema, type SubmitReportRequest, type SubmitReportResponse } from '@mekong-ioc/shared';
import { ApiError, type ClientErrorCode } from '../../../api/api-error';

export const SUBMIT_REPORT_PATH = '/api/reports';

/** A 429: how long the server asks us to wait, when it says. */
export class RateLimitedError extends ApiError {
  constructor(
    problem: ApiError,
    readonly retryAfterSeconds: number | null,
  ) {
    super(problem.status, problem.code, problem.detail, problem.problem);
  }
}

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

/** The multipart body of `POST /api/reports`: the contract's fields first, then each photo as `photo`. */
export function buildReportFormData(request: SubmitReportRequest, photos: readonly Blob[]): FormData {
  const body = new FormData();
  // Text fields before files, so a server streaming the body knows the report before the photos arrive.
  for (const [name, value] of Object.entries(request)) {
    if (value !== undefined) body.append(name, String(value));
  }
  for (const photo of photos) body.append('photo', photo, photo instanceof File ? photo.name : 'photo.jpg');
  return body;
}

/** A random key per report, so a retry after a lost answer gets the first report back instead of filing a second. */
export function newIdempotencyKey(): string {
  // getRandomValues also works on plain http (a LAN demo), where randomUUID does not exist.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Reads the API's answer to a submission: the tracking code, or an ApiError with the problem's code. */
export function interpretSubmitAnswer(status: number, bodyText: string, retryAfter: string | null): SubmitReportResponse | ApiError {
  let body: unknown;
  try {
    body = bodyText === '' ? undefined : JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (status >= 200 && status < 300) {
    const parsed = submitReportResponseSchema.safeParse(body);
    return parsed.success ? parsed.data : new ApiError(status, 'RESPONSE_INVALID' satisfies ClientErrorCode, `${SUBMIT_REPORT_PATH}: ${parsed.error.message}`);
  }
  const problem = problemSchema.safeParse(body);
  const error = problem.success
    ? new ApiError(status, problem.data.code, problem.data.detail ?? problem.data.title, problem.data)
    : new ApiError(status, `HTTP_${status}`, `HTTP ${status}`);
  if (status === 429) return new RateLimitedError(error, parseRetryAfter(retryAfter));
  return error;
}

/** `Retry-After` in seconds; the HTTP-date form is turned into seconds from now. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Sends the report. XMLHttpRequest rather than fetch, because only it reports upload progress,
 * which matters on a phone sending several photos over a slow connection.
 */
export function submitReport(
  body: FormData,
  options: { idempotencyKey: string; onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal },
): Promise<SubmitReportResponse> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', SUBMIT_REPORT_PATH);
    request.setRequestHeader('accept', 'application/json, application/problem+json');
    request.setRequestHeader('idempotency-key', options.idempotencyKey);
    request.responseType = 'text';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.({ sentBytes: event.loaded, totalBytes: event.total });
    };
    request.onload = () => {
      const answer = interpretSubmitAnswer(request.status, request.responseText, request.getResponseHeader('retry-after'));
      if (answer instanceof ApiError) reject(answer);
      else resolve(answer);
    };
    request.onerror = () => reject(ApiError.network(new Error('the report could not be sent')));
    request.onabort = () => reject(new DOMException('The report was not sent', 'AbortError'));
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(body);
  });
}
