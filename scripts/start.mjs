// `npm start`: install what is missing, build, migrate, and run the whole system on one port.
// With no DATABASE_URL it uses embedded PostgreSQL (PGlite) with its data in ./data/pglite.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstalled, nx, root, run } from './lib/workspace.mjs';

ensureInstalled();

console.log('› Building shared contracts, API and web app…');
if ((await nx(['run-many', '-t', 'build', '--output-style=stream-without-prefixes'])) !== 0) process.exit(1);

const env = { ...process.env };
env.NODE_ENV ??= 'development';
env.DEMO_MODE ??= env.NODE_ENV === 'production' ? 'false' : 'true';
env.JWT_SECRET ??= localSecret();
// A living city out of the box: simulated Mỹ Tho feeds through the public ingest path.
env.SIMULATOR ??= env.NODE_ENV === 'production' ? 'off' : 'on';

console.log('› Migrating the database…');
if ((await run('node', ['apps/api/dist/migrate.js'], { env })) !== 0) process.exit(1);

const api = spawn('node', ['apps/api/dist/main.js'], { cwd: root, env, stdio: 'inherit' });
// Ctrl-C reaches the API too (same process group); wait for it to close its connections and flush PGlite.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)));

/** A JWT secret kept in ./data so sessions survive a restart of a local demo. Never used in production. */
function localSecret() {
  const dir = join(root, 'data');
  const file = join(dir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
