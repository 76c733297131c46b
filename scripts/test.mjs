// `npm test`: install what is missing, then build, lint, type-check and run every Jest tier (unit,
// integration on real PostgreSQL and on PGlite, browser end-to-end). Ends with "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ensureInstalled, nx, root, run } from './lib/workspace.mjs';

const inCi = process.env.CI === 'true';
ensureInstalled();

const checks = [];
const check = async (name, command, args) => {
  console.log(`\n› ${name}`);
  const ok = (await command(args)) === 0;
  checks.push({ name, ok });
  if (!ok) console.log(`✗ ${name} failed`);
};

const services = await probeServices();

await check('build', () => nx(['run-many', '-t', 'build', '--output-style=stream-without-prefixes']));
await check('lint', () => run(join(root, 'node_modules', '.bin', 'eslint'), ['.', '--max-warnings=0']));
await check('typecheck', () => nx(['run-many', '-t', 'typecheck', '--output-style=stream-without-prefixes']));

const resultsFile = join(root, 'tmp', 'jest-results.json');
mkdirSync(join(root, 'tmp'), { recursive: true });
rmSync(resultsFile, { force: true });
console.log('\n› jest (unit, integration, end-to-end)');
await run(join(root, 'node_modules', '.bin', 'jest'), ['--json', `--outputFile=${resultsFile}`, '--maxWorkers=2', ...process.argv.slice(2)], {
  // PGlite loads its WebAssembly with a dynamic import, which Jest's module loader only allows with this flag.
  env: {
    ...process.env,
    ...services,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim(),
  },
});

let passed = checks.filter((c) => c.ok).length;
let failed = checks.length - passed;
let skipped = 0;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
  skipped += results.numPendingTests + results.numTodoTests;
} else {
  console.log('✗ jest wrote no results');
  failed += 1;
}
console.log(`\nchecks: ${checks.map((c) => `${c.name} ${c.ok ? 'ok' : 'FAILED'}`).join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);

/** Finds the real services the tests use; outside CI a missing one is skipped with a loud line. */
async function probeServices() {
  const env = {};
  const pgUrl = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const pgUp = await reachable(pgUrl.hostname, Number(pgUrl.port || 5432));
  const chromiumUp = existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium');
  const mqttUrl = new URL(process.env.TEST_MQTT_URL || 'mqtt://127.0.0.1:1883');
  const mqttUp = await reachable(mqttUrl.hostname, Number(mqttUrl.port || 1883));
  const redisUrl = new URL(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');
  const redisUp = await reachable(redisUrl.hostname, Number(redisUrl.port || 6379));
  const report = (name, up, what) => {
    if (up) return;
    console.log(
      inCi
        ? `!!! ${name} is missing (${what}): CI=true, so its suites will FAIL.`
        : `!!! ${name} is missing (${what}): its suites are SKIPPED. With CI=true this is a failure.`,
    );
  };
  report('PostgreSQL', pgUp, pgUrl.host);
  report('Chromium', chromiumUp, process.env.CHROMIUM_PATH || '/usr/bin/chromium');
  report('MQTT broker', mqttUp, mqttUrl.host);
  report('Redis', redisUp, redisUrl.host);
  env.IOC_TEST_POSTGRES = pgUp ? 'up' : 'missing';
  env.IOC_TEST_CHROMIUM = chromiumUp ? 'up' : 'missing';
  env.IOC_TEST_MQTT = mqttUp ? 'up' : 'missing';
  env.IOC_TEST_REDIS = redisUp ? 'up' : 'missing';
  return env;
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 2_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}
