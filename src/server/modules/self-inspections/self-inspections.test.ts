/**
 * 企业自查 through the API (issue 10 §3): an enterprise runs checklist items on itself; each 不符合 item is a danger
 * it reports (self_check) in the same transaction; once per Idempotency-Key; refused whole on a bad item; the bureau
 * of the jurisdiction reads it, a foreign county and another enterprise get 404, a bureau cannot record one.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const NOW = '2026-12-01T10:00:00+08:00';
const OWN = '91370303MA3C4B2X1Y'; // 淄博鑫泰化工有限公司, 张店区
const OTHER = '91370112MA3F9J7T49'; // 历城区

let t: TestApp;
let ent: Client;
let other: Client;
let inspector: Client; // inspector.370303
let foreign: Client; // inspector.370305
let enterpriseId: string;

async function ownEnterprise(c: Client, code: string, region: string): Promise<string> {
  const mine = (await c.get('/api/enterprises')).body.items?.find((e: { creditCode: string }) => e.creditCode === code);
  if (mine) return mine.id;
  const admin = await t.as(`admin.${region}`);
  return (await admin.post('/api/enterprises', buildEnterprise({ regionCode: region, creditCode: code }))).body.id;
}

const body = (overrides: Record<string, unknown> = {}) => ({
  enterpriseId,
  templateCode: 'T-HC',
  inspectorName: '安全员 赵强',
  items: [
    { code: 'GEN-001', result: 'conform' },
    { code: 'GEN-002', result: 'not_applicable' },
    {
      code: 'HC-004',
      result: 'nonconform',
      note: '2号罐区紧急切断阀未投用',
      danger: { level: 'general', deadline: '2026-12-15', measures: '恢复紧急切断阀并联锁' },
    },
  ],
  findings: '月度自查3项，1项不符合，已列入隐患台账限期整改。',
  ...overrides,
});

const count = async (table: 'self_inspections' | 'hidden_dangers') =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db.kysely)).rows[0]?.n);

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  [ent, other, inspector, foreign] = await Promise.all([
    t.as(`ent.${OWN}`),
    t.as(`ent.${OTHER}`),
    t.as('inspector.370303'),
    t.as('inspector.370305'),
  ]);
  enterpriseId = await ownEnterprise(ent, OWN, '370303');
});
afterAll(() => t?.close());

describe('an enterprise checks itself', () => {
  let id: string;
  let dangerId: string;

  it('records the items with their basis; the 不符合 item is its own danger (自查自报), once per key; audited', async () => {
    const before = { records: await count('self_inspections'), dangers: await count('hidden_dangers') };
    const key = { 'idempotency-key': 'self-check-2026-12' };
    const res = await ent.post('/api/self-inspections', body(), key);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      regionCode: '370303',
      regionName: '山东省淄博市张店区',
      enterpriseId,
      inspectedOn: '2026-12-01',
      templateCode: 'T-HC',
      inspectorName: '安全员 赵强',
      itemCount: 3,
      nonconforming: 1,
    });
    const item = res.body.items[2];
    expect(item).toMatchObject({ code: 'HC-004', result: 'nonconform', note: '2号罐区紧急切断阀未投用' });
    expect(item.basis.law).toBeTruthy();
    expect(res.body.dangers).toEqual([
      { id: item.dangerId, level: 'general', description: expect.stringContaining('紧急切断阀'), status: 'rectifying' },
    ]);
    dangerId = item.dangerId;
    const danger = await ent.get(`/api/hidden-dangers/${dangerId}`);
    expect(danger.body).toMatchObject({ source: 'self_check', deadline: '2026-12-15', level: 'general' });

    const retry = await ent.post('/api/self-inspections', body(), key);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(id);
    expect(await count('self_inspections')).toBe(before.records + 1);
    expect(await count('hidden_dangers')).toBe(before.dangers + 1);
    const reused = await ent.post('/api/self-inspections', body({ findings: '另一份' }), key);
    expect(reused.status).toBe(422);

    const audit = await (await t.as('admin.370303')).get(`/api/audit?entityId=${id}`);
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['self_inspection.create']);
  });

  it('the county bureau reads it and finds the danger in its register; the city too', async () => {
    expect((await inspector.get(`/api/self-inspections/${id}`)).body.id).toBe(id);
    const listed = await inspector.get('/api/self-inspections?regionCode=370303');
    expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(id);
    const register = await inspector.get(`/api/hidden-dangers?source=self_check&enterpriseId=${enterpriseId}`);
    expect(register.body.items.map((d: { id: string }) => d.id)).toContain(dangerId);
    expect((await (await t.as('leader.370300')).get(`/api/self-inspections/${id}`)).status).toBe(200);
  });

  it('a foreign county and another enterprise get 404 and never see it listed', async () => {
    expect((await foreign.get(`/api/self-inspections/${id}`)).status).toBe(404);
    expect((await other.get(`/api/self-inspections/${id}`)).status).toBe(404);
    for (const c of [foreign, other]) {
      const ids = (await c.get('/api/self-inspections')).body.items.map((s: { id: string }) => s.id);
      expect(ids).not.toContain(id);
    }
    const outside = await inspector.get('/api/self-inspections?regionCode=370112');
    expect(outside).toMatchObject({ status: 403, body: { error: { code: 'OUTSIDE_JURISDICTION' } } });
  });

  it('a bureau cannot record one (403); an enterprise cannot for another enterprise (404); signed out 401', async () => {
    expect((await inspector.post('/api/self-inspections', body())).status).toBe(403);
    const otherId = await ownEnterprise(other, OTHER, '370112');
    expect((await ent.post('/api/self-inspections', body({ enterpriseId: otherId }))).status).toBe(404);
    const anon = t.anonymous();
    expect((await anon.get('/api/self-inspections')).status).toBe(401);
    expect((await anon.post('/api/self-inspections', body())).status).toBe(401);
  });
});

describe('refused whole, with the field', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a 不符合 item without its danger', { items: [{ code: 'GEN-001', result: 'nonconform' }] }, 'items.0.danger'],
    [
      'a danger on a 符合 item',
      { items: [{ code: 'GEN-001', result: 'conform', danger: { level: 'general', deadline: '2026-12-10' } }] },
      'items.0.danger',
    ],
    ['an unknown item', { items: [{ code: 'NO-SUCH', result: 'conform' }] }, 'items.0.code'],
    [
      'the same item twice',
      {
        items: [
          { code: 'GEN-001', result: 'conform' },
          { code: 'GEN-001', result: 'conform' },
        ],
      },
      'items',
    ],
    ['a day in the future', { inspectedOn: '2026-12-02' }, 'inspectedOn'],
    ['no inspector', { inspectorName: ' ' }, 'inspectorName'],
    [
      'a deadline before the check (the second item is fine, the third is not)',
      {
        items: [
          { code: 'GEN-001', result: 'conform' },
          {
            code: 'GEN-002',
            result: 'nonconform',
            danger: { level: 'general', deadline: '2026-12-20' },
          },
          {
            code: 'HC-004',
            result: 'nonconform',
            danger: { level: 'general', deadline: '2026-11-01' },
          },
        ],
      },
      'items.2.danger.deadline',
    ],
  ];
  it.each(cases)('%s: 400, nothing written', async (_name, overrides, path) => {
    const before = { records: await count('self_inspections'), dangers: await count('hidden_dangers') };
    const res = await ent.post('/api/self-inspections', body(overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count('self_inspections')).toBe(before.records);
    expect(await count('hidden_dangers')).toBe(before.dangers);
  });
});
