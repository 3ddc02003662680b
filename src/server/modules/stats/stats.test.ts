/**
 * GET /api/stats/summary and /api/stats/breakdown on generated data (bench fixture, two years over Zibo and
 * Jinan) plus reports filed through the API: the summary equals a hand-written SQL over the same rows, every
 * breakdown's rows add up to its total and the total to the summary, written-off rows and casualty changes
 * outside the 补报 window do not count, jurisdiction and bad input. Runs on both engines.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAccidentFixture } from '../../../../bench/fixture.js';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const NOW = '2026-11-25T10:00:00+08:00';
const FIXTURE_ROWS = 4_000;
const JINAN = ['370102', '370103', '370112'];
const FIGURES = ['accidents', 'deaths', 'injuries', 'seriousInjuries', 'directLossYuan'] as const;
const BY = ['region', 'industry', 'type', 'grade', 'domain', 'month'] as const;

type Figures = Record<(typeof FIGURES)[number], number>;

let t: TestApp;
let province: Client; // stats.370000
let city: Client; // leader.370300
let county: Client; // duty.370303
let unitSeq = 0;

async function file(c: Client, overrides: Record<string, unknown>) {
  unitSeq += 1;
  const res = await c.post(
    '/api/accidents',
    buildAccident({ unitName: `统计测试有限公司${unitSeq}号厂`, ...overrides }, t.clock.now()),
  );
  if (res.status !== 201) throw new Error(`file: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * The reference: plain SQL written by hand, one period at a time. 死亡 counts the missing, 受伤 = 重伤 + 轻伤,
 * statistical figures only, written-off rows left out, [from, to).
 */
async function reference(prefix: string, from: string, to: string, largerOnly = false): Promise<Figures> {
  const { rows } = await sql<Figures>`
    SELECT count(*)::int AS "accidents",
           coalesce(sum(stat_deaths + stat_missing), 0)::int AS "deaths",
           coalesce(sum(stat_serious_injuries + stat_minor_injuries), 0)::int AS "injuries",
           coalesce(sum(stat_serious_injuries), 0)::int AS "seriousInjuries",
           coalesce(sum(stat_direct_loss_yuan), 0)::bigint AS "directLossYuan"
    FROM accidents
    WHERE written_off_at IS NULL
      AND region_code LIKE ${`${prefix}%`}
      AND occurred_at >= ${from}::timestamptz AND occurred_at < ${to}::timestamptz
      AND (${!largerOnly} OR grade IN ('larger', 'major', 'especially_major'))`.execute(t.db.kysely);
  return rows[0] as Figures;
}

function sumOf(blocks: Figures[]): Figures {
  const total = { accidents: 0, deaths: 0, injuries: 0, seriousInjuries: 0, directLossYuan: 0 };
  for (const b of blocks) for (const f of FIGURES) total[f] += b[f];
  return total;
}

async function expectSummaryMatchesReference(c: Client, regionCode: string, prefix: string, query = '') {
  const res = await c.get(`/api/stats/summary?regionCode=${regionCode}${query}`);
  expect(res.status).toBe(200);
  const s = res.body;
  expect(s.current).toEqual(await reference(prefix, s.from, s.to));
  expect(s.previous).toEqual(await reference(prefix, s.previousFrom, s.previousTo));
  expect(s.larger.current).toEqual(await reference(prefix, s.from, s.to, true));
  expect(s.larger.previous).toEqual(await reference(prefix, s.previousFrom, s.previousTo, true));
  return s;
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  [province, city, county] = await Promise.all([t.as('stats.370000'), t.as('leader.370300'), t.as('duty.370303')]);
  const zibo = await t.db.kysely
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', '370300')
    .where('level', '=', 'county')
    .execute();
  await insertAccidentFixture(t.db, FIXTURE_ROWS, zibo.map((r) => r.code).concat(JINAN), t.clock.now());

  // Reports through the API, so grades and the 补报 window are the application's own.
  // Last year, filed then: a 较大 one with the missing counted as deaths.
  t.clock.set('2025-06-10T09:00:00+08:00');
  await file(county, { occurredAt: '2025-06-10T08:00:00+08:00', deaths: 2, missing: 1, seriousInjuries: 4 });
  // This year: at a town (a county's breakdown row of its own), at the county itself (县本级), a 重大 one.
  t.clock.set('2026-03-02T10:00:00+08:00');
  await file(county, { occurredAt: '2026-03-02T09:00:00+08:00', regionCode: '370303001', missing: 2 });
  await file(county, { occurredAt: '2026-03-02T09:30:00+08:00', deaths: 1, minorInjuries: 3 });
  await file(await t.as('duty.370305'), {
    regionCode: '370305',
    occurredAt: '2026-03-02T08:00:00+08:00',
    deaths: 11,
    directLossYuan: 60_000_000,
  });
  t.clock.set(NOW);
});
afterAll(() => t.close());

describe('summary', () => {
  it('equals the hand-written SQL for the province, a city, a county and a town, default and given periods', async () => {
    const s = await expectSummaryMatchesReference(province, '370000', '37');
    // Default period: 1 January this year (Asia/Shanghai) to now, against the same period last year.
    expect(s).toMatchObject({
      regionCode: '370000',
      from: '2026-01-01T00:00:00.000+08:00',
      to: '2026-11-25T10:00:00.000+08:00',
      previousFrom: '2025-01-01T00:00:00.000+08:00',
      previousTo: '2025-11-25T10:00:00.000+08:00',
    });
    expect(s.current.accidents).toBeGreaterThan(1000);
    expect(s.larger.current.accidents).toBeGreaterThan(10);
    // Change and percentage: current − previous; percent one decimal; none on a base of 0.
    for (const f of FIGURES) {
      expect(s.change[f]).toBe(s.current[f] - s.previous[f]);
      const exact = ((s.current[f] - s.previous[f]) / s.previous[f]) * 100;
      expect(Math.abs(s.changePct[f] - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
    }

    await expectSummaryMatchesReference(province, '370300', '3703');
    await expectSummaryMatchesReference(city, '370303', '370303');
    await expectSummaryMatchesReference(city, '370303001', '370303001');
    const q = `&from=${encodeURIComponent('2026-03-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-04-01T00:00:00+08:00')}`;
    const march = await expectSummaryMatchesReference(province, '370000', '37', q);
    expect(march.previousFrom).toBe('2025-03-01T00:00:00.000+08:00');
    expect(march.previousTo).toBe('2025-04-01T00:00:00.000+08:00');
    // A period longer than a year overlaps its 同比 period; each still counts its own rows.
    const long = `&from=${encodeURIComponent('2025-01-01T00:00:00+08:00')}&to=${encodeURIComponent(NOW)}`;
    await expectSummaryMatchesReference(province, '370000', '37', long);
  });

  it('环比: compare=previous takes the period just before (a calendar month: the month before)', async () => {
    const q = `&from=${encodeURIComponent('2026-03-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-04-01T00:00:00+08:00')}&compare=previous`;
    const s = await expectSummaryMatchesReference(province, '370000', '37', q);
    expect(s).toMatchObject({
      compare: 'previous',
      previousFrom: '2026-02-01T00:00:00.000+08:00',
      previousTo: '2026-03-01T00:00:00.000+08:00',
    });
    const b = (await province.get(`/api/stats/breakdown?regionCode=370000&by=region${q}`)).body;
    expect(b.compare).toBe('previous');
    expect(b.total.previous).toEqual(s.previous);
    // Any other range: the same length just before.
    const week = `&from=${encodeURIComponent('2026-03-04T00:00:00+08:00')}&to=${encodeURIComponent('2026-03-11T00:00:00+08:00')}&compare=previous`;
    const w = await expectSummaryMatchesReference(province, '370000', '37', week);
    expect(w.previousFrom).toBe('2026-02-25T00:00:00.000+08:00');
    const bad = await province.get('/api/stats/breakdown?regionCode=370000&by=month&compare=previous');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'compare' })]));
  });

  it('the town report counts the missing as deaths; the county with the town; the larger block only 较大+', async () => {
    const town = await county.get('/api/stats/summary?regionCode=370303001');
    expect(town.body.current).toEqual({
      accidents: 1,
      deaths: 2,
      injuries: 1,
      seriousInjuries: 0,
      directLossYuan: 100_000,
    });
    expect(town.body.larger.current.accidents).toBe(0);
    expect(town.body.changePct.accidents).toBeNull();
    // Default region: the actor's own.
    const own = await county.get('/api/stats/summary');
    expect(own.body.regionCode).toBe('370303');
  });
});

describe('breakdown', () => {
  it('rows add up to the total, and the total equals the summary, for every dimension', async () => {
    for (const [c, regionCode] of [
      [province, '370000'],
      [city, '370300'],
      [county, '370303'],
    ] as const) {
      const summary = (await c.get(`/api/stats/summary?regionCode=${regionCode}`)).body;
      for (const by of BY) {
        for (const level of by === 'industry' ? ['section', 'division'] : ['section']) {
          const res = await c.get(`/api/stats/breakdown?regionCode=${regionCode}&by=${by}&industryLevel=${level}`);
          expect(res.status, `${regionCode} ${by}`).toBe(200);
          const b = res.body;
          expect(b.total.current, `${regionCode} ${by}`).toEqual(summary.current);
          expect(b.total.previous, `${regionCode} ${by}`).toEqual(summary.previous);
          // biome-ignore lint/suspicious/noExplicitAny: response rows
          expect(sumOf(b.rows.map((r: any) => r.current)), `${regionCode} ${by} ${level}`).toEqual(b.total.current);
          // biome-ignore lint/suspicious/noExplicitAny: response rows
          expect(sumOf(b.rows.map((r: any) => r.previous)), `${regionCode} ${by} ${level}`).toEqual(b.total.previous);
          expect(new Set(b.rows.map((r: { key: string }) => r.key)).size).toBe(b.rows.length);
        }
      }
    }
  });

  it("grades=larger restricts every row to 较大及以上: the total equals the summary's larger block", async () => {
    const s = (await province.get('/api/stats/summary?regionCode=370000')).body;
    for (const by of BY) {
      const b = (await province.get(`/api/stats/breakdown?regionCode=370000&by=${by}&grades=larger`)).body;
      expect(b.grades).toBe('larger');
      expect(b.total.current).toEqual(s.larger.current);
      expect(b.total.previous).toEqual(s.larger.previous);
      expect(sumOf(b.rows.map((r: { current: Figures }) => r.current))).toEqual(s.larger.current);
    }
    const bad = await province.get('/api/stats/breakdown?regionCode=370000&by=region&grades=major');
    expect(bad.status).toBe(400);
  });

  it('by region: the direct children with zeros, each equal to its own SQL; a 市辖区 has its towns with data and 区本级', async () => {
    const prov = (await province.get('/api/stats/breakdown?regionCode=370000&by=region')).body;
    const cities = await t.db.kysely.selectFrom('regions').select('code').where('parent_code', '=', '370000').execute();
    expect(prov.rows.map((r: { key: string }) => r.key).sort()).toEqual(cities.map((c) => c.code).sort());
    const zibo = prov.rows.find((r: { key: string }) => r.key === '370300');
    expect(zibo.label).toBe('淄博市');
    expect(zibo.current).toEqual(await reference('3703', prov.from, prov.to));
    expect(zibo.previous).toEqual(await reference('3703', prov.previousFrom, prov.previousTo));
    const qingdao = prov.rows.find((r: { key: string }) => r.key === '370200');
    expect(qingdao.current.accidents).toBe(0);
    expect(qingdao.changePct.accidents).toBeNull();

    const zb = (await city.get('/api/stats/breakdown?by=region')).body;
    expect(zb.regionCode).toBe('370300');
    const zhoucun = zb.rows.find((r: { key: string }) => r.key === '370305');
    expect(zhoucun.current).toEqual(await reference('370305', zb.from, zb.to));

    const zd = (await county.get('/api/stats/breakdown?by=region')).body;
    const own = zd.rows.find((r: { key: string }) => r.key === '370303');
    expect(own.label).toBe('区本级');
    const town = zd.rows.find((r: { key: string }) => r.key === '370303001');
    expect(town.current.accidents).toBe(1);
    expect(town.label).not.toMatch(/^\d+$/);
    // Towns without accidents in either period are left out; the own row comes last.
    expect(
      zd.rows.every(
        (r: { current: { accidents: number }; previous: { accidents: number } }) =>
          r.current.accidents + r.previous.accidents > 0 || r === own,
      ),
    ).toBe(true);
    expect(zd.rows.at(-1)).toBe(own);
    const towns = await t.db.kysely.selectFrom('regions').select('code').where('parent_code', '=', '370303').execute();
    expect(zd.rows.length).toBeLessThan(towns.length);
    expect(own.current.accidents).toBe((await reference('370303', zd.from, zd.to)).accidents - 1);
  });

  it('by month: Shanghai calendar months, previous = the same month last year; by type/grade: code names', async () => {
    const m = (await province.get('/api/stats/breakdown?regionCode=370000&by=month')).body;
    expect(m.rows.map((r: { key: string }) => r.key)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    const march = m.rows[2];
    expect(march.label).toBe('2026年3月');
    expect(march.current).toEqual(await reference('37', '2026-03-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00'));
    expect(march.previous).toEqual(await reference('37', '2025-03-01T00:00:00+08:00', '2025-04-01T00:00:00+08:00'));

    const types = (await province.get('/api/stats/breakdown?regionCode=370000&by=type')).body;
    expect(types.rows).toHaveLength(20);
    expect(types.rows.find((r: { key: string }) => r.key === '19').label).toBe('中毒和窒息');
    const grades = (await province.get('/api/stats/breakdown?regionCode=370000&by=grade')).body;
    expect(grades.rows.map((r: { label: string }) => r.label)).toEqual([
      '一般事故',
      '较大事故',
      '重大事故',
      '特别重大事故',
    ]);
    const summary = (await province.get('/api/stats/summary?regionCode=370000')).body;
    // biome-ignore lint/suspicious/noExplicitAny: response rows
    expect(sumOf(grades.rows.slice(1).map((r: any) => r.current))).toEqual(summary.larger.current);
    const industry = (await province.get('/api/stats/breakdown?regionCode=370000&by=industry')).body;
    expect(industry.rows).toHaveLength(20);
    expect(industry.rows.find((r: { key: string }) => r.key === 'C').label).toBe('制造业');
    const division = (await province.get('/api/stats/breakdown?regionCode=370000&by=industry&industryLevel=division'))
      .body;
    expect(division.rows.map((r: { key: string }) => r.key)).toContain('C26');
  });
});

describe('what does not count', () => {
  it('written-off accidents leave every statistic', async () => {
    const before = (await province.get('/api/stats/summary?regionCode=370000')).body;
    const gone = await sql<Figures & { larger: number }>`
      WITH w AS (
        UPDATE accidents SET written_off_at = ${new Date(NOW)}
        WHERE id IN (
          SELECT id FROM accidents
          WHERE occurred_at >= '2026-01-01T00:00:00+08:00' AND region_code LIKE '37%' AND grade <> 'general'
          ORDER BY id LIMIT 5)
        RETURNING *
      )
      SELECT count(*)::int AS "accidents", coalesce(sum(stat_deaths + stat_missing), 0)::int AS "deaths"
      FROM w`.execute(t.db.kysely);
    const w = gone.rows[0] as Figures;
    expect(w.accidents).toBe(5);
    const after = await expectSummaryMatchesReference(province, '370000', '37');
    expect(after.current.accidents).toBe(before.current.accidents - 5);
    expect(after.current.deaths).toBe(before.current.deaths - w.deaths);
    expect(after.larger.current.accidents).toBe(before.larger.current.accidents - 5);
    const region = (await province.get('/api/stats/breakdown?regionCode=370000&by=region')).body;
    expect(region.total.current).toEqual(after.current);
  });

  it('a casualty change filed after the 30-day window does not change the statistics; inside it does', async () => {
    t.clock.set('2026-09-01T10:00:00+08:00');
    const late = await file(county, { occurredAt: '2026-09-01T09:00:00+08:00', deaths: 1 });
    const inside = await file(county, { occurredAt: '2026-09-01T09:10:00+08:00', deaths: 0, minorInjuries: 1 });
    t.clock.set('2026-09-10T10:00:00+08:00');
    expect((await county.post(`/api/accidents/${inside.id}/followups`, { seriousInjuries: 2 })).status).toBe(201);
    t.clock.set(NOW); // 85 days after: outside the window
    const before = (await county.get('/api/stats/summary')).body;
    const res = await county.post(`/api/accidents/${late.id}/followups`, { deaths: 4, seriousInjuries: 3 });
    expect(res.status).toBe(201);
    expect(res.body.flags).toContain('outside_window');
    const after = await expectSummaryMatchesReference(county, '370303', '370303');
    expect(after.current).toEqual(before.current);
    expect(after.larger).toEqual(before.larger);
    // The inside-window follow-up counted: 2 serious injuries on top of the 1 minor injury.
    const { rows } = await sql<{ stat_serious_injuries: number }>`
      SELECT stat_serious_injuries FROM accidents WHERE id = ${inside.id}`.execute(t.db.kysely);
    expect(rows[0]?.stat_serious_injuries).toBe(2);
  });
});

describe('the monthly rollup (migration 0006)', () => {
  /** Rollup rows that differ from a GROUP BY over the accidents they sum (zero rows ignored). */
  async function drift(): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      WITH truth AS (
        SELECT region_code, date_trunc('month', occurred_at AT TIME ZONE 'Asia/Shanghai')::date AS month, grade,
               industry_code, accident_type, domain, count(*)::int AS accidents,
               sum(stat_deaths + stat_missing)::int AS deaths,
               sum(stat_serious_injuries + stat_minor_injuries)::int AS injuries,
               sum(stat_serious_injuries)::int AS serious_injuries, sum(stat_direct_loss_yuan)::bigint AS direct_loss_yuan
        FROM accidents WHERE written_off_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6
      ), rollup AS (SELECT * FROM accident_stats_monthly WHERE accidents <> 0)
      SELECT count(*)::int AS n FROM (
        (SELECT * FROM truth EXCEPT ALL SELECT * FROM rollup) UNION ALL (SELECT * FROM rollup EXCEPT ALL SELECT * FROM truth)
      ) d`.execute(t.db.kysely);
    return rows[0]?.n ?? -1;
  }

  it('equals the accidents it sums after inserts, follow-ups, write-offs, moves and deletes', async () => {
    expect(await drift()).toBe(0);
    const db = t.db.kysely;
    await sql`UPDATE accidents SET written_off_at = NULL WHERE written_off_at IS NOT NULL`.execute(db);
    expect(await drift()).toBe(0);
    // A move across a month boundary and to another county, and a grade change, in one statement.
    await sql`UPDATE accidents SET occurred_at = occurred_at + interval '20 days', region_code = '370304',
                grade = 'larger', stat_deaths = stat_deaths + 3
              WHERE id IN (SELECT id FROM accidents WHERE region_code = '370303' ORDER BY id LIMIT 50)`.execute(db);
    expect(await drift()).toBe(0);
    await sql`UPDATE accidents SET updated_at = now() WHERE region_code LIKE '3703%'`.execute(db);
    expect(await drift()).toBe(0);
    await sql`DELETE FROM accident_revisions WHERE accident_id IN (
                SELECT id FROM accidents WHERE id::text LIKE '00000000-0000-7000-8000-0000000001%')`.execute(db);
    await sql`DELETE FROM accidents WHERE id::text LIKE '00000000-0000-7000-8000-0000000001%'`.execute(db);
    expect(await drift()).toBe(0);
  });

  it('periods split into whole months and partial months equal the hand-written SQL', async () => {
    const periods: [string, string][] = [
      ['2025-11-25T13:14:00+08:00', '2026-02-03T08:00:00+08:00'], // partial, whole, partial
      ['2026-02-01T00:00:00+08:00', '2026-03-01T00:00:00+08:00'], // exactly one whole month
      ['2026-02-10T00:00:00+08:00', '2026-02-20T00:00:00+08:00'], // inside one month
      ['2025-10-31T23:59:59+08:00', '2026-11-01T00:00:01+08:00'], // a second at each end
      ['2024-12-01T00:00:00+08:00', NOW], // longer than a year: overlaps its 同比 period
    ];
    for (const [from, to] of periods) {
      const q = `&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      const s = await expectSummaryMatchesReference(province, '370000', '37', q);
      for (const by of BY) {
        const b = (await province.get(`/api/stats/breakdown?regionCode=370000&by=${by}${q}`)).body;
        expect(b.total.current).toEqual(s.current);
        expect(b.total.previous).toEqual(s.previous);
        expect(sumOf(b.rows.map((r: { current: Figures }) => r.current))).toEqual(s.current);
      }
    }
  });
});

describe('access and input', () => {
  it('a county cannot ask for its city or a neighbour (404); an enterprise is refused (403); anonymous 401', async () => {
    for (const url of [
      '/api/stats/summary?regionCode=370300',
      '/api/stats/summary?regionCode=370305',
      '/api/stats/breakdown?regionCode=370300&by=region',
      '/api/stats/summary?regionCode=370102',
    ]) {
      expect((await county.get(url)).status, url).toBe(404);
    }
    // Inside the jurisdiction but no such region.
    expect((await city.get('/api/stats/summary?regionCode=370399')).status).toBe(404);
    const ent = await t.as('ent.91370303MA3C4B2X1Y');
    expect((await ent.get('/api/stats/summary')).status).toBe(403);
    expect((await ent.get('/api/stats/breakdown?by=region')).status).toBe(403);
    expect((await t.anonymous().get('/api/stats/summary')).status).toBe(401);
    // Every bureau role reads statistics.
    for (const role of ['admin', 'duty', 'stats', 'inspector', 'leader']) {
      expect((await (await t.as(`${role}.370300`)).get('/api/stats/summary')).status, role).toBe(200);
    }
  });

  it('bad input is a 400 naming the field', async () => {
    const cases: [string, string][] = [
      [
        `/api/stats/summary?from=${encodeURIComponent('2026-05-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-04-01T00:00:00+08:00')}`,
        'from',
      ],
      [
        `/api/stats/summary?from=${encodeURIComponent('2026-04-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-04-01T00:00:00+08:00')}`,
        'from',
      ],
      // Not a timestamp with an offset.
      ['/api/stats/summary?from=2026-01-01', 'from'],
      ['/api/stats/summary?regionCode=37', 'regionCode'],
      ['/api/stats/breakdown?by=county', 'by'],
      ['/api/stats/breakdown', 'by'],
      ['/api/stats/breakdown?by=industry&industryLevel=group', 'industryLevel'],
    ];
    for (const [url, path] of cases) {
      const res = await city.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.details[0].path, url).toBe(path);
    }
    // `from` left out, `to` given: from is 1 January of the year `to` falls in.
    const onlyTo = await city.get(`/api/stats/summary?to=${encodeURIComponent('2025-07-01T00:00:00+08:00')}`);
    expect(onlyTo.status).toBe(200);
    expect(onlyTo.body.from).toBe('2025-01-01T00:00:00.000+08:00');
    // `from` given after now, `to` defaulting to now: from after to.
    const future = await city.get(`/api/stats/summary?from=${encodeURIComponent('2026-12-01T00:00:00+08:00')}`);
    expect(future.status).toBe(400);
    expect(future.body.error.details[0].path).toBe('from');
  });
});

describe('empty', () => {
  it('a region without accidents has zeros, no percentages, and the zero rows', async () => {
    const res = await province.get('/api/stats/summary?regionCode=370200');
    expect(res.body.current).toEqual({ accidents: 0, deaths: 0, injuries: 0, seriousInjuries: 0, directLossYuan: 0 });
    expect(res.body.changePct).toEqual({
      accidents: null,
      deaths: null,
      injuries: null,
      seriousInjuries: null,
      directLossYuan: null,
    });
    const b = (await province.get('/api/stats/breakdown?regionCode=370200&by=domain')).body;
    expect(b.rows).toHaveLength(4);
    expect(b.total.current.accidents).toBe(0);
  });
});
