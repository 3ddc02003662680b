/** Open the configured database, migrate it, load reference data and, on a new database, the demo seed. */
import { mkdirSync } from 'node:fs';
import type { Config } from '../config.js';
import { connect, type Db } from './connection.js';
import { migrate } from './migrate.js';
import { seedDemo } from './seed/demo.js';
import { loadRegions } from './seed/regions.js';

export async function openDatabase(config: Config, log: (msg: string) => void = console.log): Promise<Db> {
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const db = await connect({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  const applied = await migrate(db);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  const regions = await loadRegions(db);
  if (regions) log(`regions loaded: ${regions}`);
  if (config.seedDemo && (await isNewDatabase(db))) {
    const summary = await seedDemo(db);
    log(`demo data seeded: ${summary}`);
  }
  return db;
}

async function isNewDatabase(db: Db): Promise<boolean> {
  const row = await db.kysely.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return !row;
}
