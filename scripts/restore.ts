/**
 * `npm run restore -- <backup file>`: restores a backup made by `npm run backup` into the configured database, which
 * must be empty: a new PostgreSQL database (DATABASE_URL) or a new PGlite data directory (ANJIAN_DATA_DIR). The
 * sha256 is checked first; the restored row counts are compared with the backup's; then the audit log is verified.
 */
import { loadConfig } from '../src/server/config.js';
import { BackupError, restorePglite, restorePostgres } from '../src/server/db/backup.js';
import { connect } from '../src/server/db/connection.js';
import { verifyAudit } from '../src/server/modules/audit/verify.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- <backup file>');
  process.exit(2);
}
const config = loadConfig();
try {
  const m = config.databaseUrl
    ? await restorePostgres(file, config.databaseUrl)
    : await restorePglite(file, config.dataDir);
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
