/**
 * A real kill -9 of the instance running the clock (issue 9, bar 1): two server processes (`src/server/main.ts`) on
 * one fresh PostgreSQL database. The script holds an ACCESS EXCLUSIVE lock on `accidents` and makes the deadline
 * scan due, so whichever instance claims it is caught in the middle of the run, holding the lease; that process is
 * killed with SIGKILL and the lock released. A report whose county deadline falls due within 15 minutes is then filed
 * on the survivor, whose SSE stream must carry its "deadline.soon" alert — once — after the survivor has taken the
 * scan over when the dead instance's lease ran out. Prints the takeover and alert times; exit 1 past 60 s or on a
 * duplicate.
 *
 * `npx tsx bench/clock-failover.ts`. DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the
 * server; the script creates and drops `anjian_clock_failover`. About a minute (the lease is 30 s).
 */
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_PG, openFresh, pgUrl, prepareDemoBase, signIn, startInstance, waitHealthy } from './support.js';

const DATABASE = 'anjian_clock_failover';
const PORTS = [3421, 3422];
const SCAN = 'accidents.deadline-alerts';
const LIMIT_MS = 60_000;
const log = (msg: string) => console.log(`[clock-failover ${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The events of an SSE stream, as they arrive. */
async function sse(base: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { cookie }, signal: controller.signal });
  const events: { type: string; data: { id?: string; deadline?: string } }[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const data = buffer
          .slice(0, cut)
          .split('\n')
          .find((l) => l.startsWith('data: '));
        buffer = buffer.slice(cut + 2);
        if (data) events.push(JSON.parse(data.slice(6)));
      }
    }
  })();
  return { events, close: () => controller.abort() };
}

async function fileDueSoon(base: string): Promise<string> {
  const cookie = await signIn(base, 'duty.370303');
  const now = Date.now();
  const res = await fetch(`${base}/api/accidents`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      occurredAt: new Date(now - 115 * 60_000).toISOString(),
      // Received 1 h 50 min ago: the county's 2-hour deadline is 10 minutes away, "due within 15 min" at once.
      receivedAt: new Date(now - 110 * 60_000).toISOString(),
      regionCode: '370303',
      address: '淄博市张店区华光路168号',
      unitName: `时钟切换测试${now}化工有限公司`,
      industryCode: 'C26',
      accidentType: '19',
      domain: 'industrial',
      deaths: 0,
      missing: 0,
      seriousInjuries: 0,
      minorInjuries: 1,
      directLossYuan: 100_000,
      summary: '储罐检修作业中发生中毒窒息',
      measuresTaken: '已组织救援，现场封闭',
      reporterName: '王值班',
      reporterPhone: '05332100000',
    }),
  });
  if (res.status !== 201) throw new Error(`filing: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

const { db, cleanup } = await openFresh('postgres', DATABASE);
const url = pgUrl(process.env.DATABASE_URL || DEFAULT_PG, DATABASE);
const children: ChildProcess[] = [];
const locker = new pg.Client({ connectionString: url });
let exitCode = 0;
try {
  await prepareDemoBase(db);
  const bases = PORTS.map((p) => `http://127.0.0.1:${p}`);
  for (const port of PORTS) children.push(startInstance(port, url));
  await Promise.all(bases.map(waitHealthy));
  log(`two instances up (pids ${children.map((c) => c.pid).join(', ')}) on database ${DATABASE}`);
  await waitFor('the first deadline scan', 30_000, async () => {
    const { rows } = await db.kysely
      .selectFrom('clock_jobs')
      .select('locked_by')
      .where('name', '=', SCAN)
      .where('status', '=', 'pending')
      .where('locked_by', 'is not', null)
      .execute()
      .then((r) => ({ rows: r }));
    return rows[0];
  });

  // Catch the next scan in the middle of its run: it claims the job, then waits on the lock.
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE accidents IN ACCESS EXCLUSIVE MODE');
  // Made due outside the locker's transaction: an uncommitted change would stay invisible (and its row locked).
  await sql`UPDATE clock_jobs SET due_at = now() WHERE name = ${SCAN} AND status = 'pending'`.execute(db.kysely);
  const holder = await waitFor('an instance to claim the scan', 10_000, async () => {
    const { rows } = await locker.query<{ locked_by: string }>(
      `SELECT locked_by FROM clock_jobs WHERE name = $1 AND status = 'running'`,
      [SCAN],
    );
    return rows[0]?.locked_by;
  });
  const pid = Number(holder.split(':')[1]);
  const victim = children.findIndex((c) => c.pid === pid);
  if (victim < 0) throw new Error(`the lease holder ${holder} is none of our processes`);
  const survivor = bases[1 - victim] as string;
  const killedAt = Date.now();
  children[victim]?.kill('SIGKILL');
  log(`kill -9 of ${holder} (port ${PORTS[victim]}), which holds the deadline scan's lease in the middle of a run`);
  await new Promise((r) => setTimeout(r, 200));
  await locker.query('ROLLBACK');

  const stream = await sse(survivor, await signIn(survivor, 'duty.370300'));
  const id = await fileDueSoon(survivor);
  const soon = () => stream.events.filter((e) => e.type === 'deadline.soon' && e.data.id === id);
  await waitFor('the alert on the survivor', LIMIT_MS + 5_000, async () => (soon().length > 0 ? true : undefined));
  const alertMs = Date.now() - killedAt;
  const takeover = await db.kysely
    .selectFrom('clock_jobs')
    .select(['locked_by', 'last_run_at', 'attempts'])
    .where('name', '=', SCAN)
    .executeTakeFirstOrThrow();
  await new Promise((r) => setTimeout(r, 2_000));
  const ledger = await db.kysely
    .selectFrom('deadline_alerts')
    .select('stage')
    .where('accident_id', '=', id)
    .where('stage', '=', 'soon')
    .execute();
  stream.close();
  console.log(
    [
      '',
      'Clock failover: kill -9 of the instance holding the deadline scan, mid-run',
      `  scan now run by        ${takeover.locked_by}`,
      `  alert on the survivor  ${(alertMs / 1000).toFixed(1)} s after the kill (limit ${LIMIT_MS / 1000} s; lease 30 s)`,
      `  alerts on the stream   ${soon().length} (ledger rows ${ledger.length})`,
    ].join('\n'),
  );
  if (alertMs > LIMIT_MS || soon().length !== 1 || ledger.length !== 1 || takeover.locked_by === holder) exitCode = 1;
} finally {
  await locker.end().catch(() => undefined);
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await cleanup();
}
process.exit(exitCode);
