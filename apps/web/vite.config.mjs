// Vite build of the web UI into apps/web/dist (served by the API at `/`). Vite 8 transforms TSX
// itself with oxc; the automatic JSX runtime means no `import React` in every file.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: { alias: { '@duban/domain': here('../../libs/domain/index.ts') } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
    rolldownOptions: {
      // antd marks its modules "use client" (a React Server Components hint, meaningless here).
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
