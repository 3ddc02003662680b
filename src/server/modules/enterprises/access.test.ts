/**
 * Access matrix of the registry routes (issue 4): every route × every role of the 张店区 (370303) bureau and the
 * enterprise ent.91370303MA3C4B2X1Y × own / foreign record → the expected status, and 401 signed out.
 *
 * Own: the enterprise 91370303MA3C4B2X1Y in 370303 with a licence and a hazard unit. Foreign: an enterprise in
 * 370112 (济南市历城区) with the same. Rules: a role without the permission → 403 FORBIDDEN before the record is
 * loaded; a record outside the jurisdiction (or, for an enterprise, not its own) → 404; creating outside → 403
 * OUTSIDE_JURISDICTION.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/policies.js';
import { buildEnterprise, type Client, type Res, type TestApp, testApp, testClock } from '../../testing/harness.js';

const OWN_CODE = '91370303MA3C4B2X1Y';
const ROLES: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader', 'enterprise', 'department'];
/** Every role but the 协同部门 guest, which reaches incidents only (issue 12 §3). */
const MEMBERS: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader', 'enterprise'];
const BUREAU: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader'];
const MAINTAIN: Role[] = ['admin', 'inspector', 'enterprise'];
const OFFICIAL: Role[] = ['admin', 'inspector'];

type Side = 'own' | 'foreign';
interface Fixture {
  enterpriseId: string;
  licenceId: string;
  unitId: string;
  regionCode: string;
}

interface RouteSpec {
  name: string;
  roles: readonly Role[];
  /** Status when allowed, per side. */
  allowed: Record<Side, number>;
  call: (c: Client, f: Fixture, seq: number) => Promise<Res>;
}

const unitBody = (seq: number) => ({
  kind: 'storage',
  name: `矩阵储罐${seq}`,
  substances: [{ name: '液氨', quantityT: 12 }],
  exposedPeople: 10,
});

const ROUTES: RouteSpec[] = [
  {
    name: 'GET /api/enterprises/:id',
    roles: MEMBERS,
    allowed: { own: 200, foreign: 404 },
    call: (c, f) => c.get(`/api/enterprises/${f.enterpriseId}`),
  },
  {
    name: 'PATCH /api/enterprises/:id',
    roles: MAINTAIN,
    allowed: { own: 200, foreign: 404 },
    call: (c, f, seq) => c.patch(`/api/enterprises/${f.enterpriseId}`, { employees: 100 + seq }),
  },
  {
    name: 'GET /api/enterprises/:id/history',
    roles: MEMBERS,
    allowed: { own: 200, foreign: 404 },
    call: (c, f) => c.get(`/api/enterprises/${f.enterpriseId}/history`),
  },
  {
    name: 'POST /api/enterprises/:id/licences',
    roles: OFFICIAL,
    allowed: { own: 201, foreign: 404 },
    call: (c, f, seq) =>
      c.post(`/api/enterprises/${f.enterpriseId}/licences`, {
        type: 'hc_use',
        number: `MATRIX-${seq}`,
        issuer: '淄博市应急管理局',
        validFrom: '2025-01-01',
        validTo: '2028-01-01',
      }),
  },
  {
    name: 'PATCH /api/licences/:id',
    roles: OFFICIAL,
    allowed: { own: 200, foreign: 404 },
    call: (c, f, seq) => c.patch(`/api/licences/${f.licenceId}`, { scope: `范围${seq}` }),
  },
  {
    name: 'GET /api/enterprises/:id/hazard-units',
    roles: MEMBERS,
    allowed: { own: 200, foreign: 404 },
    call: (c, f) => c.get(`/api/enterprises/${f.enterpriseId}/hazard-units`),
  },
  {
    name: 'POST /api/enterprises/:id/hazard-units',
    roles: MAINTAIN,
    allowed: { own: 201, foreign: 404 },
    call: (c, f, seq) => c.post(`/api/enterprises/${f.enterpriseId}/hazard-units`, unitBody(seq)),
  },
  {
    name: 'GET /api/hazard-units/:id',
    roles: MEMBERS,
    allowed: { own: 200, foreign: 404 },
    call: (c, f) => c.get(`/api/hazard-units/${f.unitId}`),
  },
  {
    name: 'PATCH /api/hazard-units/:id',
    roles: MAINTAIN,
    allowed: { own: 200, foreign: 404 },
    call: (c, f, seq) => c.patch(`/api/hazard-units/${f.unitId}`, { exposedPeople: seq % 90 }),
  },
  {
    name: 'POST /api/hazard-units/:id/retire',
    roles: MAINTAIN,
    allowed: { own: 200, foreign: 404 },
    // A unit of its own each time, made by the bureau of its region, so retiring one leaves the others.
    call: async (c, f, seq) => {
      const maker = makers.get(f.regionCode) as Client;
      const u = await maker.post(`/api/enterprises/${f.enterpriseId}/hazard-units`, unitBody(seq));
      return c.post(`/api/hazard-units/${u.body.id}/retire`);
    },
  },
  {
    name: 'POST /api/enterprises (in the region)',
    roles: MAINTAIN,
    // An enterprise may register only itself (already registered here): another unit's code is outside it.
    allowed: { own: 201, foreign: 403 },
    call: (c, f) => c.post('/api/enterprises', buildEnterprise({ regionCode: f.regionCode })),
  },
];

/** Lists: everyone may read, and sees only what is theirs. */
const LISTS: {
  name: string;
  roles: readonly Role[];
  url: string;
  ids: (body: Res['body']) => string[];
  of: keyof Fixture;
}[] = [
  {
    name: 'GET /api/enterprises',
    roles: MEMBERS,
    url: '/api/enterprises?pageSize=200',
    ids: (b) => b.items.map((e: { id: string }) => e.id),
    of: 'enterpriseId',
  },
  {
    name: 'GET /api/major-hazards?all=true',
    roles: MEMBERS,
    url: '/api/major-hazards?all=true&pageSize=200',
    ids: (b) => b.items.map((u: { id: string }) => u.id),
    of: 'unitId',
  },
  {
    name: 'GET /api/licences/alerts',
    roles: MEMBERS,
    url: '/api/licences/alerts?pageSize=200',
    ids: (b) => b.items.map((l: { id: string }) => l.id),
    of: 'licenceId',
  },
  {
    name: 'GET /api/map/enterprises',
    roles: MEMBERS,
    url: '/api/map/enterprises',
    ids: (b) => b.items.map((p: { id: string }) => p.id),
    of: 'enterpriseId',
  },
  {
    name: 'GET /api/enterprises/unlicensed',
    roles: MEMBERS,
    url: '/api/enterprises/unlicensed?pageSize=200',
    ids: (b) => b.items.map((e: { id: string }) => e.id),
    of: 'enterpriseId',
  },
];

let t: TestApp;
const clients = new Map<Role, Client>();
const makers = new Map<string, Client>();
const fixtures = {} as Record<Side, Fixture>;
let seq = 0;

async function fixture(maker: Client, regionCode: string, creditCode?: string): Promise<Fixture> {
  // Sectors fireworks + chemicals with only a chemicals licence expiring soon: on the alert and the 无证 lists.
  const e = await maker.post(
    '/api/enterprises',
    buildEnterprise({
      regionCode,
      sectors: ['hazardous_chemicals', 'fireworks'],
      ...(creditCode ? { creditCode } : {}),
    }),
  );
  const l = await maker.post(`/api/enterprises/${e.body.id}/licences`, {
    type: 'hc_production',
    number: `FIX-${regionCode}`,
    issuer: '山东省应急管理厅',
    validFrom: '2024-01-01',
    validTo: '2026-12-20',
  });
  const u = await maker.post(`/api/enterprises/${e.body.id}/hazard-units`, unitBody(0));
  return { enterpriseId: e.body.id, licenceId: l.body.id, unitId: u.body.id, regionCode };
}

beforeAll(async () => {
  t = await testApp({
    clock: testClock('2026-12-01T10:00:00+08:00'),
    sessionIdleMinutes: 365 * 24 * 60,
    sessionMaxHours: 365 * 24,
  });
  makers.set('370303', await t.as('admin.370303'));
  makers.set('370112', await t.as('admin.370112'));
  fixtures.own = await fixture(makers.get('370303') as Client, '370303', OWN_CODE);
  fixtures.foreign = await fixture(makers.get('370112') as Client, '370112');
  for (const role of ROLES) clients.set(role, await t.as(role === 'enterprise' ? `ent.${OWN_CODE}` : `${role}.370303`));
});
afterAll(() => t.close());

const cases = ROUTES.flatMap((r) =>
  ROLES.flatMap((role) => (['own', 'foreign'] as const).map((side) => [r.name, role, side] as const)),
);

describe('registry access matrix', () => {
  it.each(cases)('%s as %s on the %s record', async (name, role, side) => {
    const route = ROUTES.find((r) => r.name === name) as RouteSpec;
    seq += 1;
    const res = await route.call(clients.get(role) as Client, fixtures[side], seq);
    if (!route.roles.includes(role)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      return;
    }
    const expected = role === 'enterprise' && name.startsWith('POST /api/enterprises (') ? 403 : route.allowed[side];
    expect(res.status, JSON.stringify(res.body)).toBe(expected);
    if (expected === 403) expect(res.body.error.code).toBe('OUTSIDE_JURISDICTION');
    if (expected === 404) expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it.each(LISTS.flatMap((l) => ROLES.map((role) => [l.name, role] as const)))(
    '%s as %s: its own record, never the foreign one',
    async (name, role) => {
      const list = LISTS.find((l) => l.name === name) as (typeof LISTS)[number];
      const res = await (clients.get(role) as Client).get(list.url);
      if (!list.roles.includes(role)) {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status).toBe(200);
      const ids = list.ids(res.body);
      expect(ids).toContain(fixtures.own[list.of]);
      expect(ids).not.toContain(fixtures.foreign[list.of]);
    },
  );

  it.each(BUREAU)('a region filter outside the jurisdiction is a 404 for %s', async (role) => {
    const c = clients.get(role) as Client;
    for (const url of [
      '/api/enterprises?regionCode=370112',
      '/api/major-hazards?regionCode=370112',
      '/api/licences/alerts?regionCode=370112',
      '/api/major-hazards/summary?regionCode=370100',
    ]) {
      expect((await c.get(url)).status, url).toBe(404);
    }
  });

  it('census: bureau administrators and inspectors start one; progress is for bureaus; the enterprise submits its own', async () => {
    for (const role of ROLES) {
      const res = await (clients.get(role) as Client).post('/api/hazard-censuses', {
        name: `普查${role}`,
        startsOn: '2026-11-01',
        endsOn: '2026-12-31',
      });
      expect(res.status, role).toBe(OFFICIAL.includes(role) ? 201 : 403);
    }
    const census = (await (clients.get('inspector') as Client).get('/api/hazard-censuses')).body.items[0];
    expect((await (clients.get('enterprise') as Client).get(`/api/hazard-censuses/${census.id}/progress`)).status).toBe(
      403,
    );
    expect((await (clients.get('leader') as Client).get(`/api/hazard-censuses/${census.id}/progress`)).status).toBe(
      200,
    );
    const ent = clients.get('enterprise') as Client;
    expect(
      (await ent.post(`/api/hazard-censuses/${census.id}/returns`, { enterpriseId: fixtures.own.enterpriseId })).status,
    ).toBe(201);
    expect(
      (await ent.post(`/api/hazard-censuses/${census.id}/returns`, { enterpriseId: fixtures.foreign.enterpriseId }))
        .status,
    ).toBe(404);
    expect(
      (
        await (clients.get('duty') as Client).post(`/api/hazard-censuses/${census.id}/returns`, {
          enterpriseId: fixtures.own.enterpriseId,
        })
      ).status,
    ).toBe(403);
  });

  it('signed out, every route is a 401', async () => {
    const anon = t.anonymous();
    const f = fixtures.own;
    const calls = [
      anon.get('/api/enterprises'),
      anon.post('/api/enterprises', buildEnterprise()),
      anon.get(`/api/enterprises/${f.enterpriseId}`),
      anon.patch(`/api/enterprises/${f.enterpriseId}`, { employees: 1 }),
      anon.get('/api/licences/alerts'),
      anon.get('/api/enterprises/unlicensed'),
      anon.patch(`/api/licences/${f.licenceId}`, { scope: 'x' }),
      anon.post('/api/hazards/evaluate', { substances: [{ name: '液氨', quantityT: 1 }], exposedPeople: 0 }),
      anon.get('/api/major-hazards'),
      anon.get(`/api/hazard-units/${f.unitId}`),
      anon.get('/api/map/enterprises'),
      anon.get('/api/hazard-censuses'),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(401);
  });
});
