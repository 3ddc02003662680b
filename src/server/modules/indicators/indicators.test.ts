/**
 * PUT /api/indicators/:year/:regionCode and GET /api/indicators/:year (控制指标) on a realistic fixture: Zibo's
 * counties with accidents filed through the API, caps handed down by the city, the board's statuses exactly at
 * the thresholds (the clock stands at mid-2026, pace ½), reduction targets, allocation warnings both ways, the
 * audit trail, idempotency, who may set what, and bad input. Runs on both engines.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

/** Exactly half of 2026 (365 days: 182.5 days after 1 January 00:00, Asia/Shanghai). */
const NOW = '2026-07-02T12:00:00+08:00';

let t: TestApp;
let cityStats: Client; // stats.370300 — allocates to Zibo's counties
let cityLeader: Client; // leader.370300
let provinceStats: Client; // stats.370000
let countyStats: Client; // stats.370303
let unitSeq = 0;

const caps = (deathCap: number, accidentCap: number, largerAccidentCap: number, extra: object = {}) => ({
  deathCap,
  accidentCap,
  largerAccidentCap,
  ...extra,
});

/** Files a quick report through the API an hour after it happened, then puts the clock back. */
async function file(county: string, occurredAt: string, figures: { deaths?: number; missing?: number }) {
  unitSeq += 1;
  t.clock.set(new Date(new Date(occurredAt).getTime() + 3_600_000));
  const duty = await t.as(`duty.${county}`);
  const res = await duty.post(
    '/api/accidents',
    buildAccident(
      { regionCode: county, occurredAt, unitName: `指标测试有限公司${unitSeq}号厂`, ...figures },
      t.clock.now(),
    ),
  );
  t.clock.set(NOW);
  if (res.status !== 201) throw new Error(`file: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

async function put(c: Client, year: number, code: string, body: object) {
  return c.put(`/api/indicators/${year}/${code}`, body);
}

async function auditRows(entityId: string) {
  return t.db.kysely
    .selectFrom('audit_log')
    .select(['action', 'before', 'after', 'region_code'])
    .where('entity_type', '=', 'control_indicator')
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  [cityStats, cityLeader, provinceStats, countyStats] = await Promise.all([
    t.as('stats.370300'),
    t.as('leader.370300'),
    t.as('stats.370000'),
    t.as('stats.370303'),
  ]);
  // 2025 (last year) in 张店: 2 accidents, 4 deaths.
  await file('370303', '2025-04-10T09:00:00+08:00', { deaths: 1 });
  await file('370303', '2025-09-10T09:00:00+08:00', { deaths: 3 });
  // 2026 so far. 张店: a 较大 accident (3 deaths) and two with 1 death each → 3 accidents, 5 deaths, 1 较大.
  await file('370303', '2026-02-03T09:00:00+08:00', { deaths: 3 });
  await file('370303', '2026-03-03T09:00:00+08:00', { deaths: 1 });
  await file('370303', '2026-05-03T09:00:00+08:00', { deaths: 1 });
  // 临淄: one accident, 1 dead and 1 missing → 2 deaths (死亡含失踪).
  await file('370305', '2026-04-01T09:00:00+08:00', { deaths: 1, missing: 1 });
  // 周村: two accidents, 1 + 2 deaths → 3 deaths.
  await file('370306', '2026-01-20T09:00:00+08:00', { deaths: 1 });
  await file('370306', '2026-06-20T09:00:00+08:00', { deaths: 2 });
  // 博山: one accident that is written off (核销) — it must not count.
  const writtenOff = await file('370304', '2026-03-15T09:00:00+08:00', { deaths: 2 });
  // 桓台 (no figures handed down): a 较大 one in the current, partial month (read from accidents, not the rollup).
  await file('370321', '2026-07-02T08:00:00+08:00', { deaths: 3 });
  await sql`UPDATE accidents SET written_off_at = ${new Date(NOW)} WHERE id = ${writtenOff.id}`.execute(t.db.kysely);
});
afterAll(() => t.close());

describe('PUT /api/indicators/:year/:regionCode', () => {
  it('stores the figures, audits before/after, and a repeated PUT changes nothing', async () => {
    const body = caps(8, 10, 1, { note: '市安委会2026年1号文件' });
    const first = await put(cityStats, 2026, '370303', body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      changed: true,
      warnings: [],
      indicator: {
        year: 2026,
        regionCode: '370303',
        deathCap: 8,
        accidentCap: 10,
        largerAccidentCap: 1,
        deathReductionPct: null,
        accidentReductionPct: null,
        note: '市安委会2026年1号文件',
        version: 1,
        setAt: '2026-07-02T12:00:00.000+08:00',
      },
    });
    expect(first.body.indicator.setByName).toContain('统计员');
    const again = await put(cityStats, 2026, '370303', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, changed: false });
    const rows = await auditRows('2026:370303');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'indicator.set', region_code: '370303', before: null });
    expect(rows[0]?.after).toEqual(first.body.indicator);

    // A change: version 2, the audit row has both sides.
    t.clock.set('2026-07-02T12:05:00+08:00');
    const changed = await put(cityStats, 2026, '370303', caps(8, 12, 1, { note: '市安委会2026年1号文件' }));
    t.clock.set(NOW);
    expect(changed.body).toMatchObject({ changed: true, indicator: { accidentCap: 12, version: 2 } });
    const after = await auditRows('2026:370303');
    expect(after).toHaveLength(2);
    expect(after[1]?.before).toEqual(first.body.indicator);
    expect(after[1]?.after).toEqual(changed.body.indicator);
    // Back to the first figures (kept for the board below).
    expect((await put(cityStats, 2026, '370303', body)).body.indicator.version).toBe(3);
  });

  it('warns when the children add up to more than the parent — when setting a child and when setting the parent', async () => {
    for (const [code, body] of [
      ['370305', caps(4, 4, 0)],
      ['370306', caps(5, 6, 0)],
      ['370304', caps(2, 4, 0)],
      ['370302', caps(5, 8, 1)],
    ] as const) {
      const res = await put(cityStats, 2026, code, body);
      expect(res.status, code).toBe(200);
      // Zibo itself has no figures yet: nothing to compare with.
      expect(res.body.warnings, code).toEqual([]);
    }
    // Children: deaths 8+4+5+2+5 = 24, accidents 10+4+6+4+8 = 32, 较大 1+0+0+0+1 = 2.
    const parent = await put(provinceStats, 2026, '370300', caps(20, 40, 2));
    expect(parent.status).toBe(200);
    expect(parent.body.warnings).toEqual([
      {
        indicator: 'deaths',
        sum: 24,
        cap: 20,
        message: '淄博市各下级死亡人数控制数合计24，超过淄博市控制数20（超出4）',
      },
    ]);
    // Raising a child's caps: the warning now comes from the parent's side of the child's PUT.
    const child = await put(cityStats, 2026, '370302', caps(5, 17, 1));
    expect(child.body.warnings.map((w: { indicator: string; sum: number }) => [w.indicator, w.sum])).toEqual([
      ['deaths', 24],
      ['accidents', 41],
    ]);
    expect(child.body.warnings[1].message).toBe('淄博市各下级事故起数控制数合计41，超过淄博市控制数40（超出1）');
    // Back within the accidents cap (the deaths still over), then the parent raised to cover them.
    const back = await put(cityStats, 2026, '370302', caps(5, 8, 1));
    expect(back.body.warnings.map((w: { indicator: string }) => w.indicator)).toEqual(['deaths']);
    expect((await put(provinceStats, 2026, '370300', caps(26, 40, 2))).body.warnings).toEqual([]);
  });

  it('lets the ministry or the province administrator set the province, no one else', async () => {
    const ministry = await t.as('stats.000000');
    expect((await put(ministry, 2026, '370000', caps(900, 1500, 20))).status).toBe(200);
    const provinceAdmin = await t.as('admin.370000');
    const own = await put(provinceAdmin, 2026, '370000', caps(880, 1500, 20, { deathReductionPct: 5 }));
    expect(own.status).toBe(200);
    expect(own.body.indicator).toMatchObject({ deathCap: 880, deathReductionPct: 5, version: 2 });
    const refused = await put(provinceStats, 2026, '370000', caps(1, 1, 1));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_ALLOCATOR');
  });

  it('refuses roles without the permission, regions outside the jurisdiction and levels below the direct children', async () => {
    const body = caps(1, 1, 0);
    const cases: [string, string, number, string][] = [
      ['leader.370300', '370303', 403, 'FORBIDDEN'],
      ['duty.370300', '370303', 403, 'FORBIDDEN'],
      ['inspector.370300', '370303', 403, 'FORBIDDEN'],
      ['stats.370303', '370300', 403, 'OUTSIDE_JURISDICTION'], // its parent
      ['stats.370303', '370302', 403, 'OUTSIDE_JURISDICTION'], // a sibling
      ['admin.370303', '370302', 403, 'OUTSIDE_JURISDICTION'],
      ['stats.370303', '370303', 403, 'NOT_ALLOCATOR'], // its own
      ['stats.370000', '370303', 403, 'NOT_ALLOCATOR'], // a grandchild: the city allocates
      ['stats.370100', '370303', 403, 'OUTSIDE_JURISDICTION'], // another city
      ['stats.370300', '370399', 404, 'NOT_FOUND'], // no such region
    ];
    for (const [user, code, status, error] of cases) {
      const res = await put(await t.as(user), 2026, code, body);
      expect([res.status, res.body.error?.code], `${user} → ${code}`).toEqual([status, error]);
    }
    expect((await put(await t.as('ent.91370303MA3C4B2X1Y'), 2026, '370303', body)).status).toBe(403);
    expect((await put(t.anonymous(), 2026, '370303', body)).status).toBe(401);
    // Nothing was written by any of them.
    expect(await auditRows('2026:370302')).toHaveLength(3);
  });

  it('answers bad input with 400 and the field', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/indicators/1999/370303', caps(1, 1, 0), 'year'],
      ['/api/indicators/2101/370303', caps(1, 1, 0), 'year'],
      ['/api/indicators/abc/370303', caps(1, 1, 0), 'year'],
      ['/api/indicators/2026.5/370303', caps(1, 1, 0), 'year'],
      ['/api/indicators/2026/3703', caps(1, 1, 0), 'regionCode'],
      ['/api/indicators/2026/370303', caps(-1, 1, 0), 'deathCap'],
      ['/api/indicators/2026/370303', caps(1, 1.5, 0), 'accidentCap'],
      ['/api/indicators/2026/370303', { deathCap: 1, accidentCap: 1 }, 'largerAccidentCap'],
      ['/api/indicators/2026/370303', { ...caps(1, 1, 0), largerAccidentCap: '1' }, 'largerAccidentCap'],
      ['/api/indicators/2026/370303', caps(1, 1, 0, { deathReductionPct: 101 }), 'deathReductionPct'],
      ['/api/indicators/2026/370303', caps(1, 1, 0, { accidentReductionPct: -1 }), 'accidentReductionPct'],
      ['/api/indicators/2026/370303', caps(1, 1, 0, { deathReductionPct: 5.555 }), 'deathReductionPct'],
      ['/api/indicators/2026/370303', caps(1, 1, 0, { note: 'x'.repeat(501) }), 'note'],
      ['/api/indicators/2026/370303', caps(1, 1, 0, { extra: 1 }), 'extra'],
    ];
    for (const [url, body, path] of cases) {
      const res = await cityStats.put(url, body);
      expect(res.status, `${url} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(
        res.body.error.details.map((d: { path: string }) => d.path),
        `${url} ${JSON.stringify(body)}`,
      ).toContain(path);
    }
    expect((await cityStats.put('/api/indicators/2026/370303', '{"deathCap":')).body.error.code).toBe('MALFORMED_JSON');
  });
});

describe('GET /api/indicators/:year', () => {
  it('shows the region and its children worst first, with actual figures from the statistics', async () => {
    const res = await cityLeader.get('/api/indicators/2026');
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b).toMatchObject({ year: 2026, pace: 0.5, asOf: '2026-07-02T12:00:00.000+08:00' });
    // Zibo: 5 + 2 + 3 + 3 deaths (the written-off one left out), 7 accidents, 2 较大; caps 26 / 40 / 2.
    expect(b.region).toMatchObject({
      code: '370300',
      name: '淄博市',
      actual: { deaths: 13, accidents: 7, largerAccidents: 2 },
      // 较大 2 of 2 at mid-year: the cap is used up half a year early.
      statuses: { deaths: 'green', accidents: 'green', largerAccidents: 'red' },
      status: 'red',
      behind: true,
    });
    expect(b.region.ratio).toEqual({ deaths: 0.5, accidents: 7 / 40, largerAccidents: 1 });
    expect(b.children.map((c: { code: string; status: string }) => [c.code, c.status])).toEqual([
      ['370303', 'red'], // deaths 5/8 = 0.625 > 0.6; 较大 1/1
      ['370306', 'yellow'], // deaths 3/5 = 0.6: exactly pace + 10 points, not red
      ['370305', 'green'], // deaths 2/4 = 0.5: exactly the pace
      ['370302', 'green'],
      ['370304', 'green'], // the written-off accident does not count
      ['370321', 'none'],
      ['370322', 'none'],
      ['370323', 'none'],
    ]);
    const [zd, zc, lz] = b.children;
    expect(zd).toMatchObject({
      name: '张店区',
      actual: { deaths: 5, accidents: 3, largerAccidents: 1 },
      ratio: { deaths: 0.625, accidents: 0.3, largerAccidents: 1 },
      statuses: { deaths: 'red', accidents: 'green', largerAccidents: 'red' },
      pace: 0.5,
      behind: true,
      target: {
        deathCap: 8,
        accidentCap: 10,
        largerAccidentCap: 1,
        effective: { deaths: 8, accidents: 10, largerAccidents: 1 },
      },
    });
    expect(zc).toMatchObject({ actual: { deaths: 3, accidents: 2 }, statuses: { deaths: 'yellow' }, behind: true });
    expect(lz).toMatchObject({
      actual: { deaths: 2, accidents: 1, largerAccidents: 0 },
      ratio: { deaths: 0.5, accidents: 0.25, largerAccidents: null },
      behind: false,
    });
    expect(b.children[5]).toMatchObject({ target: null, actual: { deaths: 3, accidents: 1, largerAccidents: 1 } });
    expect(b.children[6]).toMatchObject({
      target: null,
      statuses: null,
      actual: { deaths: 0, accidents: 0, largerAccidents: 0 },
    });
    expect(b.allocation).toEqual({
      sum: { deaths: 24, accidents: 32, largerAccidents: 2 },
      parent: { deaths: 26, accidents: 40, largerAccidents: 2 },
      exceeds: { deaths: false, accidents: false, largerAccidents: false },
      warnings: [],
    });
  });

  it("every row's actual equals the statistics summary of that region for the year to date", async () => {
    for (const [c, regionCode] of [
      [cityLeader, '370300'],
      [provinceStats, '370000'],
      [countyStats, '370303'],
    ] as const) {
      const b = (await c.get(`/api/indicators/2026?regionCode=${regionCode}`)).body;
      for (const row of [b.region, ...b.children]) {
        const q = new URLSearchParams({ regionCode: row.code, from: '2026-01-01T00:00:00+08:00', to: NOW });
        const s = (await c.get(`/api/stats/summary?${q}`)).body;
        expect(row.actual, row.code).toEqual({
          deaths: s.current.deaths,
          accidents: s.current.accidents,
          largerAccidents: s.larger.current.accidents,
        });
      }
    }
  });

  it('holds a region to its reduction target once last year is over: floor(last year × (1 − pct))', async () => {
    // 张店 2025: 4 deaths, 2 accidents. 50 % → deaths at most 2; 25 % → accidents at most floor(1.5) = 1.
    await put(cityStats, 2026, '370303', caps(8, 10, 1, { deathReductionPct: 50, accidentReductionPct: 25 }));
    const b = (await cityStats.get('/api/indicators/2026?regionCode=370300')).body;
    const zd = b.children.find((c: { code: string }) => c.code === '370303');
    expect(zd.target).toMatchObject({
      deathCap: 8,
      deathReductionPct: 50,
      accidentReductionPct: 25,
      lastYearActual: { deaths: 4, accidents: 2 },
      effective: { deaths: 2, accidents: 1, largerAccidents: 1 },
    });
    expect(zd.ratio).toMatchObject({ deaths: 2.5, accidents: 3 });
    // Setting 2027 now: 2026 is not over, so its partial figures do not make a target yet.
    await put(cityStats, 2027, '370303', caps(8, 10, 1, { deathReductionPct: 50 }));
    const next = (await cityStats.get('/api/indicators/2027?regionCode=370300')).body;
    const zd27 = next.children.find((c: { code: string }) => c.code === '370303');
    expect(zd27.target).toMatchObject({ lastYearActual: null, effective: { deaths: 8 } });
    // Put 张店 back without the reduction for the remaining tests.
    await put(cityStats, 2026, '370303', caps(8, 10, 1, { note: '市安委会2026年1号文件' }));
  });

  it('a past year is judged on the whole year (pace 1), a future year has pace 0 and nothing happened', async () => {
    await put(cityStats, 2025, '370303', caps(4, 3, 0));
    const past = (await cityLeader.get('/api/indicators/2025')).body;
    expect(past.pace).toBe(1);
    const zd = past.children[0];
    // 2025: 4 deaths (cap 4, met exactly at year end: green), 2 accidents, and the 3-death one was 较大 → over 0.
    expect(zd).toMatchObject({ code: '370303', actual: { deaths: 4, accidents: 2, largerAccidents: 1 } });
    expect(zd.statuses).toEqual({ deaths: 'green', accidents: 'green', largerAccidents: 'red' });
    const future = (await cityLeader.get('/api/indicators/2030')).body;
    expect(future.pace).toBe(0);
    expect(future.region.actual).toEqual({ deaths: 0, accidents: 0, largerAccidents: 0 });
    expect(future.children.every((c: { status: string }) => c.status === 'none')).toBe(true);
  });

  it('reads a county, a town level and the province board within the jurisdiction', async () => {
    const county = await countyStats.get('/api/indicators/2026');
    expect(county.status).toBe(200);
    expect(county.body.region).toMatchObject({ code: '370303', status: 'red' });
    const province = await provinceStats.get('/api/indicators/2026');
    expect(province.status).toBe(200);
    expect(province.body.region).toMatchObject({ code: '370000', target: { deathCap: 880 } });
    const zibo = province.body.children.find((c: { code: string }) => c.code === '370300');
    expect(zibo).toMatchObject({ status: 'red', actual: { deaths: 13, largerAccidents: 2 } });
    // Cities without figures come last.
    expect(province.body.children[0].code).toBe('370300');
    expect(province.body.children.slice(1).every((c: { status: string }) => c.status === 'none')).toBe(true);
  });

  it('denies reads outside the jurisdiction (404), to enterprises (403) and anonymously (401)', async () => {
    for (const url of [
      '/api/indicators/2026?regionCode=370300',
      '/api/indicators/2026?regionCode=370302',
      '/api/indicators/2026?regionCode=370000',
    ]) {
      expect((await countyStats.get(url)).status, url).toBe(404);
    }
    expect((await cityLeader.get('/api/indicators/2026?regionCode=370399')).status).toBe(404);
    const ent = await t.as('ent.91370303MA3C4B2X1Y');
    expect((await ent.get('/api/indicators/2026')).status).toBe(403);
    expect((await t.anonymous().get('/api/indicators/2026')).status).toBe(401);
  });

  it('answers bad input with 400', async () => {
    for (const [url, path] of [
      ['/api/indicators/1999', 'year'],
      ['/api/indicators/x', 'year'],
      ['/api/indicators/2026?regionCode=37', 'regionCode'],
      ['/api/indicators/2026?foo=1', 'foo'],
    ] as const) {
      const res = await cityLeader.get(url);
      expect(res.status, url).toBe(400);
      expect(
        res.body.error.details.map((d: { path: string }) => d.path),
        url,
      ).toContain(path);
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/indicators/{year}/{regionCode}', '/api/indicators/{year}']),
    );
  });
});
