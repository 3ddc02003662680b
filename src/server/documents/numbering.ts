/**
 * 文书编号: the one place enforcement documents get their numbers. issueDocument() takes the next number of the
 * issuing bureau, document type and year in the caller's transaction and records the document — gapless (a rollback
 * gives the number back) and unique under concurrency (the counter row is locked until commit). Every module that
 * issues a 执法文书 calls it (dangers now; inspections and penalty cases next).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { type DocumentKind, formatDocumentNumber, issuerAbbreviation } from '../../domain/document-number.js';
import { ancestorAt, levelOfCode } from '../../domain/region-code.js';
import { shanghaiDate } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/schema.js';

export interface IssuedDocument {
  id: string;
  kind: DocumentKind;
  number: string;
  issuedAt: string;
  issuedByName: string;
  issuerOrg: string;
}

/** Short names of the issuer's city and county, read from the regions table (淄博市, 张店区). */
async function placeNames(
  db: Kysely<Database>,
  regionCode: string,
): Promise<{ cityName?: string; countyName?: string }> {
  const level = levelOfCode(regionCode);
  const codes = [
    level === 'county' ? ancestorAt(regionCode, 'city') : null,
    level === 'city' || level === 'county' ? regionCode : null,
  ];
  // A province's or the national bureau's documents name no city or county (an empty IN () is not SQL).
  if (codes.every((c) => c === null)) return {};
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where(
      'code',
      'in',
      codes.filter((c): c is string => c !== null),
    )
    .execute();
  const city = rows.find((r) => r.level === 'city')?.name;
  const county = rows.find((r) => r.level === 'county')?.name;
  return { ...(city ? { cityName: city } : {}), ...(county ? { countyName: county } : {}) };
}

/** Issues a document of the actor's bureau about a subject, in the caller's transaction; returns it with its number. */
export async function issueDocument(
  trx: Kysely<Database>,
  actor: Actor,
  p: { kind: DocumentKind; subjectType: string; subjectId: string; subjectRegionCode: string; at: Date },
): Promise<IssuedDocument> {
  const year = Number(shanghaiDate(p.at).slice(0, 4));
  const counter = await trx
    .insertInto('document_counters')
    .values({ region_code: actor.regionCode, kind: p.kind, year, seq: 1 })
    .onConflict((oc) =>
      oc.columns(['region_code', 'kind', 'year']).doUpdateSet({ seq: sql`document_counters.seq + 1` }),
    )
    .returning('seq')
    .executeTakeFirstOrThrow();
  const abbreviation = issuerAbbreviation({
    regionCode: actor.regionCode,
    ...(await placeNames(trx, actor.regionCode)),
  });
  const number = formatDocumentNumber({ abbreviation, kind: p.kind, year, seq: counter.seq });
  const id = uuidv7();
  await trx
    .insertInto('issued_documents')
    .values({
      id,
      region_code: actor.regionCode,
      kind: p.kind,
      year,
      seq: counter.seq,
      number,
      subject_type: p.subjectType,
      subject_id: p.subjectId,
      subject_region_code: p.subjectRegionCode,
      issued_at: p.at,
      issued_by: actor.userId,
      issued_by_name: actor.displayName,
      issuer_org: actor.orgName,
    })
    .execute();
  return {
    id,
    kind: p.kind,
    number,
    issuedAt: p.at.toISOString(),
    issuedByName: actor.displayName,
    issuerOrg: actor.orgName,
  };
}

/** The documents issued about a subject, in order. */
export async function documentsOf(
  db: Db | Kysely<Database>,
  s: { subjectType: string; subjectId: string; subjectRegionCode: string },
): Promise<IssuedDocument[]> {
  const rows = await ('kysely' in db ? db.kysely : db)
    .selectFrom('issued_documents')
    .select(['id', 'kind', 'number', 'issued_at', 'issued_by_name', 'issuer_org'])
    .where('subject_region_code', '=', s.subjectRegionCode)
    .where('subject_type', '=', s.subjectType)
    .where('subject_id', '=', s.subjectId)
    .orderBy('issued_at')
    // uuidv7: in the order they were issued, within one instant too.
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as DocumentKind,
    number: r.number,
    issuedAt: new Date(r.issued_at).toISOString(),
    issuedByName: r.issued_by_name,
    issuerOrg: r.issuer_org,
  }));
}
