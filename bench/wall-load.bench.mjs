// Time from navigation to the video wall's first complete frame with live data, warm cache (every
// load after the first, in the same signed-in tab): the `wall:first-live-frame` mark the wall puts
// when every KPI tile of its scene shows a value from the live `kpis` topic and the map has drawn a
// frame holding the live snapshot of every layer it shows (see first-live-frame.util.ts). Against
// the built API (apps/api/dist/main.js) on embedded PGlite with the simulator on, as `npm start`
// runs it. Baseline, same run, interleaved: a blank deck.gl page (the wall's basemap, nothing live)
// to its first drawn frame, served with the same cache headers.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startServer } from './support/processes.mjs';
import { buildBenchPages, launchChromium, median, round, serveStatic, WALL_VIEWPORT } from './support/wall-pages.mjs';

export const name = 'wall-load';
const LOADS = () => Number(process.env.BENCH_WALL_LOADS ?? 5);
const MARK = 'wall:first-live-frame';
const BLANK_MARK = 'wall-blank:first-frame';

/** The mark's time since navigation start, once the page has put it. */
async function markTime(page, mark, timeout = 180_000) {
  const handle = await page.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime, mark, { timeout, polling: 100 });
  return handle.jsonValue();
}

/** Navigates a tab in front (a background tab's frames are throttled); the mark is waited for after. */
async function navigate(page, url) {
  await page.bringToFront();
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
}

export async function run({ root }) {
  const pages = await serveStatic(buildBenchPages(root));
  const api = await startServer(join(root, 'apps', 'api', 'dist', 'main.js'), {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    PGLITE_DATA_DIR: ':memory:',
    MIGRATE_ON_START: 'true',
    DEMO_MODE: 'true',
    SIMULATOR: 'on',
    JWT_SECRET: 'benchmark-secret-0123456789abcdefghijklmnop',
    LOG_LEVEL: 'warn',
  });
  const browser = await launchChromium(root);
  const load = [loadavg()[0]];
  const wall = [];
  const blank = [];
  try {
    const context = await browser.newContext({ viewport: WALL_VIEWPORT, deviceScaleFactor: 1, locale: 'vi-VN' });
    const page = await context.newPage();
    const blankPage = await context.newPage();
    // First (cold) loads: sign in, fill the HTTP cache; not counted.
    await navigate(page, `${api.url}/wall`);
    await page.locator('input[name="username"]').fill('manhinh', { timeout: 120_000 });
    await page.locator('input[name="password"]').fill('mytho-demo-2026');
    await page.locator('form button[type="submit"]').click();
    const cold = await markTime(page, MARK);
    await navigate(blankPage, `${pages.url}/bench/wall-blank.html`);
    const blankCold = await markTime(blankPage, BLANK_MARK);
    for (let i = 0; i < LOADS(); i++) {
      await navigate(page, `${api.url}/wall`);
      wall.push(await markTime(page, MARK));
      await navigate(blankPage, `${pages.url}/bench/wall-blank.html`);
      blank.push(await markTime(blankPage, BLANK_MARK));
      load.push(loadavg()[0]);
    }
    await context.close();
    const ours = median(wall);
    const base = median(blank);
    return {
      value: round(ours, 0),
      unit: 'ms (median, navigation to first complete live frame)',
      baseline: round(base, 0),
      baselineName: 'blank deck.gl page with the basemap, navigation to first frame (median)',
      target: {},
      notes:
        `${LOADS()} warm loads each, interleaved, 1920×1080 SwiftShader, API with simulator on PGlite; wall ${wall.map((t) => Math.round(t)).join(', ')} ms ` +
        `(cold, with sign-in: ${Math.round(cold)} ms); blank ${blank.map((t) => Math.round(t)).join(', ')} ms (cold ${Math.round(blankCold)} ms); ` +
        `load average ${load.map((l) => l.toFixed(1)).join(' → ')}`,
    };
  } finally {
    await browser.close();
    await api.stop();
    await pages.stop();
  }
}
