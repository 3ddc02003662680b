/**
 * Bench part d (`--registry`, issue 4 bar 6):
 *  1. evaluating 10,000 units with the GB 18218-2018 engine (domain/major-hazard.ts, one thread; 1–5 substances each
 *     from Table 1 and Table 2). Target < 1 s.
 *  2. the major-hazard list of a province with 100,000 enterprises and 300,000 units (a deterministic SQL fixture over
 *     Shandong's counties, then ANALYZE), filtered and paged, GET /api/major-hazards over HTTP as the province's
 *     inspector, sequential requests per scenario. Target p95 < 50 ms on PostgreSQL.
 * A scenario over target prints its EXPLAIN ANALYZE. Results: bench/results/registry-latest.json (via run.ts).
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CompiledQuery, sql } from 'kysely';
import { majorHazardListQuery } from '../src/contracts/hazards.js';
import { evaluateUnit, type UnitInput } from '../src/domain/major-hazard.js';
import { HAZARD_CATEGORY_SYMBOLS, TABLE_1 } from '../src/domain/major-hazard-tables.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Db, Engine } from '../src/server/db/connection.js';
import { actorByUsername } from '../src/server/db/seed/demo.js';
import { listUnits } from '../src/server/modules/hazards/repo.js';
import { type Latency, summarize } from './latency.js';
import { prepareDemoBase } from './support.js';

const EVALUATE_TARGET_MS = 1000;
const LIST_TARGET_MS: Record<Engine, number | null> = { postgres: 50, pglite: null };
const USER = 'inspector.370000';

export interface RegistryBenchResult {
  engine: Engine;
  where: string;
  evaluate: { units: number; ms: number; majors: number; meetsTarget: boolean };
  enterprises: number;
  units: number;
  majorUnits: number;
  fixtureSeconds: number;
  scenarios: (Latency & { name: string; query: string; total: number; meetsTarget: boolean | null; plan?: string })[];
}

interface Helpers {
  enterprises: number;
  requests: number;
  log: (msg: string) => void;
  timed: <T>(label: string, fn: () => Promise<T>) => Promise<T>;
  signIn: (base: string, username: string) => Promise<string>;
}

/** 10,000 deterministic units: named Table-1 substances and unlisted ones by category, 0–250 people. */
export function evaluationInputs(n: number): UnitInput[] {
  const units: UnitInput[] = [];
  for (let i = 0; i < n; i++) {
    const count = 1 + (i % 5);
    const substances = Array.from({ length: count }, (_, j) => {
      const k = (i * 31 + j * 17) % 100;
      if (k < 80) {
        const row = TABLE_1[(i * 7 + j * 13) % TABLE_1.length] as (typeof TABLE_1)[number];
        // By name for most, by CAS where it names one row.
        const byCas = j % 2 === 1 && row.cas.length === 1 && ![37, 38, 39, 40, 41, 42, 43, 44].includes(row.no);
        return {
          ...(byCas ? { cas: row.cas[0] } : { name: row.name }),
          quantityT: Math.round(row.criticalQuantityT * ((k % 40) / 20) * 1000) / 1000,
        };
      }
      const category = HAZARD_CATEGORY_SYMBOLS[k % HAZARD_CATEGORY_SYMBOLS.length] as string;
      return { name: `未列名物质${k}`, category, quantityT: (k % 13) * 3.5 };
    });
    units.push({ substances, exposedPeople: (i * 37) % 250 });
  }
  return units;
}

function evaluateMany(n: number) {
  const inputs = evaluationInputs(n);
  const t0 = performance.now();
  let majors = 0;
  for (const u of inputs) if (evaluateUnit(u).isMajor) majors++;
  const ms = Math.round((performance.now() - t0) * 100) / 100;
  return { units: n, ms, majors, meetsTarget: ms < EVALUATE_TARGET_MS };
}

/**
 * N enterprises over Shandong's counties (3 units each, about a tenth of them major hazards of a realistic grade
 * mix), inserted with INSERT … SELECT over generate_series. The figures are consistent with the grade (R in its
 * Table-6 band), not computed from substances: this fixture measures the list, nothing else.
 */
async function insertRegistryFixture(db: Db, enterprises: number, now: Date): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await sql`SELECT setseed(0.2018)`.execute(trx);
    await sql`
      CREATE TEMP TABLE bench_counties ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY code) AS n, code FROM regions WHERE level = 'county' AND code LIKE '37%'`.execute(
      trx,
    );
    await sql`
      INSERT INTO enterprises (id, region_code, credit_code, name, address, longitude, latitude, industry_code, sectors,
                               status, created_at, updated_at)
      SELECT
        ('00000000-0000-7000-8000-' || lpad(to_hex(g.i), 12, '0'))::uuid,
        c.code,
        '9137' || substr(c.code, 3, 4) || 'BN' || lpad(g.i::text, 8, '0'),
        (ARRAY['鲁泰','齐都','华光','金岭','泉城','历山','舜耕','东岳','海川','博远'])[1 + g.i % 10]
          || (ARRAY['化工','石化','新材料','化学品储运','精细化工','燃气','矿业','机械'])[1 + (g.i / 10) % 8] || '有限公司' || g.i,
        '山东省某路' || (g.i % 500) || '号',
        115 + random() * 7, 34.5 + random() * 3.5,
        (ARRAY['C26','C25','G59','D45','B10','C34'])[1 + g.i % 6],
        CASE WHEN g.i % 6 = 4 THEN ARRAY['non_coal_mines'] WHEN g.i % 6 = 5 THEN ARRAY['industry_trade']
             ELSE ARRAY['hazardous_chemicals'] END,
        'operating', ${now}::timestamptz, ${now}::timestamptz
      FROM generate_series(1, ${enterprises}) AS g(i)
      JOIN bench_counties c ON c.n = 1 + g.i % (SELECT count(*) FROM bench_counties)`.execute(trx);
    await sql`
      INSERT INTO hazard_units (id, region_code, enterprise_id, kind, name, substances, exposed_people, items, s, r, alpha,
                                is_major, grade, filing_status, filed_at, created_at, updated_at)
      SELECT
        ('00000000-0000-7000-9000-' || lpad(to_hex(e.n * 3 + u.j), 12, '0'))::uuid,
        e.region_code, e.id,
        CASE WHEN u.j = 0 THEN 'production' ELSE 'storage' END,
        (ARRAY['储罐区','生产装置','仓库'])[1 + u.j],
        '[{"name":"液氨","quantityT":"12"}]'::jsonb, 50, '[]'::jsonb,
        v.s, v.r, 1.5, v.grade IS NOT NULL, v.grade,
        CASE WHEN gr.filed THEN 'filed' ELSE 'unfiled' END,
        CASE WHEN gr.filed THEN DATE '2025-06-30' END, ${now}::timestamptz,
        ${now}::timestamptz - random() * interval '700 days'
      FROM (SELECT id, region_code, row_number() OVER (ORDER BY id) AS n FROM enterprises) e
      CROSS JOIN generate_series(0, 2) AS u(j)
      CROSS JOIN LATERAL (
        SELECT CASE WHEN r.x < 0.9 THEN NULL WHEN r.x < 0.902 THEN 1 WHEN r.x < 0.912 THEN 2 WHEN r.x < 0.942 THEN 3
                    ELSE 4 END AS grade, r.x, r.f < 0.8 AS filed
        -- correlated with the row (e.n, u.j), so random() is drawn per unit, not once
        FROM (SELECT random() + 0 * (e.n + u.j) AS x, random() + 0 * e.n AS f) r
      ) gr
      CROSS JOIN LATERAL (
        SELECT gr.grade,
          CASE WHEN gr.grade IS NULL THEN round((gr.x * 0.99)::numeric, 4) ELSE round((1 + gr.x * 5)::numeric, 4) END AS s,
          CASE gr.grade WHEN 1 THEN 150 WHEN 2 THEN 75 WHEN 3 THEN 25 WHEN 4 THEN 5 ELSE round((gr.x * 8)::numeric, 4) END AS r
      ) v`.execute(trx);
    await sql`
      UPDATE enterprises e SET major_hazard_count = h.n, top_hazard_grade = h.top
      FROM (SELECT region_code, enterprise_id, count(*)::int AS n, min(grade) AS top FROM hazard_units
            WHERE is_major GROUP BY 1, 2) h
      WHERE e.region_code = h.region_code AND e.id = h.enterprise_id`.execute(trx);
  });
}

const SCENARIOS: [name: string, query: Record<string, string>][] = [
  ['province, all major hazards', {}],
  ['province, grade=1', { grade: '1' }],
  ['city 370300, grade=3', { regionCode: '370300', grade: '3' }],
  ['county 370303', { regionCode: '370303' }],
  ['province, unfiled, page 20', { filingStatus: 'unfiled', page: '20' }],
  ['province, q=化工', { q: '化工' }],
  ['province, every unit (all=true)', { all: 'true' }],
];

async function explain(db: Db, query: Record<string, string>): Promise<string> {
  const actor = await actorByUsername(db, USER);
  const q = majorHazardListQuery.parse(query);
  const compiled: CompiledQuery[] = [];
  await listUnits(
    db.kysely.withPlugin({
      transformQuery: (args) => {
        compiled.push(db.kysely.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => args.result,
    }),
    actor,
    q,
    q,
  );
  const out: string[] = [];
  for (const c of compiled) {
    const res = await db.kysely.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, [...c.parameters]),
    );
    out.push(`-- ${c.sql}`, ...res.rows.map((r) => r['QUERY PLAN']));
  }
  return out.join('\n');
}

export async function registryBench(db: Db, engine: Engine, where: string, h: Helpers): Promise<RegistryBenchResult> {
  const evaluate = evaluateMany(10_000);
  h.log(`registry ${engine}: evaluated ${evaluate.units} units in ${evaluate.ms} ms (${evaluate.majors} major)`);
  await h.timed('registry: migrate + regions + demo organisations/users', () => prepareDemoBase(db));
  const t0 = performance.now();
  await h.timed(`registry: fixture ${h.enterprises} enterprises × 3 units`, () =>
    insertRegistryFixture(db, h.enterprises, new Date()),
  );
  await h.timed('registry: ANALYZE', async () => {
    await sql`ANALYZE enterprises`.execute(db.kysely);
    await sql`ANALYZE hazard_units`.execute(db.kysely);
  });
  const fixtureSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const counts = await sql<{ e: number; u: number; m: number }>`
    SELECT (SELECT count(*)::int FROM enterprises) AS e, (SELECT count(*)::int FROM hazard_units) AS u,
           (SELECT count(*)::int FROM hazard_units WHERE is_major) AS m`.execute(db.kysely);
  const { e, u, m } = counts.rows[0] as { e: number; u: number; m: number };

  const { app } = await buildApp({ db, config: { ...loadConfig({}), logLevel: 'warn' }, logger: false, webDir: '/x' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const scenarios: RegistryBenchResult['scenarios'] = [];
  try {
    const cookie = await h.signIn(base, USER);
    for (const [name, query] of SCENARIOS) {
      const qs = new URLSearchParams(query).toString();
      const samples: number[] = [];
      let total = 0;
      for (let i = 0; i < h.requests + 5; i++) {
        const t = performance.now();
        const res = await fetch(`${base}/api/major-hazards?${qs}`, { headers: { cookie } });
        const body = (await res.json()) as { total: number };
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(body)}`);
        if (i >= 5) samples.push(performance.now() - t);
        total = body.total;
      }
      const lat = summarize(samples);
      const target = LIST_TARGET_MS[engine];
      const meetsTarget = target === null ? null : lat.p95 < target;
      scenarios.push({
        name,
        query: qs,
        total,
        ...lat,
        meetsTarget,
        ...(meetsTarget === false ? { plan: await explain(db, query) } : {}),
      });
      h.log(`registry ${engine}: ${name} — ${total} rows, p50 ${lat.p50} / p95 ${lat.p95} ms`);
    }
  } finally {
    await app.close();
  }
  return { engine, where, evaluate, enterprises: e, units: u, majorUnits: m, fixtureSeconds, scenarios };
}

export function printRegistryReport(results: RegistryBenchResult[]): void {
  const lines = [
    '',
    `Major-hazard engine: ${results[0]?.evaluate.units ?? 0} units evaluated (target < ${EVALUATE_TARGET_MS} ms)`,
  ];
  for (const r of results)
    lines.push(
      `  ${r.engine.padEnd(9)} ${r.evaluate.ms} ms, ${r.evaluate.majors} major  ${r.evaluate.meetsTarget ? 'ok' : 'MISSED'}`,
    );
  lines.push('', 'Major-hazard list (GET /api/major-hazards, sequential)');
  lines.push('engine    enterprises   units  scenario                               total    p50 ms   p95 ms  target');
  for (const r of results) {
    for (const s of r.scenarios) {
      lines.push(
        `${r.engine.padEnd(9)} ${String(r.enterprises).padStart(11)} ${String(r.units).padStart(7)}  ${s.name.padEnd(38)} ${String(s.total).padStart(6)} ${String(s.p50).padStart(9)} ${String(s.p95).padStart(8)}  ${s.meetsTarget === null ? '—' : s.meetsTarget ? 'ok' : 'MISSED'}`,
      );
    }
  }
  lines.push(`target: p95 < ${LIST_TARGET_MS.postgres} ms on PostgreSQL (PGlite: measured, no target)`);
  for (const r of results)
    for (const s of r.scenarios.filter((x) => x.plan))
      lines.push('', `EXPLAIN — ${r.engine} ${s.name}:`, s.plan as string);
  console.log(lines.join('\n'));
}
