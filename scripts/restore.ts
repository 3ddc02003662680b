/**
 * `npm run restore -- <backup file> [--force]`: restores a backup made by `npm run backup` into the configured
 * database, which must be empty: a new PostgreSQL database (DATABASE_URL) or a new PGlite data directory
 * (ANJIAN_DATA_DIR). `--force` replaces a target that is not empty (PostgreSQL: its public schema is dropped;
 * PGlite: the old directory is moved aside). The sha256 is checked first; the restored row counts are compared with
 * the backup's; then the audit log is verified.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.js';
import { BackupError, restorePglite, restorePostgres } from '../src/server/db/backup.js';
import { connect } from '../src/server/db/connection.js';
import { verifyAudit } from '../src/server/modules/audit/verify.js';

const { values, positionals } = parseArgs({
  options: { force: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error('usage: npm run restore -- <backup file> [--force]');
  process.exit(2);
}
const opts = { force: values.force };
const config = loadConfig();
try {
  const m = config.databaseUrl
    ? await restorePostgres(file, config.databaseUrl, opts)
    : await restorePglite(file, config.dataDir, opts);
  const rows = Object.values(m.rowCounts).reduce((a, b) => a + b, 0);
  console.log(
    `restored ${file}: ${Object.keys(m.rowCounts).length} tables, ${rows} rows, as in the backup of ${m.createdAt}`,
  );
  const db = await connect(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const audit = await verifyAudit(db);
    console.log(`audit verification: ${audit.ok ? 'OK' : 'BROKEN'}`);
    if (!audit.ok) process.exit(1);
  } finally {
    await db.close();
  }
} catch (e) {
  if (!(e instanceof BackupError)) throw e;
  console.error(`restore refused: ${e.message}`);
  process.exit(1);
}
