/**
 * Access matrix of the hidden-danger routes (issue 10, bar 4): every route × every role of the 张店区 (370303) bureau
 * and its enterprise × own / foreign danger → the expected status, and 401 signed out.
 *
 * Own: a danger of 91370303MA3C4B2X1Y (370303). Foreign: one of 91370112MA3F9J7T49 (370112, 济南市历城区). A role
 * without the permission → 403 FORBIDDEN before the danger is loaded; a danger outside the jurisdiction (for an
 * enterprise: not its own) → 404 NOT_FOUND.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_ROLES, ROLES, type Role } from '../../../contracts/policies.js';
import { itChecksAccess, type MatrixRoute, type Side } from '../../testing/access-matrix.js';
import { buildEnterprise, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const REPORT: Role[] = ['admin', 'inspector', 'enterprise'];
const SUPERVISE: Role[] = ['admin', 'inspector'];
const SIDES = {
  own: { region: '370303', code: '91370303MA3C4B2X1Y' },
  foreign: { region: '370112', code: '91370112MA3F9J7T49' },
};

const PLAN = {
  goals: '消除隐患',
  methods: '加装切断阀',
  funds: '10万元',
  organisation: '设备部',
  timeLimit: '月底前',
  safetyMeasures: '停用设备，设警戒',
};

let t: TestApp;
const clients = new Map<Role, Client>();
/** Per side: the region's administrator (who finds dangers) and the enterprise's own user. */
const sideActors = new Map<Side, { admin: Client; ent: Client; enterpriseId: string }>();

async function enterpriseOf(side: Side): Promise<{ admin: Client; ent: Client; enterpriseId: string }> {
  const { region, code } = SIDES[side];
  const admin = await t.as(`admin.${region}`);
  const ent = await t.as(`ent.${code}`);
  const mine = (await ent.get('/api/enterprises')).body.items?.find(
    (e: { creditCode: string }) => e.creditCode === code,
  );
  const enterpriseId =
    mine?.id ??
    (await admin.post('/api/enterprises', buildEnterprise({ regionCode: region, creditCode: code }))).body.id;
  return { admin, ent, enterpriseId };
}

/** A danger of the side's enterprise in the state the route needs. */
async function danger(
  side: Side,
  state: 'open' | 'major' | 'completed' | 'major_rechecked' | 'extension',
): Promise<string> {
  const s = sideActors.get(side) as { admin: Client; ent: Client; enterpriseId: string };
  const body =
    state === 'major' || state === 'major_rechecked'
      ? { level: 'major', standardItem: 'HG2017-05', immediateMeasures: ['stop_equipment'] }
      : { level: 'general' };
  const d = await s.admin.post('/api/hidden-dangers', {
    enterpriseId: s.enterpriseId,
    description: '矩阵测试隐患',
    deadline: '2026-12-31',
    ...body,
  });
  if (d.status !== 201) throw new Error(`fixture: ${d.status} ${JSON.stringify(d.body)}`);
  const id: string = d.body.id;
  if (state === 'completed' || state === 'major_rechecked') {
    await s.admin.post(`/api/hidden-dangers/${id}/completion`, { note: '已整改' });
  }
  if (state === 'major_rechecked') {
    await s.admin.post(`/api/hidden-dangers/${id}/plan`, PLAN);
    await s.admin.post(`/api/hidden-dangers/${id}/recheck`, { passed: true, note: '合格' });
  }
  if (state === 'extension') {
    const x = await s.ent.post(`/api/hidden-dangers/${id}/extension-requests`, {
      newDeadline: '2027-01-31',
      reason: '备件',
    });
    if (x.status !== 201) throw new Error(`fixture: ${x.status} ${JSON.stringify(x.body)}`);
    return x.body.extensions[0].id;
  }
  return id;
}

const ROUTES: MatrixRoute[] = [
  {
    name: 'GET /api/hidden-dangers/:id',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => c.get(`/api/hidden-dangers/${await danger(side, 'open')}`),
  },
  {
    name: 'GET /api/hidden-dangers/:id/documents/:documentId.docx',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => {
      const id = await danger(side, 'open');
      const s = sideActors.get(side) as { admin: Client };
      const doc = (await s.admin.get(`/api/hidden-dangers/${id}`)).body.documents[0];
      return c.get(`/api/hidden-dangers/${id}/documents/${doc.id}.docx`);
    },
  },
  {
    name: 'POST /api/hidden-dangers',
    roles: REPORT,
    allowed: 201,
    call: (c, side) =>
      c.post('/api/hidden-dangers', {
        enterpriseId: sideActors.get(side)?.enterpriseId,
        level: 'general',
        description: '矩阵',
        deadline: '2026-12-31',
      }),
  },
  {
    name: 'POST /api/hidden-dangers/:id/plan',
    roles: REPORT,
    allowed: 200,
    call: async (c, side) => c.post(`/api/hidden-dangers/${await danger(side, 'major')}/plan`, PLAN),
  },
  {
    name: 'POST /api/hidden-dangers/:id/extension-requests',
    roles: ['enterprise'],
    allowed: 201,
    call: async (c, side) =>
      c.post(`/api/hidden-dangers/${await danger(side, 'open')}/extension-requests`, {
        newDeadline: '2027-01-31',
        reason: '备件',
      }),
  },
  {
    name: 'POST /api/extension-requests/:id/decide',
    roles: SUPERVISE,
    allowed: 200,
    call: async (c, side) =>
      c.post(`/api/extension-requests/${await danger(side, 'extension')}/decide`, { approve: true }),
  },
  {
    name: 'POST /api/hidden-dangers/:id/completion',
    roles: REPORT,
    allowed: 200,
    call: async (c, side) => c.post(`/api/hidden-dangers/${await danger(side, 'open')}/completion`, { note: '已整改' }),
  },
  {
    name: 'POST /api/hidden-dangers/:id/recheck',
    roles: SUPERVISE,
    allowed: 200,
    call: async (c, side) =>
      c.post(`/api/hidden-dangers/${await danger(side, 'completed')}/recheck`, { passed: true, note: '合格' }),
  },
  {
    name: 'POST /api/hidden-dangers/:id/close',
    roles: SUPERVISE,
    allowed: 200,
    call: async (c, side) => c.post(`/api/hidden-dangers/${await danger(side, 'major_rechecked')}/close`, {}),
  },
];

beforeAll(async () => {
  t = await testApp({
    clock: testClock('2026-12-01T10:00:00+08:00'),
    sessionIdleMinutes: 365 * 24 * 60,
    sessionMaxHours: 365 * 24,
  });
  sideActors.set('own', await enterpriseOf('own'));
  sideActors.set('foreign', await enterpriseOf('foreign'));
  for (const role of ROLES) {
    clients.set(role, await t.as(role === 'enterprise' ? `ent.${SIDES.own.code}` : `${role}.370303`));
  }
});
afterAll(() => t.close());

describe('hidden-danger access matrix', () => {
  itChecksAccess(ROUTES, (role) => clients.get(role) as Client);

  it.each(ROLES)('the register as %s: its own dangers, never the foreign ones', async (role) => {
    const own = await danger('own', 'open');
    const foreign = await danger('foreign', 'open');
    const res = await (clients.get(role) as Client).get('/api/hidden-dangers?pageSize=200');
    if (!MEMBER_ROLES.includes(role)) {
      // 协同部门: no register of its own (issue 12 §3).
      expect(res.status).toBe(403);
      return;
    }
    expect(res.status).toBe(200);
    const ids = res.body.items.map((d: { id: string }) => d.id);
    expect(ids).toContain(own);
    expect(ids).not.toContain(foreign);
  });

  it.each(ROLES)('statistics as %s: bureaus only, their own subtree', async (role) => {
    const c = clients.get(role) as Client;
    const bureau = role !== 'enterprise' && role !== 'department';
    expect((await c.get('/api/hidden-dangers/stats')).status).toBe(bureau ? 200 : 403);
    expect((await c.get('/api/hidden-dangers/stats.xlsx')).status).toBe(bureau ? 200 : 403);
    if (bureau) expect((await c.get('/api/hidden-dangers/stats?regionCode=370112')).status).toBe(403);
  });

  it('signed out, every route is a 401', async () => {
    const anon = t.anonymous();
    const id = await danger('own', 'open');
    for (const res of await Promise.all([
      anon.get('/api/hidden-dangers'),
      anon.get(`/api/hidden-dangers/${id}`),
      anon.post('/api/hidden-dangers', {}),
      anon.post(`/api/hidden-dangers/${id}/completion`, { note: 'x' }),
      anon.get('/api/hidden-dangers/stats'),
    ])) {
      expect(res.status).toBe(401);
    }
  });
});
