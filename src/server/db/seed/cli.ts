/**
 * `npm run seed:demo`: the demo organisations, users and accident history, into the configured database
 * (DATABASE_URL, or PGlite in ANJIAN_DATA_DIR). Applies migrations and loads regions first.
 * A database that already has organisations is left untouched (seeding twice would duplicate users).
 */
import { loadConfig } from '../../config.js';
import { openDatabase } from '../setup.js';
import { seedDemo } from './demo.js';

const config = loadConfig();
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
// Migrations and regions only: the seed decision is made here, with a message either way.
const db = await openDatabase({ ...config, seedDemo: false });
try {
  const { n } = await db.kysely
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) > 0) {
    console.log(`${where} already has ${n} organisations: demo data not seeded, nothing changed.`);
  } else {
    console.log(`seeding demo data into ${where} …`);
    console.log(`demo data seeded: ${await seedDemo(db)}`);
  }
} finally {
  await db.close();
}
