/** The only place with accident SQL. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ListAccidentsQuery } from '../../../contracts/accidents.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import type { Actor } from '../../auth/actor.js';
import type { AccidentChainTable, AccidentRevisionsTable, AccidentsTable, Database } from '../../db/schema.js';

export type AccidentRow = Selectable<AccidentsTable>;
export type ChainRow = Selectable<AccidentChainTable>;
export type RevisionRow = Selectable<AccidentRevisionsTable>;

type Q = Kysely<Database>;

/** Jurisdiction as SQL: a bureau sees its region subtree, an enterprise its own unit. */
export function inScope(actor: Actor) {
  return actor.orgKind === 'enterprise'
    ? sql<boolean>`a.enterprise_org_id = ${actor.orgId}`
    : sql<boolean>`a.region_code LIKE ${`${actor.prefix}%`}`;
}

export async function findInScope(
  db: Q,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<AccidentRow | undefined> {
  let q = db.selectFrom('accidents as a').selectAll('a').where('a.id', '=', id).where(inScope(actor));
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function chainOf(db: Q, a: { region_code: string; id: string }): Promise<ChainRow[]> {
  return db
    .selectFrom('accident_chain')
    .selectAll()
    .where('region_code', '=', a.region_code)
    .where('accident_id', '=', a.id)
    .execute();
}

export async function revisionsOf(db: Q, a: { region_code: string; id: string }): Promise<RevisionRow[]> {
  return db
    .selectFrom('accident_revisions')
    .selectAll()
    .where('region_code', '=', a.region_code)
    .where('accident_id', '=', a.id)
    .orderBy('no')
    .execute();
}

export async function nextReportSeq(db: Q, countyCode: string, day: string): Promise<number> {
  const row = await db
    .insertInto('report_counters')
    .values({ region_code: countyCode, day, seq: 1 })
    .onConflict((oc) => oc.columns(['region_code', 'day']).doUpdateSet({ seq: sql`report_counters.seq + 1` }))
    .returning('seq')
    .executeTakeFirstOrThrow();
  return row.seq;
}

/** 疑似重复: same county, occurrence within ±2 h, same unit name or credit code. */
export async function findDuplicates(
  db: Q,
  p: { countyCode: string; occurredAt: Date; unitName: string; unitCreditCode?: string | undefined },
): Promise<{ id: string; report_no: string }[]> {
  const window = 2 * 3_600_000;
  return db
    .selectFrom('accidents')
    .select(['id', 'report_no'])
    .where('region_code', 'like', `${p.countyCode}%`)
    .where('occurred_at', '>=', new Date(p.occurredAt.getTime() - window))
    .where('occurred_at', '<=', new Date(p.occurredAt.getTime() + window))
    .where((eb) =>
      p.unitCreditCode
        ? eb.or([eb('unit_name', '=', p.unitName), eb('unit_credit_code', '=', p.unitCreditCode)])
        : eb('unit_name', '=', p.unitName),
    )
    .orderBy('occurred_at')
    .limit(10)
    .execute();
}

export async function listInScope(db: Q, actor: Actor, f: ListAccidentsQuery, now: Date) {
  let q = db.selectFrom('accidents as a').where(inScope(actor));
  if (f.regionCode) q = q.where('a.region_code', 'like', `${subtreePrefix(f.regionCode)}%`);
  if (f.from) q = q.where('a.occurred_at', '>=', new Date(f.from));
  if (f.to) q = q.where('a.occurred_at', '<', new Date(f.to));
  if (f.grade) q = q.where('a.grade', '=', f.grade);
  if (f.accidentType) q = q.where('a.accident_type', '=', f.accidentType);
  if (f.industryCode) q = q.where('a.industry_code', 'like', `${f.industryCode}%`);
  if (f.domain) q = q.where('a.domain', '=', f.domain);
  if (f.status === 'done') q = q.where('a.next_due_at', 'is', null);
  if (f.status === 'pending') q = q.where('a.next_due_at', '>=', now);
  if (f.status === 'overdue') q = q.where('a.next_due_at', '<', now);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`(a.unit_name || ' ' || a.address || ' ' || a.report_no) ILIKE ${like}`);
  }
  const [items, total] = await Promise.all([
    q
      .innerJoin('regions as r', 'r.code', 'a.region_code')
      .selectAll('a')
      .select('r.full_name as region_name')
      .orderBy('a.occurred_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function regionExists(db: Q, code: string): Promise<{ level: string; full_name: string } | undefined> {
  return db.selectFrom('regions').select(['level', 'full_name']).where('code', '=', code).executeTakeFirst();
}
