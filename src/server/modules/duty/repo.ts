/** The only place with duty SQL: rosters, on duty now, handovers and the duty log. */
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { DutyLogQuery } from '../../../contracts/duty.js';
import type { Database, DutyHandoversTable, DutyLogTable, DutyShiftsTable } from '../../db/schema.js';
import { containsPattern, type Paging, pageWithTotal } from '../../db/sql.js';

type Q = Kysely<Database>;

export type ShiftRow = Selectable<DutyShiftsTable> & { org_name: string; org_duty_phone: string | null };
export type HandoverRow = Selectable<DutyHandoversTable>;
export type LogRow = Selectable<DutyLogTable>;

export interface BureauRow {
  id: string;
  name: string;
  region_code: string;
  duty_phone: string | null;
}

/** The bureau of a region (one per region code), or undefined. */
export async function bureauOfRegion(db: Q, regionCode: string): Promise<BureauRow | undefined> {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'region_code', 'duty_phone'])
    .where('kind', '=', 'bureau')
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
}

/** The enabled users of an organisation among `ids`. */
export async function orgUsers(db: Q, orgId: string, ids: string[]): Promise<{ id: string; display_name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('org_id', '=', orgId)
    .where('disabled', '=', false)
    .where('id', 'in', ids)
    .execute();
}

/** The enabled users of an organisation: duty officers first, then by role and name. */
export async function staffOf(db: Q, orgId: string): Promise<{ id: string; display_name: string; role: string }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('org_id', '=', orgId)
    .where('disabled', '=', false)
    .orderBy(sql`role <> 'duty'`)
    .orderBy('role')
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

// ————————————————————————————————————————— roster

function shifts(db: Q) {
  return db
    .selectFrom('duty_shifts as s')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .selectAll('s')
    .select(['o.name as org_name', 'o.duty_phone as org_duty_phone']);
}

/** Shifts of one organisation that overlap [from, to), in start order. */
export async function shiftsOverlapping(db: Q, orgId: string, from: Date, to: Date): Promise<ShiftRow[]> {
  return shifts(db)
    .where('s.org_id', '=', orgId)
    .where('s.starts_at', '<', to)
    .where('s.ends_at', '>', from)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
}

export async function findShift(db: Q, orgId: string, id: string, forUpdate = false): Promise<ShiftRow | undefined> {
  let q = shifts(db).where('s.id', '=', id).where('s.org_id', '=', orgId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertShift(db: Q, row: Insertable<DutyShiftsTable>): Promise<void> {
  await db.insertInto('duty_shifts').values(row).execute();
}

export async function updateShift(
  db: Q,
  key: { region_code: string; id: string },
  set: Pick<
    Insertable<DutyShiftsTable>,
    'starts_at' | 'ends_at' | 'leader_name' | 'officer_ids' | 'officer_names' | 'phone'
  >,
): Promise<void> {
  await db
    .updateTable('duty_shifts')
    .set(set)
    .where('region_code', '=', key.region_code)
    .where('id', '=', key.id)
    .execute();
}

export interface OnDutyRow {
  org_id: string;
  org_name: string;
  region_code: string;
  org_duty_phone: string | null;
  shift_id: string | null;
  starts_at: Date | string | null;
  ends_at: Date | string | null;
  leader_name: string | null;
  officer_ids: string[] | null;
  officer_names: string[] | null;
  phone: string | null;
}

/**
 * One row per bureau whose region starts with `prefix`, ordered by region code, with the shift on duty at
 * `now` (starts inclusive, ends exclusive; of overlapping shifts, the one that started last), or nulls.
 */
export async function onDutyInSubtree(db: Q, prefix: string, now: Date): Promise<OnDutyRow[]> {
  return onDutyQuery(db, now).where('o.region_code', 'like', `${prefix}%`).execute();
}

/** The same rows for the bureaus of exactly these regions. */
export async function onDutyOf(db: Q, regionCodes: readonly string[], now: Date): Promise<OnDutyRow[]> {
  return onDutyQuery(db, now).where('o.region_code', 'in', regionCodes).execute();
}

function onDutyQuery(db: Q, now: Date) {
  return db
    .selectFrom('organizations as o')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('duty_shifts as s')
          .select(['s.id', 's.starts_at', 's.ends_at', 's.leader_name', 's.officer_ids', 's.officer_names', 's.phone'])
          .whereRef('s.org_id', '=', 'o.id')
          .where('s.starts_at', '<=', now)
          .where('s.ends_at', '>', now)
          .orderBy('s.starts_at', 'desc')
          .orderBy('s.id', 'desc')
          .limit(1)
          .as('cur'),
      (join) => join.onTrue(),
    )
    .select([
      'o.id as org_id',
      'o.name as org_name',
      'o.region_code',
      'o.duty_phone as org_duty_phone',
      'cur.id as shift_id',
      'cur.starts_at',
      'cur.ends_at',
      'cur.leader_name',
      'cur.officer_ids',
      'cur.officer_names',
      'cur.phone',
    ])
    .where('o.kind', '=', 'bureau')
    .orderBy('o.region_code');
}

// ————————————————————————————————————————— handovers

export async function insertHandover(db: Q, row: Insertable<DutyHandoversTable>): Promise<void> {
  await db.insertInto('duty_handovers').values(row).execute();
}

export async function listHandovers(db: Q, orgId: string, p: Paging): Promise<{ items: HandoverRow[]; total: number }> {
  const q = db.selectFrom('duty_handovers').where('org_id', '=', orgId);
  return pageWithTotal(q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc'), q, p);
}

// ————————————————————————————————————————— duty log

export async function insertLog(db: Q, row: Insertable<DutyLogTable>): Promise<void> {
  await db.insertInto('duty_log').values(row).execute();
}

export async function findLog(db: Q, orgId: string, id: string): Promise<LogRow | undefined> {
  return db.selectFrom('duty_log').selectAll().where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst();
}

export async function listLog(db: Q, orgId: string, f: DutyLogQuery): Promise<{ items: LogRow[]; total: number }> {
  let q = db.selectFrom('duty_log as l').where('l.org_id', '=', orgId);
  if (f.from) q = q.where('l.received_at', '>=', new Date(f.from));
  if (f.to) q = q.where('l.received_at', '<', new Date(f.to));
  if (f.channel) q = q.where('l.channel', '=', f.channel);
  if (f.converted) q = q.where('l.accident_id', f.converted === 'true' ? 'is not' : 'is', null);
  if (f.q) {
    const text = sql`concat_ws(' ', l.content, l.caller_name, l.caller_unit, l.caller_phone)`;
    q = q.where(sql<boolean>`${text} ILIKE ${containsPattern(f.q)}`);
  }
  return pageWithTotal(q.selectAll('l').orderBy('l.received_at', 'desc').orderBy('l.id', 'desc'), q, f);
}
