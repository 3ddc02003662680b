/**
 * A fresh database for a benchmark: a new PGlite directory, or a PostgreSQL database of its own created (and dropped
 * afterwards) on the server that DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type Db, type Engine } from '../src/server/db/connection.js';

export const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';

export interface Opened {
  db: Db;
  where: string;
  cleanup: () => Promise<void>;
}

export async function adminQuery(base: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function pgUrl(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

/** `database`: the PostgreSQL database to create; `keep`: leave it for investigating plans. */
export async function openFresh(
  engine: Engine,
  database: string,
  opts: { keep?: boolean; log?: (msg: string) => void } = {},
): Promise<Opened> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), `${database.replaceAll('_', '-')}-`));
    const db = await connect({ dataDir: dir });
    return {
      db,
      where: `PGlite in ${dir}`,
      cleanup: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.DATABASE_URL || DEFAULT_PG;
  await adminQuery(base, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await adminQuery(base, `CREATE DATABASE ${database}`);
  const db = await connect({ databaseUrl: pgUrl(base, database), poolSize: 20 });
  return {
    db,
    where: `PostgreSQL ${new URL(base).host}/${database}`,
    cleanup: async () => {
      await db.close();
      if (opts.keep) opts.log?.(`kept ${pgUrl(base, database)} (--keep)`);
      else await adminQuery(base, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}
