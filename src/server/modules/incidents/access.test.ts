/**
 * Access matrix of the incident routes (issue 12, bar 4): every route × every role of the 张店区 (370303) bureau, its
 * enterprise and its 协同部门 user × own / foreign incident, and 401 signed out.
 *
 * Own: a Ⅳ级 incident led by the 张店区 bureau, to which its department user is invited (with the comment right).
 * Foreign: one of the 历城区 (370112) bureau, to which that user is not invited. A role without the permission → 403
 * FORBIDDEN before the incident is loaded; an incident outside the jurisdiction — for the department user, one it is
 * not invited to — → 404 NOT_FOUND. The department role reaches nothing else of the platform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_ROLES, ROLES, type Role } from '../../../contracts/policies.js';
import { itChecksAccess, type MatrixRoute, type Side } from '../../testing/access-matrix.js';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { insertResource } from './testing.js';

const READ: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader', 'department'];
const LOG: Role[] = ['admin', 'duty', 'leader', 'inspector', 'department'];
const COMMAND: Role[] = ['admin', 'duty', 'leader'];
const BUREAU: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader'];
const REGION: Record<Side, string> = { own: '370303', foreign: '370112' };

let t: TestApp;
const clients = new Map<Role, Client>();
const admins = new Map<Side, Client>();
let departmentId: string;
let seq = 0;

/** A fresh Ⅳ级 incident of the side, its department user invited on the own side; with a task when asked. */
async function incident(side: Side, opts: { task?: boolean; closed?: boolean } = {}) {
  const admin = admins.get(side) as Client;
  seq += 1;
  const a = await admin.post(
    '/api/accidents',
    buildAccident({ regionCode: REGION[side], unitName: `矩阵单位${seq}`, confirmNotDuplicate: true }, t.clock.now()),
  );
  const i = await admin.post('/api/incidents', { accidentId: a.body.id });
  if (i.status !== 201) throw new Error(`fixture: ${i.status} ${JSON.stringify(i.body)}`);
  const id: string = i.body.id;
  if (side === 'own') {
    await admin.post(`/api/incidents/${id}/invitations`, {
      userId: departmentId,
      department: 'public_security',
      departmentName: '张店公安分局',
      access: 'comment',
    });
  }
  let taskId = '';
  if (opts.task) {
    const resourceId = await insertResource(t.db, { name: `矩阵队伍${seq}`, lng: 118.0, lat: 36.8 });
    taskId = (await admin.post(`/api/incidents/${id}/tasks`, { resourceId, assignment: '处置' })).body.tasks[0].id;
  }
  if (opts.closed) await admin.post(`/api/incidents/${id}/close`, { summary: '处置完毕' });
  const invitationId: string =
    (await admin.get(`/api/incidents/${id}`)).body.invitations.find((v: { revokedAt: string | null }) => !v.revokedAt)
      ?.id ?? '00000000-0000-7000-8000-000000000000';
  return { id, accidentId: a.body.id as string, taskId, invitationId };
}

/** A 一般 report without an incident, for POST /api/incidents. */
async function bareAccident(side: Side): Promise<string> {
  seq += 1;
  const a = await (admins.get(side) as Client).post(
    '/api/accidents',
    buildAccident({ regionCode: REGION[side], unitName: `矩阵单位${seq}`, confirmNotDuplicate: true }, t.clock.now()),
  );
  return a.body.id;
}

const ROUTES: MatrixRoute[] = [
  {
    name: 'GET /api/incidents/:id',
    roles: READ,
    allowed: 200,
    call: async (c, side) => c.get(`/api/incidents/${(await incident(side)).id}`),
  },
  {
    name: 'GET /api/incidents/:id?view=wall',
    roles: READ,
    allowed: 200,
    call: async (c, side) => c.get(`/api/incidents/${(await incident(side)).id}?view=wall`),
  },
  {
    name: 'GET /api/incidents/:id/nearest',
    roles: READ,
    allowed: 200,
    call: async (c, side) => c.get(`/api/incidents/${(await incident(side)).id}/nearest`),
  },
  {
    name: 'GET /api/incidents/:id/report.docx',
    roles: READ,
    allowed: 200,
    call: async (c, side) => c.get(`/api/incidents/${(await incident(side, { closed: true })).id}/report.docx`),
  },
  {
    name: 'POST /api/incidents',
    roles: COMMAND,
    allowed: 201,
    call: async (c, side) => c.post('/api/incidents', { accidentId: await bareAccident(side) }),
  },
  {
    name: 'POST /api/incidents/:id/level',
    roles: COMMAND,
    allowed: 200,
    call: async (c, side) =>
      c.post(`/api/incidents/${(await incident(side)).id}/level`, { level: 'III', reason: '事态扩大' }),
  },
  {
    name: 'POST /api/incidents/:id/log',
    roles: LOG,
    allowed: 201,
    call: async (c, side) =>
      c.post(`/api/incidents/${(await incident(side)).id}/log`, { kind: 'situation', text: '现场情况' }),
  },
  {
    name: 'POST /api/incidents/:id/tasks',
    roles: COMMAND,
    allowed: 201,
    call: async (c, side) => {
      const resourceId = await insertResource(t.db, { name: `调派队伍${++seq}`, lng: 118.0, lat: 36.8 });
      return c.post(`/api/incidents/${(await incident(side)).id}/tasks`, { resourceId, assignment: '处置' });
    },
  },
  {
    name: 'POST /api/incidents/:id/tasks/:taskId/state',
    roles: COMMAND,
    allowed: 200,
    call: async (c, side) => {
      const i = await incident(side, { task: true });
      return c.post(`/api/incidents/${i.id}/tasks/${i.taskId}/state`, { state: 'en_route' });
    },
  },
  {
    name: 'GET /api/incidents/:id/invitable-users',
    roles: COMMAND,
    allowed: 200,
    call: async (c, side) => c.get(`/api/incidents/${(await incident(side)).id}/invitable-users`),
  },
  {
    name: 'POST /api/incidents/:id/invitations',
    roles: COMMAND,
    allowed: 201,
    call: async (c, side) =>
      c.post(`/api/incidents/${(await incident(side)).id}/invitations`, {
        userId: departmentId,
        department: 'fire',
        departmentName: '张店消防救援大队',
        access: 'read',
      }),
  },
  {
    name: 'POST /api/incidents/:id/invitations/:invitationId/revoke',
    roles: COMMAND,
    allowed: 200,
    call: async (c, side) => {
      const i = await incident(side);
      return c.post(`/api/incidents/${i.id}/invitations/${i.invitationId}/revoke`);
    },
  },
  {
    name: 'POST /api/incidents/:id/close',
    roles: COMMAND,
    allowed: 200,
    call: async (c, side) => c.post(`/api/incidents/${(await incident(side)).id}/close`, { summary: '处置完毕' }),
  },
];

beforeAll(async () => {
  t = await testApp({
    clock: testClock('2026-12-01T10:00:00+08:00'),
    sessionIdleMinutes: 365 * 24 * 60,
    sessionMaxHours: 365 * 24,
  });
  admins.set('own', await t.as('admin.370303'));
  admins.set('foreign', await t.as('admin.370112'));
  departmentId = (
    await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'department.370303')
      .executeTakeFirstOrThrow()
  ).id;
  for (const role of ROLES) {
    clients.set(role, await t.as(role === 'enterprise' ? 'ent.91370303MA3C4B2X1Y' : `${role}.370303`));
  }
});
afterAll(() => t.close());

describe('incident access matrix', () => {
  itChecksAccess(ROUTES, (role) => clients.get(role) as Client);

  it.each(ROLES)('the list as %s: its own incidents (the department user: those it is invited to)', async (role) => {
    const own = await incident('own');
    const foreign = await incident('foreign');
    const res = await (clients.get(role) as Client).get('/api/incidents?pageSize=200');
    if (!READ.includes(role)) {
      expect(res.status).toBe(403);
      return;
    }
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(foreign.id);
  });

  it.each(ROLES)('statistics as %s: bureaus only, their own subtree', async (role) => {
    const c = clients.get(role) as Client;
    const bureau = BUREAU.includes(role);
    expect((await c.get('/api/incidents/stats?from=2026-01-01&to=2026-12-31')).status).toBe(bureau ? 200 : 403);
    expect((await c.get('/api/incidents/stats.xlsx?from=2026-01-01&to=2026-12-31')).status).toBe(bureau ? 200 : 403);
    if (bureau)
      expect((await c.get('/api/incidents/stats?from=2026-01-01&to=2026-12-31&regionCode=370112')).status).toBe(403);
  });

  it('an invited department user reads an incident of another region; a revoked one is gone; not invited is 404', async () => {
    const foreign = await incident('foreign');
    const dept = clients.get('department') as Client;
    expect((await dept.get(`/api/incidents/${foreign.id}`)).status).toBe(404);
    // The department user of 张店区 is outside 历城区's jurisdiction: 历城区 cannot invite it.
    const refused = await (admins.get('foreign') as Client).post(`/api/incidents/${foreign.id}/invitations`, {
      userId: departmentId,
      department: 'fire',
      departmentName: '张店消防',
      access: 'read',
    });
    expect(refused.status).toBe(400);
    // The province can (the user is in its jurisdiction), and then the user reads it.
    const province = await t.as('admin.370000');
    expect(
      (await province.post(`/api/incidents/${foreign.id}/level`, { level: 'II', reason: '省级响应' })).status,
    ).toBe(200);
    const invited = await province.post(`/api/incidents/${foreign.id}/invitations`, {
      userId: departmentId,
      department: 'fire',
      departmentName: '张店消防',
      access: 'read',
    });
    expect(invited.status).toBe(201);
    expect((await dept.get(`/api/incidents/${foreign.id}`)).status).toBe(200);
    expect((await dept.post(`/api/incidents/${foreign.id}/log`, { kind: 'note', text: 'x' })).status).toBe(403);
    const inv = invited.body.invitations.find((v: { revokedAt: string | null }) => !v.revokedAt);
    await province.post(`/api/incidents/${foreign.id}/invitations/${inv.id}/revoke`);
    expect((await dept.get(`/api/incidents/${foreign.id}`)).status).toBe(404);
  });

  it('the department role reaches nothing else: every other GET of the API is a 403', async () => {
    const dept = clients.get('department') as Client;
    const doc = (await (clients.get('admin') as Client).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const open = [/^\/api\/incidents/, /^\/api\/auth\//, /^\/api\/events$/, /^\/api\/public\//, /^\/api\/health$/];
    const gets = Object.entries(doc.paths)
      .filter(([path, methods]) => 'get' in methods && !path.includes('{') && !open.some((re) => re.test(path)))
      .map(([path]) => path);
    expect(gets.length).toBeGreaterThan(30);
    for (const path of gets) {
      const res = await dept.get(path);
      expect(res.status, path).toBe(403);
    }
    for (const role of MEMBER_ROLES) expect(role).not.toBe('department');
  });

  it('signed out, every route is a 401', async () => {
    const anon = t.anonymous();
    const i = await incident('own');
    for (const res of await Promise.all([
      anon.get('/api/incidents'),
      anon.get(`/api/incidents/${i.id}`),
      anon.post('/api/incidents', {}),
      anon.post(`/api/incidents/${i.id}/log`, { kind: 'note', text: 'x' }),
      anon.post(`/api/incidents/${i.id}/close`, { summary: 'x' }),
      anon.get('/api/incidents/stats?from=2026-01-01&to=2026-12-31'),
    ])) {
      expect(res.status).toBe(401);
    }
  });
});
