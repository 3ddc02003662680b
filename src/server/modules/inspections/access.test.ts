/**
 * Access matrix of the inspection routes (issue 10, bar 4): every route × every role of the 张店区 (370303) bureau and
 * its enterprise × own / foreign record → the expected status, and 401 signed out.
 *
 * Own: an inspection (and evidence) of 91370303MA3C4B2X1Y (370303). Foreign: of 91370112MA3F9J7T49 (370112, 济南市
 * 历城区). A role without the permission → 403 FORBIDDEN before the record is loaded; a record outside the
 * jurisdiction (for an enterprise: not its own) → 404 NOT_FOUND.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_ROLES, ROLES, type Role } from '../../../contracts/policies.js';
import { plainPng } from '../../db/seed/png.js';
import { itChecksAccess, type MatrixRoute, type Side } from '../../testing/access-matrix.js';
import { buildEnterprise, type Client, type Res, type TestApp, testApp, testClock } from '../../testing/harness.js';

const WRITE: Role[] = ['admin', 'inspector'];
const SIDES = {
  own: { region: '370303', code: '91370303MA3C4B2X1Y' },
  foreign: { region: '370112', code: '91370112MA3F9J7T49' },
};
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const SIGNATURE = `data:image/png;base64,${plainPng(120, 60, [255, 255, 255]).toString('base64')}`;

let t: TestApp;
const clients = new Map<Role, Client>();
const sides = new Map<Side, { admin: Client; enterpriseId: string; team: string[] }>();

function upload(c: Client, enterpriseId: string): Promise<Res> {
  const fields = { id: randomUUID(), enterpriseId, kind: 'photo', capturedAt: '2026-12-01T09:00:00+08:00' };
  return c.upload('/api/evidence', fields, { name: 'a.png', data: PNG });
}

function body(side: Side, evidence: string[] = []) {
  const s = sides.get(side) as { enterpriseId: string; team: string[] };
  return {
    enterpriseId: s.enterpriseId,
    kind: 'special',
    startedAt: '2026-12-01T09:00:00+08:00',
    finishedAt: '2026-12-01T09:30:00+08:00',
    place: '厂区',
    team: s.team,
    items: [{ code: 'GEN-001', result: 'conform' }],
    findings: '未发现问题',
    evidence,
    signature: { status: 'signed', representativeName: '张三', image: SIGNATURE },
  };
}

/** An inspection of the side's enterprise with one photo, recorded by the side's administrator. */
async function inspection(side: Side): Promise<{ id: string; evidenceId: string; documentId: string }> {
  const s = sides.get(side) as { admin: Client; enterpriseId: string };
  const photo = await upload(s.admin, s.enterpriseId);
  const res = await s.admin.post('/api/inspections', body(side, [photo.body.id]));
  if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, evidenceId: photo.body.id, documentId: res.body.documents[0].id };
}

const ROUTES: MatrixRoute[] = [
  {
    name: 'GET /api/inspections/:id',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => c.get(`/api/inspections/${(await inspection(side)).id}`),
  },
  {
    name: 'GET /api/inspections/:id/documents/:documentId.docx',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => {
      const i = await inspection(side);
      return c.get(`/api/inspections/${i.id}/documents/${i.documentId}.docx`);
    },
  },
  {
    name: 'GET /api/inspections/:id/signature.png',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => c.get(`/api/inspections/${(await inspection(side)).id}/signature.png`),
  },
  {
    name: 'GET /api/evidence/:id',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => c.get(`/api/evidence/${(await inspection(side)).evidenceId}`),
  },
  {
    name: 'POST /api/inspections',
    roles: WRITE,
    allowed: 201,
    call: (c, side) => c.post('/api/inspections', body(side)),
  },
  {
    name: 'POST /api/evidence',
    roles: WRITE,
    allowed: 201,
    call: (c, side) => upload(c, (sides.get(side) as { enterpriseId: string }).enterpriseId),
  },
];

beforeAll(async () => {
  t = await testApp({
    clock: testClock('2026-12-01T10:00:00+08:00'),
    sessionIdleMinutes: 365 * 24 * 60,
    sessionMaxHours: 365 * 24,
  });
  for (const side of ['own', 'foreign'] as const) {
    const { region, code } = SIDES[side];
    const admin = await t.as(`admin.${region}`);
    const ent = await t.as(`ent.${code}`);
    const mine = (await ent.get('/api/enterprises')).body.items?.find(
      (e: { creditCode: string }) => e.creditCode === code,
    );
    const enterpriseId =
      mine?.id ??
      (await admin.post('/api/enterprises', buildEnterprise({ regionCode: region, creditCode: code }))).body.id;
    const officers = (await admin.get('/api/inspections/officers')).body.items as {
      userId: string;
      regionCode: string;
    }[];
    sides.set(side, {
      admin,
      enterpriseId,
      team: officers.filter((o) => o.regionCode === region).map((o) => o.userId),
    });
  }
  for (const role of ROLES) {
    clients.set(role, await t.as(role === 'enterprise' ? `ent.${SIDES.own.code}` : `${role}.370303`));
  }
});
afterAll(() => t.close());

describe('inspection access matrix', () => {
  itChecksAccess(ROUTES, (role) => clients.get(role) as Client);

  it.each(ROLES)('the register as %s: its own inspections, never the foreign ones', async (role) => {
    const own = await inspection('own');
    const foreign = await inspection('foreign');
    const res = await (clients.get(role) as Client).get('/api/inspections?pageSize=200');
    if (!MEMBER_ROLES.includes(role)) {
      // 协同部门: no register of its own (issue 12 §3).
      expect(res.status).toBe(403);
      return;
    }
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(foreign.id);
  });

  it.each(ROLES)('officers, the checklist and its import as %s', async (role) => {
    const c = clients.get(role) as Client;
    expect((await c.get('/api/inspections/officers')).status).toBe(WRITE.includes(role) ? 200 : 403);
    expect((await c.get('/api/inspections/checklist')).status).toBe(MEMBER_ROLES.includes(role) ? 200 : 403);
    // Importing items is a province's (the county's administrator included: 403).
    const file = { name: '检查事项.xlsx', data: Buffer.from('x') };
    expect((await c.upload('/api/inspections/checklist/import', {}, file)).body.error.code).toBe('FORBIDDEN');
  });

  it('signed out, every route is a 401', async () => {
    const anon = t.anonymous();
    const i = await inspection('own');
    for (const res of await Promise.all([
      anon.get('/api/inspections'),
      anon.get(`/api/inspections/${i.id}`),
      anon.get(`/api/inspections/${i.id}/documents/${i.documentId}.docx`),
      anon.get(`/api/inspections/${i.id}/signature.png`),
      anon.get(`/api/evidence/${i.evidenceId}`),
      anon.post('/api/inspections', {}),
      anon.get('/api/inspections/officers'),
      anon.get('/api/inspections/checklist'),
      upload(anon, (sides.get('own') as { enterpriseId: string }).enterpriseId),
    ])) {
      expect(res.status).toBe(401);
    }
  });
});
