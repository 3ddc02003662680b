/** The web app: sources in src/web, built into dist/web (served by the API server for every non-/api GET). */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes a .br and a .gz beside every text asset of the build, once, at the highest levels: the server sends them as
 * they are (@fastify/static preCompressed), so county offices on links of a few Mbit/s get about a quarter of the
 * bytes with no compression work per request.
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'anjian-precompress',
    apply: 'build',
    async closeBundle() {
      const files = await readdir(outDir, { recursive: true });
      await Promise.all(
        files
          .filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f))
          .map(async (f) => {
            const path = join(outDir, f);
            const body = await readFile(path);
            if (body.length < 1024) return;
            await writeFile(
              `${path}.br`,
              await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
            );
            await writeFile(`${path}.gz`, await gz(body, { level: 9 }));
          }),
      );
    },
  };
}

const OUT_DIR = here('./dist/web');

export default defineConfig({
  root: here('./src/web'),
  base: '/',
  plugins: [react(), precompress(OUT_DIR)],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
