/**
 * Bench part i (`--resources-only`, issue 12 bar 2; PostgreSQL only): the nearest rescue resources over 100,000.
 *  1. Fixture in SQL, set-based: N resources (default 100,000: 30 % teams, 50 % equipment, 20 % experts; one or two
 *     specialties each, 电力 rare) over Shandong's counties, each county's records scattered within about 15 km of its
 *     seat (domain/county-seats.ts where known, elsewhere a fixed pseudo-random place in Shandong's box), then
 *     VACUUM (ANALYZE). The secondary indexes are dropped for the load and built after it.
 *  2. Over real HTTP (buildApp + listen on 127.0.0.1), sequential requests, p50/p95/p99 of
 *     GET /api/rescue-resources/nearest — as the province's, a city's and a county's duty officer; by kind, by
 *     specialty (a rare one widens the circle several times), without a kind, and from a point off the coast. Target
 *     p95 < 50 ms. Beside each, the floor: the database's own time for the same statements (captured from the service,
 *     run by hand one after the other on one connection).
 *  A scenario over target prints the EXPLAIN (ANALYZE, BUFFERS) of its statements.
 * Results: bench/results/resources-latest.json (via run.ts).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { nearestQuery } from '../src/contracts/rescue-resources.js';
import { COUNTY_SEATS } from '../src/domain/county-seats.js';
import type { Db } from '../src/server/db/connection.js';
import { actorByUsername } from '../src/server/db/seed/demo.js';
import * as rescue from '../src/server/modules/rescue-resources/service.js';
import {
  type BenchHelpers,
  buildIndexes,
  bulkLoadSettings,
  type Floor,
  getScenarios,
  inSeconds,
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

const TARGET_MS = 50;

export type ResourceTimed = Timed & Floor;

export interface ResourcesBenchResult {
  engine: 'postgres';
  where: string;
  resources: number;
  counties: number;
  mix: Record<string, number>;
  fixtureSeconds: { resources: number; indexes: number; vacuumAnalyze: number; total: number };
  tableSizes: Record<string, string>;
  nearest: ResourceTimed[];
}

interface Helpers extends BenchHelpers {
  resources: number;
}

async function insertFixture(db: Db, h: Helpers, counties: string[]) {
  const k = db.kysely;
  const user = await actorByUsername(db, 'admin.370000');
  const indexes = await secondaryIndexes(k, 'rescue_resources');
  const t0 = performance.now();
  for (const ix of indexes) await sql.raw(`DROP INDEX ${ix.name}`).execute(k);
  const seats = counties.map((code, i) => {
    const known = COUNTY_SEATS[code];
    // a fixed pseudo-random place in Shandong's box (114.8–122.7 E, 34.4–38.3 N) for a county without a seat
    const u = ((i * 7919) % 1000) / 1000;
    const v = ((i * 104_729) % 997) / 997;
    return { code, lng: known?.lng ?? 114.8 + 7.9 * u, lat: known?.lat ?? 34.4 + 3.9 * v };
  });
  await k.transaction().execute(async (trx) => {
    await bulkLoadSettings(trx, 0.12);
    await sql`
      WITH c AS (
        SELECT * FROM unnest(${seats.map((s) => s.code)}::text[], ${seats.map((s) => s.lng)}::float8[],
          ${seats.map((s) => s.lat)}::float8[]) WITH ORDINALITY AS c (code, lng, lat, k)
      ), g AS (
        SELECT i, random() AS rk, random() AS rs, random() AS rs2, random() AS ra, random() AS rd,
          1 + floor(random() * ${seats.length})::int AS ck
        FROM generate_series(1, ${h.resources}) AS i
      ), p AS (
        SELECT g.*, c.code, c.lng + cos(2 * pi() * g.ra) * sqrt(g.rd) * 0.17 AS lng,
          c.lat + sin(2 * pi() * g.ra) * sqrt(g.rd) * 0.135 AS lat,
          CASE WHEN g.rk < 0.3 THEN 'team' WHEN g.rk < 0.8 THEN 'equipment' ELSE 'expert' END AS kind,
          -- 电力 (power) rare: 1 %; the others share the rest
          CASE WHEN g.rs < 0.01 THEN 'power'
            ELSE (ARRAY['mine','hazchem','oil_gas','water_rescue','fire','medical','construction','other'])[1 + floor(g.rs * 8)::int % 8] END AS s1,
          CASE WHEN g.rs2 < 0.3 THEN (ARRAY['hazchem','fire','medical','other'])[1 + floor(g.rs2 * 40)::int % 4] END AS s2
        FROM g JOIN c ON c.k = g.ck
      )
      INSERT INTO rescue_resources (id, kind, region_code, name, specialties, lng, lat, address, level, members,
        duty_phone, readiness, category, equipment_type, quantity, unit, owner_name, availability, contact_phone,
        created_by, created_at, updated_at, version)
      SELECT gen_random_uuid(), p.kind, p.code, p.kind || '-' || p.i,
        CASE WHEN p.s2 IS NULL OR p.s2 = p.s1 THEN ARRAY[p.s1] ELSE ARRAY[p.s1, p.s2] END,
        least(136, greatest(73, p.lng)), least(54, greatest(3, p.lat)), '', 
        CASE WHEN p.kind = 'team' THEN 'county' END, CASE WHEN p.kind = 'team' THEN 20 + p.i % 60 END,
        CASE WHEN p.kind = 'team' THEN '0531-8000000' END, CASE WHEN p.kind = 'team' THEN 'ready' END,
        CASE WHEN p.kind = 'equipment' THEN 'equipment' END, CASE WHEN p.kind = 'equipment' THEN '排水泵' END,
        CASE WHEN p.kind = 'equipment' THEN 1 + p.i % 20 END, CASE WHEN p.kind = 'equipment' THEN '台' END,
        CASE WHEN p.kind = 'equipment' THEN '应急管理局' END, CASE WHEN p.kind = 'expert' THEN 'available' END,
        CASE WHEN p.kind = 'expert' THEN '13800000000' END,
        ${user.userId}, now(), now(), 1
      FROM p`.execute(trx);
  });
  const tRows = performance.now() - t0;
  h.log(`resources: ${h.resources} rescue resources in ${round1(tRows)} s`);
  const tIdx = performance.now();
  await buildIndexes(k, indexes, 2);
  const tIndexes = performance.now() - tIdx;
  const tVacuum = await vacuumAnalyze(k, ['rescue_resources'], h, 'resources');
  return inSeconds({ resources: tRows, indexes: tIndexes, vacuumAnalyze: tVacuum }, t0);
}

/** name, user, query of GET /api/rescue-resources/nearest. */
const SCENARIOS: [string, string, Record<string, string>][] = [
  ['province, team, 张店 point, 10', 'duty.370000', { lng: '118.018', lat: '36.806', kind: 'team', limit: '10' }],
  ['province, any kind, 济南 point, 20', 'duty.370000', { lng: '117.076', lat: '36.666', limit: '20' }],
  [
    'province, equipment, 电力 (rare), 10',
    'duty.370000',
    { lng: '118.018', lat: '36.806', kind: 'equipment', specialty: 'power', limit: '10' },
  ],
  ['province, team, off the coast, 10', 'duty.370000', { lng: '123.5', lat: '35.0', kind: 'team', limit: '10' }],
  [
    'city 370300, team, hazchem, 10',
    'duty.370300',
    { lng: '118.309', lat: '36.826', kind: 'team', specialty: 'hazchem', limit: '10' },
  ],
  ['city 370300, expert, 100', 'duty.370300', { lng: '117.967', lat: '36.643', kind: 'expert', limit: '100' }],
  ['county 370303, any kind, 10', 'duty.370303', { lng: '118.018', lat: '36.806', limit: '10' }],
];

export async function resourcesBench(db: Db, where: string, h: Helpers): Promise<ResourcesBenchResult> {
  const { counties } = await provinceBase(db, h, 'resources', 0);
  const fixtureSeconds = await insertFixture(db, h, counties);
  const mix = await sql<Record<string, number>>`SELECT count(*)::int AS resources,
      count(*) FILTER (WHERE kind = 'team')::int AS teams, count(*) FILTER (WHERE kind = 'equipment')::int AS equipment,
      count(*) FILTER (WHERE kind = 'expert')::int AS experts,
      count(*) FILTER (WHERE specialties @> ARRAY['power'])::int AS power,
      count(*) FILTER (WHERE region_code LIKE '3703%')::int AS city_370300
    FROM rescue_resources`.execute(db.kysely);
  const { resources, ...rest } = mix.rows[0] as Record<string, number>;
  h.log(`resources: mix ${JSON.stringify(rest)}`);
  const sizes = await tableSizes(db.kysely, ['rescue_resources']);
  return withApp(db, async ({ ctx, base }) => {
    const measure = getScenarios(db, ctx, base, h, { inTransaction: false, floor: (f) => f });
    const nearest: ResourceTimed[] = [];
    for (const [name, user, query] of SCENARIOS) {
      const s = await measure(
        { name, user, path: `/api/rescue-resources/nearest?${new URLSearchParams(query)}`, target: TARGET_MS },
        (c, actor) => rescue.nearest(c, actor, nearestQuery.parse(query)),
        (body) => (body.items as unknown[]).length,
      );
      h.log(
        `resources nearest ${name}: ${s.total} items, p50 ${s.p50} / p95 ${s.p95} / p99 ${s.p99} ms; floor p50 ${s.floor.p50} ms (${s.statementsP50.join(' + ')})`,
      );
      nearest.push(s);
    }
    return {
      engine: 'postgres',
      where,
      resources: resources as number,
      counties: counties.length,
      mix: rest,
      fixtureSeconds,
      tableSizes: sizes,
      nearest,
    };
  });
}

export function printResourcesReport(r: ResourcesBenchResult): void {
  const f = r.fixtureSeconds;
  const table = scenarioTable<ResourceTimed>(14, [['statements p50', 24, (s) => s.statementsP50.join(' + ')]]);
  const lines = [
    ...reportHead(
      `Rescue resources (PostgreSQL, ${r.where}): ${r.resources} resources over ${r.counties} counties (${r.tableSizes.rescue_resources ?? '?'}); fixture ${f.total} s (rows ${f.resources}, indexes ${f.indexes}, VACUUM ANALYZE ${f.vacuumAnalyze})`,
      r.mix,
    ),
    table.head,
    'GET /api/rescue-resources/nearest (straight-line distance, within the caller’s subtree)',
  ];
  for (const s of r.nearest) lines.push(table.line(`  ${s.name}`, s));
  lines.push(...table.plans(r.nearest));
  console.log(lines.join('\n'));
}
