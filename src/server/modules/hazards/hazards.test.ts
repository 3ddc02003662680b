/**
 * The major-hazard register over HTTP: POST /api/hazards/evaluate with the boundary cases of the domain tests
 * (GB 18218-2018 Tables 1–6), an enterprise declaring units whose grade is recomputed on every change and kept with
 * its history, the county's list, summary and map, retiring a unit, census campaigns and their progress.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadRaw } from '../../documents/test-support.js';
import { readWorkbook } from '../../documents/xlsx.js';
import { buildEnterprise, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const NOW = '2026-12-01T10:00:00+08:00';
const DEMO_CODE = '91370303MA3C4B2X1Y';

let t: TestApp;
let inspector: Client; // inspector.370303
let ent: Client; // ent.91370303MA3C4B2X1Y
let enterpriseId: string;

const evaluate = (c: Client, substances: object[], exposedPeople: number) =>
  c.post('/api/hazards/evaluate', { substances, exposedPeople });

const ammonia = (quantityT: number | string) => ({ name: '液氨', quantityT });

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  [inspector, ent] = await Promise.all([t.as('inspector.370303'), t.as(`ent.${DEMO_CODE}`)]);
  const e = await inspector.post(
    '/api/enterprises',
    buildEnterprise({ creditCode: DEMO_CODE, name: '淄博鑫泰化工有限公司', longitude: 118.035, latitude: 36.79 }),
  );
  enterpriseId = e.body.id;
});
afterAll(() => t.close());

describe('POST /api/hazards/evaluate', () => {
  it('60 t of liquid ammonia with 100 people within 500 m: S 6, α 2, R 24, 三级', async () => {
    const res = await evaluate(ent, [ammonia(60)], 100);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ s: 6, isMajor: true, alpha: 2, r: 24, grade: 3, gradeLabel: '三级' });
    expect(res.body.items[0]).toMatchObject({
      tableOneNo: 1,
      name: '氨',
      criticalQuantityT: 10,
      criticalQuantitySource: 'table1',
      beta: 2,
      betaSource: 'table3',
      ratio: 6,
    });
  });

  it.each([
    [0, 0.5],
    [1, 1],
    [29, 1],
    [30, 1.2],
    [49, 1.2],
    [50, 1.5],
    [99, 1.5],
    [100, 2],
  ])('α for %i people is %d (Table 5)', async (people, alpha) => {
    expect((await evaluate(inspector, [ammonia(10)], people)).body.alpha).toBe(alpha);
  });

  // 氨: Q 10 t, β 2; with 1 person α = 1, so R = 2 × q/10 = q/5.
  it.each([
    [500, 100, 1],
    ['499.95', 99.99, 2],
    [250, 50, 2],
    ['249.95', 49.99, 3],
    [50, 10, 3],
    ['49.95', 9.99, 4],
  ])('R boundary: %s t of ammonia with 1 person gives R %d and grade %i (Table 6)', async (q, r, grade) => {
    const res = await evaluate(inspector, [ammonia(q)], 1);
    expect(res.body).toMatchObject({ r, grade, isMajor: true });
  });

  it('S exactly 1 is a major hazard, just below is not (with Q = 0.3 t for 光气)', async () => {
    expect((await evaluate(inspector, [{ name: '光气', quantityT: '0.3' }], 0)).body).toMatchObject({
      s: 1,
      isMajor: true,
      r: 10, // α 0.5 × β 20 × 1
      grade: 3,
    });
    const below = (await evaluate(inspector, [{ cas: '75-44-5', quantityT: '0.2999' }], 0)).body;
    expect(below).toMatchObject({ isMajor: false, grade: null, gradeLabel: null });
    const sum = (
      await evaluate(
        inspector,
        [
          { name: '氢', quantityT: '0.5' }, // 0.1
          { name: '液氯', quantityT: '1' }, // 0.2
          { name: '甲醇', quantityT: '350' }, // 0.7
        ],
        10,
      )
    ).body;
    expect(sum).toMatchObject({ s: 1, isMajor: true, exact: { s: '1' } });
  });

  it('an unlisted substance takes the lowest Q of its categories; Table 3 overrides a given category', async () => {
    const unlisted = (await evaluate(inspector, [{ name: '某中间体', category: ['W5.3', 'J3'], quantityT: 50 }], 0))
      .body;
    expect(unlisted.items[0]).toMatchObject({
      tableOneNo: null,
      category: 'J3',
      criticalQuantityT: 50,
      criticalQuantitySource: 'table2',
      beta: 2,
      betaSource: 'table4',
    });
    expect(unlisted.s).toBe(1);
    const toxic = (await evaluate(inspector, [{ name: '氨', category: 'J3', quantityT: 10 }], 0)).body;
    expect(toxic.items[0]).toMatchObject({ beta: 2, betaSource: 'table3' });
  });

  it('400 naming the field: unlisted without category, unknown category, negative quantity, bad people', async () => {
    const cases: [object[], number, string][] = [
      [[{ name: '某中间体', quantityT: 5 }], 0, 'substances.0.category'],
      [[ammonia(1), { name: '某中间体', category: 'W99', quantityT: 5 }], 0, 'substances.1.category'],
      [[ammonia(-1)], 0, 'substances.0.quantityT'],
      [[ammonia(1)], -3, 'exposedPeople'],
      [[], 0, 'substances'],
      [[{ cas: '9004-70-0', quantityT: 1 }], 0, 'substances.0.cas'],
    ];
    for (const [substances, people, path] of cases) {
      const res = await evaluate(inspector, substances, people);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(res.body.error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('needs a signed-in user', async () => {
    expect((await evaluate(t.anonymous(), [ammonia(1)], 0)).status).toBe(401);
  });
});

describe('the register', () => {
  let unitId: string;

  it('an enterprise adds a storage unit of 60 t liquid ammonia and 100 people: a 三级 重大危险源 for its county', async () => {
    const res = await ent.post(`/api/enterprises/${enterpriseId}/hazard-units`, {
      kind: 'storage',
      name: '液氨储罐区',
      substances: [ammonia(60)],
      exposedPeople: 100,
      principalName: '王建国',
      technicalName: '李海峰',
      operationName: '张志强',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      isMajor: true,
      grade: 3,
      gradeLabel: '三级',
      s: 6,
      r: 24,
      filingStatus: 'unfiled',
    });
    unitId = res.body.id;

    const list = (await inspector.get('/api/major-hazards')).body;
    expect(list.items.map((u: { id: string }) => u.id)).toContain(unitId);
    const card = (await inspector.get(`/api/enterprises/${enterpriseId}`)).body;
    expect(card).toMatchObject({ majorHazardCount: 1, topHazardGrade: 3 });
    const points = (await inspector.get('/api/map/enterprises?majorHazard=true')).body.items;
    expect(points.find((p: { id: string }) => p.id === enterpriseId)).toMatchObject({
      topHazardGrade: 3,
      longitude: 118.035,
      latitude: 36.79,
    });
    const summary = (await inspector.get('/api/major-hazards/summary')).body;
    expect(summary.region.byGrade[3]).toBeGreaterThanOrEqual(1);
  });

  it('a retried submission with the same Idempotency-Key adds no second unit', async () => {
    const body = { kind: 'production', name: '氨合成装置', substances: [ammonia(2)], exposedPeople: 0 };
    const key = { 'idempotency-key': 'unit-ammonia-synthesis' };
    const a = await ent.post(`/api/enterprises/${enterpriseId}/hazard-units`, body, key);
    const b = await ent.post(`/api/enterprises/${enterpriseId}/hazard-units`, body, key);
    expect(b.body.id).toBe(a.body.id);
    const units = (await ent.get(`/api/enterprises/${enterpriseId}/hazard-units`)).body.items;
    expect(units.filter((u: { name: string }) => u.name === '氨合成装置')).toHaveLength(1);
    expect(a.body).toMatchObject({ isMajor: false, grade: null });
  });

  it('every change of substances or people regrades the unit and keeps the history', async () => {
    const up = await ent.patch(`/api/hazard-units/${unitId}`, { substances: [ammonia(300)], exposedPeople: 100 });
    expect(up.body).toMatchObject({ s: 30, r: 120, grade: 1 }); // α 2 × β 2 × 30; R ≥ 100
    const down = await ent.patch(`/api/hazard-units/${unitId}`, { exposedPeople: 0 });
    expect(down.body).toMatchObject({ alpha: 0.5, r: 30, grade: 3 });
    const detail = (await inspector.get(`/api/hazard-units/${unitId}`)).body;
    expect(detail.history.map((h: { seq: number; grade: number }) => [h.seq, h.grade])).toEqual([
      [3, 3],
      [2, 1],
      [1, 3],
    ]);
    const card = (await inspector.get(`/api/enterprises/${enterpriseId}`)).body;
    expect(card.topHazardGrade).toBe(3);
    // The same figures again add no history row.
    await ent.patch(`/api/hazard-units/${unitId}`, { exposedPeople: 0 });
    expect((await inspector.get(`/api/hazard-units/${unitId}`)).body.history).toHaveLength(3);
  });

  it('filing (备案) needs a date; the list filters by grade and filing status', async () => {
    const noDate = await inspector.patch(`/api/hazard-units/${unitId}`, { filingStatus: 'filed' });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.details[0].path).toBe('filedAt');
    const tomorrow = await inspector.patch(`/api/hazard-units/${unitId}`, {
      filingStatus: 'filed',
      filedAt: '2026-12-02',
    });
    expect(tomorrow.status).toBe(400); // today is 2026-12-01 in Shanghai
    expect(tomorrow.body.error.details[0]).toMatchObject({ path: 'filedAt', code: 'in_future' });
    const filed = await inspector.patch(`/api/hazard-units/${unitId}`, {
      filingStatus: 'filed',
      filingNo: '淄危备〔2026〕12号',
      filedAt: '2026-11-30',
    });
    expect(filed.body).toMatchObject({ filingStatus: 'filed', filedAt: '2026-11-30' });
    const grade3 = (await inspector.get('/api/major-hazards?grade=3&filingStatus=filed')).body.items;
    expect(grade3.map((u: { id: string }) => u.id)).toContain(unitId);
    const grade1 = (await inspector.get('/api/major-hazards?grade=1')).body.items;
    expect(grade1.map((u: { id: string }) => u.id)).not.toContain(unitId);

    // The same filter as an .xlsx: the unit with its grade and filing number.
    const file = await downloadRaw(t, inspector, '/api/major-hazards/export.xlsx?grade=3&filingStatus=filed');
    expect(file.status).toBe(200);
    expect(file.headers['x-export-rows']).toBe(String(grade3.length));
    const [sheet] = await readWorkbook(file.body);
    const text = JSON.stringify(sheet?.rows);
    expect(text).toContain('三级');
    expect(text).toContain('淄危备〔2026〕12号');
    // An enterprise's export holds its own units only, whatever region it asks for.
    const foreign = await downloadRaw(t, ent, '/api/major-hazards/export.xlsx?regionCode=370112');
    expect(foreign.headers['x-export-rows']).toBe('0');
  });

  it('retiring a unit takes it out of the lists and the summary; it stays readable with its history', async () => {
    const retired = await inspector.post(`/api/hazard-units/${unitId}/retire`);
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).toBeTruthy();
    expect((await inspector.get('/api/major-hazards')).body.items.map((u: { id: string }) => u.id)).not.toContain(
      unitId,
    );
    expect((await inspector.get(`/api/enterprises/${enterpriseId}`)).body.majorHazardCount).toBe(0);
    expect((await inspector.get(`/api/hazard-units/${unitId}`)).body.history).toHaveLength(3);
    const late = await ent.patch(`/api/hazard-units/${unitId}`, { name: 'x' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('UNIT_RETIRED');
  });

  it('the summary of a city adds its counties up to its total', async () => {
    const admin = await t.as('admin.370305');
    const e = await admin.post('/api/enterprises', buildEnterprise({ regionCode: '370305' }));
    await admin.post(`/api/enterprises/${e.body.id}/hazard-units`, {
      kind: 'storage',
      name: '液氯库',
      substances: [{ name: '液氯', quantityT: 30 }],
      exposedPeople: 200,
    });
    const city = (await (await t.as('leader.370300')).get('/api/major-hazards/summary')).body;
    const sum = city.children.reduce((n: number, c: { total: number }) => n + c.total, 0);
    expect(sum).toBe(city.region.total);
    expect(city.children.find((c: { code: string }) => c.code === '370305').byGrade[3]).toBe(1);
  });
});

describe('an enterprise that moves', () => {
  it('takes its units, licences and history to the new county; the old county no longer sees it', async () => {
    const city = await t.as('admin.370300');
    const e = await city.post('/api/enterprises', buildEnterprise({ regionCode: '370302' }));
    const unit = await city.post(`/api/enterprises/${e.body.id}/hazard-units`, {
      kind: 'storage',
      name: '液氯库',
      substances: [{ name: '液氯', quantityT: 20 }],
      exposedPeople: 60,
    });
    await city.patch(`/api/hazard-units/${unit.body.id}`, { exposedPeople: 120 });
    const moved = await city.patch(`/api/enterprises/${e.body.id}`, { regionCode: '370303' });
    expect(moved.status).toBe(200);
    expect(moved.body.regionCode).toBe('370303');
    const detail = (await inspector.get(`/api/hazard-units/${unit.body.id}`)).body;
    expect(detail).toMatchObject({ regionCode: '370303', grade: 3 });
    expect(detail.history).toHaveLength(2);
    const history = (await inspector.get(`/api/enterprises/${e.body.id}/history`)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'enterprise.update',
      'hazard_unit.update',
      'hazard_unit.create',
      'enterprise.create',
    ]);
    const old = await t.as('inspector.370302');
    expect((await old.get(`/api/enterprises/${e.body.id}`)).status).toBe(404);
    expect((await old.get(`/api/hazard-units/${unit.body.id}`)).status).toBe(404);
  });
});

describe('census (普查)', () => {
  it('the city starts a campaign; a return moves the progress of its county', async () => {
    const city = await t.as('inspector.370300');
    const created = await city.post('/api/hazard-censuses', {
      name: '2026年度危险化学品重大危险源普查',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      sectors: ['hazardous_chemicals'],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const before = (await city.get(`/api/hazard-censuses/${id}/progress`)).body;
    const zhangdian = before.children.find((c: { code: string }) => c.code === '370303');
    expect(zhangdian.enterprises).toBeGreaterThanOrEqual(1);
    expect(zhangdian.returned).toBe(0);
    expect(zhangdian.rate).toBe(0);

    const submitted = await ent.post(`/api/hazard-censuses/${id}/returns`, { enterpriseId });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ late: false });
    const after = (await city.get(`/api/hazard-censuses/${id}/progress`)).body;
    const z = after.children.find((c: { code: string }) => c.code === '370303');
    expect(z.returned).toBe(1);
    expect(after.region.returned).toBe(
      after.children.reduce((n: number, c: { returned: number }) => n + c.returned, 0),
    );
    expect(after.region.enterprises).toBe(
      after.children.reduce((n: number, c: { enterprises: number }) => n + c.enterprises, 0),
    );
    // The county sees the campaign of its city and its own part of the progress.
    const county = await t.as('leader.370303');
    expect((await county.get('/api/hazard-censuses')).body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await county.get(`/api/hazard-censuses/${id}/progress`)).body.region.code).toBe('370303');
    // Another city's bureau does not see it.
    expect((await (await t.as('leader.370100')).get(`/api/hazard-censuses/${id}/progress`)).status).toBe(404);
  });

  it('a retry with the same Idempotency-Key starts no second campaign', async () => {
    const city = await t.as('inspector.370300');
    const body = { name: '复核普查', startsOn: '2026-12-01', endsOn: '2026-12-31' };
    const key = { 'idempotency-key': 'census-retry-1' };
    const a = await city.post('/api/hazard-censuses', body, key);
    const b = await city.post('/api/hazard-censuses', body, key);
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    const names = (await city.get('/api/hazard-censuses')).body.items.filter(
      (c: { name: string }) => c.name === '复核普查',
    );
    expect(names).toHaveLength(1);
  });

  it('400 when it ends before it starts; 403 for roles that may not start one', async () => {
    const city = await t.as('inspector.370300');
    const bad = await city.post('/api/hazard-censuses', { name: 'x', startsOn: '2026-12-31', endsOn: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('endsOn');
    expect(
      (await ent.post('/api/hazard-censuses', { name: 'x', startsOn: '2026-11-01', endsOn: '2026-12-01' })).status,
    ).toBe(403);
  });
});
