/**
 * Access matrix of the emergency-plan routes (issue 12, bar 4): every route × every role of the 张店区 (370303) bureau,
 * its enterprise and an invited department user (协同部门: no plan permission at all) × own / foreign plan → the
 * expected status, and 401 signed out.
 *
 * Own: a plan of 91370303MA3C4B2X1Y (张店区). Foreign: one of 91370112MA3F9J7T49 (历城区). A role without the
 * permission → 403 FORBIDDEN before the plan is loaded; a plan outside the jurisdiction (for an enterprise: not its own)
 * → 404 NOT_FOUND.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_ROLES, ROLES, type Role } from '../../../contracts/policies.js';
import { downloadRaw } from '../../documents/test-support.js';
import { itChecksAccess, type MatrixRoute, type Side } from '../../testing/access-matrix.js';
import { buildEnterprise, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const WRITE: Role[] = ['admin', 'inspector', 'enterprise'];
const DECIDE: Role[] = ['admin', 'inspector'];
const BUREAU: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader'];
const SIDES = {
  own: { region: '370303', code: '91370303MA3C4B2X1Y' },
  foreign: { region: '370112', code: '91370112MA3F9J7T49' },
};
const DAY = '2026-12-01';
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

let t: TestApp;
const clients = new Map<Role, Client>();
interface SideActors {
  admin: Client;
  ent: Client;
  enterpriseId: string;
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
  return { admin, ent, enterpriseId };
}

const planBody = (side: Side) => ({
  enterpriseId: (sides.get(side) as SideActors).enterpriseId,
  kind: 'onsite',
  title: '矩阵测试现场处置方案',
  risks: ['泄漏'],
  publishedOn: '2026-11-20',
  signer: '王建国',
  reviewKind: 'review',
  reviewedOn: '2026-11-18',
  reviewSummary: '同意',
});

async function planOf(side: Side): Promise<string> {
  const res = await (sides.get(side) as SideActors).admin.post('/api/emergency-plans', planBody(side));
  if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A plan of the side with a submission awaiting the bureau, or answered (its document issued). */
async function filingOf(side: Side, decided: boolean): Promise<string> {
  const s = sides.get(side) as SideActors;
  const id = await planOf(side);
  const res = await s.ent.post(`/api/emergency-plans/${id}/filings`, { materials: ['application'] });
  if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
  const filingId: string = res.body.filings[0].id;
  if (decided) await s.admin.post(`/api/plan-filings/${filingId}/decide`, { complete: false, missing: ['评审意见'] });
  return filingId;
}

const ROUTES: MatrixRoute[] = [
  {
    name: 'GET /api/emergency-plans/:id',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => c.get(`/api/emergency-plans/${await planOf(side)}`),
  },
  {
    name: 'GET /api/plan-filings/:id/document.docx',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => {
      const res = await downloadRaw(t, c, `/api/plan-filings/${await filingOf(side, true)}/document.docx`);
      return { status: res.status, body: res.status === 200 ? {} : JSON.parse(res.body.toString()) };
    },
  },
  {
    name: 'POST /api/emergency-plans',
    roles: WRITE,
    allowed: 201,
    call: (c, side) => c.post('/api/emergency-plans', planBody(side)),
  },
  {
    name: 'POST /api/emergency-plans/:id/filings',
    roles: ['enterprise'],
    allowed: 201,
    call: async (c, side) =>
      c.post(`/api/emergency-plans/${await planOf(side)}/filings`, { materials: ['application'] }),
  },
  {
    name: 'POST /api/plan-filings/:id/decide',
    roles: DECIDE,
    allowed: 200,
    call: async (c, side) => c.post(`/api/plan-filings/${await filingOf(side, false)}/decide`, { complete: true }),
  },
  {
    name: 'POST /api/emergency-plans/:id/drills',
    roles: WRITE,
    allowed: 201,
    call: async (c, side) =>
      c.post(`/api/emergency-plans/${await planOf(side)}/drills`, {
        drilledOn: DAY,
        form: 'tabletop',
        participants: 8,
        scenario: '矩阵测试演练',
      }),
  },
  {
    name: 'POST /api/emergency-plans/:id/revisions',
    roles: WRITE,
    allowed: 201,
    call: async (c, side) =>
      c.post(`/api/emergency-plans/${await planOf(side)}/revisions`, {
        trigger: 'other',
        changes: ['contacts'],
        publishedOn: DAY,
        signer: '王建国',
        reviewKind: 'review',
        reviewedOn: DAY,
        reviewSummary: '同意',
      }),
  },
  {
    name: 'POST /api/emergency-plans/:id/attachments',
    roles: WRITE,
    allowed: 201,
    call: async (c, side) =>
      c.upload(
        `/api/emergency-plans/${await planOf(side)}/attachments`,
        { kind: 'plan_document' },
        { name: 'p.pdf', data: PDF },
      ),
  },
  {
    name: 'GET /api/emergency-plans/:id/attachments/:attachmentId',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => {
      const id = await planOf(side);
      const up = await (sides.get(side) as SideActors).admin.upload(
        `/api/emergency-plans/${id}/attachments`,
        { kind: 'plan_document' },
        { name: 'p.pdf', data: PDF },
      );
      const res = await downloadRaw(t, c, `/api/emergency-plans/${id}/attachments/${up.body.id}`);
      return { status: res.status, body: res.status === 200 ? {} : JSON.parse(res.body.toString()) };
    },
  },
  {
    name: 'POST /api/emergency-plans/:id/evaluations',
    roles: WRITE,
    allowed: 201,
    call: async (c, side) =>
      c.post(`/api/emergency-plans/${await planOf(side)}/evaluations`, {
        evaluatedOn: DAY,
        conclusion: '适用',
        revisionNeeded: false,
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

describe('emergency-plan access matrix', () => {
  itChecksAccess(ROUTES, (role) => clients.get(role) as Client);

  it.each(ROLES)('the register and the overdue lists as %s: its own plans, never the foreign ones', async (role) => {
    const own = await planOf('own');
    const foreign = await planOf('foreign');
    for (const url of ['/api/emergency-plans?pageSize=200', '/api/emergency-plans?overdue=any&pageSize=200']) {
      const res = await (clients.get(role) as Client).get(url);
      // An invited department user (协同部门) reaches its incidents only.
      if (!MEMBER_ROLES.includes(role)) {
        expect(res.status).toBe(403);
        continue;
      }
      expect(res.status).toBe(200);
      const ids = res.body.items.map((d: { id: string }) => d.id);
      if (!url.includes('overdue')) expect(ids).toContain(own);
      expect(ids).not.toContain(foreign);
    }
  });

  it.each(ROLES)('statistics as %s: bureaus only, within the jurisdiction', async (role) => {
    const c = clients.get(role) as Client;
    const bureau = BUREAU.includes(role);
    expect((await c.get('/api/emergency-plans/stats?from=2026-01-01&to=2026-12-31')).status).toBe(bureau ? 200 : 403);
    expect((await c.get('/api/emergency-plans/stats.xlsx?from=2026-01-01&to=2026-12-31')).status).toBe(
      bureau ? 200 : 403,
    );
    if (bureau)
      expect((await c.get('/api/emergency-plans/stats?from=2026-01-01&to=2026-12-31&regionCode=370112')).status).toBe(
        403,
      );
  });

  it('a government plan: the bureau’s own, never an enterprise’s to write', async () => {
    const gov = {
      ownerKind: 'government',
      kind: 'special',
      title: '张店区危险化学品事故专项应急预案',
      risks: ['危险化学品泄漏'],
      publishedOn: '2025-06-01',
      signer: '区长',
      reviewKind: 'demonstration',
    };
    const created = await (clients.get('admin') as Client).post('/api/emergency-plans', gov);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ownerKind: 'government', ownerName: expect.stringContaining('张店区') });
    // 第三十二条: every 2 years.
    expect(created.body.drillDuties[0]).toMatchObject({ duty: 'government', dueOn: null, nominalOn: '2027-06-01' });
    expect((await (clients.get('enterprise') as Client).post('/api/emergency-plans', gov)).status).toBe(403);
    expect((await (clients.get('enterprise') as Client).get(`/api/emergency-plans/${created.body.id}`)).status).toBe(
      404,
    );
    expect((await (clients.get('leader') as Client).get(`/api/emergency-plans/${created.body.id}`)).status).toBe(200);
  });

  it('signed out, every route is a 401', async () => {
    const anon = t.anonymous();
    const id = await planOf('own');
    for (const res of await Promise.all([
      anon.get('/api/emergency-plans'),
      anon.get(`/api/emergency-plans/${id}`),
      anon.post('/api/emergency-plans', {}),
      anon.post(`/api/emergency-plans/${id}/filings`, {}),
      anon.post(`/api/plan-filings/${id}/decide`, {}),
      anon.post(`/api/emergency-plans/${id}/drills`, {}),
      anon.post(`/api/emergency-plans/${id}/revisions`, {}),
      anon.post(`/api/emergency-plans/${id}/evaluations`, {}),
      anon.upload(`/api/emergency-plans/${id}/attachments`, { kind: 'other' }, { name: 'p.pdf', data: PDF }),
      anon.get('/api/emergency-plans/stats?from=2026-01-01&to=2026-12-31'),
    ])) {
      expect(res.status).toBe(401);
    }
  });
});
