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
  'u.enforcement_cert',
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

/**
 * 执法人员: the enabled accounts of bureaus that hold an 执法证号 (行政处罚法 第四十二条: 执法人员应当具有行政执法资格) — the
 * one definition behind an inspection's team and the rosters of plans and 双随机 draws. `orgId`: one bureau's;
 * `prefix`: the bureaus' of a region subtree. By region, then id (a draw's roster order is part of its inputs).
 */
export async function certifiedOfficers(
  db: Q,
  where: { orgId: string } | { prefix: string },
  ids?: readonly string[],
): Promise<{ id: string; name: string; cert: string; org_name: string; region_code: string }[]> {
  if (ids?.length === 0) return [];
  let q = db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name as name', 'u.enforcement_cert as cert', 'o.name as org_name', 'o.region_code'])
    .where('o.kind', '=', 'bureau')
    .where('u.disabled', '=', false)
    .where('u.enforcement_cert', 'is not', null)
    .where('u.enforcement_cert', '<>', '');
  q = 'orgId' in where ? q.where('u.org_id', '=', where.orgId) : q.where('o.region_code', 'like', `${where.prefix}%`);
  if (ids) q = q.where('u.id', 'in', ids);
  return q.orderBy('o.region_code').orderBy('u.id').$narrowType<{ cert: string }>().execute();
}
