/**
 * Access matrix of the rescue-resource routes (issue 12, bar 4): every route × every role of the 张店区 (370303) bureau
 * and its enterprise (and the bureau's invited-department account) × own / foreign record → the expected status.
 *
 * Own: the enterprise team of 91370303MA3C4B2X1Y (张店区), its agreement, a 张店区 accident. Foreign: the same of
 * 91370112MA3F9J7T49 (历城区, 济南). A role without the permission → 403 FORBIDDEN before the record is loaded; a record
 * outside the jurisdiction (for an enterprise: not its own) → 404 NOT_FOUND.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_ROLES, ROLES, type Role } from '../../../contracts/policies.js';
import { itChecksAccess, type MatrixRoute, type Side } from '../../testing/access-matrix.js';
import {
  buildAccident,
  buildEnterprise,
  type Client,
  type TestApp,
  testApp,
  testClock,
} from '../../testing/harness.js';

const WRITE: Role[] = ['admin', 'duty'];
const BUREAU: Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader'];
const SIDES = {
  own: { region: '370303', code: '91370303MA3C4B2X1Y', lng: 118.03, lat: 36.81 },
  foreign: { region: '370112', code: '91370112MA3F9J7T49', lng: 117.07, lat: 36.68 },
};
const NOW = '2026-12-06T10:00:00+08:00';

let t: TestApp;
const clients = new Map<Role, Client>();
interface SideActors {
  admin: Client;
  duty: Client;
  enterpriseId: string;
}
const sides = new Map<Side, SideActors>();

async function sideOf(side: Side): Promise<SideActors> {
  const { region, code } = SIDES[side];
  const admin = await t.as(`admin.${region}`);
  const duty = await t.as(`duty.${region}`);
  const created = await admin.post('/api/enterprises', buildEnterprise({ regionCode: region, creditCode: code }));
  const enterpriseId =
    created.status === 201
      ? created.body.id
      : (await admin.get('/api/enterprises?pageSize=200')).body.items.find(
          (e: { creditCode: string }) => e.creditCode === code,
        ).id;
  return { admin, duty, enterpriseId };
}

const s = (side: Side) => sides.get(side) as SideActors;

const teamBody = (side: Side) => ({
  kind: 'team',
  name: `企业救援队${Math.random().toString(36).slice(2, 8)}`,
  specialties: ['hazchem'],
  lng: SIDES[side].lng,
  lat: SIDES[side].lat,
  level: 'enterprise',
  enterpriseId: s(side).enterpriseId,
  members: 12,
  dutyPhone: '0533-2100000',
});

/** A fresh enterprise team of the side (each write gets its own record at version 1). */
async function teamOf(side: Side): Promise<string> {
  const res = await s(side).admin.post('/api/rescue-resources', teamBody(side));
  if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const agreementBody = async (side: Side) => ({
  enterpriseId: s(side).enterpriseId,
  teamId: await teamOf(side),
  validFrom: '2026-01-01',
  validTo: '2027-12-31',
});

async function agreementOf(side: Side): Promise<string> {
  const res = await s(side).admin.post('/api/rescue-agreements', await agreementBody(side));
  if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function accidentOf(side: Side): Promise<string> {
  const res = await s(side).duty.post(
    '/api/accidents',
    buildAccident({ regionCode: SIDES[side].region }, new Date(NOW)),
  );
  if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const ROUTES: MatrixRoute[] = [
  {
    name: 'GET /api/rescue-resources/:id',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => c.get(`/api/rescue-resources/${await teamOf(side)}`),
  },
  {
    name: 'POST /api/rescue-resources',
    roles: WRITE,
    allowed: 201,
    call: (c, side) => c.post('/api/rescue-resources', teamBody(side)),
  },
  {
    name: 'PUT /api/rescue-resources/:id',
    roles: WRITE,
    allowed: 200,
    call: async (c, side) => c.put(`/api/rescue-resources/${await teamOf(side)}`, { ...teamBody(side), version: 1 }),
  },
  {
    name: 'POST /api/rescue-resources/:id/retire',
    roles: WRITE,
    allowed: 200,
    call: async (c, side) =>
      c.post(`/api/rescue-resources/${await teamOf(side)}/retire`, { reason: '撤编', version: 1 }),
  },
  {
    name: 'GET /api/rescue-resources/nearest?accidentId',
    roles: BUREAU,
    allowed: 200,
    call: async (c, side) => c.get(`/api/rescue-resources/nearest?accidentId=${await accidentOf(side)}`),
  },
  {
    name: 'GET /api/rescue-agreements/:id',
    roles: MEMBER_ROLES,
    allowed: 200,
    call: async (c, side) => c.get(`/api/rescue-agreements/${await agreementOf(side)}`),
  },
  {
    name: 'POST /api/rescue-agreements',
    roles: WRITE,
    allowed: 201,
    call: async (c, side) => c.post('/api/rescue-agreements', await agreementBody(side)),
  },
  {
    name: 'PUT /api/rescue-agreements/:id',
    roles: WRITE,
    allowed: 200,
    call: async (c, side) => {
      const { enterpriseId: _e, ...body } = await agreementBody(side);
      return c.put(`/api/rescue-agreements/${await agreementOf(side)}`, { ...body, validTo: '2028-12-31', version: 1 });
    },
  },
  {
    name: 'POST /api/rescue-agreements/:id/retire',
    roles: WRITE,
    allowed: 200,
    call: async (c, side) =>
      c.post(`/api/rescue-agreements/${await agreementOf(side)}/retire`, { reason: '解除', version: 1 }),
  },
];

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60 });
  sides.set('own', await sideOf('own'));
  sides.set('foreign', await sideOf('foreign'));
  for (const role of ROLES) {
    clients.set(role, await t.as(role === 'enterprise' ? `ent.${SIDES.own.code}` : `${role}.370303`));
  }
});
afterAll(() => t.close());

describe('rescue resources: route × role × own/foreign record', () => {
  itChecksAccess(ROUTES, (role) => clients.get(role) as Client);
});

describe('rescue resources: lists, search and statistics by role', () => {
  const c = (role: Role) => clients.get(role) as Client;

  it('an enterprise lists only its own resources and agreements', async () => {
    await teamOf('own');
    await agreementOf('foreign');
    const mine = await c('enterprise').get('/api/rescue-resources');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((r: { enterpriseId: string }) => r.enterpriseId === s('own').enterpriseId)).toBe(true);
    const agreements = await c('enterprise').get('/api/rescue-agreements');
    expect(agreements.body.items.every((a: { enterpriseId: string }) => a.enterpriseId === s('own').enterpriseId)).toBe(
      true,
    );
  });

  it.each(ROLES)('%s: nearest by point, uncovered and statistics', async (role) => {
    const routes = [
      '/api/rescue-resources/nearest?lng=118&lat=36.8',
      '/api/rescue-resources/uncovered',
      '/api/rescue-resources/statistics',
    ];
    for (const url of routes) {
      const res = await c(role).get(url);
      expect(res.status, `${role} ${url}`).toBe(BUREAU.includes(role) ? 200 : 403);
    }
    if (BUREAU.includes(role)) {
      const foreign = await c(role).get('/api/rescue-resources/uncovered?regionCode=370112');
      expect(foreign.status).toBe(403);
      expect(foreign.body.error.code).toBe('OUTSIDE_JURISDICTION');
    }
  });

  it('signed out: 401', async () => {
    expect((await t.anonymous().get('/api/rescue-resources')).status).toBe(401);
    expect((await t.anonymous().get('/api/rescue-resources/nearest?lng=118&lat=36.8')).status).toBe(401);
  });
});
