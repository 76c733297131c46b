// GET /api/health through the whole API stack (Fastify, Nest routing, guard, logging middleware)
// against a bare Node HTTP server answering the same JSON, same load tool, same connections.
import { join } from 'node:path';
import { requestsPerSecond, startServer } from './support/processes.mjs';

export const name = 'health';
const CONNECTIONS = 32;
const SECONDS = 10;

export async function run({ root }) {
  const bare = await startServer(join(root, 'bench/support/bare-health-server.mjs'));
  const baseline = await requestsPerSecond(bare.url, { connections: CONNECTIONS, seconds: SECONDS }).finally(bare.stop);

  const api = await startServer(join(root, 'apps/api/dist/main.js'), {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    PGLITE_DATA_DIR: ':memory:',
    MIGRATE_ON_START: 'true',
    JWT_SECRET: 'benchmark-secret-0123456789abcdefghijklmnop',
    LOG_LEVEL: 'info',
  });
  const ours = await requestsPerSecond(`${api.url}/api/health`, { connections: CONNECTIONS, seconds: SECONDS }).finally(api.stop);

  return {
    value: Math.round(ours.rps),
    unit: 'req/s',
    baseline: Math.round(baseline.rps),
    baselineName: 'bare node:http server, same JSON',
    target: { ratio: 0.6 },
    notes: `${CONNECTIONS} connections, ${SECONDS} s after a 2 s warm-up; p99 ${ours.p99Ms} ms (bare ${baseline.p99Ms} ms)`,
  };
}
