/**
 * The wall screen updates live across instances (issue 12 §3): a log entry written on instance A reaches, on instance B,
 * the city's duty room and the invited fire brigade's user — and not a department user who is not invited. PostgreSQL
 * only (PGlite is one process); the single-process delivery is covered by incidents.test.ts (reaches).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { connect, type Db } from '../../db/connection.js';
import { actorByUsername } from '../../db/seed/demo.js';
import { buildAccident, type TestApp, testApp, testClock } from '../../testing/harness.js';
import type { LiveEvent } from '../events/bus.js';

const postgres = process.env.ANJIAN_TEST_ENGINE === 'postgres';

describe.skipIf(!postgres)('incident events across two instances', () => {
  let t: TestApp;
  let dbB: Db;
  let b: FastifyInstance;
  let busB: { subscribe: (a: Awaited<ReturnType<typeof actorByUsername>>, l: (e: LiveEvent) => void) => () => void };
  beforeAll(async () => {
    t = await testApp({ clock: testClock(), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
    dbB = await connect({ databaseUrl: t.db.url, poolSize: 5 });
    const built = await buildApp({ db: dbB, config: loadConfig({}), now: t.clock.now, webDir: '/nonexistent' });
    b = built.app;
    busB = built.ctx.bus;
    await b.ready();
  });
  afterAll(async () => {
    await b?.close();
    await dbB?.close();
    await t?.close();
  });

  it('a log entry on A reaches the duty room and the invited user on B, not another department user', async () => {
    const county = await t.as('duty.370303');
    const city = await t.as('duty.370300');
    const filed = await county.post(
      '/api/accidents',
      buildAccident({ deaths: 3, confirmNotDuplicate: true }, t.clock.now()),
    );
    expect(filed.status).toBe(201);
    const item = (await city.get('/api/incidents')).body.items.find(
      (i: { accidentId: string }) => i.accidentId === filed.body.id,
    );
    const fire = await actorByUsername(t.db, 'fire.370300');
    const police = await actorByUsername(t.db, 'police.370300');
    await city.post(`/api/incidents/${item.id}/invitations`, {
      userId: fire.userId,
      department: 'fire',
      departmentName: '淄博市消防救援支队',
      access: 'comment',
    });
    const seen = { duty: [] as LiveEvent[], fire: [] as LiveEvent[], police: [] as LiveEvent[] };
    const off = [
      busB.subscribe(await actorByUsername(t.db, 'duty.370300'), (e) => seen.duty.push(e)),
      busB.subscribe(fire, (e) => seen.fire.push(e)),
      busB.subscribe(police, (e) => seen.police.push(e)),
    ];
    await new Promise((r) => setTimeout(r, 200));
    const sent = Date.now();
    expect((await city.post(`/api/incidents/${item.id}/log`, { kind: 'order', text: '全力搜救' })).status).toBe(201);
    const arrived = (list: LiveEvent[]) => list.some((e) => e.type === 'incident.changed' && e.data.id === item.id);
    for (let i = 0; i < 50 && !(arrived(seen.duty) && arrived(seen.fire)); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(arrived(seen.duty)).toBe(true);
    expect(arrived(seen.fire)).toBe(true);
    expect(Date.now() - sent).toBeLessThan(1500);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.police).toEqual([]);
    // The accident's own events are not the fire brigade's.
    expect(seen.fire.every((e) => e.type === 'incident.changed')).toBe(true);
    for (const f of off) f();
  });
});
