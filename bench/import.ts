/**
 * Historical import throughput: a 10,000-row .xlsx (generated, every row valid, over Zibo's counties) uploaded to
 * POST /api/accidents/import by a city statistician (stats.370300) on a fresh migrated and seeded database, over
 * real HTTP. Reports rows/s for the whole request (parse + validate + write + audit), the same file again (every
 * row a duplicate), and — to answer "is one audit row per accident too slow?" — the cost of appending 10,000 audit
 * rows alone in the same batches. The audit chains are verified afterwards.
 *
 *   npx tsx bench/import.ts --engine pglite|postgres [--rows 10000]
 *
 * PostgreSQL: DATABASE_URL or postgres://postgres@127.0.0.1:5432/test names the server; the bench creates and drops
 * its own database anjian_bench_import there. Results: bench/results/import-latest.json.
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
import { ACCIDENT_TYPES } from '../src/domain/codes.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Db, Engine } from '../src/server/db/connection.js';
import { actorByUsername } from '../src/server/db/seed/demo.js';
import { appendAudit } from '../src/server/modules/audit/service.js';
import { verifyAudit } from '../src/server/modules/audit/verify.js';
import { IMPORT_COLUMNS } from '../src/server/modules/imports/columns.js';
import { BATCH_ROWS } from '../src/server/modules/imports/service.js';
import { openFresh as openFreshDb, prepareDemoBase, signIn } from './support.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH_DB = 'anjian_bench_import';

const { values: opts } = parseArgs({
  options: { engine: { type: 'string', default: 'pglite' }, rows: { type: 'string', default: '10000' } },
});
const ENGINE = opts.engine as Engine;
const ROWS = Number(opts.rows);
if (ENGINE !== 'pglite' && ENGINE !== 'postgres') throw new Error('--engine pglite|postgres');

const log = (msg: string) => console.log(`[bench:import ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const seconds = (ms: number) => Math.round(ms / 10) / 100;

const openFresh = () => openFreshDb(ENGINE, BENCH_DB);

/** A 10,000-row workbook in the template's layout: distinct units and times, a mix of types and domains. */
async function workbook(rows: number, counties: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('事故数据');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  const types = Object.keys(ACCIDENT_TYPES);
  const start = Date.UTC(2021, 0, 1);
  for (let i = 0; i < rows; i++) {
    const values: Record<string, unknown> = {
      occurredAt: new Date(start + i * 2.5 * 3_600_000),
      regionCode: counties[i % counties.length],
      unitName: `历史导入测试有限公司${i}`,
      industryCode: i % 3 ? 'C26' : 'E47',
      accidentType: types[i % types.length],
      domain: i % 10 === 0 ? '道路交通' : '工矿商贸',
      deaths: i % 7 === 0 ? 1 : 0,
      seriousInjuries: i % 5 === 0 ? 1 : 0,
      minorInjuries: i % 2,
      directLossYuan: 10_000 + (i % 100) * 1_000,
      address: `淄博市测试路${i}号`,
      summary: '作业过程中发生事故',
      measuresTaken: '已处置',
    };
    ws.addRow(IMPORT_COLUMNS.map((c) => values[c.field] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Upload {
  status: number;
  ms: number;
  created: number;
  duplicates: number;
  invalid: number;
}

async function uploadFile(base: string, cookie: string, file: Buffer): Promise<Upload> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'bench.xlsx');
  const t0 = performance.now();
  const res = await fetch(`${base}/api/accidents/import`, { method: 'POST', headers: { cookie }, body: form });
  const body = (await res.json()) as { created: number; duplicates: number; invalid: number };
  const ms = performance.now() - t0;
  if (res.status !== 201) throw new Error(`import: HTTP ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return { status: res.status, ms, created: body.created, duplicates: body.duplicates, invalid: body.invalid };
}

/** 10,000 audit rows alone, BATCH_ROWS per transaction, in the counties' chains: the audit's share of an import. */
async function auditOnly(db: Db, counties: string[]): Promise<number> {
  const actor = await actorByUsername(db, 'stats.370300');
  const t0 = performance.now();
  const batch = BATCH_ROWS[ENGINE];
  for (let i = 0; i < ROWS; i += batch) {
    await db.kysely.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(ROWS, i + batch); j++) {
        await appendAudit(trx, actor, {
          action: 'bench.audit',
          entityType: 'bench',
          entityId: String(j),
          regionCode: counties[j % counties.length] as string,
          after: { row: j },
        });
      }
    });
  }
  return performance.now() - t0;
}

async function main(): Promise<void> {
  log(`${ENGINE}: ${ROWS} rows, batches of ${BATCH_ROWS[ENGINE]}`);
  const { db, where, cleanup } = await openFresh();
  try {
    const counties = await prepareDemoBase(db);
    const t0 = performance.now();
    const file = await workbook(ROWS, counties);
    log(`workbook: ${(file.length / 1024 / 1024).toFixed(1)} MB in ${seconds(performance.now() - t0)} s`);

    const { app } = await buildApp({ db, config: { ...loadConfig({}), logLevel: 'warn' }, webDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const cookie = await signIn(base, 'stats.370300');
      const first = await uploadFile(base, cookie, file);
      const rowsPerSecond = Math.round(ROWS / (first.ms / 1000));
      log(
        `import: ${seconds(first.ms)} s → ${rowsPerSecond} rows/s (created ${first.created}, invalid ${first.invalid})`,
      );
      const again = await uploadFile(base, cookie, file);
      const againPerSecond = Math.round(ROWS / (again.ms / 1000));
      log(`same file again: ${seconds(again.ms)} s → ${againPerSecond} rows/s (duplicates ${again.duplicates})`);
      const auditMs = await auditOnly(db, counties);
      log(
        `audit alone: ${ROWS} rows in ${seconds(auditMs)} s (${Math.round((auditMs / first.ms) * 100)}% of the import)`,
      );
      const audit = await verifyAudit(db);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM accidents`.execute(db.kysely);
      const result = {
        engine: ENGINE,
        where,
        cpus: cpus().length,
        rows: ROWS,
        batchRows: BATCH_ROWS[ENGINE],
        fileMegabytes: Math.round((file.length / 1024 / 1024) * 10) / 10,
        import: { seconds: seconds(first.ms), rowsPerSecond, created: first.created, invalid: first.invalid },
        reimport: { seconds: seconds(again.ms), rowsPerSecond: againPerSecond, duplicates: again.duplicates },
        auditOnly: { seconds: seconds(auditMs), shareOfImport: Math.round((auditMs / first.ms) * 100) / 100 },
        accidentsInDb: rows[0]?.n,
        audit: audit.ok
          ? `OK: ${audit.rows} sealed rows in ${audit.seals} seals, ${audit.unsealed} not sealed yet`
          : `BROKEN: ${JSON.stringify(audit.broken)}`,
      };
      console.log(JSON.stringify(result, null, 2));
      mkdirSync(join(HERE, 'results'), { recursive: true });
      writeFileSync(join(HERE, 'results', `import-${ENGINE}-latest.json`), `${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await app.close();
    }
  } finally {
    await cleanup();
  }
}

await main();
