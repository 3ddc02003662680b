/**
 * Two instances on one PostgreSQL (issue 9, bar 1), each with its own app, pool and clock engine, polling for real:
 * each deadline alert is sent exactly once and reaches the subscribers of both; when the instance running the
 * deadline scan dies in the middle of a run, the other takes it over once the lease runs out and the alerts still
 * arrive; and three engines on three pools run each of many due jobs exactly once. (PGlite is one process: skipped
 * there; the engine's rules on one database, both engines: clock.test.ts. Live events between instances over real
 * HTTP: events/cross-instance.test.ts. A real kill -9 of a server process: bench/clock-failover.ts.)
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { connect, type Db } from '../db/connection.js';
import { actorByUsername } from '../db/seed/demo.js';
import { EventBus, type LiveEvent } from '../modules/events/bus.js';
import { buildAccident, testClock, testDb } from '../testing/harness.js';
import { type Clock, type JobRun, once } from './define.js';
import { ClockEngine, DEFAULT_LEASE_MS } from './engine.js';
import { PLATFORM_CLOCKS } from './registry.js';
import { scheduleOnce } from './schedule.js';

const postgres = process.env.ANJIAN_TEST_ENGINE === 'postgres';
const DEADLINE_SCAN = 'accidents.deadline-alerts';
const HOUR = 3_600_000;

interface Instance {
  id: string;
  db: Db;
  app: FastifyInstance;
  ctx: AppContext;
  engine: ClockEngine;
  alerts: LiveEvent[];
}

async function until(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!postgres)(
  'the clock engine on two instances of one PostgreSQL (skipped on PGlite: one process)',
  () => {
    const clock = testClock();
    let owner: Db;
    const instances: Instance[] = [];
    /** Set: the next deadline scan, on whichever instance claims it, never ends — that instance is then "killed". */
    let hangNext = false;
    let hungOn: string | undefined;

    const clocksOf = (id: string): Clock[] =>
      PLATFORM_CLOCKS.map((c) =>
        c.name !== DEADLINE_SCAN
          ? c
          : {
              ...c,
              run: async (job: JobRun<never>) => {
                if (hangNext) {
                  hangNext = false;
                  hungOn = id;
                  await new Promise(() => undefined);
                }
                return c.run(job);
              },
            },
      );

    async function start(id: string): Promise<Instance> {
      const db = await connect({ databaseUrl: owner.url, poolSize: 5 });
      const { app, ctx } = await buildApp({ db, config: loadConfig({}), now: clock.now, webDir: '/nonexistent' });
      const engine = new ClockEngine(ctx, { instanceId: id, clocks: clocksOf(id), pollMs: 50 });
      const alerts: LiveEvent[] = [];
      ctx.bus.subscribe(await actorByUsername(db, 'duty.370300'), (e) => {
        if (e.type.startsWith('deadline.')) alerts.push(e);
      });
      await engine.start();
      return { id, db, app, ctx, engine, alerts };
    }

    async function fileReport(on: Instance): Promise<string> {
      const login = await on.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'duty.370303', password: 'Anjian@2026' },
      });
      const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
      const res = await on.app.inject({
        method: 'POST',
        url: '/api/accidents',
        headers: { cookie },
        payload: { ...buildAccident({}, clock.now()), receivedAt: clock.now().toISOString() },
      });
      expect(res.statusCode).toBe(201);
      return (JSON.parse(res.body) as { id: string }).id;
    }

    const countyPassed = (events: LiveEvent[], id: string) =>
      events.filter((e) => e.type === 'deadline.passed' && e.data.id === id && e.data.deadline === 'chain:county');
    const ledger = async (id: string) =>
      (await owner.kysely.selectFrom('deadline_alerts').selectAll().where('accident_id', '=', id).execute()).length;
    const scanJob = () =>
      owner.kysely.selectFrom('clock_jobs').selectAll().where('name', '=', DEADLINE_SCAN).executeTakeFirstOrThrow();

    beforeAll(async () => {
      owner = await testDb();
      instances.push(await start('A'), await start('B'));
    });
    afterAll(async () => {
      for (const i of instances) {
        await i.engine.stop(100).catch(() => undefined);
        await i.app.close();
        await i.db.close().catch(() => undefined);
      }
      await owner?.close();
    });

    it('sends each deadline alert exactly once while both engines poll, to the subscribers of both', async () => {
      const id = await fileReport(instances[0] as Instance);
      clock.advance(2 * HOUR + 60_000);
      // Several scans come due while both engines poll every 50 ms.
      for (let round = 0; round < 6; round++) {
        await until(async () => new Date((await scanJob()).due_at).getTime() > clock.now().getTime());
        clock.advance(30_000);
      }
      await until(() => instances.every((i) => countyPassed(i.alerts, id).length > 0));
      await new Promise((r) => setTimeout(r, 300));
      for (const i of instances) expect(countyPassed(i.alerts, id)).toHaveLength(1);
      expect(await ledger(id)).toBe(1);
    });

    it('after the instance running the scan dies mid-run, the other takes over when the lease runs out; alerts arrive', async () => {
      const id = await fileReport(instances[0] as Instance);
      hangNext = true;
      clock.advance(2 * HOUR + 60_000);
      await until(() => hungOn !== undefined);
      const dead = instances.find((i) => i.id === hungOn) as Instance;
      const survivor = instances.find((i) => i.id !== hungOn) as Instance;
      // kill -9: its engine stops without releasing anything, its app and connections go.
      dead.engine.halt();
      await dead.app.close();
      await dead.db.close();
      instances.splice(instances.indexOf(dead), 1);
      expect(await scanJob()).toMatchObject({ status: 'running', locked_by: dead.id });

      // Within the lease nothing is sent (the job is still held by the dead instance)…
      clock.advance(DEFAULT_LEASE_MS - 1_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(countyPassed(survivor.alerts, id)).toHaveLength(0);
      // …once it runs out, the survivor claims the scan at its next poll, and the alert arrives, once.
      clock.advance(1_000);
      const takenAt = Date.now();
      await until(() => countyPassed(survivor.alerts, id).length > 0, 2_000);
      expect(Date.now() - takenAt).toBeLessThan(1_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(countyPassed(survivor.alerts, id)).toHaveLength(1);
      expect(await ledger(id)).toBe(1);
      expect(await scanJob()).toMatchObject({ status: 'pending', locked_by: survivor.id, attempts: 0 });
    });

    it('three engines on three pools run each of 200 due jobs exactly once', async () => {
      const runs = new Map<string, number>();
      const count = once<{ n: number }>({
        name: 'test.count',
        dueAt: () => clock.now(),
        run: async ({ key }) => {
          runs.set(key, (runs.get(key) ?? 0) + 1);
        },
      });
      const keys = Array.from({ length: 200 }, (_, n) => `j${n}`);
      await owner.kysely.transaction().execute(async (trx) => {
        for (const [n, key] of keys.entries())
          await scheduleOnce(trx, count, { regionCode: '370303', key, payload: { n } });
      });
      const pools = await Promise.all([1, 2, 3].map(() => connect({ databaseUrl: owner.url, poolSize: 4 })));
      const engines = pools.map(
        (db, n) =>
          new ClockEngine(
            { db, config: loadConfig({}), now: clock.now, bus: new EventBus() },
            { instanceId: `E${n}`, clocks: [count], pollMs: 5, concurrency: 4 },
          ),
      );
      for (const e of engines) await e.start();
      await until(
        async () =>
          (await owner.kysely.selectFrom('clock_jobs').select('key').where('name', '=', 'test.count').execute())
            .length === 0,
        20_000,
      );
      for (const e of engines) await e.stop();
      for (const db of pools) await db.close();
      expect([...runs.keys()].sort()).toEqual([...keys].sort());
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
    });
  },
);
