/**
 * The only place with assessment (报送考核) SQL: every metric's numerator and denominator for a region and each of
 * its direct children, in ONE statement, aggregated in the database. The per-accident rules are those of
 * src/domain/assessment.ts, written again here as SQL (assessment.test.ts checks that both agree):
 *
 * - accidents: not written off (核销), not historical imports (they never went through the chain or 直报), in the
 *   region subtree, occurred in [from, to); each is given the child whose code prefix it lies under;
 * - chain steps (accident_chain): a level taking part, not passed over, reached; done = forwarded below the
 *   target level, signed (else forwarded) at or above it; judged once done or past due_at; a step counts for the
 *   region (or child) whose subtree holds the bureau that owed it (level_region_code), so a city's own forwarding
 *   counts in the city's score, not in its counties';
 * - nodes: 24 h, 7 d and 30 d (7 d for road traffic and fire) after occurrence, from complete_at,
 *   day7_report_at and final_at; judged once done or past due;
 * - follow-ups: revision_count − 1 of them, 1 required (2 for 重大/特别重大), judged from day 7 or once covered;
 * - duplicates: the flag `duplicate`, or an earlier record (created before it) of the same county within ±2 h with
 *   the same unit name or credit code.
 * Counts are cast ::int so PGlite and pg both return numbers.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { DUPLICATE_WINDOW_MS, FOLLOWUP_JUDGED_AFTER_MS } from '../../../domain/assessment.js';
import { nodeDueAt } from '../../../domain/direct-report.js';
import { CHAIN_LEVELS, UNIT_REPORT_LIMIT_MS } from '../../../domain/reporting-chain.js';
import { HOUR_MS } from '../../../domain/time.js';
import type { Database } from '../../db/schema.js';
import { IMPORT_SOURCE } from '../accidents/chain-state.js';

type Q = Kysely<Database>;

export interface AssessmentScope {
  /** Region codes of the assessed region start with this ('' for the whole country). */
  prefix: string;
  children: readonly { code: string; prefix: string }[];
  from: Date;
  to: Date;
  /** Deadlines are judged as of now. */
  now: Date;
}

/** One row per child with accidents (key = its code), one for accidents under no child (key null), the total. */
export interface CountsRow {
  key: string | null;
  is_total: boolean;
  accidents: number;
  received_on_time: number;
  /** Steps owed inside the child (child rows) … */
  child_steps_due: number;
  child_steps_on_time: number;
  /** … and inside the whole region (the total row). */
  region_steps_due: number;
  region_steps_on_time: number;
  nodes_due: number;
  nodes_on_time: number;
  followups_due: number;
  followups_covered: number;
  complete: number;
  duplicates: number;
}

/** An interval in whole hours, from a domain constant in ms (every limit here is a whole number of hours). */
const hours = (ms: number) => sql.raw(`interval '${ms / HOUR_MS} hours'`);

/** The node deadlines of the domain (direct-report.ts), as offsets from occurrence. */
const occurred = new Date(0);
const NODE_24H = hours(nodeDueAt('24h', occurred, 'industrial').getTime());
const NODE_7D = hours(nodeDueAt('7d', occurred, 'industrial').getTime());
const NODE_30D = hours(nodeDueAt('30d', occurred, 'industrial').getTime());
const NODE_30D_SHORT = hours(nodeDueAt('30d', occurred, 'road_traffic').getTime());

const LEVELS = sql.raw(`ARRAY[${CHAIN_LEVELS.map((l) => `'${l}'`).join(', ')}]::text[]`);

function childValues(children: AssessmentScope['children']) {
  if (children.length === 0) return sql`SELECT NULL::text AS code, NULL::text AS prefix WHERE false`;
  return sql`VALUES ${sql.join(children.map((c) => sql`(${c.code}::text, ${c.prefix}::text)`))}`;
}

/** How many rows the boolean holds for. */
const int = (expr: RawBuilder<unknown>) => sql`coalesce(sum((${expr})::int), 0)::int`;

export async function assessmentCounts(db: Q, s: AssessmentScope): Promise<CountsRow[]> {
  const now = s.now;
  // A step is judged once done or past its 2-hour deadline (deadlineStatus: overdue when now > due).
  const judged = sql`(step.done_at IS NOT NULL OR step.due_at < ${now})`;
  const onTime = sql`(step.done_at IS NOT NULL AND step.done_at <= step.due_at)`;
  const { rows } = await sql<CountsRow>`
    WITH ch (code, prefix) AS (${childValues(s.children)}),
    acc AS (
      SELECT a.region_code, a.id, a.occurred_at, a.received_at, a.domain, a.grade, a.target_level,
             a.complete_at, a.day7_report_at, a.final_at, a.revision_count, a.flags,
             a.unit_name, a.unit_credit_code, a.address, a.summary, a.measures_taken, a.created_at,
             ch.code AS child, ch.prefix AS child_prefix,
             a.occurred_at + CASE WHEN a.domain IN ('road_traffic', 'fire') THEN ${NODE_30D_SHORT} ELSE ${NODE_30D} END
               AS final_due
      FROM accidents a
      LEFT JOIN ch ON starts_with(a.region_code, ch.prefix)
      WHERE a.written_off_at IS NULL AND a.source <> ${IMPORT_SOURCE}
        AND a.region_code LIKE ${`${s.prefix}%`}
        AND a.occurred_at >= ${s.from} AND a.occurred_at < ${s.to}
    ),
    step AS (
      SELECT acc.id, c.level_region_code, acc.child_prefix, c.due_at,
             CASE WHEN array_position(${LEVELS}, c.level) < array_position(${LEVELS}, acc.target_level)
                  THEN c.forwarded_at
                  -- Filed at the target level by its own bureau: there on filing (reporting-chain.ts entryDoneAt).
                  WHEN c.originated THEN c.received_at
                  ELSE coalesce(c.signed_at, c.forwarded_at) END AS done_at
      FROM acc
      JOIN accident_chain c ON c.region_code = acc.region_code AND c.accident_id = acc.id
      WHERE c.applicable AND NOT c.skipped AND c.received_at IS NOT NULL AND c.due_at IS NOT NULL
    ),
    steps AS (
      SELECT step.id,
        count(*) FILTER (WHERE ${judged} AND starts_with(step.level_region_code, step.child_prefix)) AS child_due,
        count(*) FILTER (WHERE ${onTime} AND starts_with(step.level_region_code, step.child_prefix)) AS child_on_time,
        count(*) FILTER (WHERE ${judged} AND starts_with(step.level_region_code, ${s.prefix})) AS region_due,
        count(*) FILTER (WHERE ${onTime} AND starts_with(step.level_region_code, ${s.prefix})) AS region_on_time
      FROM step
      GROUP BY step.id
    ),
    per AS (
      SELECT acc.child,
        acc.received_at <= acc.occurred_at + ${hours(UNIT_REPORT_LIMIT_MS)} AS received_on_time,
        s.child_due, s.child_on_time, s.region_due, s.region_on_time,
        (acc.complete_at IS NOT NULL OR acc.occurred_at + ${NODE_24H} < ${now})::int
          + (acc.day7_report_at IS NOT NULL OR acc.occurred_at + ${NODE_7D} < ${now})::int
          + (acc.final_at IS NOT NULL OR acc.final_due < ${now})::int AS nodes_due,
        coalesce(acc.complete_at <= acc.occurred_at + ${NODE_24H}, false)::int
          + coalesce(acc.day7_report_at <= acc.occurred_at + ${NODE_7D}, false)::int
          + coalesce(acc.final_at <= acc.final_due, false)::int AS nodes_on_time,
        acc.revision_count - 1 >= CASE WHEN acc.grade IN ('major', 'especially_major') THEN 2 ELSE 1 END AS covered,
        acc.occurred_at + ${hours(FOLLOWUP_JUDGED_AFTER_MS)} < ${now} AS followup_judged,
        btrim(acc.unit_name) <> '' AND btrim(acc.address) <> ''
          AND btrim(coalesce(acc.summary, '')) <> '' AND btrim(coalesce(acc.measures_taken, '')) <> '' AS complete,
        'duplicate' = ANY (acc.flags) OR EXISTS (
          SELECT 1 FROM accidents d
          WHERE d.region_code >= left(acc.region_code, 6) AND d.region_code <= left(acc.region_code, 6) || '999'
            AND d.occurred_at >= acc.occurred_at - ${hours(DUPLICATE_WINDOW_MS)}
            AND d.occurred_at <= acc.occurred_at + ${hours(DUPLICATE_WINDOW_MS)}
            AND d.written_off_at IS NULL
            AND (d.created_at, d.id) < (acc.created_at, acc.id)
            AND (d.unit_name = acc.unit_name OR d.unit_credit_code = acc.unit_credit_code)
        ) AS duplicate
      FROM acc
      LEFT JOIN steps s ON s.id = acc.id
    )
    SELECT per.child AS key, GROUPING(per.child) = 1 AS is_total,
      count(*)::int AS accidents,
      ${int(sql`per.received_on_time`)} AS received_on_time,
      coalesce(sum(per.child_due), 0)::int AS child_steps_due,
      coalesce(sum(per.child_on_time), 0)::int AS child_steps_on_time,
      coalesce(sum(per.region_due), 0)::int AS region_steps_due,
      coalesce(sum(per.region_on_time), 0)::int AS region_steps_on_time,
      coalesce(sum(per.nodes_due), 0)::int AS nodes_due,
      coalesce(sum(per.nodes_on_time), 0)::int AS nodes_on_time,
      ${int(sql`per.covered OR per.followup_judged`)} AS followups_due,
      ${int(sql`per.covered`)} AS followups_covered,
      ${int(sql`per.complete`)} AS complete,
      ${int(sql`per.duplicate`)} AS duplicates
    FROM per
    GROUP BY GROUPING SETS ((per.child), ())
    ORDER BY is_total, per.child`.execute(db);
  return rows;
}
