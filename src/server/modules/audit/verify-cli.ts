/**
 * `npm run audit:verify`: re-computes every audit hash chain of the configured database
 * (DATABASE_URL, or PGlite in ANJIAN_DATA_DIR). Prints OK, or the first broken link and exits 1.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../../config.js';
import { connect } from '../../db/connection.js';
import { verifyAudit } from './verify.js';

const config = loadConfig();
if (!config.databaseUrl && !existsSync(config.dataDir)) {
  console.error(`no database: ${config.dataDir} does not exist (set ANJIAN_DATA_DIR or DATABASE_URL)`);
  process.exit(2);
}
const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
let code = 0;
try {
  const result = await verifyAudit(db);
  if (result.ok) {
    console.log(`OK: ${result.rows} rows in ${result.chains} chains`);
  } else {
    const b = result.broken;
    console.log(`BROKEN: chain ${b?.chainKey ?? '?'} at seq ${b?.seq ?? '?'}: ${b?.reason ?? 'unknown'}`);
    code = 1;
  }
} catch (err) {
  console.error(`audit:verify failed: ${err instanceof Error ? err.message : String(err)}`);
  code = 2;
} finally {
  await db.close();
}
process.exit(code);
