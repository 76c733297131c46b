// A reference point for the health benchmark: the smallest NestJS-on-Fastify app, one controller
// answering the same JSON, nothing else. The gap between it and the bare server is the framework's
// own cost; the gap between it and the API is ours (guard, hooks, logging).
require('reflect-metadata');
const { Controller, Get, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

const started = Date.now();
class HealthController {
  health() {
    return { status: 'ok', database: 'pglite', version: '0.1.0', uptimeSeconds: Math.round((Date.now() - started) / 1000) };
  }
}
Reflect.decorate([Get()], HealthController.prototype, 'health', Object.getOwnPropertyDescriptor(HealthController.prototype, 'health'));
Reflect.decorate([Controller('api/health')], HealthController);
class MinimalModule {}
Reflect.decorate([Module({ controllers: [HealthController] })], MinimalModule);

NestFactory.create(MinimalModule, new FastifyAdapter(), { logger: false }).then(async (app) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`Web:       http://localhost:${app.getHttpServer().address().port}\n`);
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
});
