/**
 * Backup → restore round trip on both engines (issue 9, bar 5): the restored database has the same rows in every table
 * and the same audit verification; a changed backup file and a target that is not empty are refused (unless forced).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../modules/audit/verify.js';
import { buildAccident, type TestApp, testApp } from '../testing/harness.js';
import { adminUrl } from '../testing/template.js';
import {
  BackupError,
  backupPglite,
  backupPostgres,
  manifestPath,
  restorePglite,
  restorePostgres,
  rowCountsOf,
} from './backup.js';
import { connect, type Db } from './connection.js';

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  await client.query(text);
  await client.end();
}

describe('backup and restore', () => {
  let t: TestApp;
  let dir: string;
  let payload: string;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    t = await testApp();
    const duty = await t.as('duty.370303');
    expect((await duty.post('/api/accidents', buildAccident())).status).toBe(201);
    dir = await mkdtemp(join(tmpdir(), 'anjian-backup-'));
    payload = join(dir, t.db.engine === 'postgres' ? 'b.dump' : 'b.tar.gz');
    if (t.db.engine === 'postgres') await backupPostgres(t.db.url as string, payload);
    else await backupPglite(t.db, payload);
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  /** A new, empty target of the test's engine, restored from `file`; the restored database, open. */
  async function restoreInto(file: string): Promise<Db> {
    if (t.db.engine === 'pglite') {
      const target = join(dir, `restored-${cleanups.length}`);
      await restorePglite(file, target);
      const db = await connect({ dataDir: target });
      cleanups.push(() => db.close());
      return db;
    }
    const name = `anjian_r_${Date.now().toString(36)}${cleanups.length}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    // Dropped even when the restore is refused (the damaged-file case).
    let db: Db | undefined;
    cleanups.push(async () => {
      await db?.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
    const url = adminUrl(process.env.TEST_DATABASE_URL as string, name);
    await restorePostgres(file, url);
    db = await connect({ databaseUrl: url, poolSize: 2 });
    return db;
  }

  it('restores every row of every table, and the audit log verifies the same', async () => {
    const manifest = JSON.parse(await readFile(manifestPath(payload), 'utf8'));
    expect(manifest.rowCounts.accidents).toBeGreaterThan(0);
    expect(manifest.rowCounts.audit_log).toBeGreaterThan(0);
    expect(manifest.appVersion).toBe(JSON.parse(await readFile('package.json', 'utf8')).version);
    const restored = await restoreInto(payload);
    expect(await rowCountsOf(restored)).toEqual(await rowCountsOf(t.db));
    expect(await rowCountsOf(restored)).toEqual(manifest.rowCounts);
    const [before, after] = [await verifyAudit(t.db), await verifyAudit(restored)];
    expect(after.ok).toBe(true);
    expect(after).toEqual(before);
  });

  it('refuses a backup whose bytes changed', async () => {
    const damaged = join(dir, t.db.engine === 'postgres' ? 'damaged.dump' : 'damaged.tar.gz');
    const data = await readFile(payload);
    const mid = data.length >> 1;
    data.writeUInt8((data.readUInt8(mid) ^ 0xff) & 0xff, mid);
    await writeFile(damaged, data);
    await writeFile(manifestPath(damaged), await readFile(manifestPath(payload)));
    await expect(restoreInto(damaged)).rejects.toThrow(/sha256/);
  });

  it('refuses a target that is not empty', async () => {
    if (t.db.engine === 'postgres') {
      await expect(restorePostgres(payload, t.db.url as string)).rejects.toThrow(BackupError);
    } else {
      await expect(restorePglite(payload, dir)).rejects.toThrow(/not empty/);
    }
  });

  it('with force replaces a target that is not empty (a PGlite directory is moved aside, not deleted)', async () => {
    if (t.db.engine === 'postgres') {
      const name = `anjian_r_${Date.now().toString(36)}f`;
      await adminQuery(`CREATE DATABASE ${name}`);
      const url = adminUrl(process.env.TEST_DATABASE_URL as string, name);
      cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      await other.query('CREATE TABLE leftover (x int)');
      await other.end();
      // restorePostgres compares every table's rows with the manifest: a table left behind would fail it.
      await expect(restorePostgres(payload, url, { force: true })).resolves.toBeDefined();
      return;
    }
    const target = join(dir, 'occupied');
    await mkdir(target);
    await writeFile(join(target, 'leftover'), 'x');
    await restorePglite(payload, target, { force: true });
    expect(existsSync(join(target, 'leftover'))).toBe(false);
    expect((await readdir(dir)).filter((f) => f.startsWith('occupied.before-restore-'))).toHaveLength(1);
  });
});
