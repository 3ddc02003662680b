/**
 * Backup and restore of the whole database, consistent and checksummed.
 *
 * - PostgreSQL: `pg_dump -Fc` (custom format) taken in the snapshot of a REPEATABLE READ transaction that also counts
 *   every table's rows (`pg_export_snapshot` + `pg_dump --snapshot`), so the manifest's counts are exactly the
 *   dump's, however busy the server is. Restored by `pg_restore` into an empty database.
 * - PGlite: the data directory dump (`dumpDataDir`, gzipped tar) of the stopped embedded database, restored into a
 *   new data directory.
 *
 * Each backup is two files: the payload and `<payload>.manifest.json` (engine, time, migrations, row counts, the
 * payload's sha256 and size). A restore checks the sha256 first and refuses a changed file, refuses a target that is
 * not empty (unless forced), and compares the restored row counts with the manifest.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db, Engine } from './connection.js';

const run = promisify(execFile);

export interface BackupManifest {
  format: 1;
  engine: Engine;
  createdAt: string;
  /** The version of Anjian (package.json) that wrote the backup. */
  appVersion: string;
  /** Applied migrations, in order. */
  migrations: string[];
  /** Rows of every table at the moment of the backup. */
  rowCounts: Record<string, number>;
  /** The payload's file name (beside the manifest), size and sha256. */
  payload: string;
  bytes: number;
  sha256: string;
}

export class BackupError extends Error {}

/** Restoring into a target that is not empty: only with `force` (PostgreSQL: its public schema is dropped first;
 * PGlite: the old data directory is moved aside to `<dir>.before-restore-<time>`, not deleted). */
export interface RestoreOptions {
  force?: boolean;
}

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');
export const manifestPath = (payload: string) => `${payload}.manifest.json`;

const TABLES_SQL = `SELECT table_name AS name FROM information_schema.tables
  WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;

/** Rows per table, read through `query` (one connection, so inside the caller's snapshot). */
async function countRows(query: (text: string) => Promise<{ rows: Record<string, unknown>[] }>) {
  const tables = (await query(TABLES_SQL)).rows.map((r) => String(r.name));
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await query(`SELECT count(*)::int AS n FROM "${t.replaceAll('"', '""')}"`);
    counts[t] = Number(rows[0]?.n);
  }
  return counts;
}

export async function rowCountsOf(db: Db): Promise<Record<string, number>> {
  return countRows(async (text) => sql.raw<Record<string, unknown>>(text).execute(db.kysely));
}

async function migrationsOf(query: (text: string) => Promise<{ rows: Record<string, unknown>[] }>) {
  return (await query('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => String(r.name));
}

async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}

async function writeManifest(payload: string, engine: Engine, counts: Record<string, number>, migrations: string[]) {
  const data = await readFile(payload);
  const manifest: BackupManifest = {
    format: 1,
    engine,
    createdAt: new Date().toISOString(),
    appVersion: await appVersion(),
    migrations,
    rowCounts: counts,
    payload: basename(payload),
    bytes: data.length,
    sha256: sha256(data),
  };
  await writeFile(manifestPath(payload), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** pg_dump of `url` into `payload` (custom format), with the row counts of the same snapshot. */
export async function backupPostgres(url: string, payload: string): Promise<BackupManifest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const query = (text: string) => client.query(text);
    const counts = await countRows(query);
    const migrations = await migrationsOf(query);
    await run('pg_dump', ['--format=custom', `--snapshot=${rows[0]?.id}`, `--file=${payload}`, `--dbname=${url}`]);
    await client.query('COMMIT');
    return writeManifest(payload, 'postgres', counts, migrations);
  } finally {
    await client.end();
  }
}

/** The open embedded database's data directory into `payload` (gzipped tar). Stop the server first. */
export async function backupPglite(db: Db, payload: string): Promise<BackupManifest> {
  if (!db.pglite) throw new BackupError('not a PGlite database');
  const query = async (text: string) => ({ rows: (await db.pglite?.query<Record<string, unknown>>(text))?.rows ?? [] });
  const counts = await countRows(query);
  const migrations = await migrationsOf(query);
  const dump = await db.pglite.dumpDataDir('gzip');
  await writeFile(payload, Buffer.from(await dump.arrayBuffer()));
  return writeManifest(payload, 'pglite', counts, migrations);
}

/** The manifest and payload of a backup, checked: the payload must be the bytes the manifest names. */
export async function readBackup(payload: string): Promise<{ manifest: BackupManifest; data: Buffer }> {
  const path = manifestPath(payload);
  if (!existsSync(path)) throw new BackupError(`no manifest beside the backup: ${path}`);
  const manifest = JSON.parse(await readFile(path, 'utf8')) as BackupManifest;
  const data = await readFile(payload);
  if (data.length !== manifest.bytes || sha256(data) !== manifest.sha256) {
    throw new BackupError(`the backup ${payload} does not match its manifest's sha256: it was changed or damaged`);
  }
  return { manifest, data };
}

function assertCounts(manifest: BackupManifest, restored: Record<string, number>): void {
  const differing = Object.keys({ ...manifest.rowCounts, ...restored }).filter(
    (t) => manifest.rowCounts[t] !== restored[t],
  );
  if (differing.length)
    throw new BackupError(`restored row counts differ from the backup's in: ${differing.join(', ')}`);
}

/** Restores into the empty database at `url` (tables in public refuse it, unless forced) and checks the row counts. */
export async function restorePostgres(
  payload: string,
  url: string,
  opts: RestoreOptions = {},
): Promise<BackupManifest> {
  const { manifest } = await readBackup(payload);
  if (manifest.engine !== 'postgres')
    throw new BackupError(`a ${manifest.engine} backup cannot be restored into PostgreSQL`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(TABLES_SQL);
    if (rows.length > 0 && !opts.force) {
      throw new BackupError('the target database is not empty: restore into a new database (or --force to replace it)');
    }
    if (rows.length > 0) await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${url}`, payload]);
    assertCounts(manifest, await countRows((text) => client.query(text)));
    return manifest;
  } finally {
    await client.end();
  }
}

/** Restores into a new PGlite data directory (absent or empty, unless forced) and checks the row counts. */
export async function restorePglite(
  payload: string,
  dataDir: string,
  opts: RestoreOptions = {},
): Promise<BackupManifest> {
  const { manifest, data } = await readBackup(payload);
  if (manifest.engine !== 'pglite') throw new BackupError(`a ${manifest.engine} backup cannot be restored into PGlite`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!opts.force) {
      throw new BackupError(`the data directory ${dataDir} is not empty: restore into a new one (or --force)`);
    }
    await rename(dataDir, `${dataDir}.before-restore-${new Date().toISOString().replaceAll(':', '')}`);
  }
  const db = await PGlite.create({ dataDir, loadDataDir: new Blob([new Uint8Array(data)]) });
  try {
    const counts = await countRows(async (text) => ({ rows: (await db.query<Record<string, unknown>>(text)).rows }));
    assertCounts(manifest, counts);
    return manifest;
  } finally {
    await db.close();
  }
}
