import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';

/** Starts a server process that prints "Web: http://localhost:PORT" when it listens. */
export async function startServer(script, env = {}, args = [], nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      // Keep only the first few KB; a busy server's request logs must not grow this without bound.
      if (output.length < 8_192) output += chunk.toString();
      const url = /Web:\s+(http:\/\/localhost:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url: url.replace('localhost', '127.0.0.1'), child, stop: () => stop(child) });
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
}

/** The password of the API's demo accounts (apps/api demo fixtures), which benchmarks sign in as. */
const DEMO_PASSWORD = 'mytho-demo-2026';

/** The built API as its own process on this database: migrated on start, with the demo accounts and keys. */
export function startBenchApi(root, databaseUrl, env = {}, nodeArgs = []) {
  const apiEnv = {
    NODE_ENV: 'development',
    DEMO_MODE: 'true',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    MIGRATE_ON_START: 'true',
    JWT_SECRET: 'benchmark-secret-0123456789abcdefghijklmnop',
    LOG_LEVEL: 'warn',
    ...env,
  };
  return startServer(join(root, 'apps/api/dist/main.js'), apiEnv, [], nodeArgs);
}

/** An access token for one of the demo accounts. */
export async function signIn(url, username) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`${username} sign-in failed: ${response.status}`);
  return (await response.json()).accessToken;
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Requests per second from autocannon, after a warm-up that is not counted. */
export async function requestsPerSecond(url, { connections, seconds, warmupSeconds = 2 }) {
  if (warmupSeconds) await autocannon({ url, connections, duration: warmupSeconds });
  const result = await autocannon({ url, connections, duration: seconds });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p99Ms: result.latency.p99 };
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

/**
 * Measures several targets in alternating rounds and keeps the median of each, so that a burst of
 * other work on the machine lands on every side instead of skewing the ratios.
 */
export async function interleavedRequestsPerSecond(urls, { connections, rounds = 5, seconds = 4 }) {
  for (const url of urls) await autocannon({ url, connections, duration: 2 });
  const runs = urls.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, url] of urls.entries()) runs[index].push(await requestsPerSecond(url, { connections, seconds, warmupSeconds: 0 }));
  }
  return runs.map((measured) => ({ rps: median(measured.map((r) => r.rps)), p99Ms: median(measured.map((r) => r.p99Ms)) }));
}
