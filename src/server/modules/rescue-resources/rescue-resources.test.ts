/**
 * 应急资源 through the API (issue 12 §2, bar 2): the nearest search against a hand haversine computation on demo-like
 * data (teams, equipment and experts around the 淄博 county seats), from a point and from an accident; jurisdiction;
 * hostile input; revisions; agreements and the uncovered high-risk enterprises; statistics; the import's row errors
 * and re-import; audit and idempotency.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../documents/xlsx.js';
import {
  buildAccident,
  buildEnterprise,
  type Client,
  type TestApp,
  testApp,
  testClock,
} from '../../testing/harness.js';

const NOW = '2026-12-06T10:00:00+08:00';
const TODAY = '2026-12-06';

let t: TestApp;
let city: Client; // 淄博市 admin
let zhangdian: Client; // 张店区 admin
let zhangdianDuty: Client;
let zhangdianStats: Client;
let licheng: Client; // 历城区 admin (济南): foreign to 淄博

/** The spherical law of cosines on R = 6371.0088 km: an independent hand computation of the distance. */
function handKm(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const r = Math.PI / 180;
  const c =
    Math.sin(a.lat * r) * Math.sin(b.lat * r) +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.cos((b.lng - a.lng) * r);
  return 6371.0088 * Math.acos(Math.min(1, c));
}

const team = (over: Record<string, unknown> = {}) => ({
  kind: 'team',
  name: `测试救援队${Math.random().toString(36).slice(2, 8)}`,
  specialties: ['hazchem'],
  lng: 118.018,
  lat: 36.806,
  level: 'county',
  members: 30,
  dutyPhone: '0533-2180119',
  ...over,
});

/** Demo-like resources: around 张店区 (118.018, 36.806), 临淄区 (118.309, 36.826), 博山区 (117.862, 36.494) seats. */
const PLACES: { name: string; region: string; lng: number; lat: number; kind: string; specialties: string[] }[] = [
  { name: '张店区危化救援队', region: '370303', lng: 118.031, lat: 36.812, kind: 'team', specialties: ['hazchem'] },
  { name: '淄博市矿山救护队', region: '370300', lng: 117.95, lat: 36.7, kind: 'team', specialties: ['mine'] },
  {
    name: '临淄区石化救援队',
    region: '370305',
    lng: 118.3,
    lat: 36.83,
    kind: 'team',
    specialties: ['hazchem', 'oil_gas'],
  },
  { name: '博山区矿山救援队', region: '370304', lng: 117.87, lat: 36.5, kind: 'team', specialties: ['mine'] },
  { name: '周村区消防救援队', region: '370306', lng: 117.87, lat: 36.8, kind: 'team', specialties: ['fire'] },
  { name: '桓台县水上搜救队', region: '370321', lng: 118.1, lat: 36.96, kind: 'team', specialties: ['water_rescue'] },
];

const ids = new Map<string, string>();

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60 });
  city = await t.as('admin.370300');
  zhangdian = await t.as('admin.370303');
  zhangdianDuty = await t.as('duty.370303');
  zhangdianStats = await t.as('stats.370303');
  licheng = await t.as('admin.370112');
  for (const p of PLACES) {
    const { region, ...fields } = p;
    const level = region === '370300' ? 'city' : 'county';
    const res = await city.post('/api/rescue-resources', team({ ...fields, regionCode: region, level }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.set(p.name, res.body.id);
  }
  // an expert and equipment near 张店
  const expert = await city.post('/api/rescue-resources', {
    kind: 'expert',
    name: '王海峰',
    regionCode: '370300',
    specialties: ['hazchem'],
    lng: 118.05,
    lat: 36.79,
    contactPhone: '13905330001',
    organization: '淄博市化工研究院',
    title: '正高级工程师',
  });
  expect(expert.status, JSON.stringify(expert.body)).toBe(201);
  ids.set('expert', expert.body.id);
  const pump = await zhangdian.post('/api/rescue-resources', {
    kind: 'equipment',
    name: '大流量排水车',
    specialties: ['mine', 'water_rescue'],
    lng: 118.02,
    lat: 36.81,
    equipmentType: '大流量排水抢险车',
    quantity: 2,
    unit: '台',
    ownerName: '张店区应急管理局',
    maintainedOn: '2026-10-01',
    nextMaintenanceOn: '2027-04-01',
  });
  expect(pump.status, JSON.stringify(pump.body)).toBe(201);
  expect(pump.body.regionCode).toBe('370303');
  ids.set('pump', pump.body.id);
});
afterAll(() => t.close());

describe('nearest search (bar 2)', () => {
  it('orders teams by straight-line distance from a point, as a hand haversine computation does', async () => {
    const origin = { lng: 118.018, lat: 36.806 };
    const res = await city.get(`/api/rescue-resources/nearest?lng=${origin.lng}&lat=${origin.lat}&kind=team&limit=6`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const expected = PLACES.map((p) => ({ name: p.name, km: handKm(origin, p) })).sort((a, b) => a.km - b.km);
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(expected.map((e) => e.name));
    res.body.items.forEach((item: { distanceKm: number }, i: number) => {
      expect(Math.abs(item.distanceKm - (expected[i] as { km: number }).km)).toBeLessThan(0.006);
    });
    expect(res.body.origin).toMatchObject({ source: 'point', lng: origin.lng, lat: origin.lat });
  });

  it('filters by kind and specialty and stops at the limit', async () => {
    const mine = await city.get('/api/rescue-resources/nearest?lng=117.86&lat=36.49&specialty=mine&limit=2');
    expect(mine.body.items.map((i: { name: string }) => i.name)).toEqual(['博山区矿山救援队', '淄博市矿山救护队']);
    const experts = await city.get('/api/rescue-resources/nearest?lng=118&lat=36.8&kind=expert');
    expect(experts.body.items.map((i: { name: string }) => i.name)).toEqual(['王海峰']);
    // far away (济南): the circle widens until the limit is met
    const far = await city.get('/api/rescue-resources/nearest?lng=117.0&lat=36.66&kind=team&limit=1');
    const nearestByHand = PLACES.map((p) => ({ name: p.name, km: handKm({ lng: 117, lat: 36.66 }, p) })).sort(
      (a, b) => a.km - b.km,
    )[0];
    expect(far.body.items[0].name).toBe(nearestByHand?.name);
  });

  it('searches from an accident: its county seat when the unit has no coordinates', async () => {
    const report = await zhangdianDuty.post('/api/accidents', buildAccident({ regionCode: '370303' }, new Date(NOW)));
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const res = await city.get(`/api/rescue-resources/nearest?accidentId=${report.body.id}&kind=team&limit=3`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.origin).toMatchObject({ source: 'county_seat', lng: 118.018, lat: 36.806 });
    expect(res.body.items[0].name).toBe('张店区危化救援队');
    // another jurisdiction's accident is not found
    expect((await licheng.get(`/api/rescue-resources/nearest?accidentId=${report.body.id}`)).status).toBe(404);
  });

  it('searches from an accident at its unit’s registered coordinates', async () => {
    const unit = buildEnterprise({ regionCode: '370305', longitude: 118.3, latitude: 36.83 });
    expect((await city.post('/api/enterprises', unit)).status).toBe(201);
    const report = await zhangdianDuty.post(
      '/api/accidents',
      buildAccident({ regionCode: '370303', unitName: unit.name, unitCreditCode: unit.creditCode }, new Date(NOW)),
    );
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const res = await city.get(`/api/rescue-resources/nearest?accidentId=${report.body.id}&kind=team&limit=1`);
    expect(res.body.origin).toMatchObject({ source: 'enterprise', lng: 118.3, lat: 36.83 });
    expect(res.body.items[0]).toMatchObject({ name: '临淄区石化救援队', distanceKm: 0 });
  });

  it('stays within the actor’s region subtree', async () => {
    const county = await zhangdian.get('/api/rescue-resources/nearest?lng=118.3&lat=36.83&limit=20');
    expect(county.status).toBe(200);
    expect(county.body.items.every((i: { regionCode: string }) => i.regionCode.startsWith('370303'))).toBe(true);
    expect(county.body.items.map((i: { name: string }) => i.name)).toContain('张店区危化救援队');
    const foreign = await licheng.get('/api/rescue-resources/nearest?lng=118.018&lat=36.806&limit=20');
    expect(foreign.body.items).toEqual([]);
    const outside = await zhangdian.get('/api/rescue-resources/nearest?lng=118&lat=36.8&regionCode=370305');
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('OUTSIDE_JURISDICTION');
  });

  it('answers hostile input with 400 naming the field, never 500', async () => {
    const cases: [string, string][] = [
      ['lng=200&lat=36', 'lng'],
      ['lng=abc&lat=36', 'lng'],
      ['lng=118', 'lat'],
      ['lat=36', 'lat'],
      ['lng=118&lat=36&limit=1000', 'limit'],
      ['lng=118&lat=36&limit=-1', 'limit'],
      ['lng=118&lat=36&kind=tank', 'kind'],
      ['lng=118&lat=36&specialty=%27%3B%20DROP%20TABLE%20x', 'specialty'],
      ['accidentId=not-a-uuid', 'accidentId'],
      ['lng=118&lat=36&accidentId=0193a000-0000-7000-8000-000000000000', 'lng'],
      ['', 'lng'],
      ['lng=118&lat=36&extra=1', ''],
    ];
    for (const [query, field] of cases) {
      const res = await city.get(`/api/rescue-resources/nearest?${query}`);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(400);
      if (field) expect(JSON.stringify(res.body.error.details), query).toContain(field);
    }
  });
});

describe('the register', () => {
  it('lists with filters and a literal search; the foreign bureau sees nothing', async () => {
    const hazchem = await city.get('/api/rescue-resources?kind=team&specialty=hazchem');
    expect(hazchem.body.items.map((i: { name: string }) => i.name).sort()).toEqual([
      '临淄区石化救援队',
      '张店区危化救援队',
    ]);
    const search = await city.get(`/api/rescue-resources?q=${encodeURIComponent('矿山')}`);
    expect(search.body.total).toBe(2);
    const hostile = await city.get(`/api/rescue-resources?q=${encodeURIComponent("%'_\\")}`);
    expect(hostile.status).toBe(200);
    expect(hostile.body.total).toBe(0);
    expect((await licheng.get('/api/rescue-resources')).body.total).toBe(0);
    expect((await licheng.get(`/api/rescue-resources/${ids.get('pump')}`)).status).toBe(404);
  });

  it('refuses bad records field by field', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [team({ specialties: [] }), 'specialties'],
      [team({ specialties: ['nuclear'] }), 'specialties'],
      [team({ lng: 10 }), 'lng'],
      [team({ members: -1 }), 'members'],
      [team({ name: 'a\u0000b' }), 'name'],
      [team({ name: 'x'.repeat(201) }), 'name'],
      [team({ level: 'enterprise' }), 'enterpriseId'],
      [team({ dutyPhone: 'call me' }), 'dutyPhone'],
      [{ ...team(), kind: 'equipment' }, 'equipmentType'],
      [{ kind: 'expert', name: '李', specialties: ['fire'], lng: 118, lat: 36.8 }, 'contactPhone'],
      [{ ...team(), regionCode: '37030' }, 'regionCode'],
      [{ kind: 'tank' }, 'kind'],
    ];
    for (const [body, field] of bad) {
      const res = await city.post('/api/rescue-resources', body);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toContain(field);
    }
    const outside = await zhangdian.post('/api/rescue-resources', team({ regionCode: '370305' }));
    expect(outside.status).toBe(403);
    const unknownRegion = await city.post('/api/rescue-resources', team({ regionCode: '370399' }));
    expect(unknownRegion.status).toBe(400);
  });

  it('keeps every revision; a stale version is refused; a retired resource leaves the search', async () => {
    const id = ids.get('pump') as string;
    const before = (await zhangdian.get(`/api/rescue-resources/${id}`)).body;
    const {
      id: _id,
      regionName,
      enterpriseName,
      retiredAt,
      retireReason,
      updatedAt,
      version,
      revisions,
      agreements,
      busy,
      busyIncidentId,
      ...rest
    } = before;
    const body = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
    const updated = await zhangdian.put(`/api/rescue-resources/${id}`, { ...body, quantity: 3, version });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ quantity: 3, version: 2 });
    const stale = await zhangdian.put(`/api/rescue-resources/${id}`, { ...body, quantity: 4, version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const detail = (await zhangdian.get(`/api/rescue-resources/${id}`)).body;
    expect(detail.revisions.map((r: { version: number; change: string }) => [r.version, r.change])).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
    expect(detail.revisions[1].data.quantity).toBe(2);
    const retired = await zhangdian.post(`/api/rescue-resources/${id}/retire`, { reason: '报废', version: 2 });
    expect(retired.status).toBe(200);
    const near = await city.get('/api/rescue-resources/nearest?lng=118.02&lat=36.81&kind=equipment');
    expect(near.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await zhangdian.put(`/api/rescue-resources/${id}`, { ...body, version: 3 })).status).toBe(409);
    // the revisions are append-only in the database too
    await expect(
      sql`DELETE FROM rescue_resource_revisions WHERE resource_id = ${id}`.execute(t.db.kysely),
    ).rejects.toThrow();
  });

  it('audits every write and honours the Idempotency-Key', async () => {
    const body = team({ name: '幂等测试救援队', regionCode: '370303' });
    const key = { 'idempotency-key': 'rescue-idem-1' };
    const first = await zhangdian.post('/api/rescue-resources', body, key);
    const again = await zhangdian.post('/api/rescue-resources', body, key);
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const { rows } = await sql<{ action: string }>`SELECT action FROM audit_log
      WHERE entity_type = 'rescue_resource' AND entity_id = ${first.body.id}`.execute(t.db.kysely);
    expect(rows.map((r) => r.action)).toEqual(['rescue_resource.create']);
    const count = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM rescue_resources WHERE name = '幂等测试救援队'`.execute(t.db.kysely);
    expect(count.rows[0]?.n).toBe(1);
  });

  it('lets bureau roles without the write permission read but not write', async () => {
    expect((await zhangdianStats.get('/api/rescue-resources')).status).toBe(200);
    expect((await zhangdianStats.post('/api/rescue-resources', team())).status).toBe(403);
  });
});

describe('agreements and uncovered enterprises (应急条例 第十条)', () => {
  let chemId: string;
  let chemCode: string;
  let tradeId: string;

  beforeAll(async () => {
    const chem = buildEnterprise({
      regionCode: '370303',
      name: '协议测试化工有限公司',
      sectors: ['hazardous_chemicals'],
    });
    chemCode = chem.creditCode;
    chemId = (await zhangdian.post('/api/enterprises', chem)).body.id;
    tradeId = (
      await zhangdian.post(
        '/api/enterprises',
        buildEnterprise({
          regionCode: '370303',
          name: '协议测试陶瓷有限公司',
          sectors: ['industry_trade'],
          industryCode: 'C30',
        }),
      )
    ).body.id;
  });

  const uncoveredNames = async () =>
    (await zhangdian.get('/api/rescue-resources/uncovered?pageSize=200')).body.items.map(
      (e: { name: string }) => e.name,
    );

  it('lists a high-risk enterprise with neither a team nor a valid agreement, until one is valid', async () => {
    expect(await uncoveredNames()).toContain('协议测试化工有限公司');
    expect(await uncoveredNames()).not.toContain('协议测试陶瓷有限公司');
    const teamId = ids.get('张店区危化救援队') as string;
    const expired = await zhangdian.post('/api/rescue-agreements', {
      enterpriseId: chemId,
      teamId,
      validFrom: '2024-12-06',
      validTo: '2026-12-05',
    });
    expect(expired.status, JSON.stringify(expired.body)).toBe(201);
    expect(expired.body.state).toBe('expired');
    expect(await uncoveredNames()).toContain('协议测试化工有限公司');
    const listed = (await zhangdian.get('/api/rescue-resources/uncovered?pageSize=200')).body.items.find(
      (e: { id: string }) => e.id === chemId,
    );
    expect(listed.lastAgreementTo).toBe('2026-12-05');
    // the last day of validity still counts (validFrom ≤ today ≤ validTo)
    const current = await zhangdian.post('/api/rescue-agreements', {
      enterpriseId: chemId,
      teamId: ids.get('淄博市矿山救护队'),
      number: 'JZXY-2026-001',
      validFrom: '2025-12-07',
      validTo: TODAY,
    });
    expect(current.status, JSON.stringify(current.body)).toBe(201);
    expect(current.body.state).toBe('valid');
    expect(await uncoveredNames()).not.toContain('协议测试化工有限公司');
    // as of tomorrow it has lapsed
    const tomorrow = (await zhangdian.get('/api/rescue-resources/uncovered?on=2026-12-07&pageSize=200')).body.items;
    expect(tomorrow.map((e: { name: string }) => e.name)).toContain('协议测试化工有限公司');
    // the enterprise sees its agreements, a foreign bureau does not
    const ent = await t.as(`ent.${chemCode}`).catch(() => null);
    if (ent) expect((await ent.get('/api/rescue-agreements')).body.total).toBe(2);
    expect((await licheng.get(`/api/rescue-agreements/${current.body.id}`)).status).toBe(404);
    // the team's detail lists it
    const detail = await zhangdian.get(`/api/rescue-resources/${ids.get('张店区危化救援队')}`);
    expect(detail.body.agreements.map((a: { id: string }) => a.id)).toContain(expired.body.id);
  });

  it('refuses an agreement with a non-team, a foreign enterprise, or dates out of order', async () => {
    const base = { enterpriseId: chemId, teamId: ids.get('expert'), validFrom: '2026-01-01', validTo: '2026-12-31' };
    expect((await zhangdian.post('/api/rescue-agreements', base)).body.error.details[0].path).toBe('teamId');
    const foreign = await licheng.post('/api/rescue-agreements', { ...base, teamId: ids.get('张店区危化救援队') });
    expect(foreign.status).toBe(404);
    const order = await zhangdian.post('/api/rescue-agreements', {
      ...base,
      teamId: ids.get('张店区危化救援队'),
      validFrom: '2026-12-31',
      validTo: '2026-01-01',
    });
    expect(order.status).toBe(400);
    expect(JSON.stringify(order.body.error.details)).toContain('validTo');
    // A signing date after the start of validity, or in the future, makes no sense.
    const teamId = ids.get('张店区危化救援队');
    const late = await zhangdian.post('/api/rescue-agreements', {
      ...base,
      teamId,
      signedOn: '2026-03-01',
      validFrom: '2026-01-01',
    });
    expect(late.status).toBe(400);
    expect(late.body.error.details[0].path).toBe('signedOn');
    const future = await zhangdian.post('/api/rescue-agreements', {
      ...base,
      teamId,
      signedOn: '2027-01-01',
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0]).toMatchObject({ path: 'signedOn', code: 'future' });
    expect(tradeId).toBeTruthy();
  });

  it('an enterprise team covers its own enterprise', async () => {
    const e = (
      await zhangdian.post('/api/enterprises', buildEnterprise({ regionCode: '370303', name: '自建队伍化工有限公司' }))
    ).body.id;
    expect(await uncoveredNames()).toContain('自建队伍化工有限公司');
    const own = await zhangdian.post(
      '/api/rescue-resources',
      team({ level: 'enterprise', enterpriseId: e, name: '自建救援队' }),
    );
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.enterpriseName).toBe('自建队伍化工有限公司');
    expect(await uncoveredNames()).not.toContain('自建队伍化工有限公司');
  });

  it('counts coverage and resources by region and specialty, on screen and as .xlsx', async () => {
    const stats = await city.get('/api/rescue-resources/statistics');
    expect(stats.status, JSON.stringify(stats.body)).toBe(200);
    const zd = stats.body.rows.find((r: { regionCode: string }) => r.regionCode === '370303');
    expect(zd.highRisk).toBeGreaterThanOrEqual(2);
    expect(zd.uncovered).toBeGreaterThanOrEqual(zd.highRisk - zd.ownTeam - zd.agreement);
    expect(zd.uncovered).toBeLessThan(zd.highRisk);
    const own = stats.body.rows.find((r: { regionCode: string }) => r.regionCode === '370300');
    expect(own.regionName).toBe('淄博市本级');
    expect(own.bySpecialty.mine.teams).toBe(1);
    expect(stats.body.total.bySpecialty.hazchem.teams).toBeGreaterThanOrEqual(2);
    expect(stats.body.total.teams).toBe(stats.body.rows.reduce((s: number, r: { teams: number }) => s + r.teams, 0));
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/rescue-resources/statistics.xlsx',
      headers: { cookie: city.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await zhangdianStats.get('/api/rescue-resources/statistics?regionCode=370305')).status).toBe(403);
  });
});

describe('import and export (.xlsx, like the registry)', () => {
  const csv = (lines: string[]) => ({ name: '队伍.csv', data: Buffer.from(`\ufeff${lines.join('\r\n')}`, 'utf8') });

  it('reports row errors per row and field, writes the good rows, and a re-import adds nothing', async () => {
    const file = csv([
      '名称,所属地区代码,专业,经度,纬度,级别,队员人数,值班电话',
      '导入测试救援队甲,370303,危化、消防,118.05,36.80,县级,25,0533-2100001',
      '导入测试救援队乙,370303,核生化,118.05,36.80,县级,25,0533-2100002',
      '导入测试救援队丙,370305,危化,118.30,36.82,县级,,0533-2100003',
      '导入测试救援队丁,370303,危化,200,36.80,县级,10,0533-2100004',
      '导入测试救援队甲,370303,危化,118.05,36.80,县级,25,0533-2100001',
    ]);
    const res = await zhangdian.upload('/api/rescue-resources/import', {}, file);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ total: 5, created: 1, duplicates: 1, invalid: 3 });
    const byLine = new Map(res.body.rows.map((r: { line: number }) => [r.line, r]));
    const problems = (line: number) =>
      (byLine.get(line) as { problems: { field: string; header?: string; code: string }[] }).problems;
    expect(problems(3)).toEqual([
      expect.objectContaining({ field: 'specialties', header: '专业', code: 'unknown_specialty' }),
    ]);
    expect(
      problems(4)
        .map((p) => p.field)
        .sort(),
    ).toEqual(['members', 'regionCode']);
    expect(problems(5)).toEqual([expect.objectContaining({ field: 'lng', header: '经度' })]);
    expect(byLine.get(6)).toMatchObject({ status: 'duplicate' });
    const again = await zhangdian.upload('/api/rescue-resources/import', {}, file);
    expect(again.body).toMatchObject({ created: 0, duplicates: 2, invalid: 3 });
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log
      WHERE action = 'rescue_import.create'`.execute(t.db.kysely);
    expect(rows[0]?.n).toBe(2);
  });

  it('exports the register as .xlsx that re-imports as duplicates (dry run)', async () => {
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/rescue-resources/export.xlsx',
      headers: { cookie: city.cookie },
    });
    expect(exported.statusCode).toBe(200);
    const rows = Number(exported.headers['x-export-rows']);
    expect(rows).toBeGreaterThanOrEqual(8);
    const dry = await city.upload(
      '/api/rescue-resources/import?dryRun=true',
      {},
      {
        name: '应急资源.xlsx',
        data: exported.rawPayload,
      },
    );
    expect(dry.status, JSON.stringify(dry.body).slice(0, 2000)).toBe(200);
    expect(dry.body).toMatchObject({ created: 0, invalid: 0, duplicates: rows });
  });

  it('refuses an unreadable file, a workbook without resource sheets, and non-bureau importers', async () => {
    const junk = await zhangdian.upload(
      '/api/rescue-resources/import',
      {},
      { name: 'x.xlsx', data: Buffer.from('nope') },
    );
    expect(junk.status).toBe(400);
    const other = await buildWorkbook([
      { name: 'Sheet1', title: '无关', columns: [{ key: 'a', header: '甲' }], rows: [{ a: '1' }] },
    ]);
    const none = await zhangdian.upload('/api/rescue-resources/import', {}, { name: 'x.xlsx', data: other });
    expect(none.status).toBe(400);
    expect((await zhangdianStats.upload('/api/rescue-resources/import', {}, csv(['名称']))).status).toBe(403);
  });
});

describe('review 12: levels, dates, busy, coordinates', () => {
  it('a bureau registers teams of its own level or below', async () => {
    const national = await zhangdianDuty.post('/api/rescue-resources', team({ level: 'national' }));
    expect(national.status).toBe(403);
    expect(national.body.error.details[0]).toMatchObject({ path: 'level', code: 'level_above_bureau' });
    expect((await zhangdian.post('/api/rescue-resources', team({ level: 'city' }))).status).toBe(403);
    expect((await city.post('/api/rescue-resources', team({ level: 'provincial' }))).status).toBe(403);
    expect((await city.post('/api/rescue-resources', team({ level: 'city' }))).status).toBe(201);
    expect((await zhangdian.post('/api/rescue-resources', team({ level: 'county' }))).status).toBe(201);
    expect(
      (await (await t.as('admin.370000')).post('/api/rescue-resources', team({ level: 'provincial' }))).status,
    ).toBe(201);
  });

  it('refuses a maintenance date in the future', async () => {
    const res = await zhangdian.post('/api/rescue-resources', {
      kind: 'equipment',
      name: '排水泵',
      specialties: ['water_rescue'],
      lng: 118.02,
      lat: 36.81,
      equipmentType: '排水泵',
      quantity: 1,
      unit: '台',
      ownerName: '张店区应急管理局',
      maintainedOn: '2030-01-01',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ path: 'maintainedOn', code: 'future' });
  });

  it('a resource’s own view says whether it is busy; coordinates carry 6 decimals', async () => {
    const id = ids.get('张店区危化救援队') as string;
    await sql`UPDATE rescue_resources SET lat = 36.863533999999994 WHERE id = ${id}`.execute(t.db.kysely);
    const r = await zhangdian.get(`/api/rescue-resources/${id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ busy: false, busyIncidentId: null, lat: 36.863534 });
  });
});
