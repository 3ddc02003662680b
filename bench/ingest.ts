/**
 * Ingestion at database speed (issue 9 §4), on PostgreSQL: the real app on a fresh database, 16 concurrent HTTP
 * clients (autocannon in a worker thread) posting quick reports as the city duty officer, each with its own
 * Idempotency-Key and the duplicate check on (unique unit names, so nothing is refused), the audit sealer running
 * as in production:
 *   a. spread over Zibo's 8 counties — target ≥ 600 reports/s, p99 < 100 ms;
 *   b. all in one county (370303)     — target ≥ 300 reports/s, p99 < 150 ms;
 *   0 failed requests in both. Then the audit trail is sealed and verified, and beside it the pgbench floor: the
 *   same rows (accident + revision + audit row per transaction, bench/ingest-floor.sql) by pgbench with 8 clients
 *   for the same time; the ratio of each scenario to the floor is printed.
 *
 * `npx tsx bench/ingest.ts [--duration 10] [--connections 16]`, or part f of `npm run bench` (--ingest-only,
 * --skip-ingest). DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the bench creates
 * and drops its own database `anjian_ingest`. Results: bench/results/ingest-latest.json.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { startClock } from '../src/server/clock/engine.js';
import { loadConfig } from '../src/server/config.js';
import type { Db } from '../src/server/db/connection.js';
import { sealAuditLog } from '../src/server/modules/audit/sealer.js';
import { verifyAudit } from '../src/server/modules/audit/verify.js';
import { type Latency, summarize } from './latency.js';
import { type LoadJob, runLoadInWorker } from './load-worker.js';
import { DEFAULT_PG, openFresh, pgUrl, prepareDemoBase, signIn } from './support.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DATABASE = 'anjian_ingest';
const FLOOR_SCRIPT = join(HERE, 'ingest-floor.sql');

export const INGEST_TARGETS = {
  spread: { perSecond: 600, p99Ms: 100 },
  oneCounty: { perSecond: 300, p99Ms: 150 },
} as const;

export interface IngestScenario {
  name: 'spread' | 'oneCounty';
  counties: number;
  reportsPerSecond: number;
  latencyMs: Latency;
  failed: number;
  statusCounts: Record<string, number>;
  firstErrorBody: string | null;
  /** Accidents the database gained: equals the 2xx answers (requests in flight at the deadline commit too). */
  created: number;
  ratioToFloor: number;
  meetsTarget: boolean;
}

export interface IngestResult {
  at: string;
  loadAverageBefore: number[];
  connections: number;
  durationSeconds: number;
  scenarios: IngestScenario[];
  audit: string;
  floor: { clients: number; tps: number; latencyAvgMs: number; output: string };
}

interface Options {
  durationSeconds: number;
  connections: number;
  log: (msg: string) => void;
}

async function countAccidents(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM accidents`.execute(db.kysely);
  return r.rows[0]?.n ?? 0;
}

/** Waits until the count stops moving (requests in flight at the deadline have committed). */
async function quiesce(db: Db): Promise<number> {
  let last = await countAccidents(db);
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const n = await countAccidents(db);
    if (n === last) return n;
    last = n;
  }
}

async function pgbenchFloor(url: string, userId: string, seconds: number) {
  const args = ['-n', '-c', '8', '-j', '2', '-T', String(seconds), '-D', `user='${userId}'`, '-f', FLOOR_SCRIPT, url];
  const { stdout } = await promisify(execFile)('pgbench', args, { maxBuffer: 1 << 20 });
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
  const latencyAvgMs = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`pgbench: no tps in its output:\n${stdout}`);
  return { clients: 8, tps: Math.round(tps), latencyAvgMs, output: stdout.trim() };
}

export async function ingestBench(opts: Options): Promise<IngestResult> {
  const { log } = opts;
  const loadAverageBefore = loadavg().map((x) => Math.round(x * 100) / 100);
  log(`ingest: load average ${loadAverageBefore.join(' ')} (2 cores: figures are only meaningful on a quiet machine)`);
  const { db, cleanup } = await openFresh('postgres', DATABASE);
  try {
    const counties = await prepareDemoBase(db);
    const config = { ...loadConfig({}), logLevel: 'warn' };
    const { app, ctx } = await buildApp({ db, config, logger: false, webDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    // The instance's clocks as in production: the audit sealer every 5 s, the deadline scan every 30 s.
    const clock = await startClock(ctx);
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const scenarios: Omit<IngestScenario, 'ratioToFloor' | 'meetsTarget'>[] = [];
    try {
      const cookie = await signIn(base, 'duty.370300');
      const plans = [
        { name: 'spread' as const, counties },
        { name: 'oneCounty' as const, counties: ['370303'] },
      ];
      for (const plan of plans) {
        const job: LoadJob = {
          url: base,
          cookie,
          connections: opts.connections,
          durationSeconds: 2,
          counties: plan.counties,
          runId: `w${plan.name}${Date.now().toString(36)}`,
          checkDuplicates: true,
        };
        await runLoadInWorker(job);
        const before = await quiesce(db);
        const load = await runLoadInWorker({
          ...job,
          durationSeconds: opts.durationSeconds,
          runId: `r${plan.name}${Date.now().toString(36)}`,
        });
        const created = (await quiesce(db)) - before;
        const scenario = {
          name: plan.name,
          counties: plan.counties.length,
          reportsPerSecond: Math.round((load.ok2xx / load.durationSeconds) * 10) / 10,
          latencyMs: summarize(load.latenciesMs),
          failed: load.non2xx + load.errors + load.timeouts,
          statusCounts: load.statusCounts,
          firstErrorBody: load.firstErrorBody,
          created,
        };
        log(
          `ingest ${plan.name}: ${scenario.reportsPerSecond}/s, p50 ${scenario.latencyMs.p50} / p95 ${scenario.latencyMs.p95} / p99 ${scenario.latencyMs.p99} ms, failed ${scenario.failed}, created ${created} for ${load.ok2xx} 2xx`,
        );
        scenarios.push(scenario);
      }
    } finally {
      await clock.stop();
      await app.close();
    }
    // Seal what is left, then verify everything the HTTP runs wrote — before the floor adds rows of its own.
    for (let i = 0; i < 100 && (await verifyAudit(db)).unsealed > 0; i++) await sealAuditLog(db, new Date());
    const verified = await verifyAudit(db);
    const audit = verified.ok
      ? `OK: ${verified.rows} rows in ${verified.seals} seals, ${verified.unsealed} not sealed`
      : `BROKEN: ${JSON.stringify(verified.broken)}`;
    log(`ingest audit:verify ${audit}`);
    const user = await db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'duty.370300')
      .executeTakeFirstOrThrow();
    const floor = await pgbenchFloor(
      pgUrl(process.env.DATABASE_URL || DEFAULT_PG, DATABASE),
      user.id,
      opts.durationSeconds,
    );
    log(`ingest floor (pgbench, 8 clients): ${floor.tps} tx/s, latency average ${floor.latencyAvgMs} ms`);
    return {
      at: new Date().toISOString(),
      loadAverageBefore,
      connections: opts.connections,
      durationSeconds: opts.durationSeconds,
      scenarios: scenarios.map((s) => {
        const target = INGEST_TARGETS[s.name];
        return {
          ...s,
          ratioToFloor: Math.round((s.reportsPerSecond / floor.tps) * 1000) / 1000,
          meetsTarget: s.reportsPerSecond >= target.perSecond && s.latencyMs.p99 < target.p99Ms && s.failed === 0,
        };
      }),
      audit,
      floor,
    };
  } finally {
    await cleanup();
  }
}

export function printIngestReport(r: IngestResult): void {
  const row = (cells: (string | number)[], widths: number[]) =>
    cells.map((c, i) => String(c).padStart(widths[i] as number)).join('');
  const w = [12, 10, 10, 9, 9, 9, 8, 10, 8];
  const lines = [
    '',
    `Ingestion (PostgreSQL, POST /api/accidents, ${r.connections} clients × ${r.durationSeconds} s, Idempotency-Key and duplicate check on, sealer running; load average before ${r.loadAverageBefore.join(' ')})`,
    row(['scenario', 'counties', 'reports/s', 'p50 ms', 'p95 ms', 'p99 ms', 'failed', '÷ floor', 'target'], w),
    ...r.scenarios.map((s) =>
      row(
        [
          s.name,
          s.counties,
          s.reportsPerSecond,
          s.latencyMs.p50,
          s.latencyMs.p95,
          s.latencyMs.p99,
          s.failed,
          `${(s.ratioToFloor * 100).toFixed(1)} %`,
          s.meetsTarget ? 'ok' : 'MISSED',
        ],
        w,
      ),
    ),
    `floor: pgbench, ${r.floor.clients} clients, the same rows per transaction (bench/ingest-floor.sql): ${r.floor.tps} tx/s`,
    `targets: spread ≥ ${INGEST_TARGETS.spread.perSecond}/s p99 < ${INGEST_TARGETS.spread.p99Ms} ms; one county ≥ ${INGEST_TARGETS.oneCounty.perSecond}/s p99 < ${INGEST_TARGETS.oneCounty.p99Ms} ms; 0 failed`,
    `audit after the runs: ${r.audit}`,
  ];
  console.log(lines.join('\n'));
}

export function writeIngestResult(r: IngestResult): string {
  const out = join(HERE, 'results', 'ingest-latest.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(r, null, 2)}\n`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '16' } },
  });
  const log = (msg: string) => console.log(`[ingest ${new Date().toISOString().slice(11, 19)}] ${msg}`);
  const result = await ingestBench({
    durationSeconds: Number(values.duration),
    connections: Number(values.connections),
    log,
  });
  printIngestReport(result);
  log(`results written to ${writeIngestResult(result)}`);
  process.exit(0);
}
