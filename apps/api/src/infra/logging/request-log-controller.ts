import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Device feeds post batches many times a second (a province: hundreds of stations), so a line for
 * every accepted batch would drown everything else; their counts are in the feed freshness and the
 * readings themselves. A refused batch still shows, at warn or error like any other request.
 */
const isDeviceIngest = (request: FastifyRequest): boolean => request.url.startsWith('/api/ingest/');

/**
 * Fastify's request logging, shaped for operations: one line per request when it completes (not
 * two), at warn for 4xx and error for 5xx, debug for accepted device ingest, and none for health
 * probes, which load balancers call many times a minute.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ disableRequestLogging: (request: FastifyRequest) => request.url.startsWith('/api/health') });
  }

  override incomingRequest(): void {
    // The completion line says everything; an extra line per request only costs.
  }

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const level = error || reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'warn' : isDeviceIngest(request) ? 'debug' : 'info';
    reply.log[level](
      { req: request, res: reply, responseTime: Math.round(reply.elapsedTime), ...(error && { err: error }) },
      'request completed',
    );
  }
}
