/**
 * Failover with Idempotency-Key (issue 9 §4): two instances (`tsx src/server/main.ts`, different PORTs) on one fresh
 * PostgreSQL database share the load of concurrent clients filing quick reports, each report with its own key; in
 * the middle one instance is killed with SIGKILL, and every request that failed (connection refused or reset, or a
 * 5xx) is sent again, with the same key and body, to the other instance. At the end every key must have exactly one
 * accident: 0 lost, 0 duplicated. The audit trail is then sealed and verified.
 *
 * `npx tsx bench/failover.ts [--clients 16] [--seconds 10] [--kill-at 4]`. DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test) names the server; the script creates and drops `anjian_failover`.
 * Exit 1 when anything was lost or duplicated.
 */
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { sealAuditLog } from '../src/server/modules/audit/sealer.js';
import { verifyAudit } from '../src/server/modules/audit/verify.js';
import { DEFAULT_PG, openFresh, pgUrl, prepareDemoBase, signIn, startInstance, waitHealthy } from './support.js';

const DATABASE = 'anjian_failover';
const PORTS = [3411, 3412];

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    'kill-at': { type: 'string', default: '4' },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const KILL_AT_S = Number(values['kill-at']);
const log = (msg: string) => console.log(`[failover ${new Date().toISOString().slice(11, 19)}] ${msg}`);

interface Tally {
  keys: Map<string, { unitName: string; id: string | null }>;
  requests: number;
  retries: number;
  failedAttempts: number;
  /** Failed attempts that had reached the killed instance (reset, not refused): their outcome was unknown. */
  cutOff: number;
  gaveUp: number;
  byInstance: number[];
}

function reportBody(county: string, unitName: string) {
  return {
    occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    regionCode: county,
    address: '淄博市张店区华光路168号',
    unitName,
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
  };
}

/** One client: files reports until the deadline; a failed attempt goes to the other instance with the same key. */
async function client(n: number, bases: string[], cookie: string, counties: string[], until: number, t: Tally) {
  for (let i = 0; Date.now() < until; i++) {
    const key = `failover-${n}-${i}`;
    const unitName = `切换测试${n}-${i}号化工有限公司`;
    const body = JSON.stringify(reportBody(counties[(n + i) % counties.length] as string, unitName));
    t.keys.set(key, { unitName, id: null });
    let target = (n + i) % 2;
    for (let attempt = 0; ; attempt++) {
      if (attempt >= 20) {
        t.gaveUp++;
        break;
      }
      if (attempt > 0) t.retries++;
      t.requests++;
      try {
        const res = await fetch(`${bases[target]}/api/accidents`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', 'idempotency-key': key },
          body,
        });
        const answer = (await res.json()) as { id?: string };
        if (res.status === 201) {
          t.keys.set(key, { unitName, id: answer.id ?? null });
          t.byInstance[target] = (t.byInstance[target] ?? 0) + 1;
          break;
        }
        if (res.status < 500) throw new Error(`unexpected ${res.status}: ${JSON.stringify(answer)}`);
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('unexpected')) throw err;
        if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') t.cutOff++;
      }
      t.failedAttempts++;
      target = 1 - target;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const { db, cleanup } = await openFresh('postgres', DATABASE);
const url = pgUrl(process.env.DATABASE_URL || DEFAULT_PG, DATABASE);
const children: ChildProcess[] = [];
let exitCode = 0;
try {
  const counties = await prepareDemoBase(db);
  const bases = PORTS.map((p) => `http://127.0.0.1:${p}`);
  for (const port of PORTS) children.push(startInstance(port, url));
  await Promise.all(bases.map(waitHealthy));
  log(`two instances up on ports ${PORTS.join(' and ')}, one database ${DATABASE}`);
  const cookie = await signIn(bases[0] as string, 'duty.370300');
  const tally: Tally = {
    keys: new Map(),
    requests: 0,
    retries: 0,
    failedAttempts: 0,
    cutOff: 0,
    gaveUp: 0,
    byInstance: [0, 0],
  };
  const started = Date.now();
  const killer = setTimeout(() => {
    log(`kill -9 the instance on port ${PORTS[0]} (pid ${children[0]?.pid}) after ${KILL_AT_S} s`);
    children[0]?.kill('SIGKILL');
  }, KILL_AT_S * 1000);
  await Promise.all(
    Array.from({ length: CLIENTS }, (_, n) => client(n, bases, cookie, counties, started + SECONDS * 1000, tally)),
  );
  clearTimeout(killer);

  const rows = await sql<{ unit_name: string; n: number; ids: string[] }>`
    SELECT unit_name, count(*)::int AS n, array_agg(id::text) AS ids FROM accidents
    WHERE unit_name LIKE '切换测试%' GROUP BY unit_name`.execute(db.kysely);
  const byUnit = new Map(rows.rows.map((r) => [r.unit_name, r]));
  let lost = 0;
  let duplicated = 0;
  let mismatched = 0;
  for (const { unitName, id } of tally.keys.values()) {
    const row = byUnit.get(unitName);
    if (!row) lost++;
    else if (row.n > 1) duplicated++;
    else if (id !== row.ids[0]) mismatched++;
  }
  for (let i = 0; i < 100 && (await verifyAudit(db)).unsealed > 0; i++) await sealAuditLog(db, new Date());
  const audit = await verifyAudit(db);
  console.log(
    [
      '',
      `Failover: ${CLIENTS} clients × ${SECONDS} s over two instances, kill -9 of one at ${KILL_AT_S} s`,
      `  reports (keys)         ${tally.keys.size}`,
      `  answered 201           ${tally.keys.size - tally.gaveUp} (instance ${PORTS[0]}: ${tally.byInstance[0]}, instance ${PORTS[1]}: ${tally.byInstance[1]})`,
      `  attempts               ${tally.requests} (${tally.failedAttempts} failed, ${tally.retries} retried on the other instance)`,
      `  cut off in flight      ${tally.cutOff} (reached the killed instance, outcome unknown to the client)`,
      `  lost                   ${lost}`,
      `  duplicated             ${duplicated}`,
      `  answer ≠ stored id     ${mismatched}`,
      `  gave up after 20 tries ${tally.gaveUp}`,
      `  audit:verify           ${audit.ok ? `OK: ${audit.rows} rows in ${audit.seals} seals, ${audit.unsealed} not sealed` : `BROKEN ${JSON.stringify(audit.broken)}`}`,
    ].join('\n'),
  );
  if (lost + duplicated + mismatched + tally.gaveUp > 0 || !audit.ok) exitCode = 1;
} finally {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await cleanup();
}
process.exit(exitCode);
