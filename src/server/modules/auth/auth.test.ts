import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp, testClock } from '../../testing/harness.js';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ clock: testClock('2026-11-25T10:00:00+08:00') });
  });
  afterAll(() => t.close());

  it('signs in a demo user and returns the session user', async () => {
    const c = await t.as('duty.370303');
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'duty.370303', role: 'duty', regionCode: '370303' });
  });

  it('rejects a wrong password with 401 and no session', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'duty.370303', password: 'nope' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after 5 failures within 15 minutes, for 15 minutes', async () => {
    const anon = t.anonymous();
    for (let i = 0; i < 5; i++) {
      expect((await anon.post('/api/auth/login', { username: 'stats.370304', password: 'bad' })).status).toBe(401);
    }
    const locked = await anon.post('/api/auth/login', { username: 'stats.370304', password: 'Anjian@2026' });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(15 * 60_000 + 1000);
    expect((await anon.post('/api/auth/login', { username: 'stats.370304', password: 'Anjian@2026' })).status).toBe(
      200,
    );
  });

  it('four failures do not lock', async () => {
    const anon = t.anonymous();
    for (let i = 0; i < 4; i++) await anon.post('/api/auth/login', { username: 'leader.370304', password: 'bad' });
    expect((await anon.post('/api/auth/login', { username: 'leader.370304', password: 'Anjian@2026' })).status).toBe(
      200,
    );
  });

  it('expires an idle session after 30 minutes', async () => {
    const c = await t.as('duty.370305');
    t.clock.advance(29 * 60_000);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('logout ends the session', async () => {
    const c = await t.as('duty.370306');
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('serves health without a session', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: t.db.engine });
  });
});
