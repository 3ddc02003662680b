/** The sign-in throttle's SQL (login_throttle, migration 0012). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface ThrottleRow {
  failures: number;
  window_started_at: Date | null;
  locked_until: Date | null;
}

/**
 * The name's throttle row, created on first use and locked until the transaction ends (upsert-as-lock): the attempts
 * at one name take turns, so the count they read is always the count the previous one left.
 */
export async function lockThrottle(trx: Kysely<Database>, key: string, now: Date): Promise<ThrottleRow> {
  const row = await trx
    .insertInto('login_throttle')
    .values({ username_key: key, updated_at: now })
    .onConflict((oc) =>
      oc.column('username_key').doUpdateSet((eb) => ({ failures: eb.ref('login_throttle.failures') })),
    )
    .returning(['failures', 'window_started_at', 'locked_until'])
    .executeTakeFirstOrThrow();
  return {
    failures: row.failures,
    window_started_at: row.window_started_at ? new Date(row.window_started_at) : null,
    locked_until: row.locked_until ? new Date(row.locked_until) : null,
  };
}

export async function saveThrottle(trx: Kysely<Database>, key: string, row: ThrottleRow, now: Date): Promise<void> {
  await trx
    .updateTable('login_throttle')
    .set({ ...row, updated_at: now })
    .where('username_key', '=', key)
    .execute();
}

export async function clearThrottle(trx: Kysely<Database>, key: string): Promise<void> {
  await trx.deleteFrom('login_throttle').where('username_key', '=', key).execute();
}

/** Rows that neither lock nor count any more (their window ended before `before`). */
export async function purgeThrottle(db: Kysely<Database>, before: Date): Promise<number> {
  const res = await db
    .deleteFrom('login_throttle')
    .where('updated_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
