/**
 * `npm run backup [-- --out <file>]`: a consistent, checksummed backup of the configured database (DATABASE_URL, or
 * the PGlite data directory ANJIAN_DATA_DIR — stop the server first), written as <file> and <file>.manifest.json.
 * Default file: backups/anjian-<engine>-<time>.(dump|tar.gz).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.js';
import { backupPglite, backupPostgres } from '../src/server/db/backup.js';
import { connect } from '../src/server/db/connection.js';

const config = loadConfig();
const engine = config.databaseUrl ? 'postgres' : 'pglite';
const stamp = new Date()
  .toISOString()
  .replaceAll(':', '')
  .replace(/\.\d+Z$/, 'Z');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: `backups/anjian-${engine}-${stamp}.${engine === 'postgres' ? 'dump' : 'tar.gz'}` },
  },
});
const out = values.out as string;
mkdirSync(dirname(out), { recursive: true });

if (config.databaseUrl) {
  const m = await backupPostgres(config.databaseUrl, out);
  console.log(
    `backup written: ${out} (${m.bytes} bytes, sha256 ${m.sha256}), ${Object.keys(m.rowCounts).length} tables`,
  );
} else {
  const db = await connect({ dataDir: config.dataDir });
  try {
    const m = await backupPglite(db, out);
    console.log(
      `backup written: ${out} (${m.bytes} bytes, sha256 ${m.sha256}), ${Object.keys(m.rowCounts).length} tables`,
    );
  } finally {
    await db.close();
  }
}
