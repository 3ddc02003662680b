/**
 * `npm run audit:anchor [-- --out file.json]`: the seal chain's latest hash as a signed record (anchor.ts), printed
 * or written to a file, to be kept outside the database. Seals what is due first, so the anchor is current.
 * Exit 1 when nothing is sealed yet, 2 when it could not run.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { connect } from '../../db/connection.js';
import { latestAnchor, loadAnchorKey } from './anchor.js';
import { sealAuditLog } from './sealer.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = loadConfig();
if (!config.databaseUrl && !existsSync(config.dataDir)) {
  console.error(`no database: ${config.dataDir} does not exist (set ANJIAN_DATA_DIR or DATABASE_URL)`);
  process.exit(2);
}
const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
let code = 0;
try {
  await sealAuditLog(db, new Date());
  const anchor = await latestAnchor(db.kysely, loadAnchorKey(config.anchorKeyFile));
  if (!anchor) {
    console.error('audit:anchor: nothing sealed yet');
    code = 1;
  } else {
    const text = `${JSON.stringify(anchor, null, 2)}\n`;
    if (values.out) writeFileSync(values.out, text);
    else process.stdout.write(text);
    if (!anchor.signature) console.error('audit:anchor: unsigned (set ANJIAN_ANCHOR_KEY_FILE to sign anchors)');
  }
} catch (err) {
  console.error(`audit:anchor failed: ${err instanceof Error ? err.message : String(err)}`);
  code = 2;
} finally {
  await db.close();
}
process.exit(code);
