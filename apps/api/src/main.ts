import 'reflect-metadata';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { DEMO_ACCOUNTS, DEMO_API_KEYS } from './modules/demo/demo-fixtures';
import { SimulatorService } from './modules/simulator/simulator.service';
import { ROLE_LABELS } from '@mekong-ioc/shared';
const { version } = require('../package.json') as { version: string };

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const app = await createApp(config);
  await app.listen({ port: config.http.port, host: config.http.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  process.stdout.write(banner(config, port));
  // The simulator feeds the city through the public ingest path, like any gateway would.
  const simulator = app.get(SimulatorService);
  if (config.simulator.enabled) simulator.start(`http://127.0.0.1:${port}`);

  // Ctrl-C or a SIGTERM from the orchestrator: finish what is in flight, close connections, flush
  // PGlite. A second signal (Ctrl-C reaches both `npm start` and this process) must not cut that short.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping Mekong IOC…\n`);
    // A shutdown that hangs (a stuck connection, a dependency that never answers) must not keep
    // the orchestrator waiting for ever: past the deadline, say so and exit non-zero.
    const deadline = setTimeout(() => {
      process.stderr.write(`Shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting.\n`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    simulator
      .stop()
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Longer than an orchestrator's usual grace period would be pointless; Kubernetes gives 30 s. */
const SHUTDOWN_DEADLINE_MS = 25_000;

function readConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env, version);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and what it expects.\n`);
      process.exit(1);
    }
    throw error;
  }
}

function banner(config: AppConfig, port: number): string {
  const url = `http://localhost:${port}`;
  const database =
    config.database.kind === 'pglite'
      ? `embedded PostgreSQL (PGlite), data in ${config.database.dataDir ?? 'memory'}`
      : `PostgreSQL at ${safeUrl(config.database.url)}`;
  const lines = [
    '',
    `  Mekong IOC ${config.version} đang chạy / is running`,
    `  Web:       ${url}`,
    `  API docs:  ${url}/api/docs`,
    `  Database:  ${database}`,
    `  Simulator: ${config.simulator.enabled ? `on, Mỹ Tho feeds at ${config.simulator.rate}× real rate over ${config.simulator.transport.toUpperCase()} (SIMULATOR=off to stop)` : 'off'}`,
  ];
  if (config.demoMode) {
    lines.push('', '  Demo accounts (tài khoản demo):');
    for (const account of DEMO_ACCOUNTS) {
      lines.push(`    ${account.username.padEnd(10)} ${account.password}   ${ROLE_LABELS[account.role].vi} / ${ROLE_LABELS[account.role].en}`);
    }
    lines.push('', '  Demo API keys (X-Api-Key):');
    for (const key of DEMO_API_KEYS) lines.push(`    ${key.key}   ${key.name}`);
  }
  return `${lines.join('\n')}\n\n`;
}

const safeUrl = (url: string): string => {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
};

main().catch((error: unknown) => {
  process.stderr.write(`Mekong IOC failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
