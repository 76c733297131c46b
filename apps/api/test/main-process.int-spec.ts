import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionSchema } from '@mekong-ioc/shared';

/**
 * The built API as an operator runs it: a real process, its exit codes, its banner, its logs, its
 * shutdown, and PGlite data that outlives a restart.
 */
const DIST = join(__dirname, '..', 'dist');
const SECRET = 'process-test-secret-0123456789abcdefghijklmnop';

interface Running {
  child: ChildProcess;
  output: () => string;
  baseUrl: string;
}

function runNode(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [join(DIST, script)], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function startApi(env: Record<string, string>): Promise<Running> {
  const { child, output } = runNode('main.js', { PORT: '0', HOST: '127.0.0.1', JWT_SECRET: SECRET, ...env });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const url = /Web:\s+(http:\/\/localhost:\d+)/.exec(output())?.[1];
    if (url) return { child, output, baseUrl: url };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`API did not start:\n${output()}`);
}

const stop = (running: Running): Promise<number | null> =>
  new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGTERM');
  });

describe('the API process', () => {
  let dataDir: string;

  beforeAll(() => {
    if (!existsSync(join(DIST, 'main.js'))) throw new Error('apps/api/dist is missing: build first (npm test does)');
    dataDir = mkdtempSync(join(tmpdir(), 'ioc-pglite-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits with code 1 and names each bad variable', async () => {
    const run = runNode('main.js', { PORT: 'eighty', DATABASE_URL: 'mysql://x/y' });
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/JWT_SECRET: required/);
    expect(run.output()).toMatch(/PORT: /);
    expect(run.output()).toMatch(/DATABASE_URL: expected a postgres/);
  });

  it('migrates, starts, logs safely, stops cleanly on SIGTERM and keeps its PGlite data across restarts', async () => {
    const env = { PGLITE_DATA_DIR: dataDir, DEMO_MODE: 'true', LOG_LEVEL: 'info' };
    const migrate = runNode('migrate.js', env);
    expect({ code: await migrate.exit, output: migrate.output().slice(0, 2000) }).toEqual({ code: 0, output: expect.any(String) });
    expect(migrate.output()).toMatch(/Applied \d+ migration/);

    const first = await startApi(env);
    expect(first.output()).toContain('embedded PostgreSQL (PGlite)');
    expect(first.output()).toMatch(/admin\s+mytho-demo-2026/);
    const health = (await (await fetch(`${first.baseUrl}/api/health`)).json()) as { database: string };
    expect(health.database).toBe('pglite');

    const wrongPassword = 'hunter2-wrong-password';
    await fetch(`${first.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: wrongPassword }),
    });
    const admin = sessionSchema.parse(
      await (
        await fetch(`${first.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'mytho-demo-2026' }),
        })
      ).json(),
    );
    await fetch(`${first.baseUrl}/api/agencies?api_key=query-secret-123`, {
      headers: { authorization: `Bearer ${admin.accessToken}`, 'x-request-id': 'trace-abc' },
    });
    const created = await fetch(`${first.baseUrl}/api/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ca.truc.dem', displayName: 'Ca trực đêm', password: 'night-shift-password', role: 'duty_officer' }),
    });
    expect(created.status).toBe(201);

    expect(await stop(first)).toBe(0);

    const lines = first.output().split('\n').filter((line) => line.startsWith('{'));
    const requestLines = lines.map((line) => JSON.parse(line) as { req?: { url: string }; reqId?: string }).filter((l) => l.req);
    expect(requestLines.length).toBeGreaterThanOrEqual(4);
    for (const line of requestLines) expect(line.reqId).toEqual(expect.any(String));
    expect(requestLines.find((line) => line.reqId === 'trace-abc')?.req?.url).toBe('/api/agencies?api_key=[REDACTED]');
    const logs = lines.join('\n');
    for (const secret of [wrongPassword, 'mytho-demo-2026', 'night-shift-password', admin.accessToken, admin.refreshToken, 'query-secret-123']) {
      expect(logs).not.toContain(secret);
    }

    const second = await startApi(env);
    const login = await fetch(`${second.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ca.truc.dem', password: 'night-shift-password' }),
    });
    expect(login.status).toBe(200);
    expect(await stop(second)).toBe(0);
  }, 180_000); // three process starts and a migration: minutes on a loaded 2-core box, seconds alone
});
