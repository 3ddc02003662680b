/**
 * What the benchmarks share: a fresh database (a new PGlite directory, or a PostgreSQL database of its own created
 * and dropped afterwards on the server that DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, names),
 * the demo base on it, server processes of their own, and signing in over HTTP.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connect, type Db, type Engine } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../src/server/db/seed/demo.js';
import { loadRegions } from '../src/server/db/seed/regions.js';

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

/** Migrations, the region tree and the demo bureaus and users (no history); returns Zibo's county codes. */
export async function prepareDemoBase(db: Db): Promise<string[]> {
  await migrate(db);
  await loadRegions(db);
  await seedDemo(db, { history: false });
  const rows = await db.kysely
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', '370300')
    .where('level', '=', 'county')
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/** Signs a demo user in; the session cookie ("anjian_sid=…"). */
export async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie()[0];
  if (!cookie) throw new Error(`login ${username}: no cookie`);
  return cookie.split(';')[0] as string;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** An instance (`src/server/main.ts`) on the database, as its own process. */
export function startInstance(port: number, databaseUrl: string): ChildProcess {
  // node itself with tsx's loader (not the tsx CLI, which would put a process of its own between): kill -9 hits
  // the server.
  return spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
}

export async function waitHealthy(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not become healthy`);
}
