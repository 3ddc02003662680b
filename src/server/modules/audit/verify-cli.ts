/**
 * `npm run audit:verify [-- --anchor file.json]`: re-computes the audit trail of the configured database
 * (DATABASE_URL, or PGlite in ANJIAN_DATA_DIR) — the seal chain, every sealed batch, the legacy chains — and, with
 * an exported anchor, checks the log still holds the seal it names. Prints OK with the unsealed rows, or the first
 * problem and exits 1. Exit 2: could not run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type AuditAnchor, auditAnchor } from '../../../contracts/audit.js';
import { loadConfig } from '../../config.js';
import { connect } from '../../db/connection.js';
import { verifyAudit } from './verify.js';

const { values } = parseArgs({ options: { anchor: { type: 'string' } } });
let anchor: AuditAnchor | undefined;
try {
  anchor = values.anchor ? auditAnchor.parse(JSON.parse(readFileSync(values.anchor, 'utf8'))) : undefined;
} catch (err) {
  console.error(`audit:verify: cannot read the anchor ${values.anchor}: ${err instanceof Error ? err.message : err}`);
  process.exit(2);
}
const config = loadConfig();
if (!config.databaseUrl && !existsSync(config.dataDir)) {
  console.error(`no database: ${config.dataDir} does not exist (set ANJIAN_DATA_DIR or DATABASE_URL)`);
  process.exit(2);
}
const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
let code = 0;
try {
  const r = await verifyAudit(db, { anchor });
  if (r.ok) {
    const legacy = r.legacyChains > 0 ? ` (${r.legacyChains} legacy chains)` : '';
    const anchored = anchor ? `; matches the anchor of seal ${anchor.sealSeq} (${anchor.at})` : '';
    console.log(`OK: ${r.rows} rows in ${r.seals} seals${legacy}, ${r.unsealed} rows not sealed yet${anchored}`);
  } else {
    const b = r.broken;
    const row = b?.chainKey ? ` (chain ${b.chainKey}, seq ${b.seq})` : '';
    console.log(`BROKEN: seal ${b?.sealSeq ?? '?'}${row}: ${b?.reason ?? 'unknown'}`);
    code = 1;
  }
} catch (err) {
  console.error(`audit:verify failed: ${err instanceof Error ? err.message : String(err)}`);
  code = 2;
} finally {
  await db.close();
}
process.exit(code);
