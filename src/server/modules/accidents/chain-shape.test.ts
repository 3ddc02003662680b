/**
 * Places without a 设区的市 (直辖市 districts, 省直辖县级市) or without a county (不设区的地级市):
 * the chain takes the levels of government that exist, and a 一般事故 goes to the first level at or above
 * 设区的市级 that exists there (493号令 第十条).
 */

import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password.js';
import { DEMO_PASSWORD } from '../../db/seed/demo.js';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const T0 = new Date('2026-11-25T10:00:00+08:00');

async function addBureau(t: TestApp, code: string, name: string): Promise<string> {
  const orgId = uuidv7();
  await t.db.kysely
    .insertInto('organizations')
    .values({
      id: orgId,
      region_code: code,
      kind: 'bureau',
      name,
      credit_code: null,
      industry_code: null,
      address: null,
      duty_phone: null,
    })
    .execute();
  const username = `duty.${code}`;
  await t.db.kysely
    .insertInto('users')
    .values({
      id: uuidv7(),
      region_code: code,
      org_id: orgId,
      username,
      display_name: `${name}值班员`,
      role: 'duty',
      password_hash: await hashPassword(DEMO_PASSWORD),
      phone: null,
    })
    .execute();
  return username;
}

const levels = (view: { chain: { level: string }[] }) => view.chain.map((e) => e.level);

describe('reporting chain where a level of government does not exist', () => {
  let t: TestApp;
  let dongcheng: Client;
  let beijing: Client;
  let xiantao: Client;
  let hubei: Client;
  let dongguan: Client;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(T0) });
    const users = await Promise.all([
      addBureau(t, '110101', '北京市东城区应急管理局'),
      addBureau(t, '110000', '北京市应急管理局'),
      addBureau(t, '429004', '仙桃市应急管理局'),
      addBureau(t, '420000', '湖北省应急管理厅'),
      addBureau(t, '441900', '东莞市应急管理局'),
    ]);
    const clients = await Promise.all(users.map((u) => t.as(u)));
    [dongcheng, beijing, xiantao, hubei, dongguan] = clients as [Client, Client, Client, Client, Client];
  });
  afterAll(() => t.close());

  it('直辖市: a district reports a 一般事故 straight to the municipal (provincial-level) bureau', async () => {
    const res = await dongcheng.post('/api/accidents', buildAccident({ regionCode: '110101' }, T0));
    expect(res.status).toBe(201);
    expect(res.body.targetLevel).toBe('province');
    expect(levels(res.body)).toEqual(['county', 'province']);
    const fwd = await dongcheng.post(`/api/accidents/${res.body.id}/forward`, {});
    expect(fwd.status).toBe(200);
    expect(fwd.body.holderLevel).toBe('province');
    expect(fwd.body.flags).not.toContain('skipped_level');
    const signed = await beijing.post(`/api/accidents/${res.body.id}/sign`, {});
    expect(signed.status).toBe(200);
    expect(signed.body.chain.map((e: { status: string }) => e.status)).toEqual(['done', 'done']);
  });

  it('直辖市: forwarding to the missing city level is refused with the field', async () => {
    const res = await dongcheng.post('/api/accidents', buildAccident({ regionCode: '110101' }, T0));
    const fwd = await dongcheng.post(`/api/accidents/${res.body.id}/forward`, { toLevel: 'city' });
    expect(fwd.status).toBe(400);
    expect(fwd.body.error.details[0].path).toBe('toLevel');
  });

  it('省直辖县级市: 仙桃 reports to the province; a 较大事故 goes no further than the province', async () => {
    const res = await xiantao.post('/api/accidents', buildAccident({ regionCode: '429004', deaths: 3 }, T0));
    expect(res.status).toBe(201);
    expect(res.body.targetLevel).toBe('province');
    expect(levels(res.body)).toEqual(['county', 'province']);
    await xiantao.post(`/api/accidents/${res.body.id}/forward`, {});
    expect((await hubei.post(`/api/accidents/${res.body.id}/sign`, {})).body.status).not.toBe('overdue');
  });

  it('不设区的市: 东莞 holds a town report at city level and is itself the target of a 一般事故', async () => {
    const res = await dongguan.post('/api/accidents', buildAccident({ regionCode: '441900003' }, T0));
    expect(res.status).toBe(201);
    expect(res.body.holderLevel).toBe('city');
    expect(res.body.targetLevel).toBe('city');
    expect(levels(res.body)).toEqual(['city']);
    // Filed by the 东莞 bureau itself at its target level: there on filing, nothing to 签收.
    expect(res.body.chain[0]).toMatchObject({ level: 'city', status: 'done', originated: true });
    const signed = await dongguan.post(`/api/accidents/${res.body.id}/sign`, {});
    expect(signed.body.error.code).toBe('SIGN_OWN_REPORT');
    expect((await dongguan.post(`/api/accidents/${res.body.id}/forward`, {})).body.error.code).toBe('CHAIN_COMPLETE');
  });

  it('the region tree has no grouping codes: 北京市东城区 hangs under 北京市', async () => {
    const res = await beijing.get('/api/regions/110101');
    expect(res.body.parentCode).toBe('110000');
    expect((await beijing.get('/api/regions/110100')).status).toBe(404);
  });
});
