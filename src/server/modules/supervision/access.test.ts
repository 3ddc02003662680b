import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../contracts/policies.js';
import { itChecksAccess, type MatrixRoute, type Side } from '../../testing/access-matrix.js';
import { buildEnterprise, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const READ: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader'];
const PLAN: Role[] = ['admin', 'inspector'];
const SIDES = { own: '370303', foreign: '370112' } as const;

let t: TestApp;
const clients = new Map<Role, Client>();
const side = new Map<Side, { admin: Client; inspector: Client; enterpriseId: string; planId: string }>();
let nextYear = 2030;

async function setUp(s: Side) {
  const region = SIDES[s];
  const admin = await t.as(`admin.${region}`);
  const inspector = await t.as(`inspector.${region}`);
  const e = await admin.post('/api/enterprises', buildEnterprise({ regionCode: region }));
  if (e.status !== 201) throw new Error(`fixture: ${e.status} ${JSON.stringify(e.body)}`);
  const plan = await admin.post('/api/supervision-plans', { year: 2026, randomCount: 0 });
  if (plan.status !== 201) throw new Error(`fixture: ${plan.status} ${JSON.stringify(plan.body)}`);
  side.set(s, { admin, inspector, enterpriseId: e.body.id, planId: plan.body.id });
}

const of = (s: Side) => side.get(s) as { admin: Client; inspector: Client; enterpriseId: string; planId: string };

/** A fresh draw of the side, made by its inspector. */
async function draw(s: Side): Promise<string> {
  const res = await of(s).inspector.post('/api/supervision-draws', {
    subject: '矩阵测试抽查',
    enterpriseIds: [of(s).enterpriseId],
    count: 1,
  });
  if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const ROUTES: MatrixRoute[] = [
  {
    name: 'GET /api/enterprises/:id/supervision-class',
    roles: READ,
    allowed: 200,
    call: (c, s) => c.get(`/api/enterprises/${of(s).enterpriseId}/supervision-class`),
  },
  {
    name: 'GET /api/supervision-plans/:id',
    roles: READ,
    allowed: 200,
    call: (c, s) => c.get(`/api/supervision-plans/${of(s).planId}`),
  },
  {
    name: 'POST /api/supervision-plans',
    roles: PLAN,
    allowed: 201,
    call: (c, s) =>
      c.post('/api/supervision-plans', { year: nextYear++, enterpriseIds: [of(s).enterpriseId], randomCount: 0 }),
  },
  {
    name: 'POST /api/supervision-draws',
    roles: PLAN,
    allowed: 201,
    call: (c, s) =>
      c.post('/api/supervision-draws', { subject: '矩阵', enterpriseIds: [of(s).enterpriseId], count: 1 }),
  },
  {
    name: 'GET /api/supervision-draws/:id',
    roles: READ,
    allowed: 200,
    call: async (c, s) => c.get(`/api/supervision-draws/${await draw(s)}`),
  },
  {
    name: 'POST /api/supervision-draws/:id/verify',
    roles: READ,
    allowed: 200,
    call: async (c, s) => c.post(`/api/supervision-draws/${await draw(s)}/verify`),
  },
  {
    name: 'POST /api/supervision-draws/:id/publish',
    roles: PLAN,
    allowed: 200,
    call: async (c, s) => c.post(`/api/supervision-draws/${await draw(s)}/publish`),
  },
];

beforeAll(async () => {
  t = await testApp({
    clock: testClock('2026-03-15T10:00:00+08:00'),
    sessionIdleMinutes: 365 * 24 * 60,
    sessionMaxHours: 365 * 24,
  });
  await setUp('own');
  await setUp('foreign');
  for (const role of ROLES) {
    clients.set(role, await t.as(role === 'enterprise' ? 'ent.91370303MA3C4B2X1Y' : `${role}.370303`));
  }
});
afterAll(() => t.close());

describe('supervision access matrix', () => {
  itChecksAccess(ROUTES, (role) => clients.get(role) as Client);

  it.each(ROLES)('lists and roll-ups as %s: bureaus only, their own subtree', async (role) => {
    const c = clients.get(role) as Client;
    const bureau = READ.includes(role);
    const list = await c.get('/api/supervision-plans?year=2026');
    expect(list.status).toBe(bureau ? 200 : 403);
    if (bureau) expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([of('own').planId]);
    expect((await c.get('/api/supervision-plans/progress?year=2026')).status).toBe(bureau ? 200 : 403);
    const draws = await c.get('/api/supervision-draws');
    expect(draws.status).toBe(bureau ? 200 : 403);
    if (bureau) expect(draws.body.items.every((d: { regionCode: string }) => d.regionCode === '370303')).toBe(true);
    expect((await c.get('/api/supervision/class-rules')).status).toBe(bureau ? 200 : 403);
    for (const url of [
      '/api/supervision-plans?regionCode=370112',
      '/api/supervision-plans/progress?year=2026&regionCode=370112',
      '/api/supervision-draws?regionCode=370112',
    ]) {
      const res = await c.get(url);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe(bureau ? 'OUTSIDE_JURISDICTION' : 'FORBIDDEN');
    }
  });

  it.each(ROLES)('the class table as %s of a county: never', async (role) => {
    const res = await (clients.get(role) as Client).put('/api/supervision/class-rules', {
      rules: [],
      frequencies: { A: 4, B: 2, C: 0 },
      randomPercent: 20,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(role === 'admin' ? 'SUPERVISION_RULES_PROVINCIAL' : 'FORBIDDEN');
  });

  it('the class table as the province’s administrator, leader and inspector', async () => {
    const body = { rules: [], frequencies: { A: 4, B: 2, C: 0 }, randomPercent: 20 };
    expect((await (await t.as('admin.370000')).put('/api/supervision/class-rules', body)).status).toBe(200);
    expect((await (await t.as('leader.370000')).put('/api/supervision/class-rules', body)).status).toBe(403);
    expect((await (await t.as('inspector.370000')).put('/api/supervision/class-rules', body)).status).toBe(403);
  });

  it('the public pages: anyone, signed in or not, sees published draws of every region', async () => {
    const own = await draw('own');
    const foreign = await draw('foreign');
    await of('own').inspector.post(`/api/supervision-draws/${own}/publish`);
    await of('foreign').inspector.post(`/api/supervision-draws/${foreign}/publish`);
    for (const c of [t.anonymous(), ...clients.values()]) {
      expect((await c.get(`/api/public/supervision-draws/${own}`)).status).toBe(200);
      expect((await c.get(`/api/public/supervision-draws/${foreign}`)).status).toBe(200);
    }
    expect((await t.anonymous().get(`/api/public/supervision-draws/${await draw('own')}`)).status).toBe(404);
  });

  it('signed out, every other route is a 401', async () => {
    const anon = t.anonymous();
    const id = of('own').planId;
    const d = await draw('own');
    for (const res of await Promise.all([
      anon.get(`/api/enterprises/${of('own').enterpriseId}/supervision-class`),
      anon.get('/api/supervision/class-rules'),
      anon.put('/api/supervision/class-rules', {}),
      anon.post('/api/supervision-plans', { year: 2027 }),
      anon.get('/api/supervision-plans'),
      anon.get('/api/supervision-plans/progress?year=2026'),
      anon.get('/api/supervision-draws'),
      anon.get(`/api/supervision-plans/${id}`),
      anon.post('/api/supervision-draws', {}),
      anon.get(`/api/supervision-draws/${d}`),
      anon.post(`/api/supervision-draws/${d}/verify`),
      anon.post(`/api/supervision-draws/${d}/publish`),
    ])) {
      expect(res.status).toBe(401);
    }
  });
});
