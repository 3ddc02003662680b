/**
 * The enterprise registry and licences over HTTP on a real database: registration (credit code checked, retries
 * never duplicate), the enterprise maintaining its own record (audited, seen by its county), search, licences and
 * their expiry alerts at the day boundaries (Asia/Shanghai), the 无证经营 list, and bad input. The jurisdiction
 * matrix of every route is in access.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../../domain/credit-code.js';
import {
  buildEnterprise,
  type Client,
  newCreditCode,
  type TestApp,
  testApp,
  testClock,
} from '../../testing/harness.js';

/** 2026-12-01 10:00 in Shanghai: "today" is 2026-12-01. */
const NOW = '2026-12-01T10:00:00+08:00';
const DEMO_CODE = '91370303MA3C4B2X1Y'; // ent.91370303MA3C4B2X1Y, 淄博鑫泰化工有限公司 (张店区)

let t: TestApp;
let inspector: Client; // inspector.370303 (张店区)
let ent: Client; // the demo enterprise's safety manager
let cityAdmin: Client; // admin.370300

async function register(c: Client, overrides: Record<string, unknown> = {}) {
  const res = await c.post('/api/enterprises', buildEnterprise(overrides));
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; creditCode: string; version: number };
}

async function licence(c: Client, enterpriseId: string, overrides: Record<string, unknown> = {}) {
  const res = await c.post(`/api/enterprises/${enterpriseId}/licences`, {
    type: 'hc_production',
    number: `（鲁）WH安许证字〔2026〕${Math.floor(Math.random() * 1e9)}号`,
    issuer: '山东省应急管理厅',
    validFrom: '2024-01-01',
    validTo: '2027-01-01',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`licence: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; state: string; alert: string | null; daysLeft: number };
}

const paths = (res: { body: { error?: { details?: { path: string }[] } } }) =>
  (res.body.error?.details ?? []).map((d) => d.path);

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  [inspector, ent, cityAdmin] = await Promise.all([
    t.as('inspector.370303'),
    t.as(`ent.${DEMO_CODE}`),
    t.as('admin.370300'),
  ]);
});
afterAll(() => t.close());

describe('registration', () => {
  it('stores the enterprise, audits it, and a retry with the same Idempotency-Key adds nothing', async () => {
    const body = buildEnterprise({ name: '淄博华泰新材料有限公司' });
    const key = { 'idempotency-key': `reg-${body.creditCode}` };
    const first = await inspector.post('/api/enterprises', body, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      creditCode: body.creditCode,
      name: '淄博华泰新材料有限公司',
      regionCode: '370303',
      regionName: expect.stringContaining('张店区'),
      sectors: ['hazardous_chemicals'],
      status: 'operating',
      version: 1,
      licences: [],
      missingLicences: ['hazardous_chemicals'],
      majorHazardCount: 0,
    });
    const again = await inspector.post('/api/enterprises', body, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const { n } = await t.db.kysely
      .selectFrom('enterprises')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('credit_code', '=', body.creditCode)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'region_code', 'after'])
      .where('entity_id', '=', first.body.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'enterprise.create', region_code: '370303' });
  });

  it('the same credit code a second time is a 409 naming the field; the same key with another body is a 422', async () => {
    const first = await register(inspector);
    const dup = await inspector.post('/api/enterprises', buildEnterprise({ creditCode: first.creditCode }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('ENTERPRISE_EXISTS');
    expect(paths(dup)).toEqual(['creditCode']);
    const key = { 'idempotency-key': `reuse-${first.id}` };
    expect((await inspector.post('/api/enterprises', buildEnterprise(), key)).status).toBe(201);
    const reused = await inspector.post('/api/enterprises', buildEnterprise(), key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a credit code with any single character changed (400 naming creditCode), nothing written', async () => {
    const code = newCreditCode();
    const before = await t.db.kysely.selectFrom('enterprises').select('id').execute();
    for (const i of [0, 7, 12, 17]) {
      const ch = code[i] === '1' ? '2' : '1';
      const changed = code.slice(0, i) + ch + code.slice(i + 1);
      const res = await inspector.post('/api/enterprises', buildEnterprise({ creditCode: changed }));
      expect(res.status, changed).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(paths(res)).toEqual(['creditCode']);
      expect(res.body.error.details[0].message).toMatch(/统一社会信用代码/);
    }
    expect(await t.db.kysely.selectFrom('enterprises').select('id').execute()).toHaveLength(before.length);
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it.each([
    ['creditCode', '91370303MA3C4B2X1K'],
    ['creditCode', '91370303ma3c4b2x1y'],
    ['name', ''],
    ['regionCode', '3703'],
    ['address', '   '],
    ['industryCode', 'Z99'],
    ['sectors', []],
    ['sectors', ['mining']],
    ['sectors', ['fireworks', 'fireworks']],
    ['longitude', 200],
    ['latitude', 'north'],
    ['scale', 'huge'],
    ['principalPhone', 'call me'],
    ['employees', -1],
    ['status', 'open'],
  ])('400 for %s = %j, naming the field', async (field, value) => {
    const res = await inspector.post('/api/enterprises', buildEnterprise({ [field]: value }));
    expect(res.status).toBe(400);
    expect(paths(res).some((p) => p === field || p.startsWith(`${field}.`))).toBe(true);
    expect(res.body.error.message).toBeTruthy();
  });

  it('400 for a region that is not a registered county or town, and for an unknown field', async () => {
    const city = await cityAdmin.post('/api/enterprises', buildEnterprise({ regionCode: '370300' }));
    expect(city.status).toBe(400); // an enterprise is supervised by a county (or a town), not by a city
    expect(paths(city)).toEqual(['regionCode']);
    const unknown = await cityAdmin.post('/api/enterprises', buildEnterprise({ regionCode: '370399' }));
    expect(unknown.status).toBe(400);
    expect(paths(unknown)).toEqual(['regionCode']);
    const extra = await inspector.post('/api/enterprises', { ...buildEnterprise(), owner: 'x' });
    expect(extra.status).toBe(400);
  });
});

describe('an enterprise maintains its own record', () => {
  let id: string;
  beforeAll(async () => {
    // The bureau registers the demo enterprise (as the seed does); its user then maintains it.
    const created = await inspector.post(
      '/api/enterprises',
      buildEnterprise({ creditCode: DEMO_CODE, name: '淄博鑫泰化工有限公司' }),
    );
    id = created.body.id;
  });

  it('changes its phone numbers; the change is audited before/after and the county sees it', async () => {
    const res = await ent.patch(`/api/enterprises/${id}`, { safetyManagerPhone: '13905339999', version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ safetyManagerPhone: '13905339999', version: 2 });
    const history = await inspector.get(`/api/enterprises/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({
      action: 'enterprise.update',
      actorName: expect.stringContaining(`ent.${DEMO_CODE}`),
      before: { safety_manager_phone: '13905335000' },
      after: { safety_manager_phone: '13905339999' },
    });
    const trail = await (await t.as('admin.370303')).get(`/api/audit?entityId=${id}`);
    expect(trail.body.items.map((r: { action: string }) => r.action)).toContain('enterprise.update');
  });

  it('the same values again change nothing (no new version, no audit row)', async () => {
    const before = (await ent.get(`/api/enterprises/${id}`)).body;
    const res = await ent.patch(`/api/enterprises/${id}`, { safetyManagerPhone: before.safetyManagerPhone });
    expect(res.body.version).toBe(before.version);
    expect((await inspector.get(`/api/enterprises/${id}/history`)).body.items).toHaveLength(2);
  });

  it('a stale version is a 409 and changes nothing', async () => {
    const res = await ent.patch(`/api/enterprises/${id}`, { employees: 999, version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VERSION_CONFLICT');
    expect((await ent.get(`/api/enterprises/${id}`)).body.employees).toBe(120);
  });

  it('cannot move itself or change its own status (403 naming the field); the bureau can', async () => {
    const move = await ent.patch(`/api/enterprises/${id}`, { regionCode: '370305' });
    expect(move.status).toBe(403);
    expect(paths(move)).toEqual(['regionCode']);
    const close = await ent.patch(`/api/enterprises/${id}`, { status: 'closed' });
    expect(close.status).toBe(403);
    expect(paths(close)).toEqual(['status']);
    const suspended = await inspector.patch(`/api/enterprises/${id}`, { status: 'suspended' });
    expect(suspended.body.status).toBe('suspended');
    expect((await inspector.patch(`/api/enterprises/${id}`, { status: 'operating' })).body.status).toBe('operating');
  });

  it('cannot register or read another unit', async () => {
    const other = await register(inspector);
    expect((await ent.get(`/api/enterprises/${other.id}`)).status).toBe(404);
    expect((await ent.patch(`/api/enterprises/${other.id}`, { employees: 1 })).status).toBe(404);
    const foreign = await ent.post('/api/enterprises', buildEnterprise());
    expect(foreign.status).toBe(403);
    const list = await ent.get('/api/enterprises');
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([id]);
  });

  it('may not record licences (the issuer does)', async () => {
    const res = await ent.post(`/api/enterprises/${id}/licences`, {
      type: 'hc_production',
      number: 'X-1',
      issuer: '山东省应急管理厅',
      validFrom: '2024-01-01',
      validTo: '2027-01-01',
    });
    expect(res.status).toBe(403);
  });
});

describe('search', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const admin = await t.as('admin.370305');
    ids = {
      chem: (await register(inspector, { name: '淄博齐盛精细化工有限公司', sectors: ['hazardous_chemicals'] })).id,
      mine: (
        await register(inspector, { name: '张店金岭矿业有限公司', sectors: ['non_coal_mines'], industryCode: 'B10' })
      ).id,
      linzi: (await register(admin, { regionCode: '370305', name: '临淄瑞丰化工有限公司', address: '临淄区金岭路9号' }))
        .id,
    };
  });

  it('finds by a two-character Chinese fragment of the name or address, by credit code prefix, by sector and region', async () => {
    const byName = await cityAdmin.get(`/api/enterprises?q=${encodeURIComponent('齐盛')}`);
    expect(byName.body.items.map((e: { id: string }) => e.id)).toEqual([ids.chem]);
    const byAddress = await cityAdmin.get(`/api/enterprises?q=${encodeURIComponent('金岭')}`);
    expect(byAddress.body.items.map((e: { id: string }) => e.id).sort()).toEqual([ids.linzi, ids.mine].sort());
    const chem = (await cityAdmin.get(`/api/enterprises/${ids.chem}`)).body;
    const byCode = await cityAdmin.get(`/api/enterprises?q=${chem.creditCode.slice(0, 14)}`);
    expect(byCode.body.items.map((e: { id: string }) => e.id)).toContain(ids.chem);
    const words = await cityAdmin.get(`/api/enterprises?q=${encodeURIComponent('齐盛  化工')}`);
    expect(words.body.items.map((e: { id: string }) => e.id)).toEqual([ids.chem]);
    const lower = await cityAdmin.get(`/api/enterprises?q=${chem.creditCode.slice(0, 14).toLowerCase()}`);
    expect(lower.body.items.map((e: { id: string }) => e.id)).toContain(ids.chem);
    const mines = await cityAdmin.get('/api/enterprises?sector=non_coal_mines');
    expect(mines.body.items.map((e: { id: string }) => e.id)).toEqual([ids.mine]);
    const linzi = await cityAdmin.get('/api/enterprises?regionCode=370305');
    expect(linzi.body.items.map((e: { id: string }) => e.id)).toEqual([ids.linzi]);
    expect(linzi.body.total).toBe(1);
  });

  it('a county does not see a neighbour, by list or by region filter (404)', async () => {
    const list = await inspector.get('/api/enterprises?pageSize=200');
    expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(ids.linzi);
    expect((await inspector.get('/api/enterprises?regionCode=370305')).status).toBe(404);
    expect((await inspector.get(`/api/enterprises/${ids.linzi}`)).status).toBe(404);
  });

  it('400 for a bad filter', async () => {
    expect((await inspector.get('/api/enterprises?sector=oil')).status).toBe(400);
    expect((await inspector.get('/api/enterprises?pageSize=1000')).status).toBe(400);
    expect((await inspector.get('/api/enterprises?majorHazard=yes')).status).toBe(400);
  });
});

describe('licences and their expiry (today 2026-12-01, Asia/Shanghai)', () => {
  it.each([
    ['2027-03-02', 91, 'valid', null],
    ['2027-03-01', 90, 'valid', 'd90'],
    ['2026-12-31', 30, 'valid', 'd30'],
    ['2027-01-01', 31, 'valid', 'd90'],
    ['2026-12-01', 0, 'valid', 'd30'],
    ['2026-11-30', -1, 'expired', 'expired'],
  ])('valid to %s: %i days left, %s, alert %s', async (validTo, daysLeft, state, alert) => {
    const e = await register(inspector);
    const l = await licence(inspector, e.id, { validTo, validFrom: '2023-12-01' });
    expect(l).toMatchObject({ daysLeft, state, alert });
    const alerts = await inspector.get('/api/licences/alerts?pageSize=200');
    const found = alerts.body.items.find((a: { id: string }) => a.id === l.id);
    expect(found?.alert ?? null).toBe(alert);
  });

  it('an expired licence renewed (换证) raises no alert; a suspended one raises none; counts add up', async () => {
    const e = await register(inspector);
    const old = await licence(inspector, e.id, { validTo: '2026-11-01' });
    await licence(inspector, e.id, { validFrom: '2026-11-01', validTo: '2029-10-31' });
    const suspended = await licence(inspector, e.id, { type: 'hc_use', validTo: '2026-12-10' });
    const s = await inspector.patch(`/api/licences/${suspended.id}`, { status: 'suspended' });
    expect(s.body).toMatchObject({ state: 'suspended', alert: null });
    const alerts = (await inspector.get('/api/licences/alerts?pageSize=200')).body;
    const mine = alerts.items.filter((a: { enterpriseId: string }) => a.enterpriseId === e.id);
    expect(mine).toEqual([]);
    expect(alerts.items.map((a: { id: string }) => a.id)).not.toContain(old.id);
    expect(alerts.total).toBe(alerts.counts.d90 + alerts.counts.d30 + alerts.counts.expired);
    const onlyExpired = (await inspector.get('/api/licences/alerts?stage=expired&pageSize=200')).body;
    expect(onlyExpired.items.every((a: { alert: string }) => a.alert === 'expired')).toBe(true);
    expect(onlyExpired.total).toBe(alerts.counts.expired);
  });

  it('lists operating enterprises of a licensed sector without a valid licence (无证经营), and only those', async () => {
    const none = await register(inspector, { name: '无证烟花爆竹经营部', sectors: ['fireworks'], industryCode: 'F52' });
    const licensed = await register(inspector, { sectors: ['hazardous_chemicals'] });
    await licence(inspector, licensed.id);
    const expired = await register(inspector, { sectors: ['non_coal_mines'], industryCode: 'B10' });
    await licence(inspector, expired.id, { type: 'non_coal_mine', validTo: '2026-11-30' });
    const wrongSector = await register(inspector, { sectors: ['fireworks', 'hazardous_chemicals'] });
    await licence(inspector, wrongSector.id); // a chemicals licence does not cover fireworks
    const trade = await register(inspector, { sectors: ['industry_trade'], industryCode: 'C34' });
    const closed = await register(inspector, { sectors: ['fireworks'], status: 'closed' });

    const list = (await inspector.get('/api/enterprises/unlicensed?pageSize=200')).body;
    const missing = new Map(list.items.map((e: { id: string; missingSectors: string[] }) => [e.id, e.missingSectors]));
    expect(missing.get(none.id)).toEqual(['fireworks']);
    expect(missing.get(expired.id)).toEqual(['non_coal_mines']);
    expect(missing.get(wrongSector.id)).toEqual(['fireworks']);
    expect(missing.has(licensed.id)).toBe(false);
    expect(missing.has(trade.id)).toBe(false);
    expect(missing.has(closed.id)).toBe(false);
    // The card says the same as the list.
    expect((await inspector.get(`/api/enterprises/${wrongSector.id}`)).body.missingLicences).toEqual(['fireworks']);
    const fireworks = (await inspector.get('/api/enterprises/unlicensed?sector=fireworks&pageSize=200')).body;
    expect(fireworks.items.map((e: { id: string }) => e.id)).not.toContain(expired.id);
  });

  it('a licence number is unique per type (409); validTo before validFrom is a 400 naming validTo', async () => {
    const e = await register(inspector);
    const l = await licence(inspector, e.id, { number: 'DUP-0001' });
    const dup = await inspector.post(`/api/enterprises/${e.id}/licences`, {
      type: 'hc_production',
      number: 'DUP-0001',
      issuer: 'x',
      validFrom: '2024-01-01',
      validTo: '2027-01-01',
    });
    expect(dup.status).toBe(409);
    const backwards = await inspector.patch(`/api/licences/${l.id}`, { validTo: '2023-01-01' });
    expect(backwards.status).toBe(400);
    expect(paths(backwards)).toEqual(['validTo']);
    const bad = await inspector.post(`/api/enterprises/${e.id}/licences`, {
      type: 'hc_production',
      number: 'N-2',
      issuer: 'x',
      validFrom: '2024-02-30',
      validTo: '2027-01-01',
    });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toContain('validFrom');
  });

  it('licence changes are audited with before and after', async () => {
    const e = await register(inspector);
    const l = await licence(inspector, e.id);
    await inspector.patch(`/api/licences/${l.id}`, { status: 'revoked' });
    const history = (await inspector.get(`/api/enterprises/${e.id}/history`)).body.items;
    expect(history[0]).toMatchObject({
      action: 'licence.update',
      entityId: l.id,
      before: { status: 'valid' },
      after: { status: 'revoked' },
    });
  });
});
