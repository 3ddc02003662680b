/**
 * Bench part g (`--dangers`, issue 10 bar 7; PostgreSQL only): hidden dangers (隐患排查治理) at a province's scale.
 *  1. Fixture in SQL, set-based: N enterprises (default 1,000,000) over Shandong's counties and M hidden dangers
 *     (default 5,000,000) found over the last 730 days, with a realistic mix — ≈5% 重大, sources (inspection,
 *     self_check, tip_off, other_department), 当场整改 closed on the spot, orders closed on time and late, completed
 *     awaiting 复查 or 销号, open with deadlines past (overdue) and future — valid against the table's CHECKs; then
 *     VACUUM (ANALYZE). The secondary indexes are dropped for the load and built again after it (a bulk load's usual
 *     way); foreign keys are not checked during the load (session_replication_role = replica): the rows are valid by
 *     construction.
 *  2. Over real HTTP (buildApp + listen on 127.0.0.1), sequential requests, p50/p95/p99:
 *     - the register, GET /api/hidden-dangers, as a county's, the city's and the province's inspector, with filters
 *       (status=overdue, level=major, a month, a deeper page). Target p95 < 50 ms;
 *     - the statistics of §5 for the province over last year, GET /api/hidden-dangers/stats as stats.370000.
 *       Target p95 < 300 ms;
 *     - an inspection of 10 checklist items (2 不符合 → 2 hidden dangers with their orders) with 2 photos:
 *       2 × POST /api/evidence (multipart JPEG) then POST /api/inspections with a fresh Idempotency-Key, as
 *       inspector.370303 with inspector2.370303 (both with 执法证号). Target p95 < 150 ms for the whole.
 *     Beside each, the floor: the database's own time for the same work on one connection — the statements the
 *     repository issues (captured through a Kysely plugin) run by hand; for the create, the statements of the upload
 *     and create transactions, captured from one real create, replayed in their transactions with fresh ids.
 *  A scenario over target prints the EXPLAIN (ANALYZE, BUFFERS) of its statements.
 * Results: bench/results/dangers-latest.json (via run.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { dangerListQuery, dangerStatsQuery } from '../src/contracts/hidden-dangers.js';
import type { CreateInspectionInput } from '../src/contracts/inspections.js';
import { CHECKLIST_ITEMS } from '../src/domain/checklist-library.js';
import { DANGER_STANDARD_ITEMS } from '../src/domain/danger-standards.js';
import { shanghaiDate } from '../src/domain/time.js';
import type { AppContext } from '../src/server/context.js';
import type { Db } from '../src/server/db/connection.js';
import type { Database } from '../src/server/db/schema.js';
import { actorByUsername } from '../src/server/db/seed/demo.js';
import * as dangerService from '../src/server/modules/dangers/service.js';
import * as inspections from '../src/server/modules/inspections/service.js';
import type { ReceivedFile } from '../src/server/uploads/files.js';
import { type Latency, summarize } from './latency.js';
import {
  type BenchHelpers,
  buildIndexes,
  bulkLoadSettings,
  type Captured,
  capturingCtx,
  FLOOR_RUNS,
  getScenarios,
  inSeconds,
  lastMonth,
  MIN_SAMPLES,
  PARALLEL_LOADS,
  type Province,
  provinceBase,
  reportHead,
  round1,
  SCENARIO_BUDGET_MS,
  scenario,
  scenarioTable,
  secondaryIndexes,
  type Timed,
  tableSizes,
  vacuumAnalyze,
  WARM_UP,
  withApp,
} from './support.js';

const LIST_TARGET_MS = 50;
const STATS_TARGET_MS = 300;
const CREATE_TARGET_MS = 150;
const SPAN_DAYS = 730;
const COUNTY_USER = 'inspector.370303';
const COUNTY_USER2 = 'inspector2.370303';

export interface DangersBenchResult {
  engine: 'postgres';
  where: string;
  enterprises: number;
  dangers: number;
  mix: Record<string, number>;
  fixtureSeconds: { enterprises: number; dangers: number; indexes: number; vacuumAnalyze: number; total: number };
  tableSizes: Record<string, string>;
  list: Timed[];
  stats: Timed;
  create: {
    whole: Timed;
    inspectionOnly: Timed;
    uploadOne: Latency;
    statements: { upload: number; create: number; readBack: number };
    floorWithReadBack: Latency;
  };
}

interface Helpers extends BenchHelpers {
  enterprises: number;
  dangers: number;
}

// ————————————————————————————————————————— fixture

async function insertFixture(db: Db, h: Helpers, province: Province): Promise<DangersBenchResult['fixtureSeconds']> {
  const { counties, today } = province;
  const k = db.kysely;
  const reporter = await actorByUsername(db, 'inspector.370000');
  const standardItems = DANGER_STANDARD_ITEMS.map((i) => i.code);
  const indexes = [...(await secondaryIndexes(k, 'enterprises')), ...(await secondaryIndexes(k, 'hidden_dangers'))];
  const t0 = performance.now();
  let tEnterprises = 0;
  let tDangers = 0;
  await k.transaction().execute(async (trx) => {
    // Foreign keys are triggers: off for the load (the rows reference what exists by construction); CHECKs stay on.
    await bulkLoadSettings(trx);
    for (const ix of indexes) await sql.raw(`DROP INDEX ${ix.name}`).execute(trx);
    // Enterprise n is in county n % K; its id grows with n, so each county's primary-key range is appended to.
    await sql`
      INSERT INTO enterprises (id, region_code, credit_code, name, address, longitude, latitude, industry_code, sectors,
                               scale, employees, status, created_at, updated_at)
      SELECT
        ('00000000-0000-7000-8000-' || lpad(to_hex(g.n), 12, '0'))::uuid,
        (${counties}::text[])[1 + g.n % ${counties.length}],
        '9137' || substr((${counties}::text[])[1 + g.n % ${counties.length}], 3, 4) || 'DG' || lpad(g.n::text, 8, '0'),
        (ARRAY['鲁泰','齐都','华光','金岭','泉城','历山','舜耕','东岳','海川','博远','沂蒙','黄河'])[1 + g.n % 12]
          || (ARRAY['化工','石化','新材料','机械制造','精细化工','燃气','矿业','冶金','建材','食品','纺织','物流'])[1 + (g.n / 12) % 12]
          || '有限公司' || g.n,
        '山东省某工业园' || (g.n % 800) || '号',
        115 + (g.n % 7000) / 1000.0, 34.5 + (g.n % 3500) / 1000.0,
        (ARRAY['C26','C25','C34','C30','C31','B10','C13','C17','G54','D45'])[1 + g.n % 10],
        CASE g.n % 10 WHEN 0 THEN ARRAY['hazardous_chemicals'] WHEN 1 THEN ARRAY['hazardous_chemicals']
          WHEN 5 THEN ARRAY['non_coal_mines'] ELSE ARRAY['industry_trade'] END,
        (ARRAY['large','medium','small','small','micro','micro'])[1 + g.n % 6],
        5 + (g.n * 37) % 900,
        CASE WHEN g.n % 50 = 0 THEN 'suspended' ELSE 'operating' END,
        ${today}::date - 1000, ${today}::date - 1000
      FROM generate_series(1, ${h.enterprises}) AS g(n)`.execute(trx);
  });
  tEnterprises = performance.now() - t0;
  h.log(`dangers: ${h.enterprises} enterprises in ${round1(tEnterprises)} s`);
  // The dangers in chunks of i, one per core, each in its own transaction and connection.
  const chunks = PARALLEL_LOADS;
  const per = Math.ceil(h.dangers / chunks);
  await Promise.all(
    Array.from({ length: chunks }, (_, c) => ({ lo: 1 + c * per, hi: Math.min(h.dangers, (c + 1) * per) })).map(
      ({ lo, hi }, c) =>
        k.transaction().execute(async (trx) => {
          await bulkLoadSettings(trx, 0.1 + c / 100);
          // Danger i: its enterprise spread by a multiplicative step, the day it was found uniform over the span, then
          // its course (order → completion → 复查 → closed), cut at today. Its id grows with i (appended per county).
          await sql`
            INSERT INTO hidden_dangers (id, region_code, enterprise_id, level, source, description, location, standard_item,
              found_on, rectification, measures, deadline, immediate_measures, plan, plan_filed_at, completed_on,
              completion_note, recheck_due_on, rechecked_on, recheck_passed, closed_at, closed_on, supervised, reported_by,
              reported_by_name, reported_by_org, created_at, updated_at, version)
            SELECT
              ('00000000-0000-7000-a000-' || lpad(to_hex(g.i), 12, '0'))::uuid,
              (${counties}::text[])[1 + x.n % ${counties.length}],
              ('00000000-0000-7000-8000-' || lpad(to_hex(x.n), 12, '0'))::uuid,
              a.level, a.source,
              (ARRAY['消防通道堵塞，疏散指示标志损坏','动火作业未办理作业票','有限空间作业未进行气体检测',
                     '安全阀超过校验期','可燃气体报警器未投入使用','配电柜前堆放杂物','特种作业人员未持证上岗',
                     '粉尘清扫记录缺失，积尘较厚','储罐区防火堤有破损','应急预案未按规定演练','安全警示标志缺失',
                     '劳动防护用品未按规定佩戴'])[1 + g.i % 12],
              a.location,
              CASE WHEN a.level = 'major' THEN (${standardItems}::text[])[1 + g.i % ${standardItems.length}] END,
              a.found_on, a.rect,
              CASE WHEN a.rect = 'immediate' THEN '当场整改' ELSE '按整改指令书要求限期整改，整改完成后报告' END,
              a.deadline,
              CASE WHEN a.level = 'major' AND a.source <> 'self_check' THEN ARRAY['suspend_production'] ELSE '{}' END,
              CASE WHEN a.level = 'major' AND (c.completed_on IS NOT NULL OR c.rechecked_on IS NOT NULL OR a.u4 < 0.7)
                THEN '{"goals":"消除隐患","methods":"停产整改","funds":"50万元","organisation":"主要负责人牵头","timeLimit":"60日","safetyMeasures":"设置警戒区"}'::jsonb END,
              CASE WHEN a.level = 'major' AND (c.completed_on IS NOT NULL OR c.rechecked_on IS NOT NULL OR a.u4 < 0.7)
                THEN (a.found_on + 5)::timestamp AT TIME ZONE 'Asia/Shanghai' END,
              c.completed_on,
              CASE WHEN c.completed_on IS NOT NULL THEN '已按要求整改完毕，附整改前后照片' END,
              CASE WHEN c.completed_on IS NOT NULL THEN c.completed_on + 10 END,
              c.rechecked_on, c.recheck_passed,
              c.closed_on::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '16 hours',
              c.closed_on,
              a.level = 'major' AND c.closed_on IS NULL,
              ${reporter.userId}::uuid,
              CASE WHEN a.source = 'self_check' THEN '企业安全管理员' ELSE '执法检查员' END,
              CASE WHEN a.source = 'self_check' THEN '企业自查' ELSE '应急管理局' END,
              a.found_on::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '10 hours',
              coalesce(c.closed_on, c.rechecked_on, c.completed_on, a.found_on)::timestamp AT TIME ZONE 'Asia/Shanghai'
                + interval '16 hours',
              1 + (c.completed_on IS NOT NULL)::int + (c.rechecked_on IS NOT NULL)::int + (c.closed_on IS NOT NULL)::int
            FROM generate_series(${lo}::int, ${hi}::int) AS g(i)
            CROSS JOIN LATERAL (
              SELECT 1 + (g.i::bigint * 7919) % ${h.enterprises} AS n,
                     random() + 0 * g.i AS u0, random() AS u1, random() AS u2, random() AS u3, random() AS u4,
                     random() AS u5, random() AS u6
            ) x
            CROSS JOIN LATERAL (
              SELECT r.*, CASE WHEN r.rect = 'immediate' THEN NULL
                               WHEN r.level = 'general' AND r.source = 'self_check' AND x.u3 < 0.1 THEN NULL
                               WHEN r.level = 'major' THEN r.found_on + 30 + floor(x.u3 * 150)::int
                               ELSE r.found_on + 7 + floor(x.u3 * 53)::int END AS deadline
              FROM (SELECT
                ${today}::date - floor(x.u0 * ${SPAN_DAYS})::int AS found_on,
                CASE WHEN x.u1 < 0.05 THEN 'major' ELSE 'general' END AS level,
                CASE WHEN x.u2 < 0.55 THEN 'inspection' WHEN x.u2 < 0.85 THEN 'self_check' WHEN x.u2 < 0.95 THEN 'tip_off'
                     ELSE 'other_department' END AS source,
                CASE WHEN x.u1 >= 0.05 AND x.u4 < 0.3 THEN 'immediate' ELSE 'deadline' END AS rect,
                (ARRAY['储罐区','生产车间','原料仓库','配电室','有限空间','粉尘作业区','装卸站台','锅炉房'])[1 + g.i % 8]
                  AS location,
                x.u4, x.u5, x.u6
              ) r
            ) a
            CROSS JOIN LATERAL (
              -- the course: completed (≈13% after the deadline; 4% never), re-inspected 0–12 days later (3% failed, then
              -- open again), closed by the 复查 (一般) or by 销号 0–6 days after it (重大); a step after today has not happened
              SELECT s.*,
                CASE WHEN s.rd IS NULL OR s.rd > ${today}::date THEN NULL
                     WHEN s.passed AND a.level = 'general' THEN s.rd
                     WHEN s.passed AND s.rd + (g.i % 7) <= ${today}::date THEN s.rd + (g.i % 7) END AS closed_on
              FROM (SELECT
                CASE WHEN a.rect = 'immediate' THEN a.found_on
                     WHEN s0.cd IS NULL OR s0.cd > ${today}::date THEN NULL
                     WHEN s0.cd + floor(a.u6 * 12)::int <= ${today}::date AND a.u6 < 0.03 THEN NULL
                     ELSE s0.cd END AS completed_on,
                CASE WHEN a.rect = 'immediate' THEN a.found_on
                     WHEN s0.cd IS NULL OR s0.cd + floor(a.u6 * 12)::int > ${today}::date THEN NULL
                     ELSE s0.cd + floor(a.u6 * 12)::int END AS rechecked_on,
                CASE WHEN a.rect = 'immediate' THEN true
                     WHEN s0.cd IS NULL OR s0.cd + floor(a.u6 * 12)::int > ${today}::date THEN NULL
                     ELSE a.u6 >= 0.03 END AS recheck_passed,
                CASE WHEN a.rect = 'immediate' THEN a.found_on
                     WHEN s0.cd IS NULL OR s0.cd > ${today}::date THEN NULL
                     ELSE s0.cd + floor(a.u6 * 12)::int END AS rd,
                a.rect = 'immediate' OR (a.u6 >= 0.03 AND s0.cd IS NOT NULL) AS passed
                FROM (SELECT CASE WHEN a.rect = 'immediate' OR a.u5 < 0.04 THEN NULL
                                  ELSE a.found_on + floor(coalesce(a.deadline - a.found_on, 60) * a.u5 * 1.15)::int END AS cd) s0
              ) s
            ) c`.execute(trx);
        }),
    ),
  );

  tDangers = performance.now() - t0 - tEnterprises;
  h.log(`dangers: ${h.dangers} hidden dangers in ${round1(tDangers)} s (${chunks} connections)`);
  const tIdx = performance.now();
  // Built outside the load's transaction, with the memory an index build wants, on one connection.
  await buildIndexes(k, indexes, 1);
  // The load ran without triggers (replica): the statistics' daily rollup (migration 0026) is summed once.
  await sql`SELECT hidden_danger_daily_rebuild()`.execute(k);
  const tIndexes = performance.now() - tIdx;
  h.log(`dangers: ${indexes.length} secondary indexes and the daily rollup built again in ${round1(tIndexes)} s`);
  const tVacuum = await vacuumAnalyze(k, ['enterprises', 'hidden_dangers'], h, 'dangers');
  return inSeconds({ enterprises: tEnterprises, dangers: tDangers, indexes: tIndexes, vacuumAnalyze: tVacuum }, t0);
}

// ————————————————————————————————————————— the register and the statistics

function listScenarios(today: string): [name: string, user: string, query: Record<string, string>][] {
  const { from, to } = lastMonth(today);
  return [
    ['county, page 1', COUNTY_USER, {}],
    ['county, status=overdue', COUNTY_USER, { status: 'overdue' }],
    ['county, level=major', COUNTY_USER, { level: 'major' }],
    ['county, last month', COUNTY_USER, { from, to }],
    ['county, page 50', COUNTY_USER, { page: '50' }],
    ['city, page 1', 'inspector.370300', {}],
    ['city, status=overdue', 'inspector.370300', { status: 'overdue' }],
    ['city, level=major, last month', 'inspector.370300', { level: 'major', from, to }],
    ['city, page 50', 'inspector.370300', { page: '50' }],
    ['province, page 1', 'inspector.370000', {}],
    ['province, status=overdue', 'inspector.370000', { status: 'overdue' }],
    ['province, level=major', 'inspector.370000', { level: 'major' }],
    ['province, last month', 'inspector.370000', { from, to }],
    ['province, level=major, overdue, page 10', 'inspector.370000', { level: 'major', status: 'overdue', page: '10' }],
    ['province, page 50', 'inspector.370000', { page: '50' }],
    ['province → city 370300, overdue', 'inspector.370000', { regionCode: '370300', status: 'overdue' }],
  ];
}

// ————————————————————————————————————————— the inspection

/** A small JPEG (SOI, a comment segment of random bytes, EOI): every photo is a new file. */
function jpeg(bytes = 6000): Buffer {
  const body = randomBytes(bytes);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(body.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xfe]), len, body, Buffer.from([0xff, 0xd9])]);
}

function inspectionBody(enterpriseId: string, team: string[], evidence: [string, string]): CreateInspectionInput {
  const codes = CHECKLIST_ITEMS.filter((i) => i.sector === 'general')
    .slice(0, 10)
    .map((i) => i.code);
  const now = Date.now();
  const deadline = shanghaiDate(new Date(now + 30 * 86_400_000));
  return {
    enterpriseId,
    kind: 'plan',
    startedAt: new Date(now - 2 * 3_600_000).toISOString(),
    finishedAt: new Date(now - 600_000).toISOString(),
    place: '生产车间及储罐区',
    team,
    items: codes.map((code, i) =>
      i === 2 || i === 6
        ? {
            code,
            result: 'nonconform' as const,
            note: i === 2 ? '安全生产规章制度未覆盖动火作业' : '现场未见应急演练记录',
            evidence: [evidence[i === 2 ? 0 : 1]],
            disposition: 'danger' as const,
            danger: { level: 'general' as const, measures: '限期整改并报告', deadline },
          }
        : { code, result: i === 9 ? ('not_applicable' as const) : ('conform' as const) },
    ),
    findings: '检查10项，2项不符合，已责令限期整改',
    signature: { status: 'signed', representativeName: '王建国' },
  };
}

async function uploadPhoto(base: string, cookie: string, enterpriseId: string, id: string): Promise<void> {
  const form = new FormData();
  form.append('id', id);
  form.append('enterpriseId', enterpriseId);
  form.append('kind', 'photo');
  form.append('capturedAt', new Date(Date.now() - 3_600_000).toISOString());
  form.append('latitude', '36.8');
  form.append('longitude', '118.05');
  form.append('file', new Blob([new Uint8Array(jpeg())], { type: 'image/jpeg' }), `${id}.jpg`);
  const res = await fetch(`${base}/api/evidence`, { method: 'POST', headers: { cookie }, body: form });
  if (res.status !== 201) throw new Error(`POST /api/evidence: HTTP ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const SHA256 = /\b[0-9a-f]{64}\b/g;

/**
 * The statements of one capture, replayed with fresh ids: every uuid but the `kept` ones (the enterprise, the users)
 * and every SHA-256 gets a new value, in parameters and inside JSON text alike; a document number's sequence is
 * the one the replayed counter returns.
 */
function replayer(kept: Set<string>) {
  const fresh = new Map<string, string>();
  const swap = (s: string) =>
    s
      .replace(UUID, (u) => (kept.has(u) ? u : (fresh.get(u) ?? fresh.set(u, uuidv7()).get(u) ?? u)))
      .replace(SHA256, (x) => fresh.get(x) ?? fresh.set(x, randomBytes(32).toString('hex')).get(x) ?? x);
  return {
    reset: () => fresh.clear(),
    run: async (c: { executeQuery: Kysely<Database>['executeQuery'] }, statements: Captured[]) => {
      let seq: { from: unknown; to: unknown } | undefined;
      for (const s of statements) {
        const params = s.query.parameters.map((p) => {
          if (typeof p === 'string') return swap(p);
          if (seq && p === seq.from && s.query.sql.includes('"issued_documents"')) return seq.to;
          return p;
        });
        const res = await c.executeQuery(CompiledQuery.raw(s.query.sql, params));
        if (s.query.sql.includes('"document_counters"')) {
          seq = { from: s.rows[0]?.seq, to: (res.rows[0] as { seq?: unknown } | undefined)?.seq };
        }
      }
    },
  };
}

const isWrite = (q: CompiledQuery) => /^\s*(insert|update|delete|with)\b/i.test(q.sql);

/** Splits a create's statements into its transaction (through its last write) and the read-back after commit. */
function splitAtLastWrite(all: Captured[]): { tx: Captured[]; after: Captured[] } {
  let last = -1;
  all.forEach((c, i) => {
    if (isWrite(c.query)) last = i;
  });
  return { tx: all.slice(0, last + 1), after: all.slice(last + 1) };
}

async function createBench(db: Db, ctx: AppContext, base: string, h: Helpers): Promise<DangersBenchResult['create']> {
  const actor = await actorByUsername(db, COUNTY_USER);
  const mate = await actorByUsername(db, COUNTY_USER2);
  const team = [actor.userId, mate.userId];
  const enterprise = await db.kysely
    .selectFrom('enterprises')
    .select('id')
    .where('region_code', '=', '370303')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const cookie = await h.signIn(base, COUNTY_USER);

  // Over HTTP: 2 photos, then the inspection citing them.
  const whole: number[] = [];
  const alone: number[] = [];
  const uploads: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < h.requests + WARM_UP; i++) {
    const photos: [string, string] = [uuidv7(), uuidv7()];
    const ta = performance.now();
    for (const id of photos) {
      const tu = performance.now();
      await uploadPhoto(base, cookie, enterprise.id, id);
      if (i >= WARM_UP) uploads.push(performance.now() - tu);
    }
    const tb = performance.now();
    const res = await fetch(`${base}/api/inspections`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'idempotency-key': uuidv7() },
      body: JSON.stringify(inspectionBody(enterprise.id, team, photos)),
    });
    const body = (await res.json()) as { dangers?: unknown[] };
    const tc = performance.now();
    if (res.status !== 201) throw new Error(`POST /api/inspections: HTTP ${res.status} ${JSON.stringify(body)}`);
    if (i === 0 && body.dangers?.length !== 2) throw new Error(`expected 2 dangers, got ${JSON.stringify(body)}`);
    if (i >= WARM_UP) {
      whole.push(tc - ta);
      alone.push(tc - tb);
    }
    if (whole.length >= MIN_SAMPLES && performance.now() - t0 > SCENARIO_BUDGET_MS) break;
  }

  // The floor: one create's statements captured through the services, then replayed with fresh ids.
  const captured: Captured[] = [];
  const cctx = capturingCtx(ctx, captured);
  const photos: [string, string] = [uuidv7(), uuidv7()];
  const uploadTx: Captured[][] = [];
  for (const id of photos) {
    const data = jpeg();
    const file: ReceivedFile = {
      fileName: `${id}.jpg`,
      contentType: 'image/jpeg',
      sha256: createHash('sha256').update(data).digest('hex'),
      size: data.length,
      data,
    };
    captured.length = 0;
    await inspections.uploadEvidence(
      cctx,
      actor,
      { id, enterpriseId: enterprise.id, kind: 'photo', capturedAt: new Date().toISOString() },
      file,
    );
    uploadTx.push([...captured]);
  }
  captured.length = 0;
  await inspections.createInspection(cctx, actor, inspectionBody(enterprise.id, team, photos), uuidv7());
  const { tx: createTx, after: readBack } = splitAtLastWrite(captured);
  const kept = [enterprise.id, actor.userId, mate.userId];
  // The whole: the uploads and the create in their own transactions, with one id map (the create cites the photos
  // the replayed uploads stored). The create alone: against the captured photos (looked up, locked and attached
  // again: the same statements and row counts as the first time).
  const wholeReplay = replayer(new Set(kept));
  const createOnly = replayer(new Set([...kept, ...photos]));
  const timeFloor = async (transactions: Captured[][], replay: ReturnType<typeof replayer>, after: Captured[]) => {
    const samples: number[] = [];
    for (let i = 0; i < FLOOR_RUNS + WARM_UP; i++) {
      replay.reset();
      const t = performance.now();
      await db.kysely.connection().execute(async (c) => {
        for (const statements of transactions) {
          await sql`BEGIN`.execute(c);
          await replay.run(c, statements);
          await sql`COMMIT`.execute(c);
        }
        for (const s of after) await replay.run(c, [s]);
      });
      if (i >= WARM_UP) samples.push(performance.now() - t);
    }
    return summarize(samples);
  };
  const floorCreate = await timeFloor([createTx], createOnly, []);
  const floorWhole = await timeFloor([...uploadTx, createTx], wholeReplay, []);
  const floorWithReadBack = await timeFloor([...uploadTx, createTx], wholeReplay, readBack);
  const statements = {
    upload: uploadTx.reduce((n, t) => n + t.length, 0),
    create: createTx.length,
    readBack: readBack.length,
  };
  h.log(
    `dangers: create statements — uploads ${statements.upload}, inspection transaction ${statements.create}, read-back ${statements.readBack}`,
  );
  return {
    whole: scenario(
      '2 photos + inspection (10 items, 2 dangers)',
      COUNTY_USER,
      'POST /api/evidence ×2 + POST /api/inspections',
      whole,
      { floor: floorWhole },
      CREATE_TARGET_MS,
    ),
    inspectionOnly: scenario(
      'inspection alone',
      COUNTY_USER,
      'POST /api/inspections',
      alone,
      { floor: floorCreate },
      CREATE_TARGET_MS,
    ),
    uploadOne: summarize(uploads),
    statements,
    floorWithReadBack,
  };
}

// ————————————————————————————————————————— the bench

export async function dangersBench(db: Db, where: string, h: Helpers): Promise<DangersBenchResult> {
  const province = await provinceBase(db, h, 'dangers', SPAN_DAYS);
  const fixtureSeconds = await insertFixture(db, h, province);
  const { today } = province;

  const counts = await sql<Record<string, number>>`
    SELECT (SELECT count(*)::int FROM enterprises) AS enterprises,
      count(*)::int AS dangers,
      count(*) FILTER (WHERE level = 'major')::int AS major,
      count(*) FILTER (WHERE closed_on IS NOT NULL)::int AS closed,
      count(*) FILTER (WHERE closed_on IS NULL AND completed_on IS NOT NULL)::int AS awaiting_recheck,
      count(*) FILTER (WHERE closed_on IS NULL AND completed_on IS NULL AND deadline IS NULL)::int AS open,
      count(*) FILTER (WHERE closed_on IS NULL AND completed_on IS NULL AND deadline >= ${today}::date)::int AS rectifying,
      count(*) FILTER (WHERE closed_on IS NULL AND completed_on IS NULL AND deadline < ${today}::date)::int AS overdue,
      count(*) FILTER (WHERE rectification = 'immediate')::int AS immediate,
      count(*) FILTER (WHERE source = 'inspection')::int AS source_inspection,
      count(*) FILTER (WHERE source = 'self_check')::int AS source_self_check,
      count(*) FILTER (WHERE source = 'tip_off')::int AS source_tip_off,
      count(*) FILTER (WHERE source = 'other_department')::int AS source_other_department
    FROM hidden_dangers`.execute(db.kysely);
  const { enterprises, dangers, ...mix } = counts.rows[0] as Record<string, number>;
  h.log(`dangers: ${enterprises} enterprises, ${dangers} dangers, mix ${JSON.stringify(mix)}`);
  const sizes = await tableSizes(db.kysely, ['enterprises', 'hidden_dangers']);

  return withApp(db, async ({ ctx, base }) => {
    // The floor in a transaction, as the service runs the statements (its SET LOCAL settings apply); no per-statement
    // figures kept.
    const measure = getScenarios(db, ctx, base, h, { inTransaction: true, floor: ({ floor }) => ({ floor }) });

    // The register.
    const list: Timed[] = [];
    for (const [name, user, query] of listScenarios(today)) {
      const path = `/api/hidden-dangers?${new URLSearchParams(query)}`;
      const s = await measure(
        { name, user, path, target: LIST_TARGET_MS },
        (c, actor) => dangerService.listDangers(c, actor, dangerListQuery.parse(query)),
        (body) => body.total as number,
      );
      h.log(
        `dangers list ${name}: ${s.total} rows, p50 ${s.p50} / p95 ${s.p95} / p99 ${s.p99} ms; floor p50 ${s.floor.p50} ms`,
      );
      list.push(s);
    }

    // The statistics of last year, for the province.
    const year = Number(today.slice(0, 4)) - 1;
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const stats = await measure(
      {
        name: `province, year ${year}`,
        user: 'stats.370000',
        path: `/api/hidden-dangers/stats?regionCode=370000&from=${from}&to=${to}`,
        target: STATS_TARGET_MS,
      },
      (c, actor) => dangerService.dangerStats(c, actor, dangerStatsQuery.parse({ regionCode: '370000', from, to })),
    );
    h.log(`dangers stats ${stats.name}: p50 ${stats.p50} / p95 ${stats.p95} ms; floor p50 ${stats.floor.p50} ms`);

    // The inspection.
    const create = await createBench(db, ctx, base, h);
    h.log(
      `dangers create: whole p50 ${create.whole.p50} / p95 ${create.whole.p95} ms (floor ${create.whole.floor.p50}); inspection alone p95 ${create.inspectionOnly.p95} ms (floor ${create.inspectionOnly.floor.p50})`,
    );
    return {
      engine: 'postgres',
      where,
      enterprises: enterprises as number,
      dangers: dangers as number,
      mix,
      fixtureSeconds,
      tableSizes: sizes,
      list,
      stats,
      create,
    };
  });
}

// ————————————————————————————————————————— report

export function printDangersReport(r: DangersBenchResult): void {
  const f = r.fixtureSeconds;
  const table = scenarioTable(12);
  const lines = [
    ...reportHead(
      `Hidden dangers (PostgreSQL, ${r.where}): ${r.enterprises} enterprises, ${r.dangers} dangers (${r.tableSizes.hidden_dangers ?? '?'}); fixture ${f.total} s (enterprises ${f.enterprises}, dangers ${f.dangers}, indexes ${f.indexes}, VACUUM ANALYZE ${f.vacuumAnalyze})`,
      r.mix,
    ),
    table.head,
  ];
  const line = (label: string, s: Timed) => lines.push(table.line(label, s));
  lines.push('GET /api/hidden-dangers (the register, 20 a page)');
  for (const s of r.list) line(`  ${s.name}`, s);
  lines.push('GET /api/hidden-dangers/stats (§5 statistics)');
  line(`  ${r.stats.name}`, r.stats);
  lines.push('An inspection with 10 items and 2 photos (inspector.370303)');
  line(`  ${r.create.whole.name}`, r.create.whole);
  line(`  ${r.create.inspectionOnly.name}`, r.create.inspectionOnly);
  const st = r.create.statements;
  lines.push(
    `  one photo upload: p50 ${r.create.uploadOne.p50} / p95 ${r.create.uploadOne.p95} ms; statements: uploads ${st.upload}, inspection transaction ${st.create}, read-back ${st.readBack} (floor with the read-back p50 ${r.create.floorWithReadBack.p50} ms)`,
  );
  lines.push(...table.plans([...r.list, r.stats, r.create.whole, r.create.inspectionOnly]));
  console.log(lines.join('\n'));
}
