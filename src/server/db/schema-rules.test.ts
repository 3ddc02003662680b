/**
 * The schema stays ready for Citus by region (issue 9 §1, docs/DEPLOYMENT.md "Citus"): in the migrated test database,
 * every growing table carries its distribution column in its primary key and in every unique constraint or unique
 * index, and a foreign key between two growing tables joins on it (co-located rows). A new table or index that breaks
 * this fails here, unless it is added below with its reason.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../testing/harness.js';
import type { Db } from './connection.js';

/** The distribution column of a growing table, when it is not region_code. */
const DISTRIBUTION_COLUMN: Record<string, string> = {
  // The audit chain key is the region code of the row (audit/service.ts auditRow); rows are keyed (chain_key, seq).
  audit_log: 'chain_key',
  // The frozen tips of the per-region chains written before migration 0015.
  audit_heads: 'chain_key',
};

/** Not distributed by region: Citus reference tables (copied to every node) or tables keyed by something else. */
const NOT_BY_REGION: Record<string, string> = {
  regions: 'the GB/T 2260 tree: loaded once, read by every jurisdiction check',
  organizations: 'bureaus and enterprise units: joined from the rows of every region',
  users: 'read by every request (the actor), found by id or user name before any region is known',
  sessions: 'found by the hash of the cookie token before the region is known; keyed by it',
  login_throttle: 'sign-in failures per user name, whether the user exists or not: no region',
  schema_migrations: 'bookkeeping of the migrations',
  hazard_censuses:
    'a few 普查 campaigns per bureau and year; the returns of every county of the subtree point at the campaign',
  stored_files:
    'content-addressed: the same bytes are stored once (keyed by their SHA-256) whatever region cites them; the ' +
    'evidence rows that cite them carry the region',
};

const ID_LOOKUP =
  'the API addresses the row by id alone. PGlite has no statistics (no autovacuum): without a unique index the ' +
  'planner estimates 0.5 % of the table for id = $1 and a join by id became a sequential scan (measured 0.35 ms → ' +
  '68 ms over 200,000 rows). Dropped when distributing, with the lookups carrying the region';

/** Unique indexes of growing tables without the distribution column, each with why it stays. */
const UNIQUE_EXCEPTIONS: Record<string, string> = {
  accidents_id_uq: ID_LOOKUP,
  bulletins_id_uq: ID_LOOKUP,
  duty_handovers_id_uq: ID_LOOKUP,
  duty_log_id_uq: ID_LOOKUP,
  duty_shifts_id_uq: ID_LOOKUP,
  enterprises_id_uq: ID_LOOKUP,
  licences_id_uq: ID_LOOKUP,
  writeoff_requests_id_uq: ID_LOOKUP,
  hidden_dangers_id_uq: ID_LOOKUP,
  hidden_danger_extensions_id_uq: ID_LOOKUP,
  inspections_id_uq: ID_LOOKUP,
  self_inspections_id_uq: ID_LOOKUP,
  evidence_id_uq: `${ID_LOOKUP}; also the device's own id of the file, so that a retried upload finds it`,
  supervision_plans_id_uq: ID_LOOKUP,
  supervision_plan_items_id_uq: ID_LOOKUP,
  supervision_draws_id_uq: ID_LOOKUP,
  penalty_cases_id_uq: ID_LOOKUP,
  emergency_plans_id_uq: ID_LOOKUP,
  plan_filings_id_uq: ID_LOOKUP,
  incidents_id_uq: ID_LOOKUP,
  incident_tasks_id_uq: ID_LOOKUP,
  incident_invitations_id_uq: ID_LOOKUP,
  rescue_agreements_id_uq: ID_LOOKUP,
  rescue_resources_pkey:
    'agreed with incident command (0031/0032): a task names a rescue resource by id whatever its region (a city or ' +
    'provincial team sent to a county), so id alone is the key; (region_code, id) is unique as well',
  hazard_units_id_uq: `${ID_LOOKUP}; also the target of hazard_unit_evaluations' foreign key (see below)`,
  accident_imports_id_uq: 'the client may choose the import id (?importId=): it must be unique nationwide',
  enterprises_credit_code_uq: '统一社会信用代码 identifies one unit nationwide (GB 32100-2015), whatever its region',
  licences_type_number_uq: 'a licence number is unique per licence type nationwide, whatever the holder’s region',
  idempotency_keys_pkey:
    'a key belongs to one user whatever region the request targets: a reused key with another body must be refused',
};

/** Foreign keys between growing tables that do not join on the distribution column. */
const FOREIGN_KEY_EXCEPTIONS: Record<string, string> = {
  incident_tasks_resource_id_fkey:
    'a task names a rescue resource by id (0031: id alone is its key): the team that answers an incident often lies in ' +
    'another region (a city or provincial team sent to a county), so the task and the resource are rows of two regions',
  hazard_unit_evaluations_unit_id_fkey:
    'the grade history is append-only and keeps the region of each evaluation, while a unit moves with its ' +
    'enterprise (ON UPDATE CASCADE): (region_code, unit_id) could not follow the move',
};

interface UniqueIndex {
  table: string;
  index: string;
  primary: boolean;
  columns: string[];
}

interface ForeignKey {
  table: string;
  name: string;
  target: string;
  columns: string[];
  targetColumns: string[];
}

const distributionColumn = (table: string) => DISTRIBUTION_COLUMN[table] ?? 'region_code';
const growing = (table: string) => !(table in NOT_BY_REGION);

async function tables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db.kysely);
  return rows.map((r) => r.name);
}

/** Every unique index (primary keys and unique constraints included); an expression column is named '(expr)'. */
async function uniqueIndexes(db: Db): Promise<UniqueIndex[]> {
  const { rows } = await sql<UniqueIndex>`
    SELECT t.relname AS "table", i.relname AS "index", ix.indisprimary AS "primary",
      array(SELECT coalesce(a.attname::text, '(expr)')
            FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
            ORDER BY k.ord) AS columns
    FROM pg_index ix
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND ix.indisunique
    ORDER BY 1, 2`.execute(db.kysely);
  return rows;
}

async function foreignKeys(db: Db): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    SELECT c.conrelid::regclass::text AS "table", c.conname AS name, c.confrelid::regclass::text AS target,
      array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
      array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "targetColumns"
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
    ORDER BY 1, 2`.execute(db.kysely);
  return rows;
}

describe('schema rules for distribution by region (Citus)', () => {
  let db: Db;
  let allTables: string[];
  let indexes: UniqueIndex[];
  let fks: ForeignKey[];
  beforeAll(async () => {
    db = await testDb();
    [allTables, indexes, fks] = await Promise.all([tables(db), uniqueIndexes(db), foreignKeys(db)]);
  });
  afterAll(async () => {
    await db.close();
  });

  it('every growing table has a primary key with its distribution column', () => {
    const wrong = allTables.filter(growing).flatMap((t) => {
      const pk = indexes.find((i) => i.table === t && i.primary);
      if (!pk) return [`${t}: no primary key`];
      if (pk.columns.includes(distributionColumn(t)) || pk.index in UNIQUE_EXCEPTIONS) return [];
      return [`${t}: primary key (${pk.columns.join(', ')}) lacks ${distributionColumn(t)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('every unique constraint and unique index of a growing table has its distribution column', () => {
    const wrong = indexes
      .filter((i) => growing(i.table) && !i.primary && !i.columns.includes(distributionColumn(i.table)))
      .filter((i) => !(i.index in UNIQUE_EXCEPTIONS))
      .map((i) => `${i.table}: unique ${i.index} (${i.columns.join(', ')}) lacks ${distributionColumn(i.table)}`);
    expect(wrong).toEqual([]);
  });

  it('a foreign key between growing tables joins on the distribution column of both', () => {
    const wrong = fks
      .filter((f) => growing(f.table) && growing(f.target) && !(f.name in FOREIGN_KEY_EXCEPTIONS))
      .filter((f) => {
        const at = f.columns.indexOf(distributionColumn(f.table));
        return at < 0 || f.targetColumns[at] !== distributionColumn(f.target);
      })
      .map((f) => `${f.table}: ${f.name} (${f.columns.join(', ')}) → ${f.target} (${f.targetColumns.join(', ')})`);
    expect(wrong).toEqual([]);
  });

  it('every exception still exists and still breaks the rule (a fixed one leaves the list)', () => {
    const missing = [
      ...Object.keys(NOT_BY_REGION).filter((t) => !allTables.includes(t)),
      ...Object.keys(DISTRIBUTION_COLUMN).filter((t) => !allTables.includes(t)),
      ...Object.keys(UNIQUE_EXCEPTIONS).filter(
        (n) => !indexes.some((i) => i.index === n && !i.columns.includes(distributionColumn(i.table))),
      ),
      ...Object.keys(FOREIGN_KEY_EXCEPTIONS).filter((n) => !fks.some((f) => f.name === n)),
    ];
    expect(missing).toEqual([]);
  });
});
