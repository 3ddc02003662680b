/** Accounts (users) with their organisation: the only SQL of the users module. */
import type { Kysely } from 'kysely';
import type { UsersQuery } from '../../../contracts/users.js';
import type { Database } from '../../db/schema.js';
import { containsPattern, pageWithTotal } from '../../db/sql.js';

type Q = Kysely<Database>;

const COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.phone',
  'u.disabled',
  'u.created_at',
  'o.id as org_id',
  'o.name as org_name',
  'o.kind as org_kind',
  'o.region_code as org_region_code',
] as const;

function inScope(db: Q, prefix: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .where('o.region_code', 'like', `${prefix}%`);
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findInScope>>>;

/** The accounts of the organisations in a region subtree, by region then user name. */
export async function listInScope(db: Q, prefix: string, f: UsersQuery) {
  let q = inScope(db, prefix);
  if (f.regionCode) q = q.where('o.region_code', '=', f.regionCode);
  if (f.q) {
    const pattern = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('u.username', 'like', pattern), eb('u.display_name', 'like', pattern)]));
  }
  return pageWithTotal(q.select(COLUMNS).orderBy('o.region_code').orderBy('u.username'), q, f);
}

export async function findInScope(db: Q, prefix: string, id: string) {
  return inScope(db, prefix).select(COLUMNS).where('u.id', '=', id).executeTakeFirst();
}

export async function bureauOf(db: Q, regionCode: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'region_code'])
    .where('kind', '=', 'bureau')
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
}

export async function usernameTaken(db: Q, username: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

export async function passwordHashOf(db: Q, id: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst())?.password_hash;
}

/** Ends the user's sessions, but `keepTokenHash` (the session that changed its own password). */
export async function endSessions(db: Q, userId: string, keepTokenHash?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash) q = q.where('token_hash', '<>', keepTokenHash);
  await q.execute();
}
