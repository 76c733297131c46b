import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { createApp } from '../app.factory';
import { AppConfig, DatabaseConfig, loadConfig } from '../config/app-config';
import type { Session } from '@mekong-ioc/shared';
import { DEMO_PASSWORD } from '../modules/demo/demo-fixtures';
import { SimulatorService } from '../modules/simulator/simulator.service';
import { version } from '../../package.json';

export const TEST_JWT_SECRET = 'test-secret-for-mekong-ioc-0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  close(): Promise<void>;
  /** Signs in one of the demo accounts and returns its session. */
  login(username: string, password?: string): Promise<Session>;
}

/**
 * The whole API on a free port, migrated, with the demo accounts, over a real HTTP socket, so tests
 * see exactly what a client sees.
 */
export async function startTestApp(
  database: DatabaseConfig,
  env: Record<string, string> = {},
  /** Where the app's log lines go, for tests that read them (with LOG_LEVEL set in env). */
  options: { logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    DEMO_MODE: 'true',
    LOG_LEVEL: 'silent',
    MIGRATE_ON_START: 'true',
    // Suites share two cores with PostgreSQL and a browser; the production budget (1.8 s) would
    // turn a slow moment into a 503 the test did not ask for. Outage tests set their own.
    INGEST_COMMIT_TIMEOUT_MS: '15000',
    // Uploaded files go to a directory of the suite's own, never into the developer's ./data/storage.
    STORAGE_DIR: join(tmpdir(), `mekong-ioc-storage-${process.pid}-${randomBytes(4).toString('hex')}`),
    ...(database.kind === 'postgres' ? { DATABASE_URL: database.url } : { PGLITE_DATA_DIR: database.dataDir ?? ':memory:' }),
    ...env,
  }, version);
  const app = await createApp(config, options);
  // PORT is 0 (any free port) unless a test restarts an app on the port its clients know.
  await app.listen({ port: config.http.port, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('test app is not listening on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  // As main.ts does: a suite that sets SIMULATOR=on gets the city's feeds through the public ingest path.
  if (config.simulator.enabled) app.get(SimulatorService).start(baseUrl);
  return {
    app,
    config,
    baseUrl,
    close: () => closeWithWatchdog(app),
    login: async (username, password = DEMO_PASSWORD) => {
      const response = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as Session;
    },
  };
}

/**
 * Closes the app; if that takes suspiciously long, says what is still open, so that a hang in a
 * suite's afterAll names its cause instead of only timing out.
 */
async function closeWithWatchdog(app: NestFastifyApplication): Promise<void> {
  const started = Date.now();
  const watchdog = setInterval(() => {
    const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
    const kinds = handles.map((handle) => handle.constructor.name).join(', ');
    console.error(`app.close() still running after ${Math.round((Date.now() - started) / 1000)} s; open handles: ${kinds}`);
  }, 15_000);
  watchdog.unref();
  try {
    await app.close();
  } finally {
    clearInterval(watchdog);
  }
}
