/**
 * One database handle for both engines: embedded PGlite (default, in ANJIAN_DATA_DIR) or PostgreSQL
 * (DATABASE_URL). Same SQL, same migrations.
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded instance, when the engine is PGlite (dumps for test templates and backups). */
  pglite?: PGlite;
  /** The connection string, when the engine is PostgreSQL (pg_dump for backups). */
  url?: string;
}

// int8 as a JS number on both engines (PGlite already does); our int8 values are yuan amounts and counts.
pg.types.setTypeParser(20, (v) => Number(v));

export interface ConnectOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Start PGlite from a dump made by `dumpPglite` (tests use it to skip initdb). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
}

export async function connect(opts: ConnectOptions): Promise<Db> {
  if (opts.databaseUrl) return connectPostgres(opts.databaseUrl, opts.poolSize ?? 20);
  const pglite = await PGlite.create({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
  return {
    kysely: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }),
    engine: 'pglite',
    execScript: async (sql) => {
      await pglite.exec(sql);
    },
    close: async () => {
      await pglite.close();
    },
    pglite,
  };
}

function connectPostgres(url: string, max: number): Db {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its connection (server restart, forced disconnect) must not crash the process;
  // the pool replaces it on next use.
  pool.on('error', (err) => console.error('postgres pool:', err.message));
  return {
    kysely: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    engine: 'postgres',
    execScript: async (sql) => {
      await pool.query(sql);
    },
    close: async () => {
      await pool.end();
    },
    url,
  };
}
