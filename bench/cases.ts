/**
 * Bench part h (`--cases-only`, issue 11's speed bar; PostgreSQL only): penalty cases (行政处罚案件) at a province's scale.
 *  1. Fixture in SQL, set-based: N penalty cases (default 2,000,000) over Shandong's counties, created over the last
 *     five years in time order (as a live table fills), with a realistic course cut at today — 30% 简易程序 (decided
 *     and served on the spot, paid, closed, archived); 一般程序 through 立案, 调查, 审理, 告知 (听证 for the larger
 *     penalties), 决定, 送达, 缴纳 or 催告 and the court, 结案, 归档, with 不予立案 and 不予处罚 branches, a slow tenth
 *     whose decision day lapses (the overdue list), appeals, corrections and police transfers — valid against the
 *     table's CHECKs, next_due_on set as the clock engine would for the open ones. Then case_stats_daily summed from
 *     the cases in one INSERT … SELECT … GROUP BY (each metric on its own date column, as the service bumps it), the
 *     documents that number Zibo's cases (立案审批表 / 当场处罚决定书: the list's number column), and VACUUM (ANALYZE).
 *     The secondary indexes are dropped for the load and built after it; foreign keys are not checked during the load
 *     (session_replication_role = replica): the rows are valid by construction. No penalty_case_events.
 *  2. Over real HTTP (buildApp + listen on 127.0.0.1), sequential requests, p50/p95/p99:
 *     - the register, GET /api/cases (20 a page), as a county's, the city's and the province's inspector, with filters
 *       (status, overdue=true|false, procedure, q=…, a month or a year, page 1 and page 50). Target p95 < 50 ms;
 *     - 执法统计 for a province-year, GET /api/cases/stats as stats.370000 (and a city-year). Target p95 < 300 ms.
 *     Beside each, the floor: the database's own time for the same work — the statements the service issues (captured
 *     through a Kysely plugin), run by hand one after the other on one connection. (The list runs its page and its
 *     count at once on two connections, so its HTTP time can come in under that sum; the slowest statement alone is
 *     reported too.)
 *  A scenario over target prints the EXPLAIN (ANALYZE, BUFFERS) of its statements.
 * Results: bench/results/cases-latest.json (via run.ts).
 */
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import { caseListQuery, caseStatsQuery } from '../src/contracts/cases.js';
import { NATIONAL_DISCRETION_TABLE } from '../src/domain/discretion-defaults.js';
import type { Db } from '../src/server/db/connection.js';
import type { Database } from '../src/server/db/schema.js';
import { actorByUsername } from '../src/server/db/seed/demo.js';
import { STAT_METRICS } from '../src/server/modules/cases/repo.js';
import * as caseService from '../src/server/modules/cases/service.js';
import * as caseStatistics from '../src/server/modules/cases/statistics.js';
import {
  type BenchHelpers,
  buildIndexes,
  bulkLoadSettings,
  type Floor,
  getScenarios,
  inSeconds,
  lastMonth,
  PARALLEL_LOADS,
  type Province,
  provinceBase,
  reportHead,
  round1,
  scenarioTable,
  secondaryIndexes,
  type Timed,
  tableSizes,
  vacuumAnalyze,
  withApp,
} from './support.js';

const LIST_TARGET_MS = 50;
const STATS_TARGET_MS = 300;
/** Five years of cases, the oldest first. */
const SPAN_DAYS = 1826;
const COUNTY_USER = 'inspector.370303';
const CITY_USER = 'inspector.370300';
const PROVINCE_USER = 'inspector.370000';
const STATS_USER = 'stats.370000';
/** The documents numbering the cases of this city are issued too (the list's number column finds them). */
const DOCUMENTED_CITY = '3703';

/** A party's name: brand + trade + 有限公司; the brands are skewed, so the last ones are rare. */
const BRANDS = [
  '鲁泰',
  '齐都',
  '华光',
  '金岭',
  '泉城',
  '历山',
  '舜耕',
  '东岳',
  '海川',
  '博远',
  '沂蒙',
  '黄河',
  '鑫泰',
  '宏达',
  '恒信',
  '瑞丰',
  '永安',
  '昌盛',
  '润丰',
  '德源',
  '盛世',
  '天元',
  '汇通',
  '兴业',
  '正大',
  '福瑞',
  '康达',
  '金鼎',
  '新华',
  '利民',
  '祥和',
  '华宇',
  '中泰',
  '远航',
  '明德',
  '宝丰',
  '安泰',
  '龙腾',
  '鼎盛',
  '鸿运',
];
const TRADES = [
  '化工',
  '石化',
  '新材料',
  '机械制造',
  '精细化工',
  '燃气',
  '矿业',
  '冶金',
  '建材',
  '食品',
  '纺织',
  '物流',
];
/** A name in about 0.07% of the cases: the rare search. */
const RARE_NAME = `${BRANDS[BRANDS.length - 1]}${TRADES[TRADES.length - 1]}`;
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'];
const GIVEN = ['建国', '海峰', '丽娟', '志强', '晓明', '秀英', '国庆', '春燕', '立新', '文静', '宏伟', '桂兰'];
/** The unit violations found most often first (their index is drawn skewed towards the front). */
const COMMON_UNIT = ['aqsf-97-3', 'aqsf-99-1', 'aqsf-101-3', 'aqsf-102', 'aqsf-97-4', 'aqsf-99-3', 'aqsf-97-6'];

/** A scenario with the p50 of each of its statements alone. */
export type CaseTimed = Timed & Floor;

export interface CasesBenchResult {
  engine: 'postgres';
  where: string;
  cases: number;
  counties: number;
  mix: Record<string, number>;
  fixtureSeconds: {
    cases: number;
    indexes: number;
    statsDaily: number;
    documents: number;
    vacuumAnalyze: number;
    total: number;
  };
  statsDailyRows: number;
  documents: number;
  tableSizes: Record<string, string>;
  list: CaseTimed[];
  stats: CaseTimed[];
}

interface Helpers extends BenchHelpers {
  cases: number;
}

// ————————————————————————————————————————— fixture

function violationLists(): {
  unit: { codes: string[]; titles: string[] };
  person: { codes: string[]; titles: string[] };
} {
  const entries = NATIONAL_DISCRETION_TABLE.entries;
  const pick = (party: 'unit' | 'person') => {
    const own = entries.filter((e) => e.party === party);
    const first = party === 'unit' ? COMMON_UNIT.map((c) => own.find((e) => e.code === c)).filter((e) => !!e) : [];
    const ordered = [...first, ...own.filter((e) => !first.includes(e))];
    return { codes: ordered.map((e) => e.code), titles: ordered.map((e) => e.title) };
  };
  return { unit: pick('unit'), person: pick('person') };
}

/** The steps of a case's course that change it (its version and updated_at count them). */
const STEPS = [
  'opened',
  'review',
  'notice',
  'hearing_requested',
  'hearing_held',
  'decided',
  'served',
  'reminder',
  'paid',
  'court_applied',
  'closing',
  'closed',
  'archived',
];

/**
 * Cases first, first + step, … ≤ n: case i is created on day i/n of the span (the table fills in time order, as a live
 * one does), in a county drawn at random; then its course, each step on a day after the one before, cut at today.
 */
async function insertCases(
  trx: Kysely<Database>,
  p: { first: number; step: number; n: number; counties: string[]; today: string; fallbackUser: string },
): Promise<void> {
  const v = violationLists();
  const today = sql`${p.today}::date`;
  // A date column: the step's day once it has come, else NULL.
  const upToText = (expr: string) => `CASE WHEN ${expr} <= '${p.today}'::date THEN ${expr} END`;
  const upTo = (expr: string) => sql.raw(upToText(expr));
  const reached = (expr: string) => sql.raw(`coalesce(${expr} <= '${p.today}'::date, false)`);
  const at16 = (expr: string) =>
    sql.raw(`least(now(), (${expr})::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '16 hours')`);
  await sql`
    INSERT INTO penalty_cases (id, region_code, procedure, source, source_id, cause, summary, status, party, party_kind,
      party_name, party_credit_code, enterprise_id, violations, discretion_version, officers, opened_on,
      proposed_fine_yuan, proposed_kinds, band_min_yuan, band_max_yuan, legal_review_required, hearing_right,
      notice_served_on, hearing_requested_on, hearing_on, hearing_held_on, fine_yuan, kinds, decided_on, served_on,
      service_method, paid_on, paid_fen, filing_required, reminder_served_on, court_applied_on, court,
      police_transferred_on, correction_deadline, correction_verified_on, appeals, outcome, outcome_reason, closed_on,
      archived_on, file_number, next_due_on, published_at, withdrawn_at, withdraw_reason, created_by, created_by_name,
      created_at, updated_at, version)
    SELECT
      (substr(lpad(to_hex((extract(epoch FROM b.created_at) * 1000)::bigint), 12, '0'), 1, 8) || '-'
        || substr(lpad(to_hex((extract(epoch FROM b.created_at) * 1000)::bigint), 12, '0'), 9, 4) || '-7000-8000-'
        || lpad(to_hex(g.i), 12, '0'))::uuid,
      b.county, b.proc, b.source, NULL, b.cause,
      b.party_name || b.cause || '，经' || CASE b.source WHEN 'inspection' THEN '监督检查' WHEN 'hidden_danger' THEN '隐患复查'
        WHEN 'tip_off' THEN '举报核查' WHEN 'investigation' THEN '事故调查' ELSE '其他途径' END || '发现。',
      s.status,
      jsonb_build_object('kind', b.party_kind, 'name', b.party_name, 'enterpriseId', NULL, 'creditCode', b.credit_code,
        'idNumber', CASE WHEN b.party_kind = 'person' THEN b.county || '19' || (60 + g.i % 40) || lpad((1 + g.i % 12)::text, 2, '0')
          || lpad((1 + g.i % 28)::text, 2, '0') || lpad((g.i % 1000)::text, 3, '0') || (g.i % 10) END,
        'legalRepresentative', CASE WHEN b.party_kind = 'unit' THEN b.person_name END,
        'workUnit', NULL, 'position', NULL, 'address', '山东省某工业园' || (g.i % 800) || '号',
        'phone', '138' || lpad((g.i % 100000000)::text, 8, '0')),
      b.party_kind, b.party_name, b.credit_code, NULL,
      jsonb_build_array(jsonb_build_object('code', b.code, 'circumstance', b.circumstance, 'facts', b.cause || '。')),
      ${`national:${NATIONAL_DISCRETION_TABLE.version}`}, '[]'::jsonb,
      ${upTo('t.opened')},
      CASE WHEN ${reached('t.notice')} THEN b.fine END,
      CASE WHEN ${reached('t.notice')} THEN b.kinds ELSE '{}' END,
      CASE WHEN ${reached('t.notice')} OR b.proc = 'summary' THEN b.band_min END,
      CASE WHEN ${reached('t.notice')} OR b.proc = 'summary' THEN b.band_max END,
      coalesce(b.proc = 'general' AND b.fine >= 100000, false),
      b.hearing_right,
      ${upTo('t.notice')}, ${upTo('t.hearing_requested')},
      CASE WHEN ${reached('t.hearing_requested')} THEN t.hearing_held END,
      ${upTo('t.hearing_held')},
      CASE WHEN ${reached('t.decided')} THEN b.fine END,
      CASE WHEN ${reached('t.decided')} THEN b.kinds ELSE '{}' END,
      CASE WHEN b.branch = 'no_penalty' THEN ${upTo('t.closing')} ELSE ${upTo('t.decided')} END,
      ${upTo('t.served')},
      CASE WHEN ${reached('t.served')} THEN CASE WHEN b.proc = 'summary' OR x.u12 < 0.7 THEN 'direct'
        WHEN x.u12 < 0.9 THEN 'mail' ELSE 'electronic' END END,
      ${upTo('t.paid')},
      CASE WHEN ${reached('t.paid')} THEN b.fine * 100
        + round(b.fine * 100 * least(1, 0.03 * greatest(0, t.paid - (t.served + 15))))::bigint END,
      coalesce(b.proc = 'general' AND b.fine >= 50000, false) AND ${reached('t.decided')},
      ${upTo('t.reminder')}, ${upTo('t.court_applied')},
      CASE WHEN ${reached('t.court_applied')} THEN r.name || '人民法院' END,
      ${upTo('t.police')},
      CASE WHEN ${reached('t.opened + 5')} AND b.correction THEN t.opened + 15 END,
      CASE WHEN b.correction THEN ${upTo('t.opened + 18')} END,
      CASE WHEN ${reached('t.served + 20')} AND b.appeal THEN jsonb_build_array(
        jsonb_build_object('appeal', 'review', 'filedOn', (t.served + 20)::text, 'outcome',
          CASE WHEN NOT ${reached('t.served + 80')} THEN 'pending' WHEN x.u13 < 0.15 THEN 'changed' ELSE 'upheld' END)
        || CASE WHEN ${reached('t.served + 80')} THEN jsonb_build_object('decidedOn', (t.served + 80)::text) ELSE '{}' END)
        ELSE '[]'::jsonb END,
      CASE WHEN ${reached('t.closing')} THEN CASE b.branch WHEN 'no_penalty' THEN 'no_penalty'
        ELSE CASE WHEN t.court_applied IS NOT NULL THEN 'court_executed' ELSE 'executed' END END END,
      CASE WHEN ${reached('t.closing')} AND b.branch = 'no_penalty'
        THEN '违法行为轻微并及时改正，没有造成危害后果（行政处罚法第三十三条）'
        WHEN b.branch = 'not_filed' AND ${reached('b.created_on + 3')} THEN '经核查，不符合立案条件' END,
      ${upTo('t.closed')}, ${upTo('t.archived')},
      CASE WHEN ${reached('t.archived')} THEN 'WS' || extract(year FROM t.archived) || '-' || g.i END,
      CASE s.status
        WHEN 'pending_approval' THEN b.created_on + 7
        WHEN 'investigating' THEN t.opened + 90 WHEN 'reviewing' THEN t.opened + 90
        WHEN 'notified' THEN t.opened + 90 WHEN 'hearing' THEN t.opened + 90
        WHEN 'decided' THEN t.decided + 7
        WHEN 'served' THEN CASE WHEN b.fine > 0 THEN t.served + 15 ELSE t.served + 7 END
        WHEN 'enforcing' THEN t.served + 195
        WHEN 'closing' THEN t.closing + 7 END,
      CASE WHEN b.proc = 'general' AND b.branch IN ('warning', 'fine') AND ${reached('t.decided')} THEN ${at16('t.decided')} END,
      CASE WHEN b.appeal AND x.u13 < 0.15 AND ${reached('t.served + 80')} THEN ${at16('t.served + 80')} END,
      CASE WHEN b.appeal AND x.u13 < 0.15 AND ${reached('t.served + 80')} THEN '行政复议决定变更、撤销或者确认违法' END,
      coalesce(u.id, ${p.fallbackUser}::uuid), coalesce(u.display_name, '执法检查员'),
      b.created_at,
      greatest(b.created_at, ${at16(`greatest(b.created_on, ${STEPS.map((c) => upToText(`t.${c}`)).join(', ')})`)}),
      1 + ${sql.raw(STEPS.map((c) => `coalesce((t.${c} <= '${p.today}'::date)::int, 0)`).join(' + '))}
    FROM generate_series(${p.first}::int, ${p.n}::int, ${p.step}::int) AS g(i)
    CROSS JOIN LATERAL (
      SELECT random() + 0 * g.i AS u0, random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5,
        random() AS u6, random() AS u7, random() AS u8, random() AS u9, random() AS u10, random() AS u11,
        random() AS u12, random() AS u13, random() AS u14
    ) x
    CROSS JOIN LATERAL (
      SELECT f.*,
        CASE WHEN f.branch = 'warning' THEN 0
             WHEN f.branch <> 'fine' THEN NULL
             WHEN f.proc = 'summary' AND f.party_kind = 'unit' THEN 500 + floor(x.u6 * 26)::int * 100
             WHEN f.proc = 'summary' THEN 50 + floor(x.u6 * 4)::int * 50
             WHEN f.party_kind = 'unit' THEN 10000 + floor(x.u6 * x.u6 * 191)::int * 1000
             ELSE 5000 + floor(x.u6 * x.u6 * 46)::int * 1000 END AS fine,
        CASE WHEN f.branch = 'warning' THEN ARRAY['warning']
             WHEN f.branch <> 'fine' THEN '{}'::text[]
             WHEN f.proc = 'summary' THEN CASE WHEN x.u7 < 0.3 THEN ARRAY['warning', 'fine'] ELSE ARRAY['fine'] END
             WHEN x.u7 < 0.08 THEN ARRAY['fine', 'suspension'] WHEN x.u7 < 0.11 THEN ARRAY['fine', 'confiscation']
             WHEN x.u7 < 0.115 THEN ARRAY['fine', 'licence'] WHEN x.u7 < 0.117 THEN ARRAY['fine', 'closure']
             ELSE ARRAY['fine'] END AS kinds,
        CASE WHEN f.proc = 'summary' THEN 0 WHEN f.party_kind = 'unit' THEN 10000 ELSE 5000 END AS band_min,
        CASE WHEN f.proc = 'summary' THEN CASE f.party_kind WHEN 'unit' THEN 3000 ELSE 200 END
             WHEN f.party_kind = 'unit' THEN 200000 ELSE 50000 END AS band_max,
        f.proc = 'general' AND f.branch = 'fine' AND (x.u7 < 0.117 OR (f.party_kind = 'unit' AND x.u6 * x.u6 * 191 >= 40)
          OR (f.party_kind = 'person' AND x.u6 * x.u6 * 46 >= 5)) AS hearing_right,
        f.proc = 'general' AND f.branch = 'fine' AND x.u9 < 0.06 AS enforce,
        f.proc = 'general' AND f.branch = 'fine' AND x.u9 < 0.06 AND x.u10 < 0.5 AS to_court,
        CASE WHEN f.proc = 'general' AND x.u9 >= 0.06 AND x.u9 < 0.16 THEN 3 ELSE 1 END AS slow,
        f.proc = 'general' AND f.branch IN ('warning', 'fine') AND x.u11 < 0.02 AS appeal,
        f.proc = 'general' AND f.branch <> 'not_filed' AND x.u11 >= 0.5 AND x.u11 < 0.55 AS correction,
        f.proc = 'general' AND f.branch <> 'not_filed' AND x.u11 >= 0.997 AS police
      FROM (SELECT
        (${p.counties}::text[])[1 + floor(x.u1 * ${p.counties.length})::int] AS county,
        e.created_on,
        least(now(), (e.created_on::timestamp + interval '8 hours' + x.u0 * interval '10 hours') AT TIME ZONE 'Asia/Shanghai')
          AS created_at,
        CASE WHEN x.u2 < 0.3 THEN 'summary' ELSE 'general' END AS proc,
        e.party_kind,
        CASE WHEN e.party_kind = 'unit'
          THEN (${BRANDS}::text[])[1 + floor(x.u5 * x.u5 * x.u5 * ${BRANDS.length})::int]
            || (${TRADES}::text[])[1 + floor(x.u14 * ${TRADES.length})::int] || '有限公司'
          ELSE e.person_name END AS party_name,
        e.person_name,
        CASE WHEN e.party_kind = 'unit' THEN '9137' || lpad((g.i % 10000)::text, 4, '0') || 'MA'
          || lpad(to_hex(g.i), 8, '0') END AS credit_code,
        CASE WHEN e.party_kind = 'unit' THEN (${v.unit.codes}::text[])[1 + floor(x.u4 * x.u4 * ${v.unit.codes.length})::int]
          ELSE (${v.person.codes}::text[])[1 + floor(x.u4 * ${v.person.codes.length})::int] END AS code,
        CASE WHEN e.party_kind = 'unit' THEN (${v.unit.titles}::text[])[1 + floor(x.u4 * x.u4 * ${v.unit.codes.length})::int]
          ELSE (${v.person.titles}::text[])[1 + floor(x.u4 * ${v.person.codes.length})::int] END AS cause,
        (ARRAY['minor', 'general', 'general', 'general', 'serious', 'severe'])[1 + g.i % 6] AS circumstance,
        CASE WHEN x.u2 < 0.3 THEN CASE WHEN x.u3 < 0.9 THEN 'inspection' ELSE 'manual' END
             WHEN x.u8 < 0.5 THEN 'inspection' WHEN x.u8 < 0.7 THEN 'hidden_danger' WHEN x.u8 < 0.85 THEN 'tip_off'
             WHEN x.u8 < 0.93 THEN 'investigation' ELSE 'manual' END AS source,
        CASE WHEN x.u2 < 0.3 THEN CASE WHEN x.u12 < 0.25 THEN 'warning' ELSE 'fine' END
             WHEN x.u12 < 0.03 THEN 'not_filed' WHEN x.u12 < 0.07 THEN 'no_penalty' WHEN x.u12 < 0.20 THEN 'warning'
             ELSE 'fine' END AS branch
      FROM (SELECT
        ${today} - ${SPAN_DAYS}::int + ((g.i - 1)::bigint * ${SPAN_DAYS + 1} / ${p.n}::bigint)::int AS created_on,
        CASE WHEN x.u3 < 0.85 THEN 'unit' ELSE 'person' END AS party_kind,
        (${SURNAMES}::text[])[1 + g.i % ${SURNAMES.length}] || (${GIVEN}::text[])[1 + (g.i / 7) % ${GIVEN.length}]
          AS person_name
      ) e) f
    ) b
    CROSS JOIN LATERAL (
      -- the full course, each step after the one before; the columns keep a step only once its day has come
      SELECT t2.*,
        CASE WHEN b.branch = 'no_penalty' THEN t2.review + 5
             WHEN b.proc = 'summary' THEN coalesce(t2.paid, t2.served) + 1 + g.i % 3
             WHEN b.to_court THEN t2.court_applied + 180
             WHEN b.branch = 'warning' THEN t2.served + 2
             WHEN b.branch = 'fine' THEN t2.paid + 1 + g.i % 3 END AS closing
      FROM (SELECT t1.*,
        CASE WHEN b.fine > 0 AND NOT b.to_court THEN
          CASE WHEN b.proc = 'summary' THEN t1.served + CASE WHEN x.u13 < 0.6 THEN 0 ELSE 1 + g.i % 14 END
               WHEN b.enforce THEN t1.served + 30 + g.i % 20
               ELSE t1.served + 2 + g.i % 12 END END AS paid,
        CASE WHEN b.enforce THEN t1.served + 20 END AS reminder,
        CASE WHEN b.to_court THEN t1.served + 110 END AS court_applied
      FROM (SELECT t0.*,
        CASE WHEN b.proc = 'summary' THEN b.created_on
             ELSE t0.notice + 8 + CASE WHEN b.hearing_right AND x.u10 >= 0.8 THEN 10 ELSE 0 END END AS decided,
        CASE WHEN b.proc = 'summary' THEN b.created_on
             ELSE t0.notice + 9 + CASE WHEN b.hearing_right AND x.u10 >= 0.8 THEN 10 ELSE 0 END + g.i % 5 END AS served,
        CASE WHEN b.hearing_right AND x.u10 >= 0.8 THEN t0.notice + 2 END AS hearing_requested,
        CASE WHEN b.hearing_right AND x.u10 >= 0.8 THEN t0.notice + 10 END AS hearing_held,
        CASE WHEN b.police THEN t0.opened + 20 END AS police
      FROM (SELECT o.*,
        CASE WHEN b.branch IN ('warning', 'fine') AND b.proc = 'general'
          THEN o.review + b.slow * (3 + floor(x.u14 * 7)::int) END AS notice
      FROM (SELECT
        CASE WHEN b.proc = 'summary' THEN b.created_on WHEN b.branch <> 'not_filed' THEN b.created_on + g.i % 5 END
          AS opened,
        CASE WHEN b.proc = 'general' AND b.branch <> 'not_filed'
          THEN b.created_on + g.i % 5 + b.slow * (15 + floor(x.u13 * 45)::int) END AS review
      ) o) t0) t1) t2
    ) tc
    CROSS JOIN LATERAL (SELECT tc.*, tc.closing + 2 + g.i % 4 AS closed, tc.closing + 12 + g.i % 34 AS archived) t
    CROSS JOIN LATERAL (
      SELECT CASE
        WHEN b.branch = 'not_filed' THEN CASE WHEN b.created_on + 3 <= ${today} THEN 'not_filed' ELSE 'pending_approval' END
        WHEN t.archived <= ${today} THEN 'archived'
        WHEN t.closed <= ${today} THEN 'closed'
        WHEN t.closing <= ${today} THEN 'closing'
        WHEN t.court_applied <= ${today} THEN 'court'
        WHEN t.reminder <= ${today} THEN 'enforcing'
        WHEN t.served <= ${today} THEN 'served'
        WHEN t.decided <= ${today} THEN 'decided'
        WHEN t.hearing_requested <= ${today} THEN 'hearing'
        WHEN t.notice <= ${today} THEN 'notified'
        WHEN t.review <= ${today} THEN 'reviewing'
        WHEN t.opened <= ${today} THEN 'investigating'
        ELSE 'pending_approval' END AS status
    ) s
    JOIN regions r ON r.code = b.county
    LEFT JOIN users u ON u.username = 'inspector.' || b.county`.execute(trx);
}

/** case_stats_daily from the cases: each metric on the day the service bumps it (cases/service.ts). */
async function rebuildStatsDaily(k: Kysely<Database>): Promise<void> {
  const sums = STAT_METRICS.map((m) => sql`coalesce(sum(v.n) FILTER (WHERE v.m = ${m}), 0)`);
  await sql`TRUNCATE case_stats_daily`.execute(k);
  await sql`
    INSERT INTO case_stats_daily (region_code, day, ${sql.join(STAT_METRICS.map((m) => sql.ref(m)))})
    SELECT c.region_code, v.day, ${sql.join(sums)}
    FROM penalty_cases c
    CROSS JOIN LATERAL (
      SELECT c.opened_on, 'opened', 1::bigint
      UNION ALL SELECT c.closed_on, 'closed', 1
      -- 作出处罚决定 (一般程序 and 简易程序): counted, its kinds, the amount, 按日连续处罚 when an order to correct stood
      UNION ALL SELECT c.decided_on, 'decided', 1 WHERE c.outcome IS DISTINCT FROM 'no_penalty'
      UNION ALL SELECT c.decided_on, 'fined_yuan', c.fine_yuan WHERE c.outcome IS DISTINCT FROM 'no_penalty'
      UNION ALL SELECT c.decided_on, k.kind, 1 FROM unnest(c.kinds) AS k(kind)
        WHERE k.kind <> 'detention' AND c.outcome IS DISTINCT FROM 'no_penalty'
      UNION ALL SELECT c.decided_on, 'daily', 1
        WHERE c.correction_deadline IS NOT NULL AND c.outcome IS DISTINCT FROM 'no_penalty'
      -- 不予处罚: decided_on is the day of the closing request that recorded it
      UNION ALL SELECT c.decided_on, 'no_penalty', 1 WHERE c.outcome = 'no_penalty'
      UNION ALL SELECT c.paid_on, 'collected_fen', c.paid_fen
      UNION ALL SELECT c.hearing_held_on, 'hearings', 1
      UNION ALL SELECT c.court_applied_on, 'court', 1
      UNION ALL SELECT c.police_transferred_on, 'police', 1
      UNION ALL SELECT (a.e->>'filedOn')::date, CASE a.e->>'appeal' WHEN 'review' THEN 'reviews' ELSE 'litigations' END, 1
        FROM jsonb_array_elements(c.appeals) AS a(e)
      UNION ALL SELECT (a.e->>'decidedOn')::date,
          CASE a.e->>'appeal' WHEN 'review' THEN 'reviews_changed' ELSE 'litigations_changed' END, 1
        FROM jsonb_array_elements(c.appeals) AS a(e)
        WHERE a.e->>'outcome' IN ('changed', 'revoked', 'confirmed_illegal')
    ) AS v(day, m, n)
    WHERE v.day IS NOT NULL
    GROUP BY 1, 2`.execute(k);
}

/**
 * The 立案审批表 (一般程序) and 当场处罚决定书 (简易程序) of one city's cases, numbered per bureau, kind and year as the
 * document counters would: the list's number column then finds real rows.
 */
async function insertDocuments(k: Kysely<Database>, cityPrefix: string, issuer: string): Promise<void> {
  await sql`
    INSERT INTO issued_documents (id, region_code, kind, year, seq, number, subject_type, subject_id, subject_region_code,
      issued_at, issued_by, issued_by_name, issuer_org)
    SELECT
      ('00000000-0000-7000-9000-' || lpad(to_hex(row_number() OVER ())::text, 12, '0'))::uuid,
      d.region_code, d.kind, d.year, d.seq,
      '（' || left(p.name, 1) || left(r.name, 1) || '）' || CASE d.kind WHEN 'filing_approval' THEN '应急立' ELSE '应急当罚' END
        || '〔' || d.year || '〕' || d.seq || '号',
      'penalty_case', d.id, d.region_code, d.issued_at, ${issuer}::uuid, '执法检查员', r.name || '应急管理局'
    FROM (
      SELECT c.id, c.region_code, c.kind, c.issued_at, extract(year FROM c.issued_at AT TIME ZONE 'Asia/Shanghai')::int AS year,
        row_number() OVER (PARTITION BY c.region_code, c.kind,
          extract(year FROM c.issued_at AT TIME ZONE 'Asia/Shanghai') ORDER BY c.issued_at, c.id)::int AS seq
      FROM (SELECT id, region_code,
          CASE procedure WHEN 'general' THEN 'filing_approval' ELSE 'summary_decision' END AS kind,
          least(now(), (opened_on::timestamp + interval '15 hours') AT TIME ZONE 'Asia/Shanghai') AS issued_at
        FROM penalty_cases WHERE region_code LIKE ${`${cityPrefix}%`} AND opened_on IS NOT NULL) c
    ) d
    JOIN regions r ON r.code = d.region_code
    JOIN regions p ON p.code = r.parent_code`.execute(k);
}

async function insertFixture(db: Db, h: Helpers, province: Province): Promise<CasesBenchResult['fixtureSeconds']> {
  const { counties, today } = province;
  const k = db.kysely;
  const fallback = await actorByUsername(db, PROVINCE_USER);
  const indexes = await secondaryIndexes(k, 'penalty_cases');
  const t0 = performance.now();
  for (const ix of indexes) await sql.raw(`DROP INDEX ${ix.name}`).execute(k);
  // The cases by PARALLEL_LOADS connections at once (one per core), each in its own transaction: connection c inserts
  // every PARALLEL_LOADS-th case from c + 1, so that all move through the five years together and the table is laid
  // out oldest first, as a live one fills.
  await Promise.all(
    Array.from({ length: PARALLEL_LOADS }, (_, c) =>
      k.transaction().execute(async (trx) => {
        await bulkLoadSettings(trx, 0.3 + c / 100);
        await insertCases(trx, {
          first: 1 + c,
          step: PARALLEL_LOADS,
          n: h.cases,
          counties,
          today,
          fallbackUser: fallback.userId,
        });
      }),
    ),
  );
  const tCases = performance.now() - t0;
  h.log(`cases: ${h.cases} penalty cases in ${round1(tCases)} s (${PARALLEL_LOADS} connections)`);

  const tIdx = performance.now();
  // Built outside the load's transaction, with the memory an index build wants; two at a time (one per core).
  await buildIndexes(k, indexes, PARALLEL_LOADS);
  const tIndexes = performance.now() - tIdx;
  h.log(`cases: ${indexes.length} secondary indexes built again in ${round1(tIndexes)} s`);

  const tStats = performance.now();
  await rebuildStatsDaily(k);
  const tStatsDaily = performance.now() - tStats;
  h.log(`cases: case_stats_daily summed from the cases in ${round1(tStatsDaily)} s`);

  const tDoc = performance.now();
  await insertDocuments(k, DOCUMENTED_CITY, fallback.userId);
  const tDocuments = performance.now() - tDoc;
  h.log(`cases: the numbering documents of ${DOCUMENTED_CITY}'s cases in ${round1(tDocuments)} s`);

  const tVacuum = await vacuumAnalyze(k, ['penalty_cases', 'case_stats_daily', 'issued_documents'], h, 'cases');
  return inSeconds(
    { cases: tCases, indexes: tIndexes, statsDaily: tStatsDaily, documents: tDocuments, vacuumAnalyze: tVacuum },
    t0,
  );
}

// ————————————————————————————————————————— the register and the statistics

function listScenarios(today: string): [name: string, user: string, query: Record<string, string>][] {
  const { from, to } = lastMonth(today);
  const year = Number(today.slice(0, 4)) - 1;
  return [
    ['county, page 1', COUNTY_USER, {}],
    ['county, status=investigating', COUNTY_USER, { status: 'investigating' }],
    ['county, overdue=true', COUNTY_USER, { overdue: 'true' }],
    ['county, q=化工', COUNTY_USER, { q: '化工' }],
    [
      `county, summary, year ${year}`,
      COUNTY_USER,
      { procedure: 'summary', from: `${year}-01-01`, to: `${year}-12-31` },
    ],
    ['county, page 50', COUNTY_USER, { page: '50' }],
    ['city, page 1', CITY_USER, {}],
    ['city, status=served', CITY_USER, { status: 'served' }],
    ['city, status=archived, page 10', CITY_USER, { status: 'archived', page: '10' }],
    ['city, overdue=true', CITY_USER, { overdue: 'true' }],
    ['city, overdue=false, general', CITY_USER, { overdue: 'false', procedure: 'general' }],
    ['city, q=化工', CITY_USER, { q: '化工' }],
    [`city, q=${RARE_NAME} (rare)`, CITY_USER, { q: RARE_NAME }],
    ['city, last month', CITY_USER, { from, to }],
    ['city → 370303, status=closed', CITY_USER, { regionCode: '370303', status: 'closed' }],
    ['city, page 50', CITY_USER, { page: '50' }],
    ['province, page 1', PROVINCE_USER, {}],
    ['province, overdue=true', PROVINCE_USER, { overdue: 'true' }],
    ['province, status=court', PROVINCE_USER, { status: 'court' }],
    [`province, q=${RARE_NAME} (rare)`, PROVINCE_USER, { q: RARE_NAME }],
    ['province, page 50', PROVINCE_USER, { page: '50' }],
  ];
}

// ————————————————————————————————————————— the bench

export async function casesBench(db: Db, where: string, h: Helpers): Promise<CasesBenchResult> {
  const province = await provinceBase(db, h, 'cases', SPAN_DAYS);
  const fixtureSeconds = await insertFixture(db, h, province);
  const { counties, today } = province;

  const counts = await sql<Record<string, number>>`
    SELECT count(*)::int AS cases,
      count(*) FILTER (WHERE procedure = 'summary')::int AS summary,
      count(*) FILTER (WHERE party_kind = 'person')::int AS person,
      count(*) FILTER (WHERE status NOT IN ('closed', 'archived', 'not_filed'))::int AS open,
      count(*) FILTER (WHERE next_due_on < ${today}::date)::int AS overdue,
      count(*) FILTER (WHERE outcome = 'no_penalty')::int AS no_penalty,
      count(*) FILTER (WHERE hearing_held_on IS NOT NULL)::int AS hearings,
      count(*) FILTER (WHERE appeals <> '[]')::int AS appeals,
      count(*) FILTER (WHERE region_code LIKE '3703%')::int AS city_370300,
      count(*) FILTER (WHERE region_code LIKE '370303%')::int AS county_370303,
      ${sql.join(
        ['pending_approval', 'not_filed', 'investigating', 'reviewing', 'notified', 'hearing', 'decided', 'served']
          .concat(['enforcing', 'court', 'closing', 'closed', 'archived'])
          .map((st) => sql`count(*) FILTER (WHERE status = ${st})::int AS ${sql.ref(`status_${st}`)}`),
      )}
    FROM penalty_cases`.execute(db.kysely);
  const { cases, ...mix } = counts.rows[0] as Record<string, number>;
  h.log(`cases: ${cases} cases, mix ${JSON.stringify(mix)}`);
  const side = await sql<{ stats: number; documents: number }>`
    SELECT (SELECT count(*)::int FROM case_stats_daily) AS stats, (SELECT count(*)::int FROM issued_documents) AS documents`.execute(
    db.kysely,
  );
  const sizes = await tableSizes(db.kysely, ['penalty_cases', 'case_stats_daily', 'issued_documents']);

  return withApp(db, async ({ ctx, base }) => {
    // The floor in the service's transaction (the register runs without parallel workers), and each statement timed alone.
    const measure = getScenarios(db, ctx, base, h, { inTransaction: true, floor: (f) => f });

    // The register.
    const list: CaseTimed[] = [];
    for (const [name, user, query] of listScenarios(today)) {
      const s = await measure(
        { name, user, path: `/api/cases?${new URLSearchParams(query)}`, target: LIST_TARGET_MS },
        (c, actor) => caseService.listCases(c, actor, caseListQuery.parse(query)),
        (body) => body.total as number,
      );
      h.log(
        `cases list ${name}: ${s.total} rows, p50 ${s.p50} / p95 ${s.p95} / p99 ${s.p99} ms; floor p50 ${s.floor.p50} ms (${s.statementsP50.join(' + ')})`,
      );
      list.push(s);
    }

    // 执法统计 of last year: the province's, and a city's.
    const year = Number(today.slice(0, 4)) - 1;
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const stats: CaseTimed[] = [];
    for (const [name, user, regionCode] of [
      [`province 370000, year ${year}`, STATS_USER, '370000'],
      [`city 370300, year ${year}`, 'stats.370300', '370300'],
    ] as const) {
      const path = `/api/cases/stats?regionCode=${regionCode}&from=${from}&to=${to}`;
      const s = await measure({ name, user, path, target: STATS_TARGET_MS }, (c, actor) =>
        caseStatistics.caseStats(c, actor, caseStatsQuery.parse({ regionCode, from, to })),
      );
      h.log(`cases stats ${name}: p50 ${s.p50} / p95 ${s.p95} ms; floor p50 ${s.floor.p50} ms`);
      stats.push(s);
    }
    return {
      engine: 'postgres',
      where,
      cases: cases as number,
      counties: counties.length,
      mix,
      fixtureSeconds,
      statsDailyRows: side.rows[0]?.stats ?? 0,
      documents: side.rows[0]?.documents ?? 0,
      tableSizes: sizes,
      list,
      stats,
    };
  });
}

// ————————————————————————————————————————— report

export function printCasesReport(r: CasesBenchResult): void {
  const f = r.fixtureSeconds;
  const table = scenarioTable<CaseTimed>(14, [['statements p50', 20, (s) => s.statementsP50.join(' + ')]]);
  const lines = [
    ...reportHead(
      `Penalty cases (PostgreSQL, ${r.where}): ${r.cases} cases over ${r.counties} counties (${r.tableSizes.penalty_cases ?? '?'}), ${r.statsDailyRows} case_stats_daily rows, ${r.documents} documents; fixture ${f.total} s (cases ${f.cases}, indexes ${f.indexes}, case_stats_daily ${f.statsDaily}, documents ${f.documents}, VACUUM ANALYZE ${f.vacuumAnalyze})`,
      r.mix,
    ),
    table.head,
  ];
  lines.push('GET /api/cases (the register, 20 a page)');
  for (const s of r.list) lines.push(table.line(`  ${s.name}`, s));
  lines.push('GET /api/cases/stats (执法统计)');
  for (const s of r.stats) lines.push(table.line(`  ${s.name}`, s));
  lines.push(...table.plans([...r.list, ...r.stats]));
  console.log(lines.join('\n'));
}
