import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import app from './vite.config';

/**
 * The benchmark pages (bench/*.html): the app's own modules, built apart from the app into
 * tmp/bench-web so that nothing of them reaches apps/web/dist.
 */
export default mergeConfig(
  app,
  defineConfig({
    build: {
      outDir: fileURLToPath(new URL('../../tmp/bench-web', import.meta.url)),
      emptyOutDir: true,
      sourcemap: false,
      rollupOptions: {
        input: {
          'wall-update': fileURLToPath(new URL('bench/wall-update.html', import.meta.url)),
          'wall-blank': fileURLToPath(new URL('bench/wall-blank.html', import.meta.url)),
        },
      },
    },
  }),
);
