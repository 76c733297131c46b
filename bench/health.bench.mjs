// GET /api/health through the whole API stack (Fastify, Nest routing, the access guard, request
// logging) against a bare Node HTTP server answering the same JSON, same load tool, same connections.
import { join } from 'node:path';
import { interleavedRequestsPerSecond, startServer } from './support/processes.mjs';

export const name = 'health';
const CONNECTIONS = 32;

export async function run({ root }) {
  const bare = await startServer(join(root, 'bench/support/bare-health-server.mjs'));
  const nest = await startServer(join(root, 'bench/support/nest-minimal-server.cjs'));
  const api = await startServer(join(root, 'apps/api/dist/main.js'), {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    PGLITE_DATA_DIR: ':memory:',
    MIGRATE_ON_START: 'true',
    JWT_SECRET: 'benchmark-secret-0123456789abcdefghijklmnop',
    LOG_LEVEL: 'info',
  });
  try {
    const rounds = 5;
    const seconds = 4;
    const [ours, baseline, minimalNest] = await interleavedRequestsPerSecond(
      [`${api.url}/api/health`, bare.url, `${nest.url}/api/health`],
      { connections: CONNECTIONS, rounds, seconds },
    );
    return {
      value: Math.round(ours.rps),
      unit: 'req/s',
      baseline: Math.round(baseline.rps),
      baselineName: 'bare node:http server, same JSON',
      target: { ratio: 0.6 },
      notes:
        `${CONNECTIONS} connections, median of ${rounds} interleaved ${seconds} s rounds after warm-up; ` +
        `p99 ${ours.p99Ms} ms (bare ${baseline.p99Ms} ms); reference: minimal NestJS-on-Fastify app ` +
        `${Math.round(minimalNest.rps)} req/s (ratio ${(minimalNest.rps / baseline.rps).toFixed(2)})`,
    };
  } finally {
    await Promise.all([api.stop(), bare.stop(), nest.stop()]);
  }
}
