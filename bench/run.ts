/**
 * `npm run bench`: the two speed targets of the platform, on embedded PGlite and on PostgreSQL.
 *
 *  a. create throughput — the real app (buildApp + listen on 127.0.0.1) on a fresh migrated and seeded
 *     database, a city duty officer (duty.370300) filing quick reports for Zibo's counties with autocannon
 *     (in a worker thread), every request with its own unit name and Idempotency-Key; the audit chain is
 *     written as always. Target: ≥ 300 reports/s on PostgreSQL, no non-2xx.
 *  b. filtered list latency with 200,000 accidents (a deterministic SQL fixture, then ANALYZE), six
 *     scenarios of sequential HTTP requests. Target: p95 < 50 ms. A scenario that misses the target gets
 *     its query plans (EXPLAIN ANALYZE) printed.
 *  c. statistics (skip with --skip-stats): a fresh database with 1,000,000 fixture accidents over two years, then
 *     GET /api/stats/summary + GET /api/stats/breakdown?by=region for the province (stats.370000) over the last
 *     year, sequentially; beside it the same figures by hand-written SQL on the same connection: over accidents
 *     (two statements, and one with ROLLUP) and over the monthly rollup (the plan the API uses, written out by
 *     hand). Targets (issue 3, bar 6): < 300 ms on PostgreSQL, < 2 s on PGlite, within 1.5× of the best
 *     hand-written SQL; then a monthly bulletin (< 3 s). Results: bench/results/stats-latest.json.
 *
 *  d. the major-hazard register (skip with --skip-registry, alone with --registry-only; bench/registry.ts): 10,000 units
 *     through the GB 18218 engine (< 1 s), and GET /api/major-hazards over 100,000 enterprises / 300,000 units
 *     (--registry-enterprises, --registry-requests; p95 < 50 ms on PostgreSQL). Results: bench/results/registry-latest.json.
 *
 *  e. web delivery (skip with --skip-web, alone with --web-only; bench/web-delivery.ts): JavaScript transferred and time
 *     to the login page and the first screen in Chromium on a throttled 4 Mbit/s, 40 ms link, cold cache, --web-runs
 *     runs (5). Targets: ≤ 350 KB each, first screen < 1.5 s. Needs dist/web (npm run build:web). Results:
 *     bench/results/web-latest.json.
 *
 *  f. ingestion at database speed (PostgreSQL only; skip with --skip-ingest, alone with --ingest-only;
 *     bench/ingest.ts): 16 HTTP clients posting quick reports with Idempotency-Key over 8 counties and in one county,
 *     beside a pgbench floor of the same rows. Targets: ≥ 600/s p99 < 100 ms; ≥ 300/s p99 < 150 ms; 0 failed.
 *     Results: bench/results/ingest-latest.json.
 *
 *  g. hidden dangers at a province's scale (PostgreSQL only; skip with --skip-dangers, alone with --dangers-only;
 *     bench/dangers.ts; issue 10 bar 7): a fresh database `anjian_bench_dangers` with --dangers-enterprises (1,000,000)
 *     enterprises over Shandong's counties and --dangers-rows (5,000,000) hidden dangers over two years (set-based
 *     SQL, then VACUUM ANALYZE); sequential HTTP, --dangers-requests (200) per scenario: the register
 *     GET /api/hidden-dangers as a county's, the city's and the province's inspector with filters (p95 < 50 ms), the
 *     province's statistics for last year GET /api/hidden-dangers/stats (< 300 ms), and an inspection of 10 items with
 *     2 photos, 2 × POST /api/evidence + POST /api/inspections (p95 < 150 ms); beside each the floor, the same
 *     statements timed by hand on one connection. Results: bench/results/dangers-latest.json.
 *
 *  h. penalty cases at a province's scale (PostgreSQL only; skip with --skip-cases, alone with --cases-only;
 *     bench/cases.ts; issue 11's speed bar): a fresh database `anjian_bench_cases` with --cases-rows (2,000,000)
 *     penalty cases over Shandong's counties and five years (set-based SQL, a realistic mix of procedures, states and
 *     courses cut at today), case_stats_daily summed from them, Zibo's numbering documents, then VACUUM ANALYZE;
 *     sequential HTTP, --cases-requests (200) per scenario: the register GET /api/cases as a county's, the city's and
 *     the province's inspector with filters (status, overdue, procedure, q, a period, page 1 and page 50; p95 < 50 ms),
 *     and 执法统计 GET /api/cases/stats for the province's last year as stats.370000 (< 300 ms); beside each the
 *     floor, the same statements timed by hand on one connection. Results: bench/results/cases-latest.json.
 *
 *  i. the nearest rescue resources (PostgreSQL only; skip with --skip-resources, alone with --resources-only;
 *     bench/rescue-resources.ts; issue 12 bar 2): a fresh database `anjian_bench_resources` with --resources-rows
 *     (100,000) teams, equipment and experts around Shandong's county seats; sequential HTTP, --resources-requests (200)
 *     per scenario, GET /api/rescue-resources/nearest as the province's, a city's and a county's duty officer (by kind,
 *     specialty, none, off the coast). Target p95 < 50 ms; beside each the floor, the same statements by hand on one
 *     connection. Results: bench/results/resources-latest.json.
 *
 * Options: --engine pglite|postgres|both (default both), --duration <s> (10), --connections <n> (20),
 * --rows <n> (200000), --requests <n per scenario> (200), --keep (keep the PostgreSQL database to
 * investigate plans), --skip-stats (a. and b. only), --stats-only (c. only), --stats-rows <n> (1000000),
 * --stats-requests <n> (30). PostgreSQL: DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/test names the server; the bench creates and drops its own database
 * `anjian_bench` there. Results: bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { CompiledQuery, type KyselyPlugin, sql } from 'kysely';
import { listAccidentsQuery } from '../src/contracts/accidents.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Db, Engine } from '../src/server/db/connection.js';
import { actorByUsername } from '../src/server/db/seed/demo.js';
import { listInScope } from '../src/server/modules/accidents/repo.js';
import { verifyAudit } from '../src/server/modules/audit/verify.js';
import { casesBench, printCasesReport } from './cases.js';
import { dangersBench, printDangersReport } from './dangers.js';
import { insertAccidentFixture } from './fixture.js';
import { ingestBench, printIngestReport, writeIngestResult } from './ingest.js';
import { type Latency, summarize } from './latency.js';
import type { LoadJob, LoadResult } from './load-worker.js';
import { printRegistryReport, type RegistryBenchResult, registryBench } from './registry.js';
import { printResourcesReport, resourcesBench } from './rescue-resources.js';
import { printStatsReport, type StatsBenchResult, statsBench } from './stats.js';
import { openFresh as openFreshDb, prepareDemoBase, signIn } from './support.js';
import { printWebDeliveryReport, webDeliveryBench } from './web-delivery.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH_DB = 'anjian_bench';
const CREATE_TARGET_PER_S = 300;
const LIST_P95_TARGET_MS = 50;

const { values: opts } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    rows: { type: 'string', default: '200000' },
    requests: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
    'skip-stats': { type: 'boolean', default: false },
    'stats-only': { type: 'boolean', default: false },
    'stats-rows': { type: 'string', default: '1000000' },
    'stats-requests': { type: 'string', default: '30' },
    'skip-registry': { type: 'boolean', default: false },
    'registry-only': { type: 'boolean', default: false },
    'registry-enterprises': { type: 'string', default: '100000' },
    'registry-requests': { type: 'string', default: '100' },
    'skip-web': { type: 'boolean', default: false },
    'web-only': { type: 'boolean', default: false },
    'skip-ingest': { type: 'boolean', default: false },
    'ingest-only': { type: 'boolean', default: false },
    'web-runs': { type: 'string', default: '5' },
    'skip-dangers': { type: 'boolean', default: false },
    'dangers-only': { type: 'boolean', default: false },
    'dangers-enterprises': { type: 'string', default: '1000000' },
    'dangers-rows': { type: 'string', default: '5000000' },
    'dangers-requests': { type: 'string', default: '200' },
    'skip-cases': { type: 'boolean', default: false },
    'cases-only': { type: 'boolean', default: false },
    'cases-rows': { type: 'string', default: '2000000' },
    'cases-requests': { type: 'string', default: '200' },
    'skip-resources': { type: 'boolean', default: false },
    'resources-only': { type: 'boolean', default: false },
    'resources-rows': { type: 'string', default: '100000' },
    'resources-requests': { type: 'string', default: '200' },
  },
});
const DURATION_S = Number(opts.duration);
const CONNECTIONS = Number(opts.connections);
const ROWS = Number(opts.rows);
const REQUESTS = Number(opts.requests);
const ENGINES: Engine[] = opts.engine === 'both' ? ['pglite', 'postgres'] : [opts.engine as Engine];

// ————————————————————————————————————————— helpers

const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  log(`${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

const openFresh = (engine: Engine) => openFreshDb(engine, BENCH_DB, { keep: opts.keep, log });

function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // tsx does not follow into worker threads: the worker registers it, then loads the TypeScript module.
    const entry = new URL('./load-worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => {
      if (m.ok && m.result) resolve(m.result);
      else reject(new Error(m.error));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The SQL listInScope runs for a query, captured through a plugin, then EXPLAIN ANALYZEd. */
async function explainList(db: Db, username: string, query: Record<string, string>): Promise<string> {
  const actor = await actorByUsername(db, username);
  const captured: CompiledQuery[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (args) => {
      captured.push(db.kysely.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await listInScope(db.kysely.withPlugin(capture), actor, listAccidentsQuery.parse(query), new Date());
  const out: string[] = [];
  for (const q of captured) {
    const res = await db.kysely.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]),
    );
    out.push(`-- ${q.sql}\n-- params: ${JSON.stringify(q.parameters)}`);
    out.push(...res.rows.map((r) => r['QUERY PLAN']));
  }
  return out.join('\n');
}

// ————————————————————————————————————————— the benchmark of one engine

interface ScenarioResult extends Latency {
  name: string;
  user: string;
  query: string;
  total: number;
  meetsTarget: boolean;
  plan?: string;
}

interface EngineResult {
  engine: Engine;
  where: string;
  create: {
    connections: number;
    durationSeconds: number;
    requests: number;
    reportsPerSecond: number;
    latencyMs: Latency;
    non2xx: number;
    errors: number;
    timeouts: number;
    statusCounts: Record<string, number>;
    firstErrorBody: string | null;
    accidentsInDb: number;
    audit: string;
    meetsTarget: boolean | null;
  };
  list: { accidents: number; fixtureSeconds: number; scenarios: ScenarioResult[] };
  seconds: number;
}

async function benchEngine(engine: Engine): Promise<EngineResult> {
  const t0 = performance.now();
  log(`${engine}: preparing a fresh database`);
  const { db, cleanup, where } = await openFresh(engine);
  try {
    const counties = await timed('migrate + regions + demo organisations/users', () => prepareDemoBase(db));
    const config = { ...loadConfig({}), logLevel: 'warn' };
    const { app } = await buildApp({ db, config, logger: false, webDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      // a. create throughput
      const cookie = await signIn(base, 'duty.370300');
      const job: LoadJob = {
        url: base,
        cookie,
        connections: CONNECTIONS,
        durationSeconds: 2,
        counties,
        runId: `w${Date.now().toString(36)}`,
      };
      await timed('warm-up (2 s)', () => runLoad(job));
      const before = await quiesce(db);
      const load = await timed(`create: ${CONNECTIONS} connections × ${DURATION_S} s`, () =>
        runLoad({ ...job, durationSeconds: DURATION_S, runId: `r${Date.now().toString(36)}` }),
      );
      // autocannon stops counting at the deadline; the requests then in flight still commit. Wait for them.
      const accidentsInDb = await quiesce(db);
      const audit = await timed('audit:verify after the load', () => verifyAudit(db));
      const reportsPerSecond = Math.round((load.ok2xx / load.durationSeconds) * 10) / 10;
      const create = {
        connections: CONNECTIONS,
        durationSeconds: load.durationSeconds,
        requests: load.requests,
        reportsPerSecond,
        latencyMs: summarize(load.latenciesMs),
        non2xx: load.non2xx,
        errors: load.errors,
        timeouts: load.timeouts,
        statusCounts: load.statusCounts,
        firstErrorBody: load.firstErrorBody,
        accidentsInDb,
        audit: audit.ok
          ? `OK: ${audit.rows} sealed rows in ${audit.seals} seals, ${audit.unsealed} not sealed yet`
          : `BROKEN: ${JSON.stringify(audit.broken)}`,
        meetsTarget: engine === 'postgres' ? reportsPerSecond >= CREATE_TARGET_PER_S && load.non2xx === 0 : null,
      };
      const created = accidentsInDb - before;
      if (created < load.ok2xx || created > load.ok2xx + CONNECTIONS) {
        log(`WARNING: ${load.ok2xx} 2xx responses but ${created} new accident rows`);
      }
      log(`create: ${reportsPerSecond}/s, p95 ${create.latencyMs.p95} ms, non-2xx ${load.non2xx}`);

      // b. list latency with ROWS accidents
      const existing = await countAccidents(db);
      const fixtureT0 = performance.now();
      await timed(`fixture: insert ${ROWS - existing} accidents`, () =>
        insertAccidentFixture(db, ROWS - existing, counties.concat(['370102', '370103', '370112']), new Date()),
      );
      // What autovacuum does to a table after a bulk load (statistics and the visibility map).
      await timed('VACUUM ANALYZE', () => sql`VACUUM (ANALYZE) accidents`.execute(db.kysely));
      const fixtureSeconds = Math.round((performance.now() - fixtureT0) / 100) / 10;
      const accidents = await countAccidents(db);
      const scenarios = await listScenarios(db, base);
      return {
        engine,
        where,
        create,
        list: { accidents, fixtureSeconds, scenarios },
        seconds: Math.round((performance.now() - t0) / 1000),
      };
    } finally {
      await app.close();
    }
  } finally {
    await cleanup();
  }
}

async function countAccidents(db: Db): Promise<number> {
  const { n } = await db.kysely
    .selectFrom('accidents')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return n;
}

/** Waits until no more accidents appear (the load's in-flight requests have committed); returns the count. */
async function quiesce(db: Db): Promise<number> {
  let last = await countAccidents(db);
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const n = await countAccidents(db);
    if (n === last) return n;
    last = n;
  }
}

async function listScenarios(db: Db, base: string): Promise<ScenarioResult[]> {
  const now = Date.now();
  const specs: { name: string; user: string; query: Record<string, string> }[] = [
    { name: '1 province, no filter, page 1', user: 'duty.370000', query: { page: '1' } },
    {
      name: '2 city, last 90 days',
      user: 'duty.370300',
      query: { from: new Date(now - 90 * 86_400_000).toISOString(), to: new Date(now).toISOString() },
    },
    { name: '3 county, grade=general', user: 'duty.370303', query: { grade: 'general' } },
    {
      name: '4 province, 370300+industrial+done',
      user: 'duty.370000',
      query: { regionCode: '370300', domain: 'industrial', status: 'done' },
    },
    { name: '5 province, q=化工', user: 'duty.370000', query: { q: '化工' } },
    { name: '6 province, q=F012345 (rare)', user: 'duty.370000', query: { q: 'F012345' } },
  ];
  const cookies = new Map<string, string>();
  const results: ScenarioResult[] = [];
  for (const spec of specs) {
    let cookie = cookies.get(spec.user);
    if (!cookie) {
      cookie = await signIn(base, spec.user);
      cookies.set(spec.user, cookie);
    }
    const url = `${base}/api/accidents?${new URLSearchParams(spec.query)}`;
    const samples: number[] = [];
    let total = 0;
    for (let i = 0; i < REQUESTS + 10; i++) {
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      const body = (await res.json()) as { total: number; items: unknown[] };
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${spec.name}: HTTP ${res.status} ${JSON.stringify(body)}`);
      total = body.total;
      if (i >= 10) samples.push(ms); // the first 10 warm caches and are not counted
    }
    const lat = summarize(samples);
    const result: ScenarioResult = {
      name: spec.name,
      user: spec.user,
      query: new URLSearchParams(spec.query).toString(),
      total,
      ...lat,
      meetsTarget: lat.p95 < LIST_P95_TARGET_MS,
    };
    if (!result.meetsTarget) result.plan = await explainList(db, spec.user, spec.query);
    log(`list ${spec.name}: p50 ${lat.p50} / p95 ${lat.p95} / p99 ${lat.p99} ms (total ${total})`);
    results.push(result);
  }
  return results;
}

// ————————————————————————————————————————— report

function pad(s: string | number, n: number, right = false): string {
  const str = String(s);
  const width = [...str].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, n - width));
  return right ? fill + str : str + fill;
}

function printReport(results: EngineResult[]): void {
  const lines: string[] = [];
  lines.push('');
  lines.push('Create throughput (POST /api/accidents, audit on)');
  lines.push(
    `${pad('engine', 10)}${pad('reports/s', 11, true)}${pad('p50 ms', 9, true)}${pad('p95 ms', 9, true)}${pad('p99 ms', 9, true)}${pad('requests', 10, true)}${pad('non-2xx', 9, true)}  audit`,
  );
  for (const r of results) {
    const c = r.create;
    lines.push(
      `${pad(r.engine, 10)}${pad(c.reportsPerSecond, 11, true)}${pad(c.latencyMs.p50, 9, true)}${pad(c.latencyMs.p95, 9, true)}${pad(c.latencyMs.p99, 9, true)}${pad(c.requests, 10, true)}${pad(c.non2xx, 9, true)}  ${c.audit}`,
    );
  }
  lines.push(`target: ≥ ${CREATE_TARGET_PER_S} reports/s on PostgreSQL with no non-2xx`);
  lines.push('');
  lines.push(`Filtered list latency (GET /api/accidents, ${REQUESTS} sequential requests per scenario)`);
  lines.push(
    `${pad('engine', 10)}${pad('scenario', 38)}${pad('total', 8, true)}${pad('p50 ms', 9, true)}${pad('p95 ms', 9, true)}${pad('p99 ms', 9, true)}  target`,
  );
  for (const r of results) {
    for (const s of r.list.scenarios) {
      lines.push(
        `${pad(r.engine, 10)}${pad(s.name, 38)}${pad(s.total, 8, true)}${pad(s.p50, 9, true)}${pad(s.p95, 9, true)}${pad(s.p99, 9, true)}  ${s.meetsTarget ? 'ok' : 'MISSED'}`,
      );
    }
  }
  lines.push(`target: p95 < ${LIST_P95_TARGET_MS} ms with ${results[0]?.list.accidents ?? ROWS} accidents`);
  for (const r of results) {
    for (const s of r.list.scenarios.filter((x) => x.plan)) {
      lines.push('', `EXPLAIN ANALYZE — ${r.engine}, scenario ${s.name} (p95 ${s.p95} ms):`, s.plan as string);
    }
  }
  console.log(lines.join('\n'));
}

// ————————————————————————————————————————— main

const started = performance.now();
/** With --<section>-only, that section alone runs; otherwise every section not skipped. */
const ONLY = (['web', 'ingest', 'registry', 'stats', 'dangers', 'cases', 'resources'] as const).find(
  (section) => opts[`${section}-only`],
);
const runs = (section: NonNullable<typeof ONLY>, enabled: boolean) => (ONLY ? ONLY === section : enabled);
if (runs('web', !opts['skip-web'])) {
  const web = await webDeliveryBench({ runs: Number(opts['web-runs']), log });
  printWebDeliveryReport(web);
  const webOut = join(HERE, 'results', 'web-latest.json');
  mkdirSync(dirname(webOut), { recursive: true });
  writeFileSync(webOut, `${JSON.stringify({ at: new Date().toISOString(), ...web }, null, 2)}\n`);
  log(`web delivery results written to ${webOut}`);
}
if (runs('ingest', !opts['skip-ingest'] && ENGINES.includes('postgres'))) {
  const ingest = await ingestBench({ durationSeconds: DURATION_S, connections: 16, log });
  printIngestReport(ingest);
  log(`ingest results written to ${writeIngestResult(ingest)}`);
}
if (runs('registry', !opts['skip-registry'])) {
  const registryResults: RegistryBenchResult[] = [];
  for (const engine of ENGINES) {
    const { db, cleanup, where } = await openFresh(engine);
    try {
      registryResults.push(
        await registryBench(db, engine, where, {
          enterprises: Number(opts['registry-enterprises']),
          requests: Number(opts['registry-requests']),
          log,
          timed,
          signIn,
        }),
      );
    } finally {
      await cleanup();
    }
  }
  printRegistryReport(registryResults);
  const registryOut = join(HERE, 'results', 'registry-latest.json');
  mkdirSync(dirname(registryOut), { recursive: true });
  writeFileSync(
    registryOut,
    `${JSON.stringify({ at: new Date().toISOString(), results: registryResults }, null, 2)}\n`,
  );
  log(`registry results written to ${registryOut}`);
}
if (runs('stats', !opts['skip-stats'])) {
  const statsResults: StatsBenchResult[] = [];
  for (const engine of ENGINES) {
    const { db, cleanup, where } = await openFresh(engine);
    try {
      statsResults.push(
        await statsBench(db, engine, where, {
          rows: Number(opts['stats-rows']),
          requests: Number(opts['stats-requests']),
          log,
          timed,
          signIn,
        }),
      );
    } finally {
      await cleanup();
    }
  }
  printStatsReport(statsResults);
  const statsOut = join(HERE, 'results', 'stats-latest.json');
  mkdirSync(dirname(statsOut), { recursive: true });
  writeFileSync(statsOut, `${JSON.stringify({ at: new Date().toISOString(), results: statsResults }, null, 2)}\n`);
  log(`stats results written to ${statsOut}`);
}
if (runs('dangers', !opts['skip-dangers'] && ENGINES.includes('postgres'))) {
  const { db, cleanup, where } = await openFreshDb('postgres', 'anjian_bench_dangers', { keep: opts.keep, log });
  try {
    const dangers = await dangersBench(db, where, {
      enterprises: Number(opts['dangers-enterprises']),
      dangers: Number(opts['dangers-rows']),
      requests: Number(opts['dangers-requests']),
      log,
      timed,
      signIn,
    });
    printDangersReport(dangers);
    const dangersOut = join(HERE, 'results', 'dangers-latest.json');
    mkdirSync(dirname(dangersOut), { recursive: true });
    writeFileSync(dangersOut, `${JSON.stringify({ at: new Date().toISOString(), ...dangers }, null, 2)}\n`);
    log(`dangers results written to ${dangersOut}`);
  } finally {
    await cleanup();
  }
}
if (runs('cases', !opts['skip-cases'] && ENGINES.includes('postgres'))) {
  const { db, cleanup, where } = await openFreshDb('postgres', 'anjian_bench_cases', { keep: opts.keep, log });
  try {
    const cases = await casesBench(db, where, {
      cases: Number(opts['cases-rows']),
      requests: Number(opts['cases-requests']),
      log,
      timed,
      signIn,
    });
    printCasesReport(cases);
    const casesOut = join(HERE, 'results', 'cases-latest.json');
    mkdirSync(dirname(casesOut), { recursive: true });
    writeFileSync(casesOut, `${JSON.stringify({ at: new Date().toISOString(), ...cases }, null, 2)}\n`);
    log(`cases results written to ${casesOut}`);
  } finally {
    await cleanup();
  }
}
if (runs('resources', !opts['skip-resources'] && ENGINES.includes('postgres'))) {
  const { db, cleanup, where } = await openFreshDb('postgres', 'anjian_bench_resources', { keep: opts.keep, log });
  try {
    const resources = await resourcesBench(db, where, {
      resources: Number(opts['resources-rows']),
      requests: Number(opts['resources-requests']),
      log,
      timed,
      signIn,
    });
    printResourcesReport(resources);
    const resourcesOut = join(HERE, 'results', 'resources-latest.json');
    mkdirSync(dirname(resourcesOut), { recursive: true });
    writeFileSync(resourcesOut, `${JSON.stringify({ at: new Date().toISOString(), ...resources }, null, 2)}\n`);
    log(`resources results written to ${resourcesOut}`);
  } finally {
    await cleanup();
  }
}
if (ONLY) process.exit(0);
const results: EngineResult[] = [];
for (const engine of ENGINES) results.push(await benchEngine(engine));
printReport(results);
const out = join(HERE, 'results', 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      options: { durationSeconds: DURATION_S, connections: CONNECTIONS, rows: ROWS, requestsPerScenario: REQUESTS },
      targets: { createPerSecondPostgres: CREATE_TARGET_PER_S, listP95Ms: LIST_P95_TARGET_MS },
      results,
      seconds: Math.round((performance.now() - started) / 1000),
    },
    null,
    2,
  )}\n`,
);
log(`results written to ${out} (${Math.round((performance.now() - started) / 1000)} s in all)`);
