#!/usr/bin/env node
/**
 * `npm start` step 1: build the web app (dist/web) only when it is missing or older than its sources.
 * Plain JavaScript so it runs before anything else is compiled.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'dist', 'web', 'index.html');
const sources = ['src/web', 'src/domain', 'src/contracts', 'index.html', 'vite.config.ts'];

/** Newest modification time (ms) of a file or of every file below a directory; 0 when absent. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    max = Math.max(max, newest(join(path, entry.name)));
  }
  return max;
}

function reason() {
  if (!existsSync(output)) return 'dist/web/index.html is missing';
  const built = statSync(output).mtimeMs;
  for (const s of sources) {
    if (newest(join(root, s)) > built) return `${s} changed since the last build`;
  }
  return null;
}

const why = reason();
if (!why) {
  console.log('web app: dist/web is current, no build needed');
} else {
  console.log(`web app: building (${why}) …`);
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const res = spawnSync(npx, ['vite', 'build', '--config', 'vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (res.error) {
    console.error(`web app: could not run vite: ${res.error.message}`);
    process.exit(1);
  }
  if (res.status !== 0) {
    console.error(`web app: build failed (exit ${res.status})`);
    process.exit(res.status ?? 1);
  }
}
