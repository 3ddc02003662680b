/**
 * The only place with statistics SQL. Every figure is aggregated in the database from the statistical
 * columns (stat_*: the latest inside the 补报 window, 493号令 第十三条) of accidents not written off, and cast
 * (::int, ::bigint) so PGlite and pg both return numbers.
 *
 * Each period is read from two sources (see `source`): its whole Asia/Shanghai calendar months from the
 * rollup accident_stats_monthly (migration 0006, kept in step with accidents by triggers in the same
 * transaction) and the partial months at its ends from accidents themselves (an index-only scan of the
 * covering index accidents_stats_time_idx, migration 0006). Both yield the same pre-summed columns, so every
 * statistic is one statement over their union. The current and previous periods are tagged separately
 * (`cur`, `prev`), so periods that overlap count a row in both.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type Span, shanghaiDate, splitWholeMonths } from '../../../domain/time.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export interface StatsScope {
  /** Region codes in scope start with this ('' for the whole country). */
  prefix: string;
  from: Date;
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  /** Only 较大及以上 accidents (grade other than 一般). */
  largerOnly?: boolean;
}

/** The five indicators of one period. */
export interface FigureRow {
  accidents: number;
  deaths: number;
  injuries: number;
  serious_injuries: number;
  direct_loss_yuan: number;
}

const FIGURES = ['accidents', 'deaths', 'injuries', 'serious_injuries', 'direct_loss_yuan'] as const;
type Figure = (typeof FIGURES)[number];

/** What one accident row adds to each indicator; the rollup holds the same sums per key. */
const PER_ACCIDENT: Record<Figure, RawBuilder<unknown>> = {
  accidents: sql`1`,
  // 死亡 counts the missing (死亡含失踪); 受伤 = 重伤 + 轻伤.
  deaths: sql`(a.stat_deaths + a.stat_missing)`,
  injuries: sql`(a.stat_serious_injuries + a.stat_minor_injuries)`,
  serious_injuries: sql`a.stat_serious_injuries`,
  direct_loss_yuan: sql`a.stat_direct_loss_yuan`,
};

const CAST: Record<Figure, string> = {
  accidents: 'int',
  deaths: 'int',
  injuries: 'int',
  serious_injuries: 'int',
  direct_loss_yuan: 'bigint',
};

/** What a breakdown groups by, from an accident (alias a) and from the rollup (alias m). */
interface KeyColumn {
  accident: RawBuilder<unknown>;
  rollup: RawBuilder<unknown>;
}

const SHANGHAI_MONTH = sql`date_trunc('month', a.occurred_at AT TIME ZONE 'Asia/Shanghai')::date`;

/** The region subtree and, when asked, 较大及以上 only, on either source. */
function scopeFilter(alias: 'a' | 'm', s: StatsScope): RawBuilder<unknown> {
  const region = s.prefix ? sql`AND ${sql.ref(`${alias}.region_code`)} LIKE ${`${s.prefix}%`}` : sql``;
  const grade = s.largerOnly ? sql`AND ${sql.ref(`${alias}.grade`)} <> 'general'` : sql``;
  return sql`${region} ${grade}`;
}

/**
 * The rows of one period, pre-summed: `raw` (the grouping key), `cur`/`prev` (which period) and the five
 * figures. Whole months come from the rollup, the partial months at the ends from accidents.
 */
function periodSource(s: StatsScope, span: Span, key: KeyColumn, tag: 'cur' | 'prev'): RawBuilder<unknown>[] {
  const flags = tag === 'cur' ? sql`true AS cur, false AS prev` : sql`false AS cur, true AS prev`;
  const { whole, parts } = splitWholeMonths(span.from, span.to);
  const out: RawBuilder<unknown>[] = [];
  if (whole) {
    out.push(sql`
      SELECT ${key.rollup} AS raw, ${flags}, ${sql.join(FIGURES.map((f) => sql.ref(`m.${f}`)))}
      FROM accident_stats_monthly m
      WHERE m.month >= ${shanghaiDate(whole.from)}::date AND m.month < ${shanghaiDate(whole.to)}::date
        ${scopeFilter('m', s)}`);
  }
  for (const p of parts) {
    out.push(sql`
      SELECT ${key.accident} AS raw, ${flags},
             ${sql.join(FIGURES.map((f) => sql`${PER_ACCIDENT[f]} AS ${sql.ref(f)}`))}
      FROM accidents a
      WHERE a.written_off_at IS NULL ${scopeFilter('a', s)}
        AND a.occurred_at >= ${p.from} AND a.occurred_at < ${p.to}`);
  }
  return out;
}

/** Both periods of the scope as one relation (raw, cur, prev, figures…); never empty. */
function source(s: StatsScope, key: KeyColumn): RawBuilder<unknown> {
  const parts = [
    ...periodSource(s, { from: s.from, to: s.to }, key, 'cur'),
    ...periodSource(s, { from: s.previousFrom, to: s.previousTo }, key, 'prev'),
  ];
  return sql.join(parts, sql` UNION ALL `);
}

/** The five sums over the source rows of one period (`cur` or `prev`), named `${prefix}${figure}`. */
function aggregates(prefix: string, period: 'cur' | 'prev'): RawBuilder<unknown> {
  return sql.join(
    FIGURES.map(
      (f) =>
        sql`coalesce(sum(${sql.ref(`s.${f}`)}) FILTER (WHERE ${sql.ref(`s.${period}`)}), 0)::${sql.raw(CAST[f])} AS ${sql.ref(`${prefix}${f}`)}`,
    ),
  );
}

/** Sums of already aggregated columns `${from}${figure}` (a second level), named `${as}${figure}`. */
function resums(from: string, as = from, filter?: RawBuilder<unknown>): RawBuilder<unknown> {
  const where = filter ? sql` FILTER (WHERE ${filter})` : sql``;
  return sql.join(
    FIGURES.map(
      (f) => sql`coalesce(sum(${sql.ref(`${from}${f}`)})${where}, 0)::${sql.raw(CAST[f])} AS ${sql.ref(`${as}${f}`)}`,
    ),
  );
}

/** The named columns of one period, or zeros in their place. */
function columns(prefix: string, zero = false): RawBuilder<unknown> {
  return sql.join(FIGURES.map((f) => (zero ? sql`0 AS ${sql.ref(`${prefix}${f}`)}` : sql.ref(`${prefix}${f}`))));
}

export type SummaryRow = Record<`${'c' | 'p' | 'lc' | 'lp'}_${Figure}`, number>;

const BY_GRADE: KeyColumn = { accident: sql`a.grade`, rollup: sql`m.grade` };

/**
 * Current, previous, and both restricted to 较大及以上 (grade other than 一般), in one statement: the source
 * is summed per grade (four groups) and the 较大及以上 blocks are summed from those.
 */
export async function summaryFigures(db: Q, s: StatsScope): Promise<SummaryRow> {
  const { rows } = await sql<SummaryRow>`
    WITH g AS (
      SELECT s.raw AS grade, ${aggregates('c_', 'cur')}, ${aggregates('p_', 'prev')}
      FROM (${source(s, BY_GRADE)}) s
      GROUP BY 1
    )
    SELECT ${resums('c_')}, ${resums('p_')},
           ${resums('c_', 'lc_', sql`g.grade <> 'general'`)}, ${resums('p_', 'lp_', sql`g.grade <> 'general'`)}
    FROM g`.execute(db);
  return rows[0] as SummaryRow;
}

/**
 * How rows are grouped: `raw` is what the scan groups by (a column, few distinct values); `key` maps the
 * grouped `g.raw` to the breakdown key. Grouping by the raw column first keeps per-row work minimal.
 */
export type BreakdownKey =
  /** The direct children of a region, by their code prefixes; codes under none of them go to `self`. */
  | { kind: 'region'; self: string; children: readonly { code: string; prefix: string }[] }
  | { kind: 'industry'; level: 'section' | 'division' }
  | { kind: 'type' }
  | { kind: 'grade' }
  | { kind: 'domain' }
  /** Asia/Shanghai calendar month (YYYY-MM); a previous-period row counts for the month one year later. */
  | { kind: 'month' };

export type BreakdownRow = { key: string | null; is_total: boolean } & Record<`${'c' | 'p'}_${Figure}`, number>;

function keyColumn(k: BreakdownKey): KeyColumn {
  const column = (name: string): KeyColumn => ({ accident: sql.ref(`a.${name}`), rollup: sql.ref(`m.${name}`) });
  switch (k.kind) {
    case 'region':
      return column('region_code');
    case 'industry':
      return k.level === 'section'
        ? { accident: sql`left(a.industry_code, 1)`, rollup: sql`left(m.industry_code, 1)` }
        : column('industry_code');
    case 'type':
      return column('accident_type');
    case 'grade':
      return column('grade');
    case 'domain':
      return column('domain');
    case 'month':
      return { accident: SHANGHAI_MONTH, rollup: sql`m.month` };
  }
}

function mapped(k: BreakdownKey): RawBuilder<unknown> {
  const both = sql`${columns('c_')}, ${columns('p_')}`;
  switch (k.kind) {
    case 'region': {
      if (k.children.length === 0) return sql`SELECT ${k.self}::text AS key, ${both} FROM g`;
      const children = sql.join(k.children.map((c) => sql`(${c.code}::text, ${c.prefix}::text)`));
      return sql`
        SELECT coalesce(
                 (SELECT ch.code FROM (VALUES ${children}) AS ch (code, prefix) WHERE starts_with(g.raw, ch.prefix)),
                 ${k.self}::text) AS key,
               ${both}
        FROM g`;
    }
    case 'month':
      return sql`
        SELECT to_char(g.raw, 'YYYY-MM') AS key, ${columns('c_')}, ${columns('p_', true)} FROM g WHERE g.c_accidents > 0
        UNION ALL
        SELECT to_char(g.raw + interval '1 year', 'YYYY-MM'), ${columns('c_', true)}, ${columns('p_')}
        FROM g WHERE g.p_accidents > 0`;
    default:
      return sql`SELECT g.raw::text AS key, ${both} FROM g`;
  }
}

/** One row per key present in either period, and the total row (is_total), in one statement. */
export async function breakdownFigures(db: Q, s: StatsScope, k: BreakdownKey): Promise<BreakdownRow[]> {
  const { rows } = await sql<BreakdownRow>`
    WITH g AS (
      SELECT s.raw, ${aggregates('c_', 'cur')}, ${aggregates('p_', 'prev')}
      FROM (${source(s, keyColumn(k))}) s
      GROUP BY 1
    ), m AS (${mapped(k)})
    SELECT m.key, GROUPING(m.key) = 1 AS is_total, ${resums('c_')}, ${resums('p_')}
    FROM m
    GROUP BY GROUPING SETS ((m.key), ())
    ORDER BY is_total, m.key`.execute(db);
  return rows;
}
