// `npm run bench [name…]`: runs the benchmarks in bench/*.bench.mjs (all, or those named), each
// against a baseline measured in the same run, prints a table and writes bench/results/latest.json.
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureInstalled, nx, root } from './lib/workspace.mjs';

ensureInstalled();
if ((await nx(['run-many', '-t', 'build', '--output-style=stream-without-prefixes'])) !== 0) process.exit(1);

const wanted = process.argv.slice(2);
const available = readdirSync(join(root, 'bench'))
  .filter((file) => file.endsWith('.bench.mjs'))
  .map((file) => file.replace('.bench.mjs', ''));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}

const results = [];
for (const name of wanted.length ? wanted : available) {
  console.log(`› ${name}…`);
  const bench = await import(pathToFileURL(join(root, 'bench', `${name}.bench.mjs`)).href);
  const outcome = await bench.run({ root });
  const ratio = Math.round((outcome.value / outcome.baseline) * 1000) / 1000;
  // Throughputs have a floor (`ratio`, `value`); latencies a ceiling (`max`, and `maxRatio` of the baseline).
  const pass =
    (outcome.target.ratio === undefined || ratio >= outcome.target.ratio) &&
    (outcome.target.value === undefined || outcome.value >= outcome.target.value) &&
    (outcome.target.max === undefined || outcome.value <= outcome.target.max) &&
    (outcome.target.maxRatio === undefined || ratio <= outcome.target.maxRatio) &&
    // Conditions beyond the one figure (api-memory: no growth at the end of the run).
    Object.values(outcome.alsoRequired ?? {}).every(Boolean);
  results.push({ name, value: outcome.value, unit: outcome.unit, baseline: outcome.baseline, baselineName: outcome.baselineName, ratio, target: outcome.target, alsoRequired: outcome.alsoRequired, pass, notes: outcome.notes });
}

console.table(results.map(({ name, value, unit, baseline, ratio, target, pass }) => ({ name, value: `${value} ${unit}`, baseline: `${baseline} ${unit}`, ratio, target: JSON.stringify(target), pass })));
for (const result of results) if (result.notes) console.log(`  ${result.name}: ${result.notes}`);

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, kernel: release() };
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify({ machine, measuredAt: new Date().toISOString(), benchmarks: results }, null, 2)}\n`);
console.log('Wrote bench/results/latest.json');
process.exit(results.every((r) => r.pass) ? 0 : 1);
