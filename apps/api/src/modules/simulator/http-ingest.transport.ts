import http from 'node:http';
import https from 'node:https';
import { ingestResultSchema, problemSchema, type FeedId } from '@mekong-ioc/shared';
import { describeError, parseRetryAfter, type IngestTransport, type SendOutcome } from './ingest-transport';
import type { SimulatedReading } from './simulation-model';

export interface HttpIngestOptions {
  /** Where the API listens, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  apiKey: string;
  /** Keep-alive sockets to the API; concurrent requests beyond this wait for one. */
  connections?: number;
  /** A request that takes longer is abandoned and retried (duplicates are harmless). */
  timeoutMs?: number;
}

const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Answers that mean "not now": overloaded, restarting, or a proxy in between that gave up. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * `POST {baseUrl}/api/ingest/{feed}` with the gateway's API key, as any device gateway would.
 * Plain node:http with a keep-alive agent: fetch in Node 20 cannot size its connection pool
 * without the undici package, which is not a dependency here.
 */
export class HttpIngestTransport implements IngestTransport {
  readonly description: string;
  private readonly agent: http.Agent;
  private readonly client: typeof http | typeof https;
  private readonly base: URL;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpIngestOptions) {
    this.base = new URL(options.baseUrl);
    const secure = this.base.protocol === 'https:';
    this.client = secure ? https : http;
    const agentOptions = { keepAlive: true, maxSockets: options.connections ?? 4, keepAliveMsecs: 10_000 };
    this.agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.description = `HTTP ${this.base.origin}`;
  }

  send(feed: FeedId, readings: readonly SimulatedReading[]): Promise<SendOutcome> {
    const body = Buffer.from(JSON.stringify(readings));
    const path = `${this.base.pathname.replace(/\/$/, '')}/api/ingest/${feed}`;
    return new Promise<SendOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: SendOutcome) => {
        if (settled) return;
        settled = true;
        resolve(outcome);
      };
      const request = this.client.request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          path,
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            accept: 'application/json',
            'x-api-key': this.options.apiKey,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
          });
          response.on('error', (error) => finish({ kind: 'retry', reason: describeError(error) }));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const retryAfter = response.headers['retry-after'];
            finish(interpret(status, Buffer.concat(chunks).toString('utf8'), readings.length, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter));
          });
        },
      );
      request.setTimeout(this.timeoutMs, () => request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      request.on('error', (error) => finish({ kind: 'retry', reason: describeError(error) }));
      request.end(body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

function interpret(status: number, text: string, count: number, retryAfter: string | undefined): SendOutcome {
  const json = parseJson(text);
  if (status >= 200 && status < 300) {
    const result = ingestResultSchema.safeParse(json);
    if (!result.success) return { kind: 'refused', status, reason: `unexpected ${status} answer: ${text.slice(0, 200)}` };
    const first = result.data.rejected[0];
    return {
      kind: 'accepted',
      stored: result.data.stored.length,
      duplicates: result.data.duplicates.length,
      rejected: result.data.rejected.length,
      ...(first ? { firstRejection: `#${first.index} ${first.field}: ${first.message}` } : {}),
    };
  }
  const problem = problemSchema.safeParse(json);
  const detail = problem.success
    ? [problem.data.title, problem.data.detail, problem.data.errors?.[0] && `${problem.data.errors[0].path}: ${problem.data.errors[0].message}`].filter(Boolean).join(' – ')
    : text.slice(0, 200);
  if (RETRYABLE_STATUSES.has(status)) {
    const retryAfterMs = parseRetryAfter(retryAfter, Date.now());
    return { kind: 'retry', status, reason: `${status} ${detail}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  // 422: the API looked at every reading and could accept none; they are rejections, not a failure.
  if (status === 422) return { kind: 'accepted', stored: 0, duplicates: 0, rejected: count, firstRejection: detail };
  return { kind: 'refused', status, reason: `${status} ${detail}` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
