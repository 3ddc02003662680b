/**
 * Registry import (issue 4, bar 3): a 10,000-row 企业 sheet with 1% bad rows (a wrong check character, an unknown
 * 监管行业, no name, a county outside the jurisdiction, an unknown 行业代码, a longitude out of range — in turn)
 * uploaded to POST /api/enterprises/import by Zibo's administrator (admin.370300) on a fresh migrated and seeded
 * database, over real HTTP; then the same file again. Checks that every bad row is reported with its line and
 * field, that exactly the good rows are stored (counted in the database), and that the re-import adds nothing.
 * Target: < 30 s on PGlite.
 *
 *   npx tsx bench/registry-import.ts --engine pglite|postgres [--rows 10000]
 *
 * PostgreSQL: DATABASE_URL or postgres://postgres@127.0.0.1:5432/test names the server; the bench creates and drops
 * its own database anjian_bench_registry there. Results: bench/results/registry-import-latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { creditCodeCheckChar } from '../src/domain/credit-code.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Db, Engine } from '../src/server/db/connection.js';
import { verifyAudit } from '../src/server/modules/audit/verify.js';
import { ENTERPRISE_COLUMNS } from '../src/server/modules/registry-import/columns.js';
import { BATCH_ROWS } from '../src/server/modules/registry-import/service.js';
import { openFresh as openFreshDb, prepareDemoBase, signIn } from './support.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH_DB = 'anjian_bench_registry';
const TARGET_S = 30;

const { values: opts } = parseArgs({
  options: { engine: { type: 'string', default: 'pglite' }, rows: { type: 'string', default: '10000' } },
});
const ENGINE = opts.engine as Engine;
const ROWS = Number(opts.rows);
if (ENGINE !== 'pglite' && ENGINE !== 'postgres') throw new Error('--engine pglite|postgres');

const log = (msg: string) => console.log(`[bench:registry-import ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const seconds = (ms: number) => Math.round(ms / 10) / 100;

const openFresh = () => openFreshDb(ENGINE, BENCH_DB);

/** What each kind of bad row breaks, and the field its report must name. */
const BAD_KINDS = [
  { field: 'creditCode', spoil: (v: Record<string, unknown>) => ({ creditCode: wrongCheck(String(v.creditCode)) }) },
  { field: 'sectors', spoil: () => ({ sectors: '危化品' }) },
  { field: 'name', spoil: () => ({ name: null }) },
  { field: 'regionCode', spoil: () => ({ regionCode: '370102' }) }, // 济南市历下区: not Zibo's
  { field: 'industryCode', spoil: () => ({ industryCode: 'Z99' }) },
  { field: 'longitude', spoil: () => ({ longitude: 200 }) },
] as const;

function creditCode(county: string, i: number): string {
  const first17 = `91${county}MB${String(i).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

function wrongCheck(code: string): string {
  return `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`;
}

const SECTORS = ['危险化学品', '工贸', '非煤矿山', '烟花爆竹', '工贸、危险化学品'];

/** The 企业 sheet in the template's layout; every 100th row bad (1%), the kinds in turn. Line → expected field. */
async function workbook(rows: number, counties: string[]): Promise<{ file: Buffer; bad: Map<number, string> }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(ENTERPRISE_COLUMNS.map((c) => c.header));
  const bad = new Map<number, string>();
  for (let i = 0; i < rows; i++) {
    const county = counties[i % counties.length] as string;
    let values: Record<string, unknown> = {
      creditCode: creditCode(county, i),
      name: `注册导入测试企业${i}有限公司`,
      regionCode: county,
      address: `淄博市测试路${i}号`,
      longitude: 118 + (i % 100) / 1000,
      latitude: 36.5 + (i % 100) / 1000,
      industryCode: i % 3 ? 'C26' : 'C34',
      sectors: SECTORS[i % SECTORS.length],
      scale: ['大型', '中型', '小型', '微型'][i % 4],
      legalRepresentative: '王建国',
      principalName: '王建国',
      principalPhone: '0533-3100000',
      safetyManagerName: '李丽娟',
      safetyManagerPhone: '13905335000',
      employees: 20 + (i % 500),
      status: '正常生产经营',
    };
    if (i % 100 === 37) {
      const kind = BAD_KINDS[Math.floor(i / 100) % BAD_KINDS.length] as (typeof BAD_KINDS)[number];
      values = { ...values, ...kind.spoil(values) };
      bad.set(i + 2, kind.field);
    }
    ws.addRow(ENTERPRISE_COLUMNS.map((c) => values[c.field] ?? null));
  }
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), bad };
}

interface Answer {
  created: number;
  duplicates: number;
  invalid: number;
  rows: { line: number; sheet: string; status: string; problems?: { field: string }[] }[];
}

async function uploadFile(base: string, cookie: string, file: Buffer): Promise<{ ms: number; body: Answer }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'registry-bench.xlsx');
  const t0 = performance.now();
  const res = await fetch(`${base}/api/enterprises/import`, { method: 'POST', headers: { cookie }, body: form });
  const body = (await res.json()) as Answer;
  const ms = performance.now() - t0;
  if (res.status !== 201) throw new Error(`import: HTTP ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return { ms, body };
}

async function enterpriseCount(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM enterprises`.execute(db.kysely);
  return rows[0]?.n ?? 0;
}

/** Every bad line reported invalid naming its field, and no good line reported invalid. */
function checkReport(body: Answer, bad: Map<number, string>): string[] {
  const failures: string[] = [];
  const invalid = new Map(body.rows.filter((r) => r.status === 'invalid').map((r) => [r.line, r]));
  for (const [line, field] of bad) {
    const r = invalid.get(line);
    if (!r) failures.push(`line ${line}: not reported invalid`);
    else if (!r.problems?.some((p) => p.field === field)) failures.push(`line ${line}: ${field} not named`);
  }
  for (const line of invalid.keys()) if (!bad.has(line)) failures.push(`line ${line}: reported invalid but good`);
  return failures;
}

async function main(): Promise<void> {
  log(`${ENGINE}: ${ROWS} rows (1% bad), batches of ${BATCH_ROWS[ENGINE]}`);
  const { db, where, cleanup } = await openFresh();
  try {
    const counties = await prepareDemoBase(db);
    const t0 = performance.now();
    const { file, bad } = await workbook(ROWS, counties);
    log(
      `workbook: ${(file.length / 1024 / 1024).toFixed(1)} MB, ${bad.size} bad rows, in ${seconds(performance.now() - t0)} s`,
    );

    const { app } = await buildApp({ db, config: { ...loadConfig({}), logLevel: 'warn' }, webDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const cookie = await signIn(base, 'admin.370300');
      const before = await enterpriseCount(db);
      const first = await uploadFile(base, cookie, file);
      const stored = (await enterpriseCount(db)) - before;
      log(
        `import: ${seconds(first.ms)} s (created ${first.body.created}, invalid ${first.body.invalid}, stored ${stored})`,
      );
      const again = await uploadFile(base, cookie, file);
      const addedAgain = (await enterpriseCount(db)) - before - stored;
      log(
        `same file again: ${seconds(again.ms)} s (created ${again.body.created}, duplicates ${again.body.duplicates}, added ${addedAgain})`,
      );
      const failures = [
        ...checkReport(first.body, bad),
        ...checkReport(again.body, bad).map((f) => `re-import ${f}`),
        ...(stored === ROWS - bad.size ? [] : [`stored ${stored}, expected ${ROWS - bad.size}`]),
        ...(first.body.created === stored ? [] : [`created ${first.body.created} but stored ${stored}`]),
        ...(addedAgain === 0 && again.body.created === 0 ? [] : [`re-import added ${addedAgain}`]),
        ...(again.body.duplicates === ROWS - bad.size ? [] : [`re-import duplicates ${again.body.duplicates}`]),
        ...(ENGINE === 'pglite' && first.ms / 1000 >= TARGET_S
          ? [`import ${seconds(first.ms)} s ≥ ${TARGET_S} s`]
          : []),
      ];
      const audit = await verifyAudit(db);
      if (!audit.ok) failures.push(`audit chain broken: ${JSON.stringify(audit.broken)}`);
      const result = {
        engine: ENGINE,
        where,
        cpus: cpus().length,
        rows: ROWS,
        badRows: bad.size,
        batchRows: BATCH_ROWS[ENGINE],
        fileMegabytes: Math.round((file.length / 1024 / 1024) * 10) / 10,
        import: {
          seconds: seconds(first.ms),
          rowsPerSecond: Math.round(ROWS / (first.ms / 1000)),
          created: first.body.created,
          invalid: first.body.invalid,
          stored,
        },
        reimport: {
          seconds: seconds(again.ms),
          created: again.body.created,
          duplicates: again.body.duplicates,
          invalid: again.body.invalid,
          added: addedAgain,
        },
        targetSeconds: TARGET_S,
        audit: audit.ok
          ? `OK: ${audit.rows} sealed rows in ${audit.seals} seals, ${audit.unsealed} not sealed yet`
          : 'BROKEN',
        ok: failures.length === 0,
        failures,
      };
      console.log(JSON.stringify(result, null, 2));
      mkdirSync(join(HERE, 'results'), { recursive: true });
      writeFileSync(join(HERE, 'results', 'registry-import-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
      if (failures.length > 0) process.exitCode = 1;
    } finally {
      await app.close();
    }
  } finally {
    await cleanup();
  }
}

await main();
