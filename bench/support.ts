/**
 * What the benchmarks share: a fresh database (a new PGlite directory, or a PostgreSQL database of its own created
 * and dropped afterwards on the server that DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, names),
 * the demo base on it, server processes of their own, and signing in over HTTP; and, for the province-scale benches
 * (dangers.ts, cases.ts), bulk loading, an app listening in-process, HTTP timing, the capture of the statements a
 * service runs, their floor (the database's own time for them on one connection) and their EXPLAIN.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CompiledQuery, type Kysely, type KyselyPlugin, sql } from 'kysely';
import pg from 'pg';
import { shanghaiDate } from '../src/domain/time.js';
import { buildApp } from '../src/server/app.js';
import type { Actor } from '../src/server/auth/actor.js';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { connect, type Db, type Engine } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import type { Database } from '../src/server/db/schema.js';
import { actorByUsername, DEMO_PASSWORD, seedDemo } from '../src/server/db/seed/demo.js';
import { loadRegions } from '../src/server/db/seed/regions.js';
import { type Latency, summarize } from './latency.js';

export const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';

export interface Opened {
  db: Db;
  where: string;
  cleanup: () => Promise<void>;
}

export async function adminQuery(base: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function pgUrl(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

/** `database`: the PostgreSQL database to create; `keep`: leave it for investigating plans. */
export async function openFresh(
  engine: Engine,
  database: string,
  opts: { keep?: boolean; log?: (msg: string) => void } = {},
): Promise<Opened> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), `${database.replaceAll('_', '-')}-`));
    const db = await connect({ dataDir: dir });
    return {
      db,
      where: `PGlite in ${dir}`,
      cleanup: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.DATABASE_URL || DEFAULT_PG;
  await adminQuery(base, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await adminQuery(base, `CREATE DATABASE ${database}`);
  const db = await connect({ databaseUrl: pgUrl(base, database), poolSize: 20 });
  return {
    db,
    where: `PostgreSQL ${new URL(base).host}/${database}`,
    cleanup: async () => {
      await db.close();
      if (opts.keep) opts.log?.(`kept ${pgUrl(base, database)} (--keep)`);
      else await adminQuery(base, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

/** Migrations, the region tree and the demo bureaus and users (no history); returns Zibo's county codes. */
export async function prepareDemoBase(db: Db): Promise<string[]> {
  await migrate(db);
  await loadRegions(db);
  await seedDemo(db, { history: false });
  return countyCodes(db, 'parent_code', '=', '370300');
}

/** The codes of the counties whose `column` is (`=`) or is like (`like`) `value`, in order. */
async function countyCodes(db: Db, column: 'code' | 'parent_code', op: '=' | 'like', value: string): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('regions')
    .select('code')
    .where(column, op, value)
    .where('level', '=', 'county')
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/** Signs a demo user in; the session cookie ("anjian_sid=…"). */
export async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie()[0];
  if (!cookie) throw new Error(`login ${username}: no cookie`);
  return cookie.split(';')[0] as string;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** An instance (`src/server/main.ts`) on the database, as its own process. */
export function startInstance(port: number, databaseUrl: string): ChildProcess {
  // node itself with tsx's loader (not the tsx CLI, which would put a process of its own between): kill -9 hits
  // the server.
  return spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
}

export async function waitHealthy(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not become healthy`);
}

// ————————————————————————————————————————— the province-scale benches (dangers.ts, cases.ts)

export const WARM_UP = 5;
/** A scenario stops early (with at least MIN_SAMPLES) once it has run this long: a slow one still reports. */
export const SCENARIO_BUDGET_MS = 30_000;
export const MIN_SAMPLES = 20;
export const FLOOR_RUNS = 30;
/** A fixture is inserted by this many connections at once (one per core of the machine measured on). */
export const PARALLEL_LOADS = 2;

export interface BenchHelpers {
  requests: number;
  log: (msg: string) => void;
  timed: <T>(label: string, fn: () => Promise<T>) => Promise<T>;
  signIn: (base: string, username: string) => Promise<string>;
}

export const round1 = (ms: number) => Math.round(ms / 100) / 10;

/** Where a province-scale fixture is laid: Shandong's counties, up to today. */
export interface Province {
  counties: string[];
  today: string;
}

/**
 * A province-scale bench's start (PostgreSQL only): the demo base, then Shandong's counties (by code) and today
 * (Asia/Shanghai), logged with the fixture's span of `spanDays` days.
 */
export async function provinceBase(db: Db, h: BenchHelpers, bench: string, spanDays: number): Promise<Province> {
  if (db.engine !== 'postgres') throw new Error(`the ${bench} bench runs on PostgreSQL only`);
  await h.timed(`${bench}: migrate + regions + demo organisations/users`, () => prepareDemoBase(db));
  const counties = await countyCodes(db, 'code', 'like', '37%');
  const today = shanghaiDate(new Date());
  h.log(`${bench}: fixture over ${counties.length} counties of Shandong, ${spanDays} days to ${today}`);
  return { counties, today };
}

/** The secondary (non-constraint) indexes of a table, to drop for a bulk load and build again after it. */
export async function secondaryIndexes(db: Kysely<Database>, table: string): Promise<{ name: string; def: string }[]> {
  const r = await sql<{ name: string; def: string }>`
    SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relname = ${table} AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    ORDER BY i.relname`.execute(db);
  return r.rows;
}

/**
 * The settings of a bulk load's transaction: foreign keys are triggers, off for the load (the rows reference what
 * exists by construction; CHECKs stay on); no waiting for the WAL flush; no JIT. `seed`: random()'s, for the rows.
 */
export async function bulkLoadSettings(trx: Kysely<Database>, seed?: number): Promise<void> {
  await sql`SET LOCAL session_replication_role = replica`.execute(trx);
  await sql`SET LOCAL synchronous_commit = off`.execute(trx);
  // JIT compiles a long expression list for seconds (and superlinearly with the row estimate): off.
  await sql`SET LOCAL jit = off`.execute(trx);
  if (seed !== undefined) await sql`SELECT setseed(${seed})`.execute(trx);
}

/**
 * Builds indexes (`def`: their CREATE INDEX) outside the load's transaction, with the memory an index build wants, on
 * `connections` connections at once (each takes the next index from the queue).
 */
export async function buildIndexes(
  k: Kysely<Database>,
  indexes: { def: string }[],
  connections: number,
): Promise<void> {
  const queue = [...indexes];
  await Promise.all(
    Array.from({ length: connections }, () =>
      k.connection().execute(async (c) => {
        await sql`SET maintenance_work_mem = '512MB'`.execute(c);
        for (let ix = queue.shift(); ix; ix = queue.shift()) await sql.raw(ix.def).execute(c);
        await sql`RESET maintenance_work_mem`.execute(c);
      }),
    ),
  );
}

/** A fixture's steps' times (ms) in seconds with one decimal, and `total`: the seconds since `t0`. */
export function inSeconds<K extends string>(ms: Record<K, number>, t0: number): Record<K | 'total', number> {
  const steps = Object.fromEntries(Object.entries<number>(ms).map(([k, v]) => [k, round1(v)])) as Record<K, number>;
  return { ...steps, total: round1(performance.now() - t0) };
}

/** VACUUM (ANALYZE) of each table in turn, logged as `${bench}: VACUUM (ANALYZE) in … s`; the milliseconds it took. */
export async function vacuumAnalyze(
  k: Kysely<Database>,
  tables: string[],
  h: { log: (msg: string) => void },
  bench: string,
): Promise<number> {
  const t0 = performance.now();
  for (const table of tables) await sql.raw(`VACUUM (ANALYZE) ${table}`).execute(k);
  const ms = performance.now() - t0;
  h.log(`${bench}: VACUUM (ANALYZE) in ${round1(ms)} s`);
  return ms;
}

/** The total size of each of the tables (relation name → pg_size_pretty). */
export async function tableSizes(k: Kysely<Database>, tables: string[]): Promise<Record<string, string>> {
  const sizes = await sql<{ name: string; size: string }>`
    SELECT c.relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c
    WHERE c.relname = ANY(${tables}::text[]) AND c.relkind = 'r'`.execute(k);
  return Object.fromEntries(sizes.rows.map((r) => [r.name, r.size]));
}

/** The first and last day of the month before today's. */
export function lastMonth(today: string): { from: string; to: string } {
  const month = `${today.slice(0, 7)}-01`;
  const prev = new Date(`${month}T00:00:00Z`);
  prev.setUTCMonth(prev.getUTCMonth() - 1);
  const from = prev.toISOString().slice(0, 10);
  const to = new Date(Date.parse(`${month}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** Runs `fn` with the app on the database listening on a free port of 127.0.0.1 in this process (`base`: its URL). */
export async function withApp<T>(db: Db, fn: (app: { ctx: AppContext; base: string }) => Promise<T>): Promise<T> {
  const { app, ctx } = await buildApp({
    db,
    config: { ...loadConfig({}), logLevel: 'warn' },
    logger: false,
    webDir: '/nonexistent',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    return await fn({ ctx, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
  } finally {
    await app.close();
  }
}

// capturing a service's SQL

export interface Captured {
  query: CompiledQuery;
  rows: Record<string, unknown>[];
}

/** A Kysely that records every statement it runs, with its result rows. */
export function capturing(k: Kysely<Database>, into: Captured[]): Kysely<Database> {
  const pending = new Map<unknown, CompiledQuery>();
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      pending.set(args.queryId, k.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => {
      const query = pending.get(args.queryId);
      pending.delete(args.queryId);
      if (query) into.push({ query, rows: args.result.rows as Record<string, unknown>[] });
      return args.result;
    },
  };
  return k.withPlugin(plugin);
}

/** The context with a capturing Kysely: a service called with it records the statements it runs. */
export function capturingCtx(ctx: AppContext, into: Captured[]): AppContext {
  return { ...ctx, db: { ...ctx.db, kysely: capturing(ctx.db.kysely, into) } };
}

/**
 * The statements the service runs for a request (the second call: region names are cached by then, as in HTTP). Both
 * calls get the same context: the region cache is per Db object, so a fresh capturing context would miss it again.
 */
export async function statementsOf(
  ctx: AppContext,
  call: (c: AppContext) => Promise<unknown>,
): Promise<CompiledQuery[]> {
  const captured: Captured[] = [];
  const c = capturingCtx(ctx, captured);
  await call(c);
  captured.length = 0;
  await call(c);
  return captured.map((x) => x.query);
}

// the floor and the plans

/** `inTransaction`: run the statements in a transaction, as the service runs them (its SET LOCAL settings then apply). */
export interface FloorOptions {
  inTransaction?: boolean;
}

export interface Floor {
  /** The database's own time for the same statements, one after the other on one connection. */
  floor: Latency;
  /** The p50 of each statement alone, in the order the service ran them. */
  statementsP50: number[];
}

const BEGIN = CompiledQuery.raw('BEGIN');
const COMMIT = CompiledQuery.raw('COMMIT');
const ROLLBACK = CompiledQuery.raw('ROLLBACK');
/** A session setting of the service's transaction (SET LOCAL …): replayed as it is, never EXPLAINed. */
const isSetting = (s: CompiledQuery) => /^\s*SET\b/i.test(s.sql);

/** Times the statements one after the other on one connection, FLOOR_RUNS times after a warm-up; and each alone. */
export async function floorOf(db: Db, statements: CompiledQuery[], opts: FloorOptions = {}): Promise<Floor> {
  return db.kysely.connection().execute(async (c) => {
    const samples: number[] = [];
    const each: number[][] = statements.map(() => []);
    const t0 = performance.now();
    for (let i = 0; i < FLOOR_RUNS + WARM_UP; i++) {
      const t = performance.now();
      if (opts.inTransaction) await c.executeQuery(BEGIN);
      for (const [j, s] of statements.entries()) {
        const ts = performance.now();
        await c.executeQuery(s);
        if (i >= WARM_UP) each[j]?.push(performance.now() - ts);
      }
      if (opts.inTransaction) await c.executeQuery(COMMIT);
      if (i >= WARM_UP) samples.push(performance.now() - t);
      // a slow floor stops early too (the slow statements are the ones EXPLAINed)
      if (samples.length >= 10 && performance.now() - t0 > SCENARIO_BUDGET_MS / 2) break;
    }
    return { floor: summarize(samples), statementsP50: each.map((xs) => summarize(xs).p50) };
  });
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement on one connection (in a transaction rolled back, if `inTransaction`). */
export async function explain(db: Db, statements: CompiledQuery[], opts: FloorOptions = {}): Promise<string> {
  const out: string[] = [];
  await db.kysely.connection().execute(async (c) => {
    if (opts.inTransaction) await c.executeQuery(BEGIN);
    for (const s of statements) {
      if (opts.inTransaction && isSetting(s)) {
        await c.executeQuery(s);
        continue;
      }
      const res = await c.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, [...s.parameters]),
      );
      out.push(`-- ${s.sql.replace(/\s+/g, ' ')}`, `-- params: ${JSON.stringify(s.parameters)}`);
      out.push(...res.rows.map((r) => r['QUERY PLAN']));
    }
    if (opts.inTransaction) await c.executeQuery(ROLLBACK);
  });
  return out.join('\n');
}

// HTTP timing

export async function timeRequests(
  h: { requests: number },
  run: () => Promise<{ total?: number }>,
): Promise<{ samples: number[]; total?: number }> {
  const samples: number[] = [];
  let total: number | undefined;
  const t0 = performance.now();
  for (let i = 0; i < h.requests + WARM_UP; i++) {
    const t = performance.now();
    const r = await run();
    if (i >= WARM_UP) samples.push(performance.now() - t);
    total = r.total;
    if (samples.length >= MIN_SAMPLES && performance.now() - t0 > SCENARIO_BUDGET_MS) break;
  }
  return { samples, ...(total === undefined ? {} : { total }) };
}

export async function getJson(base: string, path: string, cookie: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** A scenario's figures: its HTTP latency beside the floor (`floor`, and whatever else of a Floor the bench keeps). */
export interface Timed extends Latency {
  name: string;
  user: string;
  path: string;
  total?: number;
  /** The database's own time for the same statements, one after the other on one connection. */
  floor: Latency;
  target: number;
  meetsTarget: boolean;
  plan?: string;
}

export function scenario<F extends { floor: Latency }>(
  name: string,
  user: string,
  path: string,
  samples: number[],
  floor: F,
  target: number,
  total?: number,
): Timed & F {
  const lat = summarize(samples);
  return {
    name,
    user,
    path,
    ...(total === undefined ? {} : { total }),
    ...lat,
    ...floor,
    target,
    meetsTarget: lat.p95 < target,
  };
}

/**
 * Measures GET scenarios against the app: `floor` what the bench keeps of a scenario's Floor (all of it, or only
 * `floor`), `inTransaction` how its floor and EXPLAIN run the statements (see FloorOptions).
 */
export function getScenarios<F extends { floor: Latency }>(
  db: Db,
  ctx: AppContext,
  base: string,
  h: BenchHelpers,
  opts: FloorOptions & { floor: (f: Floor) => F },
) {
  const cookies = new Map<string, string>();
  const cookieOf = async (user: string) => {
    const known = cookies.get(user);
    if (known) return known;
    const c = await h.signIn(base, user);
    cookies.set(user, c);
    return c;
  };
  /**
   * `h.requests` sequential GETs of `path` as `user`; the floor of the statements `call` (the service behind the
   * route) runs; their EXPLAIN when over `target`. `total`: what of the response body is the scenario's total.
   */
  return async (
    s: { name: string; user: string; path: string; target: number },
    call: (c: AppContext, actor: Actor) => Promise<unknown>,
    total?: (body: Record<string, unknown>) => number,
  ): Promise<Timed & F> => {
    const cookie = await cookieOf(s.user);
    const timed = await timeRequests(h, async () => {
      const body = await getJson(base, s.path, cookie);
      return total ? { total: total(body) } : {};
    });
    const actor = await actorByUsername(db, s.user);
    const statements = await statementsOf(ctx, (c) => call(c, actor));
    const floor = opts.floor(await floorOf(db, statements, opts));
    const r = scenario(s.name, s.user, s.path, timed.samples, floor, s.target, timed.total);
    if (!r.meetsTarget) r.plan = await explain(db, statements, opts);
    return r;
  };
}

// the report

type Cell = [value: string | number, width: number, right?: boolean];

/** A table row: each cell (value, width, right-aligned?) padded to its width. */
export function row(cells: Cell[]): string {
  return cells.map(([v, w, right]) => (right ? String(v).padStart(w) : String(v).padEnd(w))).join(' ');
}

/** A report's opening lines: its title and the fixture's mix. */
export function reportHead(title: string, mix: Record<string, number>): string[] {
  return [
    '',
    title,
    `mix: ${Object.entries(mix)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    '',
  ];
}

/**
 * The table of a report's scenarios: `head`, its header; `line`, a scenario's row; `plans`, the EXPLAINs to print
 * below it. The target column is `targetWidth` wide; `extra` columns (header, width, cell) follow it.
 */
export function scenarioTable<T extends Timed>(targetWidth: number, extra: [string, number, (s: T) => string][] = []) {
  return {
    head: row([
      ['scenario', 44],
      ['total', 8, true],
      ['p50 ms', 8, true],
      ['p95 ms', 8, true],
      ['p99 ms', 8, true],
      ['floor p50', 10, true],
      ['floor p95', 10, true],
      ['  target', targetWidth],
      ...extra.map(([head, width]): Cell => [head, width]),
    ]),
    line: (label: string, s: T) =>
      row([
        [label, 44],
        [s.total ?? '', 8, true],
        [s.p50, 8, true],
        [s.p95, 8, true],
        [s.p99, 8, true],
        [s.floor.p50, 10, true],
        [s.floor.p95, 10, true],
        [`  < ${s.target} ${s.meetsTarget ? 'ok' : 'MISSED'}`, targetWidth],
        ...extra.map(([, width, cell]): Cell => [cell(s), width]),
      ]),
    /** The EXPLAIN of each scenario over its target, for below the table. */
    plans: (scenarios: T[]) =>
      scenarios
        .filter((x) => x.plan)
        .flatMap((s) => ['', `EXPLAIN (ANALYZE, BUFFERS) — ${s.name} (p95 ${s.p95} ms):`, s.plan as string]),
  };
}
