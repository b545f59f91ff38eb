/**
 * Vite build of the web UI (console and customer portal share one SPA for now).
 * The server builds it through `ensureWebBuild` (src/platform/web/web-build.ts) and serves `dist/web`;
 * `npx vite` runs the dev server with /api proxied to a running `tacdesk serve`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text assets worth compressing; images and fonts are already compressed. */
const COMPRESSIBLE = /\.(?:js|css|html|svg|json|txt|map)$/;

/**
 * Writes `.br` and `.gz` siblings of every text asset so the server (@fastify/static `preCompressed`)
 * sends them without compressing per request: the server has no compression middleware, and
 * the antd bundle is ~4x smaller compressed.
 */
function precompress(): Plugin {
  return {
    name: 'tacdesk:precompress',
    apply: 'build',
    // writeBundle runs only when files were written (not for `write: false` analysis builds).
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? '';
      await Promise.all(
        Object.values(bundle)
          .filter((file) => COMPRESSIBLE.test(file.fileName))
          .map(async ({ fileName }) => {
            const path = join(outDir, fileName);
            const content = await readFile(path);
            if (content.byteLength < 1024) return;
            const [br, gz] = await Promise.all([
              brotli(content, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
              gzipAsync(content, { level: 9 }),
            ]);
            await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
          }),
      );
    },
  };
}

/** Vendor groups change at a different pace from app code, so they get their own long-cached chunks. */
const VENDOR_GROUPS = [
  { name: 'react', test: /node_modules[\\/](?:react|react-dom|scheduler)[\\/]/, priority: 30 },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 20 },
  {
    name: 'antd',
    test: /node_modules[\\/](?:antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|stylis|dayjs|classnames|clsx)[\\/]/,
    priority: 10,
  },
];

export default defineConfig({
  root: join(projectRoot, 'src/web'),
  base: '/',
  publicDir: join(projectRoot, 'src/web/public'),
  // Vite 8 transforms TSX with oxc; the automatic runtime means no `import React` in every file.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: join(projectRoot, 'dist/web'),
    emptyOutDir: true,
    // Not `assets`: /assets/... are the installed-base pages of the console.
    assetsDir: 'static',
    target: 'baseline-widely-available',
    sourcemap: false,
    // antd alone is ~1 MB unminified; the warning would fire on every build without telling us anything.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      onwarn(warning, warn) {
        // antd and TanStack mark modules "use client" for React Server Components; meaningless in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        codeSplitting: { groups: VENDOR_GROUPS },
      },
    },
  },
  plugins: [precompress()],
  server: {
    port: 5173,
    fs: { allow: [projectRoot] },
    proxy: {
      '/api': { target: process.env.TACDESK_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
