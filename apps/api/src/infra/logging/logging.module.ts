import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config';

/** Query parameters that can carry a credential (Open311 clients send `api_key` in the query). */
const SECRET_QUERY_PARAMS = /([?&](?:api_key|apikey|token|access_token|refresh_token|password)=)[^&]*/gi;

export const scrubUrl = (url: string | undefined): string | undefined => url?.replace(SECRET_QUERY_PARAMS, '$1[REDACTED]');

/**
 * Structured JSON logs with the request id on every line. Credentials are redacted and bodies are
 * never logged, so passwords, tokens and reporters' contact details stay out of the logs.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: {
              paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'res.headers["set-cookie"]'],
              censor: '[REDACTED]',
            },
            serializers: {
              req: (req: IncomingMessage & { id?: string; headers: Record<string, unknown> }) => ({
                id: req.id,
                method: req.method,
                url: scrubUrl(req.url),
                remoteAddress: req.socket?.remoteAddress,
                userAgent: req.headers['user-agent'],
              }),
            },
            customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
              error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            // Probes hit health many times a minute; a line each would drown the useful ones.
            autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/api/health') ?? false },
          },
        }),
      ],
    };
  }
}
