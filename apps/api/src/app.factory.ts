import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { multipartOptions } from './infra/http/multipart-options';
import { attachLiveSocket } from './infra/realtime/attach-live-socket';
import { isOpen311Url, sendOpen311Errors } from './infra/http/open311-format';
import { toProblem } from './infra/http/problem-details.filter';
import { requestIdFor } from './infra/http/request-id';
import { documentSecurityHeaders } from './infra/http/security-headers';
import { createLogger, NestLogger } from './infra/logging/logger';
import { RequestLogController } from './infra/logging/request-log-controller';

/** Builds the whole application, ready to `listen`; used by `main.ts`, the tests and the benchmarks. */
export async function createApp(config: AppConfig, options: { logDestination?: DestinationStream } = {}): Promise<NestFastifyApplication> {
  const logger = createLogger(config, options.logDestination);
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    genReqId: requestIdFor,
    loggerInstance: logger,
    logController: new RequestLogController(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new NestLogger(logger),
  });
  // Open311 clients expect the standard's own path, /open311/v2/…, not one under /api.
  app.setGlobalPrefix('api', { exclude: [{ path: 'open311/v2/{*path}', method: RequestMethod.ALL }] });
  if (config.http.corsOrigins.length) app.enableCors({ origin: config.http.corsOrigins, credentials: true });

  const fastify = app.getHttpAdapter().getInstance();
  // JSON routes take JSON; a text/plain body is refused with 415 rather than parsed as a string.
  fastify.removeContentTypeParser('text/plain');
  // Photo uploads and Open311 with media: parsed lazily, part by part, by the routes that take them.
  await fastify.register(fastifyMultipart, multipartOptions(config));
  const documentHeaders = documentSecurityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff');
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (String(reply.getHeader('content-type')).startsWith('text/html')) void reply.headers(documentHeaders);
    done(null, payload);
  });
  setUpOpenApi(app, config);
  attachLiveSocket(app);
  await serveWebApp(fastify, config);
  return app;
}

function setUpOpenApi(app: NestFastifyApplication, config: AppConfig): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Mekong IOC API')
      .setDescription('Intelligent Operations Center for Mỹ Tho: feeds, incidents, KPIs, alerts and briefings.')
      .setVersion(config.version)
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(document), { jsonDocumentUrl: 'api/docs/openapi.json' });
}

/** The API also serves the built web app, so one port is the whole system. */
async function serveWebApp(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  const root = resolve(config.webDistDir ?? join(__dirname, '..', '..', 'web', 'dist'));
  if (!existsSync(join(root, 'index.html'))) return;
  await fastify.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      // Vite fingerprints everything under assets/, so those never change; index.html always may.
      void reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      void reply.header('x-content-type-options', 'nosniff');
    },
  });
  // Client-side routes (/wall, /dispatch, /track/…) all load the single-page app.
  fastify.get('/*', async (request, reply) => {
    if (isOpen311Url(request.url)) {
      return sendOpen311Errors(reply, request.url, 404, [{ code: 404, description: `No route GET ${request.url.split('?', 1)[0] ?? ''}` }]);
    }
    if (request.url.startsWith('/api/') || request.url === '/api') {
      const { problem } = toProblem({ statusCode: 404, message: `No route GET ${request.url}` }, String(request.id));
      return reply.status(404).type('application/problem+json').send(problem);
    }
    // Every file of the build was registered at start; one missing under assets/ is a chunk of
    // another build (a page left open through a redeploy), and must fail as missing, not as HTML.
    if (request.url.startsWith('/assets/')) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
