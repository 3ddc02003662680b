/**
 * Bench part c (`--stats`): summary + breakdown?by=region over 1,000,000 accidents, against hand-written SQL
 * for the same figures measured in the same run on the same database. See run.ts for the targets.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CompiledQuery, sql } from 'kysely';
import { type Span, shanghaiDate, splitWholeMonths } from '../src/domain/time.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Db, Engine } from '../src/server/db/connection.js';
import { insertAccidentFixture } from './fixture.js';
import { type Latency, summarize } from './latency.js';
import { prepareDemoBase } from './support.js';

const TARGET_MS: Record<Engine, number> = { postgres: 300, pglite: 2000 };
const MAX_RATIO_TO_HAND = 1.5;
const WARM_UP = 3;
/** Issue 3, bar 6: a monthly bulletin (POST /api/bulletins, then its .docx) in under 3 s. */
const BULLETIN_TARGET_MS = 3000;
const BULLETIN_RUNS = 5;

export interface StatsBenchResult {
  engine: Engine;
  where: string;
  accidents: number;
  fixtureSeconds: number;
  period: { from: string; to: string };
  /** summary + breakdown?by=region, sequential HTTP requests, per iteration. */
  api: { summary: Latency; breakdown: Latency; both: Latency };
  /** The same figures by hand-written SQL on the database connection. */
  hand: {
    /** Over accidents: the summary and the by-city statement. */
    twoStatements: Latency;
    /** Over accidents: both in one statement (GROUP BY ROLLUP). */
    oneStatement: Latency;
    /** Over the monthly rollup plus the partial months from accidents: the summary, and the by-city. */
    rollupSummary: Latency;
    rollupByCity: Latency;
  };
  ratioToBestHand: number;
  /** A province monthly bulletin over the last whole month: create, then download the .docx, per run. */
  bulletin: { create: Latency; docx: Latency; both: Latency };
  meetsTarget: boolean;
  sameFigures: boolean;
}

interface Helpers {
  rows: number;
  requests: number;
  log: (msg: string) => void;
  timed: <T>(label: string, fn: () => Promise<T>) => Promise<T>;
  signIn: (base: string, username: string) => Promise<string>;
}

/** The indicators of one period, FILTERed: count, deaths + missing, serious + minor, serious, loss. */
function handFigures(prefix: string, cond: string): string {
  const f = `FILTER (WHERE ${cond})`;
  return [
    `count(*) ${f}::int AS ${prefix}accidents`,
    `coalesce(sum(stat_deaths + stat_missing) ${f}, 0)::int AS ${prefix}deaths`,
    `coalesce(sum(stat_serious_injuries + stat_minor_injuries) ${f}, 0)::int AS ${prefix}injuries`,
    `coalesce(sum(stat_serious_injuries) ${f}, 0)::int AS ${prefix}serious_injuries`,
    `coalesce(sum(stat_direct_loss_yuan) ${f}, 0)::bigint AS ${prefix}direct_loss_yuan`,
  ].join(',\n       ');
}

/** The same figures over accidents: summary (4 blocks), by city, and both in one statement. */
function handOverAccidents(): { summary: string; byCity: string; both: string } {
  const envelope = `written_off_at IS NULL AND region_code LIKE '37%' AND occurred_at >= $1 AND occurred_at < $4`;
  const cur = 'occurred_at >= $3';
  const prev = 'occurred_at < $2';
  const larger = "grade <> 'general'";
  const blocks = `${handFigures('c_', cur)}, ${handFigures('p_', prev)},
       ${handFigures('lc_', `${cur} AND ${larger}`)}, ${handFigures('lp_', `${prev} AND ${larger}`)}`;
  // Shandong's children are cities (the province has no 省直辖 counties): the city is the first four digits.
  return {
    summary: `SELECT ${blocks} FROM accidents WHERE ${envelope}`,
    byCity: `SELECT left(region_code, 4) || '00' AS city, ${handFigures('c_', cur)}, ${handFigures('p_', prev)}
FROM accidents WHERE ${envelope} GROUP BY 1`,
    both: `SELECT left(region_code, 4) || '00' AS city, ${blocks} FROM accidents WHERE ${envelope} GROUP BY ROLLUP (1)`,
  };
}

/**
 * The same figures written by hand over the monthly rollup: whole months from accident_stats_monthly, the
 * partial months at the ends from accidents, one statement each for the summary and the by-city rows.
 */
function handOverRollup(current: Span, previous: Span): { summary: string; byCity: string } {
  const part = (span: Span, tag: 'c' | 'p') => {
    const { whole, parts } = splitWholeMonths(span.from, span.to);
    const rows: string[] = [];
    if (whole) {
      rows.push(`SELECT '${tag}' AS p, region_code, grade, accidents, deaths, injuries, serious_injuries, direct_loss_yuan
  FROM accident_stats_monthly WHERE region_code LIKE '37%'
  AND month >= '${shanghaiDate(whole.from)}' AND month < '${shanghaiDate(whole.to)}'`);
    }
    for (const x of parts) {
      rows.push(`SELECT '${tag}', region_code, grade, 1, stat_deaths + stat_missing, stat_serious_injuries + stat_minor_injuries,
  stat_serious_injuries, stat_direct_loss_yuan
  FROM accidents WHERE written_off_at IS NULL AND region_code LIKE '37%'
  AND occurred_at >= '${x.from.toISOString()}' AND occurred_at < '${x.to.toISOString()}'`);
    }
    return rows;
  };
  const src = [...part(current, 'c'), ...part(previous, 'p')].join('\nUNION ALL\n');
  const sums = (prefix: string, cond: string) =>
    [
      `sum(accidents) FILTER (WHERE ${cond})::int AS ${prefix}accidents`,
      `sum(deaths) FILTER (WHERE ${cond})::int AS ${prefix}deaths`,
      `sum(injuries) FILTER (WHERE ${cond})::int AS ${prefix}injuries`,
      `sum(serious_injuries) FILTER (WHERE ${cond})::int AS ${prefix}serious_injuries`,
      `sum(direct_loss_yuan) FILTER (WHERE ${cond})::bigint AS ${prefix}direct_loss_yuan`,
    ].join(', ');
  const larger = "grade <> 'general'";
  return {
    summary: `SELECT ${sums('c_', "p = 'c'")}, ${sums('p_', "p = 'p'")},
  ${sums('lc_', `p = 'c' AND ${larger}`)}, ${sums('lp_', `p = 'p' AND ${larger}`)} FROM (${src}) s`,
    byCity: `SELECT left(region_code, 4) || '00' AS city, ${sums('c_', "p = 'c'")}, ${sums('p_', "p = 'p'")}
FROM (${src}) s GROUP BY 1`,
  };
}

export async function statsBench(db: Db, engine: Engine, where: string, h: Helpers): Promise<StatsBenchResult> {
  const { log, timed } = h;
  const zibo = await timed('stats: migrate + regions + demo organisations/users', () => prepareDemoBase(db));
  const counties = zibo.concat(['370102', '370103', '370112']);
  const now = new Date();
  const fixtureT0 = performance.now();
  await timed(`stats: fixture ${h.rows} accidents`, () => insertAccidentFixture(db, h.rows, counties, now));
  await timed('stats: VACUUM ANALYZE', () => sql`VACUUM (ANALYZE) accidents`.execute(db.kysely));
  const fixtureSeconds = Math.round((performance.now() - fixtureT0) / 100) / 10;

  const to = now;
  const from = new Date(now.getTime() - 365 * 86_400_000);
  const config = { ...loadConfig({}), logLevel: 'warn' };
  const { app } = await buildApp({ db, config, logger: false, webDir: '/nonexistent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const cookie = await h.signIn(base, 'stats.370000');
    const q = `regionCode=370000&from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
      return body;
    };
    const summaryMs: number[] = [];
    const breakdownMs: number[] = [];
    const bothMs: number[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: response bodies, compared field by field below
    let summary: any;
    // biome-ignore lint/suspicious/noExplicitAny: as above
    let breakdown: any;
    for (let i = 0; i < h.requests + WARM_UP; i++) {
      const t0 = performance.now();
      summary = await get(`/api/stats/summary?${q}`);
      const t1 = performance.now();
      breakdown = await get(`/api/stats/breakdown?${q}&by=region`);
      const t2 = performance.now();
      if (i >= WARM_UP) {
        summaryMs.push(t1 - t0);
        breakdownMs.push(t2 - t1);
        bothMs.push(t2 - t0);
      }
    }

    // Before the hand-written SQL: on PGlite a long statement blocks the event loop, and an HTTP connection left idle
    // meanwhile may be reset as it is reused.
    const bulletin = await bulletinTimings(base, cookie, now);

    // Hand-written: the previous period is the same dates one year earlier (the API's samePeriodLastYear).
    const pf = new Date(summary.previousFrom);
    const pt = new Date(summary.previousTo);
    const params = [pf, pt, from, to];
    // The statements over accidents take the period bounds as $1–$4; the rollup ones spell their month bounds out.
    const run = (text: string) =>
      db.kysely.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, text.includes('$1') ? params : []));
    const raw = handOverAccidents();
    const rollup = handOverRollup({ from, to }, { from: pf, to: pt });
    const variants = {
      rawTwo: [raw.summary, raw.byCity],
      rawOne: [raw.both],
      rollupSummary: [rollup.summary],
      rollupByCity: [rollup.byCity],
    };
    const samples: Record<keyof typeof variants, number[]> = {
      rawTwo: [],
      rawOne: [],
      rollupSummary: [],
      rollupByCity: [],
    };
    let handSummary: Record<string, unknown> | undefined;
    let handCities: Record<string, unknown>[] = [];
    let rollupSummary: Record<string, unknown> | undefined;
    for (let i = 0; i < h.requests + WARM_UP; i++) {
      for (const [name, statements] of Object.entries(variants) as [keyof typeof variants, string[]][]) {
        const t0 = performance.now();
        const results = [];
        for (const text of statements) results.push(await run(text));
        if (i >= WARM_UP) samples[name].push(performance.now() - t0);
        if (name === 'rawTwo') {
          handSummary = results[0]?.rows[0];
          handCities = results[1]?.rows ?? [];
        }
        if (name === 'rollupSummary') rollupSummary = results[0]?.rows[0];
      }
    }
    const zb = handCities.find((r) => r.city === '370300');
    const apiZibo = breakdown.rows.find((r: { key: string }) => r.key === '370300');
    const sameFigures =
      Number(handSummary?.c_accidents) === summary.current.accidents &&
      Number(rollupSummary?.c_deaths) === summary.current.deaths &&
      Number(rollupSummary?.lp_direct_loss_yuan) === summary.larger.previous.directLossYuan &&
      Number(handSummary?.lp_direct_loss_yuan) === summary.larger.previous.directLossYuan &&
      Number(zb?.c_deaths) === apiZibo?.current.deaths &&
      Number(zb?.p_direct_loss_yuan) === apiZibo?.previous.directLossYuan;

    const api = { summary: summarize(summaryMs), breakdown: summarize(breakdownMs), both: summarize(bothMs) };
    const hand = {
      twoStatements: summarize(samples.rawTwo),
      oneStatement: summarize(samples.rawOne),
      rollupSummary: summarize(samples.rollupSummary),
      rollupByCity: summarize(samples.rollupByCity),
    };
    // The best hand-written SQL for the two results: the faster of the rollup statements and the scans of
    // accidents, per result; the API's two requests against their sum.
    const best = Math.min(
      hand.twoStatements.p50,
      hand.oneStatement.p50,
      hand.rollupSummary.p50 + hand.rollupByCity.p50,
    );
    const ratioToBestHand = Math.round((api.both.p50 / best) * 100) / 100;
    const { n: accidents } = await db.kysely
      .selectFrom('accidents')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    log(`stats ${engine}: monthly bulletin create + docx p50 ${bulletin.both.p50} / max ${bulletin.both.max} ms`);
    log(
      `stats ${engine}: API p50 ${api.both.p50} / p95 ${api.both.p95} ms; hand over accidents ${hand.twoStatements.p50} (two) / ${hand.oneStatement.p50} (one), over the rollup ${hand.rollupSummary.p50} + ${hand.rollupByCity.p50} ms; ratio ${ratioToBestHand}`,
    );
    return {
      engine,
      where,
      accidents,
      fixtureSeconds,
      period: { from: summary.from, to: summary.to },
      api,
      hand,
      ratioToBestHand,
      bulletin,
      meetsTarget:
        api.both.p95 < TARGET_MS[engine] &&
        ratioToBestHand <= MAX_RATIO_TO_HAND &&
        bulletin.both.max < BULLETIN_TARGET_MS,
      sameFigures,
    };
  } finally {
    await app.close();
  }
}

/** The province's monthly bulletin for the last whole month (a fresh one per run: bulletins are immutable). */
async function bulletinTimings(base: string, cookie: string, now: Date) {
  const [y, m] = shanghaiDate(now).split('-').map(Number) as [number, number];
  const lastMonth = `${m === 1 ? y - 1 : y}-${String(m === 1 ? 12 : m - 1).padStart(2, '0')}-01T00:00:00+08:00`;
  const create: number[] = [];
  const docx: number[] = [];
  const both: number[] = [];
  for (let i = 0; i < BULLETIN_RUNS + 1; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/bulletins`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'monthly', regionCode: '370000', from: lastMonth }),
    });
    const created = (await res.json()) as { id?: string };
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`bulletin: HTTP ${res.status} ${JSON.stringify(created)}`);
    const t1 = performance.now();
    const file = await fetch(`${base}/api/bulletins/${created.id}/docx`, { headers: { cookie } });
    const bytes = await file.arrayBuffer();
    if (file.status !== 200 || bytes.byteLength < 5000) throw new Error(`bulletin docx: HTTP ${file.status}`);
    const t2 = performance.now();
    if (i === 0) continue; // warm-up
    create.push(t1 - t0);
    docx.push(t2 - t1);
    both.push(t2 - t0);
  }
  return { create: summarize(create), docx: summarize(docx), both: summarize(both) };
}

export function printStatsReport(results: StatsBenchResult[]): void {
  const lines = ['', 'Statistics (summary + breakdown?by=region, province, one year, sequential)'];
  lines.push(
    'engine    accidents   API p50   API p95   summary p50  breakdown p50  hand raw 2-stmt  hand raw 1-stmt  hand rollup 2-stmt  ratio  bulletin max  target',
  );
  for (const r of results) {
    lines.push(
      [
        r.engine.padEnd(8),
        String(r.accidents).padStart(11),
        String(r.api.both.p50).padStart(9),
        String(r.api.both.p95).padStart(9),
        String(r.api.summary.p50).padStart(12),
        String(r.api.breakdown.p50).padStart(14),
        String(r.hand.twoStatements.p50).padStart(16),
        String(r.hand.oneStatement.p50).padStart(16),
        String(Math.round((r.hand.rollupSummary.p50 + r.hand.rollupByCity.p50) * 100) / 100).padStart(19),
        String(r.ratioToBestHand).padStart(6),
        String(r.bulletin.both.max).padStart(13),
        `  ${r.meetsTarget ? 'ok' : 'MISSED'}${r.sameFigures ? '' : ' (FIGURES DIFFER)'}`,
      ].join(' '),
    );
  }
  lines.push(
    `targets: p95 < ${TARGET_MS.postgres} ms (PostgreSQL), < ${TARGET_MS.pglite} ms (PGlite); ≤ ${MAX_RATIO_TO_HAND}× the best hand-written SQL (p50); monthly bulletin (create + .docx) < ${BULLETIN_TARGET_MS} ms`,
  );
  console.log(lines.join('\n'));
}
