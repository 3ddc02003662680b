/** GET /api/duty/staff: the enabled users of the actor's own bureau, the people a shift may name. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp, testClock } from '../../testing/harness.js';

const NOW = '2026-11-25T10:00:00+08:00';

describe('duty staff', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW) });
  });
  afterAll(() => t.close());

  it('lists the enabled users of the own bureau only, with role, and they can be put on a shift', async () => {
    const duty = await t.as('duty.370303');
    const res = await duty.get('/api/duty/staff');
    expect(res.status).toBe(200);
    const users = await t.db.kysely
      .selectFrom('users as u')
      .innerJoin('organizations as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.role'])
      .where('o.kind', '=', 'bureau')
      .where('o.region_code', '=', '370303')
      .execute();
    expect(users.length).toBeGreaterThan(1);
    expect(new Set(res.body.items.map((s: { id: string }) => s.id))).toEqual(new Set(users.map((u) => u.id)));
    const me = users.find((u) => u.username === 'duty.370303');
    expect(res.body.items).toContainEqual({ id: me?.id, displayName: me?.display_name, role: 'duty' });

    const shift = await duty.post('/api/duty/shifts', {
      startsAt: '2026-11-25T18:00:00+08:00',
      endsAt: '2026-11-26T08:00:00+08:00',
      officerIds: res.body.items.slice(0, 2).map((s: { id: string }) => s.id),
    });
    expect(shift.status).toBe(201);
    expect(shift.body.officers).toHaveLength(2);
  });

  it('leaves out disabled users and never shows another bureau (not even a subordinate one)', async () => {
    await t.db.kysely.updateTable('users').set({ disabled: true }).where('username', '=', 'stats.370300').execute();
    const city = await t.as('leader.370300');
    const res = await city.get('/api/duty/staff');
    expect(res.status).toBe(200);
    const names = await t.db.kysely
      .selectFrom('users')
      .select(['id', 'username', 'region_code'])
      .where(
        'id',
        'in',
        res.body.items.map((s: { id: string }) => s.id),
      )
      .execute();
    expect(names.every((u) => u.region_code === '370300')).toBe(true);
    expect(names.map((u) => u.username)).not.toContain('stats.370300');
    expect(names.map((u) => u.username)).toContain('leader.370300');
  });

  it('is 403 for an enterprise user and 401 without a session', async () => {
    const ent = await t.as('ent.91370303MA3C4B2X1Y');
    const res = await ent.get('/api/duty/staff');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await t.anonymous().get('/api/duty/staff')).status).toBe(401);
  });
});
