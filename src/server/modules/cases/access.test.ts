/**
 * Access matrix of the penalty-case routes (issue 11, bar 4): every route × every role of the 张店区 (370303) bureau and
 * its enterprise × own / foreign case → the expected status, and 401 signed out.
 *
 * Own: a case of the 张店区 bureau against 91370303MA3C4B2X1Y. Foreign: one of the 历城区 (370112) bureau against
 * 91370112MA3F9J7T49. A role without the permission → 403 FORBIDDEN before the case is loaded; a case outside the
 * jurisdiction (for an enterprise: not its own) → 404 NOT_FOUND.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_ROLES, ROLES, type Role } from '../../../contracts/policies.js';
import { itChecksAccess, type MatrixRoute, type Side } from '../../testing/access-matrix.js';
import { buildEnterprise, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const WRITE: Role[] = ['admin', 'inspector'];
const APPROVE: Role[] = ['admin', 'leader'];
const BUREAU: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader'];
const SIDES = {
  own: { region: '370303', code: '91370303MA3C4B2X1Y' },
  foreign: { region: '370112', code: '91370112MA3F9J7T49' },
};
const DAY = '2026-12-01';

let t: TestApp;
const clients = new Map<Role, Client>();
interface SideActors {
  admin: Client;
  enterpriseId: string;
  officers: string[];
}
const sides = new Map<Side, SideActors>();

async function sideOf(side: Side): Promise<SideActors> {
  const { region, code } = SIDES[side];
  const admin = await t.as(`admin.${region}`);
  const ent = await t.as(`ent.${code}`);
  const mine = (await ent.get('/api/enterprises')).body.items?.find(
    (e: { creditCode: string }) => e.creditCode === code,
  );
  const enterpriseId =
    mine?.id ??
    (await admin.post('/api/enterprises', buildEnterprise({ regionCode: region, creditCode: code }))).body.id;
  const officers = (await admin.get('/api/inspections/officers')).body.items
    .filter((o: { regionCode: string }) => o.regionCode === region)
    .map((o: { userId: string }) => o.userId);
  return { admin, enterpriseId, officers };
}

const caseBody = (s: SideActors, extra: Record<string, unknown> = {}) => ({
  source: 'manual',
  party: { kind: 'unit', enterpriseId: s.enterpriseId, legalRepresentative: '王' },
  cause: '矩阵测试',
  summary: '矩阵测试案件',
  violations: [{ code: 'aqsf-97-3', circumstance: 'minor', facts: '未培训' }],
  officers: s.officers,
  ...extra,
});

/** A case of the side in the state the route needs. */
async function caseIn(side: Side, state: 'requested' | 'investigating' | 'served'): Promise<string> {
  const s = sides.get(side) as SideActors;
  if (state === 'served') {
    const c = await s.admin.post(
      '/api/cases',
      caseBody(s, { procedure: 'summary', decision: { decidedOn: DAY, fineYuan: 1000 } }),
    );
    if (c.status !== 201) throw new Error(`fixture: ${c.status} ${JSON.stringify(c.body)}`);
    return c.body.id;
  }
  const c = await s.admin.post('/api/cases', caseBody(s));
  if (c.status !== 201) throw new Error(`fixture: ${c.status} ${JSON.stringify(c.body)}`);
  const id: string = c.body.id;
  if (state === 'investigating') {
    await s.admin.post(`/api/cases/${id}/transitions`, { to: 'investigating', approvedOn: DAY, opinion: '同意' });
    await s.admin.post(`/api/cases/${id}/actions`, {
      kind: 'record',
      record: 'interview',
      officers: s.officers,
      heldOn: DAY,
      place: '会议室',
      content: '问答',
    });
  }
  return id;
}

const ROUTES: MatrixRoute[] = [
  {
    name: 'GET /api/cases/:id',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => c.get(`/api/cases/${await caseIn(side, 'served')}`),
  },
  {
    name: 'GET /api/cases/:id/documents/:documentId.docx',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => {
      const id = await caseIn(side, 'served');
      const doc = (await (sides.get(side) as SideActors).admin.get(`/api/cases/${id}`)).body.documents[0];
      return c.get(`/api/cases/${id}/documents/${doc.id}.docx`);
    },
  },
  {
    name: 'GET /api/cases/:id/late-fee',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => c.get(`/api/cases/${await caseIn(side, 'served')}/late-fee`),
  },
  {
    name: 'POST /api/cases',
    roles: WRITE,
    allowed: 201,
    // The own bureau's officers on either side: the foreign party is what is refused.
    call: (c, side) =>
      c.post('/api/cases', { ...caseBody(sides.get(side) as SideActors), officers: sides.get('own')?.officers }),
  },
  {
    name: 'POST /api/cases/:id/transitions (立案审批)',
    roles: APPROVE,
    allowed: 200,
    call: async (c, side) =>
      c.post(`/api/cases/${await caseIn(side, 'requested')}/transitions`, {
        to: 'investigating',
        approvedOn: DAY,
        opinion: '同意',
      }),
  },
  {
    name: 'POST /api/cases/:id/transitions (审理)',
    roles: WRITE,
    allowed: 200,
    call: async (c, side) =>
      c.post(`/api/cases/${await caseIn(side, 'investigating')}/transitions`, {
        to: 'reviewing',
        proposedFineYuan: 10_000,
        proposedKinds: ['fine'],
      }),
  },
  {
    name: 'POST /api/cases/:id/actions (询问笔录)',
    roles: WRITE,
    allowed: 200,
    call: async (c, side) =>
      c.post(`/api/cases/${await caseIn(side, 'investigating')}/actions`, {
        kind: 'record',
        record: 'examination',
        officers: sides.get('own')?.officers,
        heldOn: DAY,
        place: '车间',
        content: '勘验',
      }),
  },
  {
    name: 'POST /api/cases/:id/actions (延长办案期限)',
    roles: APPROVE,
    allowed: 200,
    call: async (c, side) =>
      c.post(`/api/cases/${await caseIn(side, 'investigating')}/actions`, {
        kind: 'extension',
        level: 'head',
        approvedOn: DAY,
        reason: '案情复杂',
      }),
  },
];

beforeAll(async () => {
  t = await testApp({
    clock: testClock(`${DAY}T10:00:00+08:00`),
    sessionIdleMinutes: 365 * 24 * 60,
    sessionMaxHours: 365 * 24,
  });
  sides.set('own', await sideOf('own'));
  sides.set('foreign', await sideOf('foreign'));
  for (const role of ROLES) {
    clients.set(role, await t.as(role === 'enterprise' ? `ent.${SIDES.own.code}` : `${role}.370303`));
  }
});
afterAll(() => t.close());

describe('penalty-case access matrix', () => {
  itChecksAccess(ROUTES, (role) => clients.get(role) as Client);

  it.each(ROLES)('the register as %s: its own cases, never the foreign ones', async (role) => {
    const own = await caseIn('own', 'served');
    const foreign = await caseIn('foreign', 'served');
    const res = await (clients.get(role) as Client).get('/api/cases?pageSize=200');
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

  it.each(ROLES)('statistics, court list, settings and the accident band as %s: bureaus only', async (role) => {
    const c = clients.get(role) as Client;
    const bureau = BUREAU.includes(role);
    expect((await c.get('/api/cases/stats?from=2026-01-01&to=2026-12-31')).status).toBe(bureau ? 200 : 403);
    expect((await c.get('/api/cases/stats.xlsx?from=2026-01-01&to=2026-12-31')).status).toBe(bureau ? 200 : 403);
    expect((await c.get('/api/cases/court-list')).status).toBe(bureau ? 200 : 403);
    expect((await c.get('/api/penalty-settings')).status).toBe(bureau ? 200 : 403);
    const band = await c.post('/api/penalty-bands/accident', {
      figures: { deaths: 1, seriousInjuries: 0, directLossYuan: 0 },
    });
    expect(band.status).toBe(bureau ? 200 : 403);
    if (bureau)
      expect((await c.get('/api/cases/stats?from=2026-01-01&to=2026-12-31&regionCode=370112')).status).toBe(403);
    // Settings are a provincial administrator's: a county's is outside (403), other roles lack the permission (403).
    const wage = await c.put('/api/penalty-settings/average-wage', {
      provinceCode: '370000',
      year: 2025,
      averageWageYuan: 1,
    });
    expect(wage.status).toBe(403);
    expect((await c.get('/api/discretion-table')).status).toBe(MEMBER_ROLES.includes(role) ? 200 : 403);
  });

  it('signed out, every route is a 401 but the public page', async () => {
    const anon = t.anonymous();
    const id = await caseIn('own', 'served');
    for (const res of await Promise.all([
      anon.get('/api/cases'),
      anon.get(`/api/cases/${id}`),
      anon.post('/api/cases', {}),
      anon.post(`/api/cases/${id}/transitions`, { to: 'closed' }),
      anon.post(`/api/cases/${id}/actions`, { kind: 'filed' }),
      anon.get('/api/cases/stats?from=2026-01-01&to=2026-12-31'),
      anon.post('/api/penalty-bands/accident', {}),
    ])) {
      expect(res.status).toBe(401);
    }
    expect((await anon.get('/api/public/penalty-decisions')).status).toBe(200);
  });
});
