// Main-thread time per live update on the video wall, 50,000 report points, 2,000 traffic segments
// and 300 cameras, 4 updates a second per layer: the app's own LiveClient, layer reducers and
// WallMap (stores changed in place, binary attributes, updateTriggers) against the same page
// applying the same updates to rebuilt object arrays (a new array of new objects per update, no
// updateTriggers). Rounds alternate between the two, each in a fresh page.
import { loadavg } from 'node:os';
import { buildBenchPages, launchChromium, median, percentile, round, serveStatic, WALL_VIEWPORT } from './support/wall-pages.mjs';

export const name = 'wall-update';
const ROUNDS = () => Number(process.env.BENCH_WALL_ROUNDS ?? 2);
const WARM_UP = 12;
const UPDATES = Number(process.env.BENCH_WALL_UPDATES ?? 72); // 6 s at 12 updates a second (3 layers × 4), when frames keep up
const PER_LAYER_PER_SECOND = 4;

export async function run({ root }) {
  const pages = await serveStatic(buildBenchPages(root));
  const browser = await launchChromium(root);
  const load = [loadavg()[0]];
  const samples = { live: [], baseline: [] };
  const seconds = { live: [], baseline: [] };
  try {
    for (let round_ = 0; round_ < ROUNDS(); round_++) {
      const order = round_ % 2 === 0 ? ['live', 'baseline'] : ['baseline', 'live'];
      for (const variant of order) {
        const context = await browser.newContext({ viewport: WALL_VIEWPORT, deviceScaleFactor: 1 });
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${pages.url}/bench/wall-update.html?variant=${variant}`);
        await page.waitForFunction(() => window.wallBench?.ready(), undefined, { timeout: 120_000, polling: 250 });
        await page.evaluate(({ count, perLayerPerSecond }) => window.wallBench.run({ count, perLayerPerSecond }), { count: WARM_UP, perLayerPerSecond: PER_LAYER_PER_SECOND });
        const measured = await page.evaluate(({ count, perLayerPerSecond }) => window.wallBench.run({ count, perLayerPerSecond }), { count: UPDATES, perLayerPerSecond: PER_LAYER_PER_SECOND });
        if (errors.length) throw new Error(`${variant} page errors: ${errors.join('; ')}`);
        samples[variant].push(...measured.samples);
        seconds[variant].push(measured.seconds);
        load.push(loadavg()[0]);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await pages.stop();
  }

  const summary = (list) => {
    const byLayer = Object.fromEntries(
      ['reports', 'traffic', 'cameras'].map((layer) => {
        const of = list.filter((sample) => sample.layer === layer);
        return [layer, { p50: round(median(of.map((s) => s.totalMs))), p95: round(percentile(of.map((s) => s.totalMs), 95)) }];
      }),
    );
    return {
      p50: round(median(list.map((s) => s.totalMs))),
      p95: round(percentile(list.map((s) => s.totalMs), 95)),
      syncP50: round(median(list.map((s) => s.syncMs))),
      deckP50: round(median(list.map((s) => s.deckMs))),
      drawP50: round(median(list.map((s) => s.drawMs))),
      byLayer,
    };
  };
  const ours = summary(samples.live);
  const base = summary(samples.baseline);
  const rate = (variant) => round((UPDATES * seconds[variant].length) / seconds[variant].reduce((a, b) => a + b, 0), 1);
  const layers = (s) => Object.entries(s.byLayer).map(([layer, v]) => `${layer} ${v.p50}/${v.p95}`).join(', ');
  return {
    value: ours.p95,
    unit: 'ms (p95 per update)',
    baseline: base.p95,
    baselineName: 'same page, same updates, a new array of new objects per update, no updateTriggers (p95)',
    target: { max: 8, maxRatio: 0.3 },
    notes:
      `${ROUNDS()} interleaved rounds × ${UPDATES} updates each (after ${WARM_UP} warm-up), ${PER_LAYER_PER_SECOND}/s per layer, 1920×1080 SwiftShader; ` +
      `ours p50 ${ours.p50} ms p95 ${ours.p95} ms (sync ${ours.syncP50} + deck ${ours.deckP50} ms at p50; draw, not counted, ${ours.drawP50} ms; per layer p50/p95: ${layers(ours)}; ${rate('live')} updates/s achieved); ` +
      `baseline p50 ${base.p50} ms p95 ${base.p95} ms (sync ${base.syncP50} + deck ${base.deckP50} ms; draw ${base.drawP50} ms; ${layers(base)}; ${rate('baseline')} updates/s); ` +
      `median ratio ${round(ours.p50 / base.p50, 3)}; load average ${load.map((l) => l.toFixed(1)).join(' → ')}`,
  };
}
