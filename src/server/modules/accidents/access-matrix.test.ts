/**
 * Access matrix: every accident route × every role × own / foreign region → the expected status.
 *
 * Own: a report in 370303 filed by the enterprise ent.91370303MA3C4B2X1Y (so it is in the jurisdiction of every
 * 370303 bureau user AND is that enterprise's own unit's report). Foreign: a report in 370112 (Jinan) filed by
 * ent.91370112MA3F9J7T49. Callers are the 370303 users and ent.91370303MA3C4B2X1Y.
 *
 * Rules: a role without the permission → 403 FORBIDDEN, checked before the record is loaded (so also for foreign
 * records); a record outside the jurisdiction → 404 (its existence does not leak); creating in a foreign region →
 * 403 OUTSIDE_JURISDICTION.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/policies.js';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const T0_ISO = '2026-11-25T10:00:00+08:00';
const OWN_ENTERPRISE = 'ent.91370303MA3C4B2X1Y';
const FOREIGN_ENTERPRISE = 'ent.91370112MA3F9J7T49';

type Route = 'list' | 'get' | 'create' | 'followup' | 'forward' | 'sign';
type Side = 'own' | 'foreign';
interface Expect {
  status: number;
  code?: string;
}

const ROLES: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader', 'enterprise', 'department'];
/** Every role but the 协同部门 guest, which reaches incidents only (issue 12 §3). */
const MEMBERS: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader', 'enterprise'];
const ROUTES: Route[] = ['list', 'get', 'create', 'followup', 'forward', 'sign'];

const ok = (status: number): Expect => ({ status });
const FORBIDDEN: Expect = { status: 403, code: 'FORBIDDEN' };
const NOT_FOUND: Expect = { status: 404, code: 'NOT_FOUND' };
const OUTSIDE: Expect = { status: 403, code: 'OUTSIDE_JURISDICTION' };

/** The permission table of the issue (src/server/auth/policies.ts) and the jurisdiction rules. */
function expected(route: Route, role: Role, side: Side): Expect {
  const may: Record<Route, Role[]> = {
    list: MEMBERS,
    get: MEMBERS,
    create: ['admin', 'duty', 'stats', 'enterprise'],
    followup: ['admin', 'duty', 'stats', 'enterprise'],
    forward: ['admin', 'duty'],
    sign: ['admin', 'duty'],
  };
  if (!may[route].includes(role)) return FORBIDDEN;
  switch (route) {
    case 'list':
      return ok(200);
    case 'create':
      // An enterprise reports its own unit's accident to the county where it happened, wherever that is
      // (493号令 第九条: 事故发生地); a bureau only inside its subtree.
      if (side === 'foreign' && role !== 'enterprise') return OUTSIDE;
      return ok(201);
    case 'followup':
      return side === 'own' ? ok(201) : NOT_FOUND;
    default:
      return side === 'own' ? ok(200) : NOT_FOUND;
  }
}

const username = (role: Role) => (role === 'enterprise' ? OWN_ENTERPRISE : `${role}.370303`);

let t: TestApp;
const clients = new Map<string, Client>();
let seq = 0;

async function client(name: string): Promise<Client> {
  let c = clients.get(name);
  if (!c) {
    c = await t.as(name);
    clients.set(name, c);
  }
  return c;
}

function body(regionCode: string, overrides: Record<string, unknown> = {}) {
  seq += 1;
  return buildAccident(
    { regionCode, unitName: `权限矩阵测试单位${seq}`, confirmNotDuplicate: true, ...overrides },
    t.clock.now(),
  );
}

/** A fresh report on the given side, filed by that side's enterprise. */
async function freshReport(side: Side): Promise<string> {
  const filer = await client(side === 'own' ? OWN_ENTERPRISE : FOREIGN_ENTERPRISE);
  const res = await filer.post('/api/accidents', body(side === 'own' ? '370303' : '370112'));
  if (res.status !== 201) throw new Error(`fresh report: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function call(c: Client, route: Route, side: Side) {
  const region = side === 'own' ? '370303' : '370112';
  switch (route) {
    case 'list':
      return c.get('/api/accidents?pageSize=200');
    case 'create':
      return c.post('/api/accidents', body(region));
    case 'get':
      return c.get(`/api/accidents/${await freshReport(side)}`);
    case 'followup':
      return c.post(`/api/accidents/${await freshReport(side)}/followups`, { minorInjuries: 2, note: '续报' });
    case 'forward':
      return c.post(`/api/accidents/${await freshReport(side)}/forward`, { note: '上报' });
    case 'sign':
      return c.post(`/api/accidents/${await freshReport(side)}/sign`, {});
  }
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(T0_ISO) });
});
afterAll(() => t.close());

const cases = ROUTES.flatMap((route) =>
  ROLES.flatMap((role) => (['own', 'foreign'] as const).map((side) => ({ route, role, side }))),
).map((c) => ({ ...c, want: expected(c.route, c.role, c.side) }));

describe('accident routes × roles × own/foreign region', () => {
  it('covers 6 routes × 7 roles × 2 sides', () => {
    expect(cases).toHaveLength(84);
  });

  it.each(cases)('$route as $role on $side → $want.status $want.code', async ({ route, role, side, want }) => {
    const c = await client(username(role));
    const res = await call(c, route, side);
    expect(res.status, JSON.stringify(res.body)).toBe(want.status);
    if (want.code) expect(res.body.error.code).toBe(want.code);
    if (route === 'list' && res.status === 200) {
      // the list is the jurisdiction: own reports in, foreign out
      const own = await freshReport('own');
      const foreign = await freshReport('foreign');
      const ids = (await c.get('/api/accidents?pageSize=200')).body.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(own);
      expect(ids).not.toContain(foreign);
    }
    if (route === 'create' && res.status === 201) {
      expect(res.body.regionCode).toBe(side === 'own' ? '370303' : '370112');
    }
  });
});

/**
 * The 签收 rule (issue 14 §1): who may sign a report at each stage. A report received from a unit may be signed by
 * the county before it forwards; a report a county filed itself is signed by nobody at the county; after a level
 * forwarded, it no longer signs; above the holder nobody has received it yet.
 */
describe('签收 by chain position', () => {
  async function stage(filer: string, forwardedBy: string[]): Promise<string> {
    const res = await (await client(filer)).post('/api/accidents', body('370303', { deaths: 3 }));
    if (res.status !== 201) throw new Error(`file: ${res.status} ${JSON.stringify(res.body)}`);
    for (const who of forwardedBy) {
      const fwd = await (await client(who)).post(`/api/accidents/${res.body.id}/forward`, {});
      if (fwd.status !== 200) throw new Error(`forward: ${fwd.status} ${JSON.stringify(fwd.body)}`);
    }
    return res.body.id as string;
  }

  it.each<[string, string, string[], string, Expect]>([
    ['a unit’s report, county', OWN_ENTERPRISE, [], 'duty.370303', ok(200)],
    ['the county’s own report, county', 'duty.370303', [], 'duty.370303', { status: 409, code: 'SIGN_OWN_REPORT' }],
    [
      'the county’s own report, city before receipt',
      'duty.370303',
      [],
      'duty.370300',
      { status: 403, code: 'NOT_RECEIVED' },
    ],
    ['forwarded to the city, city', 'duty.370303', ['duty.370303'], 'duty.370300', ok(200)],
    [
      'forwarded to the city, county again',
      'duty.370303',
      ['duty.370303'],
      'duty.370303',
      { status: 409, code: 'SIGN_OWN_REPORT' },
    ],
    [
      'a unit’s report forwarded by the county, county',
      OWN_ENTERPRISE,
      ['duty.370303'],
      'duty.370303',
      { status: 409, code: 'SIGN_AFTER_FORWARD' },
    ],
    [
      'forwarded on by the city, city',
      'duty.370303',
      ['duty.370303', 'duty.370300'],
      'duty.370300',
      { status: 409, code: 'SIGN_AFTER_FORWARD' },
    ],
    ['forwarded on by the city, province', 'duty.370303', ['duty.370303', 'duty.370300'], 'duty.370000', ok(200)],
    ['the city files a 较大 itself, city', 'duty.370300', [], 'duty.370300', { status: 409, code: 'SIGN_OWN_REPORT' }],
  ])('%s → %j', async (_label, filer, forwardedBy, signer, want) => {
    const id = await stage(filer, forwardedBy);
    const res = await (await client(signer)).post(`/api/accidents/${id}/sign`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(want.status);
    if (want.code) expect(res.body.error.code).toBe(want.code);
  });
});

describe('jurisdiction across levels', () => {
  it('the city 370300 reads a 370303 report; a neighbouring county 370304 gets 404', async () => {
    const id = await freshReport('own');
    for (const role of ['duty', 'stats', 'leader', 'inspector', 'admin']) {
      expect((await (await client(`${role}.370300`)).get(`/api/accidents/${id}`)).status, role).toBe(200);
      const neighbour = await client(`${role}.370304`);
      const res = await neighbour.get(`/api/accidents/${id}`);
      expect(res.status, role).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('the neighbouring county cannot act on it either (404, not 403: existence does not leak)', async () => {
    const id = await freshReport('own');
    const neighbour = await client('duty.370304');
    expect((await neighbour.post(`/api/accidents/${id}/followups`, { deaths: 1 })).status).toBe(404);
    expect((await neighbour.post(`/api/accidents/${id}/forward`, {})).status).toBe(404);
    expect((await neighbour.post(`/api/accidents/${id}/sign`, {})).status).toBe(404);
  });

  it('the province and the nation read it; Jinan (370100) does not', async () => {
    const id = await freshReport('own');
    expect((await (await client('leader.370000')).get(`/api/accidents/${id}`)).status).toBe(200);
    expect((await (await client('leader.000000')).get(`/api/accidents/${id}`)).status).toBe(200);
    expect((await (await client('leader.370100')).get(`/api/accidents/${id}`)).status).toBe(404);
  });

  it("an enterprise does not see a bureau's report about another unit in its own county", async () => {
    const duty = await client('duty.370303');
    const res = await duty.post('/api/accidents', body('370303'));
    expect(res.status).toBe(201);
    const ent = await client(OWN_ENTERPRISE);
    expect((await ent.get(`/api/accidents/${res.body.id}`)).status).toBe(404);
    expect((await ent.post(`/api/accidents/${res.body.id}/followups`, { deaths: 1 })).status).toBe(404);
  });

  it('the town 370303001 files in its own town, not elsewhere in the county', async () => {
    const town = await client('duty.370303001');
    const own = await town.post('/api/accidents', body('370303001'));
    expect(own.status).toBe(201);
    expect(own.body.holderLevel).toBe('county');
    const county = await town.post('/api/accidents', body('370303'));
    expect(county.status).toBe(403);
    expect(county.body.error.code).toBe('OUTSIDE_JURISDICTION');
  });
});

describe('unauthenticated', () => {
  it.each(ROUTES)('%s → 401 UNAUTHENTICATED', async (route) => {
    const id = await freshReport('own');
    const anon = t.anonymous();
    const res =
      route === 'list'
        ? await anon.get('/api/accidents')
        : route === 'get'
          ? await anon.get(`/api/accidents/${id}`)
          : route === 'create'
            ? await anon.post('/api/accidents', body('370303'))
            : await anon.post(`/api/accidents/${id}/${route === 'followup' ? 'followups' : route}`, {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('a forged session cookie is unauthenticated too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/accidents', headers: { cookie: 'anjian_sid=forged' } });
    expect(res.statusCode).toBe(401);
  });
});
