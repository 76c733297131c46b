import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FEED_DEFINITIONS, READING_SCHEMAS, type FeedId, type IngestResult } from '@mekong-ioc/shared';

/**
 * A stand-in for `POST /api/ingest/{feed}` that keeps the contract the real route keeps: the
 * shared schemas, a unique key per reading, 401 for a wrong key, 503 with Retry-After when told to
 * be busy. Enough to test a sender without the database.
 */
export class FakeIngestServer {
  readonly keys = new Set<string>();
  readonly requests: { feed: string; count: number; apiKey: string | undefined }[] = [];
  /** Answer 503 to this many requests first. */
  busyRequests = 0;
  /** The status to answer with instead of ingesting (tests of error handling). */
  forcedStatus: number | null = null;
  private server: Server | null = null;

  constructor(private readonly apiKey: string) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, body, headers }) => {
        response.writeHead(status, { 'content-type': status < 300 ? 'application/json' : 'application/problem+json', ...headers });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const feed = /^\/api\/ingest\/([a-z]+)$/.exec(request.url ?? '')?.[1] ?? '';
    const apiKey = request.headers['x-api-key'];
    const items: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    this.requests.push({ feed, count: Array.isArray(items) ? items.length : 0, apiKey: typeof apiKey === 'string' ? apiKey : undefined });
    const problem = (status: number, title: string, detail?: string) => ({ status, body: { type: 'about:blank', title, status, code: 'TEST', detail } });
    if (this.forcedStatus !== null) return problem(this.forcedStatus, 'Forced', 'forced by the test');
    if (apiKey !== this.apiKey) return problem(401, 'Unauthorized', 'unknown API key');
    if (this.busyRequests > 0) {
      this.busyRequests--;
      return { ...problem(503, 'Service Unavailable', 'ingest queue full'), headers: { 'retry-after': '1' } };
    }
    if (!Object.hasOwn(FEED_DEFINITIONS, feed) || !Array.isArray(items)) return problem(404, 'Not Found');
    const result: IngestResult = { stored: [], duplicates: [], rejected: [] };
    items.forEach((item, index) => {
      const parsed = READING_SCHEMAS[feed as FeedId].safeParse(item);
      if (!parsed.success) {
        result.rejected.push({ index, field: parsed.error.issues[0]?.path.join('.') ?? '', message: parsed.error.issues[0]?.message ?? '' });
        return;
      }
      const key = `${parsed.data.source}|${parsed.data.deviceId}|${parsed.data.metric}|${Date.parse(parsed.data.observedAt)}`;
      if (this.keys.has(key)) result.duplicates.push(index);
      else {
        this.keys.add(key);
        result.stored.push(index);
      }
    });
    if (!result.stored.length && !result.duplicates.length) {
      return { status: 422, body: { type: 'about:blank', title: 'Unprocessable', status: 422, code: 'INGEST_NOTHING_ACCEPTED', errors: result.rejected.map((r) => ({ path: `${r.index}.${r.field}`, message: r.message })) } };
    }
    return { status: 200, body: result };
  }
}
