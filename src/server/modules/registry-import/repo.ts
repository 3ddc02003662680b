/**
 * SQL of the registry import and export: the bulk look-ups that make a re-import idempotent (credit codes,
 * licence type + number) and the licence list for export (the Idempotency-Key of a long import: idempotency/). Inserts go through the enterprises module (enterprises/repo.ts, enterprises/service.ts).
 */
import { type Kysely, sql } from 'kysely';
import { subtreePrefix } from '../../../domain/region-code.js';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/schema.js';
import { enterpriseScope, type LicenceRow } from '../enterprises/repo.js';

type Q = Kysely<Database>;

export interface Registered {
  id: string;
  region_code: string;
}

/** The enterprises registered under these credit codes, in one statement: credit code → id and region. */
export async function enterprisesByCreditCode(db: Q, codes: readonly string[]): Promise<Map<string, Registered>> {
  const found = new Map<string, Registered>();
  if (codes.length === 0) return found;
  const rows = await db
    .selectFrom('enterprises')
    .select(['id', 'region_code', 'credit_code'])
    .where('credit_code', 'in', [...new Set(codes)])
    .execute();
  for (const r of rows) found.set(r.credit_code, { id: r.id, region_code: r.region_code });
  return found;
}

export const licenceKey = (type: string, number: string) => `${type}|${number}`;

/** The licences with these (type, number) pairs, in one statement: licenceKey → id and holder. */
export async function licencesByNumber(
  db: Q,
  keys: readonly { type: string; number: string }[],
): Promise<Map<string, { id: string; enterprise_id: string }>> {
  const found = new Map<string, { id: string; enterprise_id: string }>();
  if (keys.length === 0) return found;
  const rows = await db
    .selectFrom('licences')
    .select(['id', 'enterprise_id', 'type', 'number'])
    .where((eb) =>
      eb(
        eb.refTuple('type', 'number'),
        'in',
        keys.map((k) => eb.tuple(k.type, k.number)),
      ),
    )
    .execute();
  for (const r of rows) found.set(licenceKey(r.type, r.number), { id: r.id, enterprise_id: r.enterprise_id });
  return found;
}

// ————————————————————————————————————————— Idempotency-Key over a long import

// ————————————————————————————————————————— export

export type ExportLicenceRow = LicenceRow & { credit_code: string; enterprise_name: string };

export interface LicenceFilter {
  regionCode?: string | undefined;
  type?: string | undefined;
  /** The state on `today`: expired = recorded valid and past valid_to. */
  state?: string | undefined;
  today: string;
}

/** Every licence of the enterprises in scope (filtered), holder first, for export (bounded by the caller). */
export async function allLicences(db: Q, actor: Actor, f: LicenceFilter, limit: number): Promise<ExportLicenceRow[]> {
  const parts = [sql`${enterpriseScope(actor)}`];
  if (f.regionCode) parts.push(sql`e.region_code LIKE ${`${subtreePrefix(f.regionCode)}%`}`);
  if (f.type) parts.push(sql`l.type = ${f.type}`);
  if (f.state === 'expired') parts.push(sql`l.status = 'valid' AND l.valid_to < ${f.today}::date`);
  else if (f.state === 'valid') parts.push(sql`l.status = 'valid' AND l.valid_to >= ${f.today}::date`);
  else if (f.state) parts.push(sql`l.status = ${f.state}`);
  const rows = await sql<ExportLicenceRow>`
    SELECT l.id, l.region_code, l.enterprise_id, l.type, l.number, l.scope, l.issuer,
      l.valid_from::text AS valid_from, l.valid_to::text AS valid_to, l.status, l.version,
      e.credit_code, e.name AS enterprise_name
    FROM licences l JOIN enterprises e ON e.region_code = l.region_code AND e.id = l.enterprise_id
    WHERE ${sql.join(parts, sql` AND `)}
    ORDER BY e.region_code, e.name, e.id, l.type, l.valid_to, l.id
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}
