import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import type { AppConfig } from '../../config/app-config';

/**
 * Query parameters that can carry a credential (Open311 clients send `api_key` in the query) or a
 * reporter's contact details (some Open311 clients send every field in the query string).
 */
const SECRET_QUERY_PARAMS =
  /([?&](?:api_key|apikey|token|access_token|refresh_token|password|email|phone|first_name|last_name|device_id|account_id)=)[^&]*/gi;
/** Tracking codes and Open311 tokens in a path open a citizen's report to whoever reads the log. */
const SECRET_PATH_SEGMENTS = /^(\/api\/track\/|\/open311\/v2\/tokens\/)[^/?.]+/i;

export const scrubUrl = (url: string): string =>
  url.replace(SECRET_PATH_SEGMENTS, '$1[REDACTED]').replace(SECRET_QUERY_PARAMS, '$1[REDACTED]');

interface LoggedRequest {
  method: string;
  url: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The one pino logger: Fastify logs requests through it (a child per request carrying `reqId`) and
 * Nest's own logging goes to it through {@link NestLogger}. Bodies are never logged and credentials
 * are redacted, so passwords, tokens and reporters' contact details stay out of the logs.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[REDACTED]',
    },
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: scrubUrl(request.url),
        remoteAddress: request.ip,
        userAgent: request.headers['user-agent'],
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
  }, destination);
}

/** Nest's start-up roll-call (each module, route and socket handler): one line each, at debug. */
const FRAMEWORK_BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestFactory']);

/**
 * Nest's LoggerService on top of pino, for start-up, shutdown and background work. Lines written
 * while serving a request go through `request.log`, Fastify's child logger, which carries `reqId`.
 * (An AsyncLocalStorage to give these lines a `reqId` too halved request throughput on Node 20.)
 */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    this.write(typeof context === 'string' && FRAMEWORK_BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    // Nest passes the context (the class name) last.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const bindings = context ? { context } : {};
    if (message instanceof Error) this.logger[level]({ ...bindings, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...bindings, ...message });
    else this.logger[level](bindings, String(message));
  }
}
