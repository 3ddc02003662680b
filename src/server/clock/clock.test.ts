/**
 * The clock engine on one database (both engines): the platform's clocks, retries with backoff, exactly one run per
 * due job under concurrent claimers, takeover after the running instance vanished, fencing, one-off jobs and the
 * admin view. Several instances on separate PostgreSQL connections: cross-instance.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../domain/time.js';
import { verifyAudit } from '../modules/audit/verify.js';
import { type TestApp, testApp, testClock } from '../testing/harness.js';
import { backoffMs, type Clock, isRecurring, once, recurring } from './define.js';
import { ClockEngine, DEFAULT_LEASE_MS } from './engine.js';
import { PLATFORM_CLOCKS } from './registry.js';
import { cancelOnce, scheduleOnce } from './schedule.js';

interface Alert {
  at: string;
  text: string;
}

describe('clock engine', () => {
  let t: TestApp;
  const runs: string[] = [];
  let failing = 0;
  /** A handler that never returns while set: its instance is "killed" in the middle of the run. */
  let hang = false;

  const alert = once<Alert>({
    name: 'test.alert',
    dueAt: (p) => new Date(Date.parse(p.at) - 15 * 60_000),
    run: async ({ key, payload, attempt }) => {
      if (hang) await new Promise(() => undefined);
      if (failing > 0) {
        failing--;
        throw new Error(`refused (attempt ${attempt})`);
      }
      runs.push(`${key}:${payload.text}`);
    },
    retry: { baseMs: 1_000, maxMs: 60_000, maxAttempts: 3 },
  });
  const sweep = recurring({
    name: 'test.sweep',
    every: 10_000,
    run: async () => {
      if (failing > 0) {
        failing--;
        throw new Error('sweep refused');
      }
      runs.push('sweep');
    },
  });
  const clocks: Clock[] = [alert, sweep];
  const engine = (instanceId: string, opts: { leaseMs?: number; concurrency?: number } = {}) =>
    new ClockEngine(t.ctx, { instanceId, clocks, ...opts });
  const job = (key: string) =>
    t.db.kysely
      .selectFrom('clock_jobs')
      .selectAll()
      .where('name', '=', 'test.alert')
      .where('key', '=', key)
      .executeTakeFirst();
  const at = (msFromNow: number) => new Date(t.clock.now().getTime() + msFromNow).toISOString();

  beforeAll(async () => {
    t = await testApp({ clock: testClock('2026-12-01T09:00:00+08:00') });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    runs.length = 0;
    failing = 0;
    hang = false;
    await t.db.kysely.deleteFrom('clock_jobs').execute();
  });

  it('runs the platform clocks once each when due, then again an interval later', async () => {
    expect(new Set(PLATFORM_CLOCKS.map((c) => c.name)).size).toBe(PLATFORM_CLOCKS.length);
    // Room for every recurring clock in one poll (the default runs 4 at a time).
    const a = new ClockEngine(t.ctx, { instanceId: 'A', concurrency: PLATFORM_CLOCKS.length });
    await a.register();
    await a.register(); // a second instance registering changes nothing
    // The recurring ones: a one-off clock (dangers.alert) has jobs only for its subjects.
    const recurringClocks = PLATFORM_CLOCKS.filter(isRecurring);
    expect(await a.poll()).toBe(recurringClocks.length);
    await a.idle();
    expect(await a.poll()).toBe(0);
    const rows = await t.db.kysely.selectFrom('clock_jobs').selectAll().orderBy('name').execute();
    expect(rows.map((r) => [r.name, r.region_code, r.status, r.attempts, r.locked_by, r.last_error])).toEqual(
      [...recurringClocks]
        .sort((x, y) => x.name.localeCompare(y.name))
        .map((c) => [c.name, '000000', 'pending', 0, 'A', null]),
    );
    const scan = rows.find((r) => r.name === 'accidents.deadline-alerts');
    expect(new Date(scan?.due_at as Date).getTime()).toBe(t.clock.now().getTime() + 30_000);
    t.clock.advance(30_000);
    const due = await t.db.kysely
      .selectFrom('clock_jobs')
      .select('name')
      .where('due_at', '<=', t.clock.now())
      .orderBy('name')
      .execute();
    // The deadline scan and the audit seal (every 5 s); the hourly purges are not due.
    expect(due.map((j) => j.name)).toEqual(['accidents.deadline-alerts', 'audit.seal']);
    expect(await a.poll()).toBe(2);
    await a.idle();
    // The seal ran: every audit row written so far is chained (留痕).
    expect((await verifyAudit(t.db)).unsealed).toBe(0);
  });

  it('runs a one-off job at its computed time, once; rescheduling moves it, cancelling drops it', async () => {
    const a = engine('A');
    const due = await scheduleOnce(t.db.kysely, alert, {
      regionCode: '370303',
      key: 'd1',
      payload: { at: at(20 * 60_000), text: 'x' },
    });
    expect(due.getTime()).toBe(t.clock.now().getTime() + 5 * 60_000);
    await scheduleOnce(t.db.kysely, alert, { regionCode: '370303', key: 'd2', payload: { at: at(60_000), text: 'y' } });
    await scheduleOnce(t.db.kysely, alert, { regionCode: '370303', key: 'd3', payload: { at: at(0), text: 'z' } });
    expect(await cancelOnce(t.db.kysely, alert, { regionCode: '370303', key: 'd3' })).toBe(true);
    await a.poll();
    await a.idle();
    expect(runs).toEqual(['d2:y']);
    expect(await job('d2')).toBeUndefined(); // done: it leaves the table
    // The deadline moves: the job follows it.
    await scheduleOnce(t.db.kysely, alert, {
      regionCode: '370303',
      key: 'd1',
      payload: { at: at(60 * 60_000), text: 'x2' },
    });
    t.clock.advance(5 * 60_000);
    expect(await a.poll()).toBe(0);
    t.clock.advance(40 * 60_000);
    await a.poll();
    await a.idle();
    expect(runs).toEqual(['d2:y', 'd1:x2']);
  });

  it('retries a failing job with exponential backoff and stops after maxAttempts, keeping the error', async () => {
    const a = engine('A');
    await scheduleOnce(t.db.kysely, alert, { regionCode: '370303', key: 'f', payload: { at: at(0), text: 'f' } });
    failing = 5;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = t.clock.now().getTime();
      expect(await a.poll()).toBe(1);
      await a.idle();
      const row = await job('f');
      expect(row?.attempts).toBe(attempt);
      expect(row?.last_error).toBe(`refused (attempt ${attempt})`);
      if (attempt < 3) {
        expect(row?.status).toBe('pending');
        waits.push(new Date(row?.due_at as Date).getTime() - before);
        expect(await a.poll()).toBe(0); // not before the backoff
        t.clock.advance(waits[waits.length - 1] as number);
      } else {
        expect(row?.status).toBe('failed');
      }
    }
    expect(waits).toEqual([1_000, 2_000]);
    t.clock.advance(HOUR_MS);
    expect(await a.poll()).toBe(0); // a failed job stays for the admins, never run again
    expect(runs).toEqual([]);
  });

  it('retries a failing recurring job at most an interval later, and forgets its failures after a success', async () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(sweep, n))).toEqual([5_000, 10_000, 10_000, 10_000, 10_000]);
    const a = engine('A');
    await a.register();
    failing = 2;
    await a.poll();
    await a.idle();
    t.clock.advance(5_000);
    await a.poll();
    await a.idle();
    const failed = await t.db.kysely.selectFrom('clock_jobs').selectAll().where('name', '=', 'test.sweep').execute();
    expect(failed[0]).toMatchObject({ status: 'pending', attempts: 2, last_error: 'sweep refused' });
    t.clock.advance(10_000);
    await a.poll();
    await a.idle();
    const ok = await t.db.kysely.selectFrom('clock_jobs').selectAll().where('name', '=', 'test.sweep').execute();
    expect(ok[0]).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
    expect(runs).toEqual(['sweep']);
  });

  it('runs each due job exactly once under concurrent claimers', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `c${i}`);
    for (const key of keys)
      await scheduleOnce(t.db.kysely, alert, { regionCode: '370303', key, payload: { at: at(0), text: 'c' } });
    const engines = ['A', 'B', 'C'].map((id) => engine(id, { concurrency: 5 }));
    for (let round = 0; round < 30 && runs.length < keys.length; round++) {
      await Promise.all(engines.map((e) => e.poll()));
      await Promise.all(engines.map((e) => e.idle()));
    }
    expect(runs.sort()).toEqual(keys.map((k) => `${k}:c`).sort());
    expect(await t.db.kysely.selectFrom('clock_jobs').select('key').execute()).toEqual([]);
  });

  it('hands a job over when the instance running it vanished: after its lease, not before; the dead run writes nothing', async () => {
    await scheduleOnce(t.db.kysely, alert, { regionCode: '370303', key: 'k', payload: { at: at(0), text: 'k' } });
    const a = engine('A');
    const b = engine('B');
    hang = true;
    expect(await a.poll()).toBe(1);
    a.halt(); // kill -9: no completion, no release, no heartbeat
    hang = false;
    expect(await job('k')).toMatchObject({ status: 'running', locked_by: 'A', attempts: 1 });
    expect(await b.poll()).toBe(0);
    t.clock.advance(DEFAULT_LEASE_MS - 1);
    expect(await b.poll()).toBe(0);
    t.clock.advance(1);
    expect(await b.poll()).toBe(1);
    await b.idle();
    expect(runs).toEqual(['k:k']);
    expect(await job('k')).toBeUndefined();
  });

  it('fences a slow instance: a run that outlived its lease and was taken over completes nothing', async () => {
    await scheduleOnce(t.db.kysely, alert, { regionCode: '370303', key: 's', payload: { at: at(0), text: 's' } });
    let release: () => void = () => {};
    const slow = new ClockEngine(t.ctx, {
      instanceId: 'slow',
      clocks: [
        {
          ...alert,
          run: () =>
            new Promise<void>((r) => {
              release = r;
            }),
        },
      ],
    });
    expect(await slow.poll()).toBe(1);
    t.clock.advance(DEFAULT_LEASE_MS);
    failing = 1; // B's takeover run fails: the job is pending again, attempt 2 recorded
    const b = engine('B');
    expect(await b.poll()).toBe(1);
    await b.idle();
    release();
    await slow.idle(); // the slow run ends: its completion must not delete B's pending retry
    expect(await job('s')).toMatchObject({ status: 'pending', attempts: 2, locked_by: 'B' });
  });

  it('a clean stop lets a run finish, and hands back one that does not finish in time', async () => {
    let finish: () => void = () => {};
    const gated = new ClockEngine(t.ctx, {
      instanceId: 'A',
      clocks: [
        {
          ...alert,
          run: () =>
            new Promise<void>((r) => {
              finish = r;
            }),
        },
      ],
    });
    await scheduleOnce(t.db.kysely, alert, { regionCode: '370303', key: 'r', payload: { at: at(0), text: 'r' } });
    expect(await gated.poll()).toBe(1);
    const stopping = gated.stop();
    finish();
    await stopping;
    expect(await job('r')).toBeUndefined(); // it finished before the stop returned

    await scheduleOnce(t.db.kysely, alert, { regionCode: '370303', key: 'r2', payload: { at: at(0), text: 'r2' } });
    hang = true;
    const a = engine('A');
    expect(await a.poll()).toBe(1);
    hang = false;
    await a.stop(50);
    expect(await job('r2')).toMatchObject({ status: 'pending', locked_until: null, attempts: 1 });
    const b = engine('B');
    expect(await b.poll()).toBe(1); // at once, not a lease later
    await b.idle();
    expect(runs).toEqual(['r2:r2']);
  });

  it('shows the queue to administrators of the jurisdiction only', async () => {
    const a = new ClockEngine(t.ctx, { instanceId: 'host:1:abc' });
    await a.register();
    await a.poll();
    await a.idle();
    await scheduleOnce(t.db.kysely, alert, { regionCode: '370303', key: 'v', payload: { at: at(HOUR_MS), text: 'v' } });
    const national = await t.as('admin.000000');
    const all = await national.get('/api/admin/clock/jobs');
    expect(all.status).toBe(200);
    expect(all.body.jobs.map((j: { name: string }) => j.name).sort()).toEqual(
      [...PLATFORM_CLOCKS.filter(isRecurring).map((c) => c.name), 'test.alert'].sort(),
    );
    expect(all.body.jobs.find((j: { name: string }) => j.name === 'accidents.deadline-alerts')).toMatchObject({
      regionCode: '000000',
      status: 'pending',
      lockedBy: 'host:1:abc',
      leaseExpired: false,
    });
    const city = await t.as('admin.370300');
    const mine = await city.get('/api/admin/clock/jobs');
    expect(mine.body.jobs).toEqual([
      expect.objectContaining({ name: 'test.alert', regionCode: '370303', key: 'v', status: 'pending', attempts: 0 }),
    ]);
    expect((await (await t.as('duty.000000')).get('/api/admin/clock/jobs')).status).toBe(403);
    const bad = await national.get('/api/admin/clock/jobs?status=stuck');
    expect(bad.status).toBe(400);
  });
});
