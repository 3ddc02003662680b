/** migrate(): each migration once, its checksum recorded, and an edited applied migration refuses to start. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../testing/harness.js';
import type { Db } from './connection.js';
import { MIGRATIONS_DIR, migrate, migrationChecksum } from './migrate.js';

const FIRST = '9001_probe.sql';
const FIRST_SQL = 'CREATE TABLE migrate_probe (x int);\n';
const SECOND = '9002_probe_more.sql';
const SECOND_SQL = 'ALTER TABLE migrate_probe ADD COLUMN y int;\n';

describe('migrate', () => {
  let db: Db;
  let dir: string;

  const checksumOf = async (name: string) =>
    (
      await sql<{ checksum: string | null }>`SELECT checksum FROM schema_migrations WHERE name = ${name}`.execute(
        db.kysely,
      )
    ).rows[0]?.checksum;

  beforeAll(async () => {
    db = await testDb();
    dir = await mkdtemp(join(tmpdir(), 'anjian-migrations-'));
    await writeFile(join(dir, FIRST), FIRST_SQL);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the real migrations are all applied, each with its checksum', async () => {
    expect(await migrate(db)).toEqual([]);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM schema_migrations WHERE checksum IS NULL`.execute(db.kysely);
    expect(rows[0]?.n).toBe(0);
    expect(await checksumOf('0001_foundation.sql')).toMatch(/^[0-9a-f]{64}$/);
    expect(MIGRATIONS_DIR).toMatch(/migrations$/);
  });

  it('applies a new migration once and records its sha256', async () => {
    expect(await migrate(db, dir)).toEqual([FIRST]);
    expect(await migrate(db, dir)).toEqual([]);
    expect(await checksumOf(FIRST)).toBe(migrationChecksum(FIRST_SQL));
    expect(migrationChecksum(FIRST_SQL)).toBe(migrationChecksum(FIRST_SQL.replaceAll('\n', '\r\n')));
  });

  it('refuses to run when an applied migration was edited, before applying anything new', async () => {
    await writeFile(join(dir, FIRST), `${FIRST_SQL}-- a later edit\n`);
    await writeFile(join(dir, SECOND), SECOND_SQL);
    await expect(migrate(db, dir)).rejects.toThrow(/applied migration\(s\) changed since they ran: 9001_probe\.sql/);
    expect(await checksumOf(SECOND)).toBeUndefined();
    await writeFile(join(dir, FIRST), FIRST_SQL);
    expect(await migrate(db, dir)).toEqual([SECOND]);
  });

  it('fills the checksum of migrations applied before checksums were kept (an older schema_migrations)', async () => {
    await db.execScript('ALTER TABLE schema_migrations DROP COLUMN checksum');
    expect(await migrate(db, dir)).toEqual([]);
    expect(await checksumOf(FIRST)).toBe(migrationChecksum(FIRST_SQL));
    expect(await checksumOf(SECOND)).toBe(migrationChecksum(SECOND_SQL));
    // From then on an edit is caught.
    await writeFile(join(dir, SECOND), `${SECOND_SQL}ALTER TABLE migrate_probe ADD COLUMN z int;\n`);
    await expect(migrate(db, dir)).rejects.toThrow(/9002_probe_more\.sql/);
  });
});
