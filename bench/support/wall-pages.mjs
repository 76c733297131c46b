// The wall benchmarks' browser and pages: the benchmark pages of the web app (apps/web/bench/*.html,
// importing the app's own modules) built apart from the app into tmp/bench-web, a static server for
// them with the API's cache headers, and headless Chromium with software WebGL (SwiftShader).
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
/** A 1080p wall: software rendering at 4K on two shared cores would measure the rasteriser, not us. */
export const WALL_VIEWPORT = { width: 1920, height: 1080 };

// npm may install vite beside the web app or at the root.
const viteBin = (root) => [join(root, 'apps', 'web', 'node_modules', 'vite', 'bin', 'vite.js'), join(root, 'node_modules', 'vite', 'bin', 'vite.js')].find((path) => existsSync(path));

export function buildBenchPages(root) {
  const web = join(root, 'apps', 'web');
  const result = spawnSync(process.execPath, [viteBin(root), 'build', '--config', 'vite.bench.config.ts', '--logLevel', 'warn'], {
    cwd: web,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the benchmark pages failed');
  return join(root, 'tmp', 'bench-web');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** Serves a built directory as the API serves apps/web/dist: fingerprinted assets immutable, HTML no-cache. */
export async function serveStatic(dir) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
}

export async function launchChromium(root) {
  const { chromium } = createRequire(join(root, 'package.json'))('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
export const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
