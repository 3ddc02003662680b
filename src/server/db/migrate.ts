/**
 * Applies the append-only SQL migrations in ./migrations in file-name order, each once, and refuses to start
 * when a migration already applied has been edited since (its checksum no longer matches): the database would
 * not be what the files say, and the fix is a new migration, never an edit.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './connection.js';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

interface Migration {
  file: string;
  body: string;
  checksum: string;
}

/** sha256 of the text with LF line ends, so a checkout that converts line ends does not count as an edit. */
export function migrationChecksum(body: string): string {
  return createHash('sha256').update(body.replaceAll('\r\n', '\n')).digest('hex');
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const body = await readFile(join(dir, file), 'utf8');
      return { file, body, checksum: migrationChecksum(body) };
    }),
  );
}

/** The applied migrations and their checksums (null: applied before checksums were recorded). */
async function appliedMigrations(db: Db): Promise<Map<string, string | null>> {
  // ADD COLUMN covers tables created before the checksum column existed.
  await db.execScript(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      name       text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now(),
      checksum   text
    );
    ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text;`);
  const { rows } = await sql<{ name: string; checksum: string | null }>`
    SELECT name, checksum FROM schema_migrations`.execute(db.kysely);
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

function assertUnchanged(migrations: Migration[], applied: Map<string, string | null>): void {
  const changed = migrations.filter((m) => {
    const recorded = applied.get(m.file);
    return recorded != null && recorded !== m.checksum;
  });
  if (changed.length === 0) return;
  throw new Error(
    `applied migration(s) changed since they ran: ${changed.map((m) => m.file).join(', ')}. ` +
      'Restore the original file(s) and put the change in a new migration.',
  );
}

export async function migrate(db: Db, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const applied = await appliedMigrations(db);
  assertUnchanged(migrations, applied);
  const done: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.file)) {
      if (applied.get(m.file) === null) {
        await sql`UPDATE schema_migrations SET checksum = ${m.checksum} WHERE name = ${m.file} AND checksum IS NULL`.execute(
          db.kysely,
        );
      }
      continue;
    }
    const name = m.file.replace(/'/g, "''");
    // One script per migration, applied and recorded atomically (the checksum is hex, safe to inline).
    await db.execScript(
      `BEGIN;\n${m.body}\nINSERT INTO schema_migrations (name, checksum) VALUES ('${name}', '${m.checksum}');\nCOMMIT;`,
    );
    done.push(m.file);
  }
  return done;
}
