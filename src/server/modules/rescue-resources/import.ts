/**
 * 应急资源批量导入, "like the registry" (registry-import/service.ts): an .xlsx with the sheets 救援队伍, 装备物资 and
 * 专家 (the export's, or the template's), or a .csv of one kind told by its columns — read through the one upload
 * pipeline (uploads/, imports/parse.ts: streamed, in a worker thread, within a row and size budget).
 *
 * - Every row is validated with the form's own schema (createResourceBody) and the form's own checks (the region in
 *   the jurisdiction, the enterprise by its credit code in the jurisdiction); a bad row blocks only itself and is
 *   reported with its sheet, its row number and, per problem, the API field and the column header. `dryRun` runs
 *   every check and writes nothing.
 * - Idempotent: a resource is known by (kind, region, name); a row already registered, or repeated in the file, is a
 *   duplicate and changes nothing — re-importing a file (an export included) adds nothing. Corrections go through
 *   PUT, which keeps revisions.
 * - Rows are written in batches, one transaction each, each row through the form's insert (its revision and its audit
 *   row, change `import`); the import is audited once more as rescue_import.create. An unexpected failure of a batch
 *   redoes it row by row, so only the row at fault is lost. Idempotency-Key as for the registry import.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ZodError } from 'zod';
import type { ImportFormat } from '../../../contracts/imports.js';
import {
  type CreateResourceInput,
  createResourceBody,
  RESOURCE_KINDS,
  type ResourceKind,
} from '../../../contracts/rescue-resources.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { findByCreditCode } from '../enterprises/repo.js';
import { onceForLongRun } from '../idempotency/service.js';
import { EXAMPLE_ROW_ISSUE, isExampleMarked, type RawCell } from '../imports/columns.js';
import { parseFileSheets, type SheetRow } from '../imports/parse.js';
import { findRegion } from '../regions/repo.js';
import type { RegistryColumn } from '../registry-import/columns.js';
import { BATCH_ROWS } from '../registry-import/service.js';
import { COLUMNS, convert, DISTINCTIVE, HELP_SHEET, mapHeaders, SHEET_NAMES } from './columns.js';
import * as repo from './repo.js';
import { insertResourceIn } from './service.js';

type Trx = Kysely<Database>;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export interface RowProblem {
  field: string;
  header?: string;
  code: string;
  message: string;
}

export interface RowResult {
  line: number;
  sheet: string;
  kind: ResourceKind;
  status: 'created' | 'duplicate' | 'invalid';
  name?: string;
  id?: string;
  problems?: RowProblem[];
}

export interface KindCounts {
  sheets: string[];
  total: number;
  created: number;
  duplicates: number;
  invalid: number;
  ignoredColumns: string[];
}

export interface ResourceImportResult {
  importId: string;
  dryRun: boolean;
  fileName: string;
  format: Exclude<ImportFormat, 'json'>;
  fileSha256: string;
  total: number;
  created: number;
  duplicates: number;
  invalid: number;
  kinds: Record<ResourceKind, KindCounts>;
  rows: RowResult[];
}

interface Candidate {
  kind: ResourceKind;
  sheet: string;
  line: number;
  name?: string;
  creditCode?: string;
  value?: Record<string, unknown>;
  problems: RowProblem[];
}

interface Table {
  kind: ResourceKind;
  sheet: string;
  ignored: string[];
  candidates: Candidate[];
}

/** A problem of `field`, with its column's header (enterpriseId is the credit-code column). */
function problem(kind: ResourceKind, field: string, code: string, message: string): RowProblem {
  const column = field === 'enterpriseId' ? 'creditCode' : field;
  const header = COLUMNS[kind].find((c) => c.field === column)?.header;
  return header ? { field: column, header, code, message } : { field: column, code, message };
}

function schemaProblems(kind: ResourceKind, error: ZodError, value: Record<string, unknown>): RowProblem[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'row');
    const absent = name !== 'row' && value[name] === undefined && name !== 'enterpriseId';
    return problem(kind, name, absent ? 'required' : issue.code, absent ? '不能为空' : issue.message);
  });
}

function candidateOf(kind: ResourceKind, sheet: string, r: SheetRow, byIndex: Map<number, RegistryColumn>): Candidate {
  const value: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  for (const [index, column] of byIndex) {
    const converted = convert(column, (r.cells[index] ?? null) as RawCell);
    if (!converted) continue;
    if ('issue' in converted) problems.push(problem(kind, column.field, converted.issue.code, converted.issue.message));
    else value[column.field] = converted.value;
  }
  const base: Candidate = {
    kind,
    sheet,
    line: r.row,
    problems,
    ...(typeof value.name === 'string' ? { name: value.name.trim() } : {}),
    ...(typeof value.creditCode === 'string' ? { creditCode: value.creditCode.toUpperCase() } : {}),
  };
  if (isExampleMarked(value.name)) {
    return { ...base, problems: [problem(kind, 'name', EXAMPLE_ROW_ISSUE.code, EXAMPLE_ROW_ISSUE.message)] };
  }
  return { ...base, value };
}

function distinctiveCount(kind: ResourceKind, cells: readonly RawCell[]): number {
  let n = 0;
  for (const c of mapHeaders[kind](cells).byIndex.values()) if (DISTINCTIVE[kind].has(c.field)) n++;
  return n;
}

function missingColumns(sheetName: string, missing: readonly string[]): AppError {
  return new AppError(
    'IMPORT_MISSING_COLUMNS',
    missing.map((h) => ({ path: 'file', code: 'missing_column', message: `“${sheetName}”表缺少列“${h}”` })),
    `“${sheetName}”表缺少必需的列：${missing.join('、')}（请使用导入模板）`,
  );
}

/** Which kind a sheet holds and where its header row is (row 1 of a template; under the title lines of an export). */
function tableOf(sheet: { name: string; header: RawCell[]; rows: SheetRow[] }): Table | null {
  const named = RESOURCE_KINDS.find((k) => SHEET_NAMES[k] === sheet.name.trim());
  const rows = [
    { cells: sheet.header, after: 0 },
    ...sheet.rows.slice(0, 5).map((r, i) => ({ cells: r.cells, after: i + 1 })),
  ];
  for (const { cells, after } of rows) {
    const scores = RESOURCE_KINDS.map((k) => [k, distinctiveCount(k, cells)] as const);
    const [kind, score] = named
      ? [named, scores.find(([k]) => k === named)?.[1] ?? 0]
      : scores.reduce((a, b) => (b[1] > a[1] ? b : a));
    // An expert sheet's distinctive columns may all be optional: its name column with 联系电话 is enough.
    const headers = mapHeaders[kind](cells);
    if (score < (kind === 'expert' ? 1 : 2) && !(named && headers.byIndex.size >= 3)) continue;
    const sheetName = sheet.name || SHEET_NAMES[kind];
    if (headers.missing.length > 0) throw missingColumns(sheetName, headers.missing);
    return {
      kind,
      sheet: sheetName,
      ignored: headers.ignored,
      candidates: sheet.rows.slice(after).map((r) => candidateOf(kind, sheetName, r, headers.byIndex)),
    };
  }
  if (named) throw missingColumns(sheet.name, mapHeaders[named](sheet.header).missing);
  return null;
}

async function readTables(fileName: string, data: Buffer) {
  const file = await parseFileSheets(fileName, data, { skipSheets: [HELP_SHEET] });
  const tables = file.sheets.map(tableOf).filter((t): t is Table => t !== null);
  if (tables.length === 0) {
    throw new AppError(
      'IMPORT_MISSING_COLUMNS',
      [{ path: 'file', code: 'no_table', message: '未找到救援队伍、装备物资或专家数据' }],
      '未找到应急资源数据：请使用导出的文件或导入模板（工作表“救援队伍”“装备物资”“专家”）',
    );
  }
  return { format: file.format, tables };
}

interface Ready {
  c: Candidate;
  input: CreateResourceInput;
  regionCode: string;
}

const invalid = (c: Candidate, problems: RowProblem[]): RowResult => ({
  line: c.line,
  sheet: c.sheet,
  kind: c.kind,
  status: 'invalid',
  ...(c.name ? { name: c.name } : {}),
  problems,
});

const duplicate = (c: Candidate, p: RowProblem, id?: string): RowResult => ({
  line: c.line,
  sheet: c.sheet,
  kind: c.kind,
  status: 'duplicate',
  ...(c.name ? { name: c.name } : {}),
  ...(id ? { id } : {}),
  problems: [p],
});

interface Run {
  ctx: AppContext;
  actor: Actor;
  dryRun: boolean;
  /** kind|region|name → the first row of the file with it. */
  seen: Map<string, number>;
}

/** The form's checks without writing: the schema, the owner (enterprise by credit code, or region), jurisdiction. */
async function screen(run: Run, c: Candidate): Promise<RowResult | Ready> {
  if (!c.value || c.problems.some((p) => p.code === EXAMPLE_ROW_ISSUE.code)) return invalid(c, c.problems);
  const { creditCode, ...rest } = c.value;
  const problems = [...c.problems];
  let enterpriseId: string | undefined;
  let regionCode = typeof rest.regionCode === 'string' ? rest.regionCode : undefined;
  const db = run.ctx.db.kysely;
  if (typeof creditCode === 'string') {
    const e = await findByCreditCode(db, creditCode.toUpperCase());
    if (!e || !coversRegion(run.actor, e.region_code)) {
      problems.push(
        problem(c.kind, 'creditCode', 'unknown_enterprise', '该统一社会信用代码的企业未登记或不在本单位管辖范围内'),
      );
    } else {
      enterpriseId = e.id;
      if (regionCode && regionCode !== e.region_code) {
        problems.push(problem(c.kind, 'regionCode', 'enterprise_region', '企业的资源登记在企业所在地区'));
      }
      regionCode = e.region_code;
    }
  }
  const value = {
    ...rest,
    kind: c.kind,
    ...(enterpriseId ? { enterpriseId } : {}),
    ...(regionCode ? { regionCode } : {}),
  };
  const parsed = createResourceBody.safeParse(value);
  if (!parsed.success) {
    const flagged = new Set(problems.map((p) => p.field));
    problems.push(...schemaProblems(c.kind, parsed.error, value).filter((p) => !flagged.has(p.field)));
  }
  const region = regionCode ?? run.actor.regionCode;
  if (!enterpriseId && problems.every((p) => p.field !== 'regionCode')) {
    if (!coversRegion(run.actor, region)) {
      problems.push(problem(c.kind, 'regionCode', 'OUTSIDE_JURISDICTION', `${region} 不在本单位管辖范围内`));
    } else if (!(await findRegion(db, region))) {
      problems.push(problem(c.kind, 'regionCode', 'unknown_region', '行政区划代码不存在'));
    }
  }
  if (problems.length > 0 || !parsed.success) return invalid(c, problems);
  const key = repo.nameKey(c.kind, region, parsed.data.name);
  const first = run.seen.get(key);
  if (first !== undefined) {
    return duplicate(
      c,
      problem(c.kind, 'name', 'duplicate_in_file', `与“${c.sheet}”表第${first}行为同一资源，未再登记`),
    );
  }
  run.seen.set(key, c.line);
  return { c, input: parsed.data, regionCode: region };
}

function problemsOf(kind: ResourceKind, e: AppError): RowProblem[] {
  const details = Array.isArray(e.details) ? (e.details as ErrorDetail[]) : [];
  if (details.length > 0) return details.map((d) => problem(kind, d.path, d.code, d.message));
  return [problem(kind, 'row', e.code, e.message)];
}

async function writeRow(run: Run, trx: Trx, r: Ready): Promise<RowResult> {
  try {
    const created = await insertResourceIn(run.ctx, trx, run.actor, r.input, run.ctx.now(), 'import');
    return { line: r.c.line, sheet: r.c.sheet, kind: r.c.kind, status: 'created', name: created.name, id: created.id };
  } catch (e) {
    if (e instanceof AppError) return invalid(r.c, problemsOf(r.c.kind, e));
    throw e;
  }
}

async function writeBatch(run: Run, ready: Ready[]): Promise<Map<Ready, RowResult>> {
  const results = new Map<Ready, RowResult>();
  if (ready.length === 0) return results;
  try {
    await run.ctx.db.kysely.transaction().execute(async (trx) => {
      for (const r of ready) {
        const result = await writeRow(run, trx, r);
        // A row the checks refuse at write time (moved meanwhile) must not take the batch's good rows with it.
        if (result.status === 'invalid') throw Object.assign(new Error('row refused'), { refused: true });
        results.set(r, result);
      }
    });
    return results;
  } catch (e) {
    if (e instanceof AppError) throw e;
    results.clear();
  }
  for (const r of ready) {
    try {
      await run.ctx.db.kysely.transaction().execute(async (trx) => {
        const result = await writeRow(run, trx, r);
        results.set(r, result);
        if (result.status === 'invalid') throw Object.assign(new Error('row refused'), { refused: true });
      });
    } catch (err) {
      if (err instanceof AppError) throw err;
      if ((err as { refused?: boolean }).refused) continue;
      console.error(`rescue import: ${r.c.sheet} row ${r.c.line} not written`, err);
      results.set(r, invalid(r.c, [problem(r.c.kind, 'row', 'write_failed', '该行写入失败，请检查数据后重新导入')]));
    }
  }
  return results;
}

async function importBatch(run: Run, batch: Candidate[]): Promise<RowResult[]> {
  const screened: (RowResult | Ready)[] = [];
  for (const c of batch) screened.push(await screen(run, c));
  const ready = screened.filter((s): s is Ready => 'input' in s);
  const existing = await repo.resourcesByName(
    run.ctx.db.kysely,
    ready.map((r) => ({ kind: r.c.kind, regionCode: r.regionCode, name: r.input.name })),
  );
  const known = (r: Ready) => existing.get(repo.nameKey(r.c.kind, r.regionCode, r.input.name));
  const toWrite = ready.filter((r) => !known(r));
  const written = run.dryRun
    ? new Map(
        toWrite.map(
          (r) =>
            [
              r,
              { line: r.c.line, sheet: r.c.sheet, kind: r.c.kind, status: 'created', name: r.input.name } as RowResult,
            ] as const,
        ),
      )
    : await writeBatch(run, toWrite);
  return screened.map((s) => {
    if (!('input' in s)) return s;
    const id = known(s);
    if (id)
      return duplicate(s.c, problem(s.c.kind, 'name', 'already_registered', '本地区已有同名的同类资源，未再导入'), id);
    return written.get(s) as RowResult;
  });
}

export async function importResources(
  ctx: AppContext,
  actor: Actor,
  file: { fileName: string; data: Buffer },
  opts: { dryRun: boolean; idempotencyKey?: string | undefined },
): Promise<{ status: number; body: ResourceImportResult }> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  const { format, tables } = await readTables(file.fileName, file.data);
  const fileSha256 = sha256(file.data);
  const status = opts.dryRun ? 200 : 201;
  return onceForLongRun(
    ctx.db.kysely,
    actor,
    {
      key: opts.idempotencyKey,
      hash: sha256(`rescue-import|${fileSha256}|dryRun=${opts.dryRun}`),
      status,
      now: ctx.now,
    },
    async () => {
      const run: Run = { ctx, actor, dryRun: opts.dryRun, seen: new Map() };
      const batchRows = BATCH_ROWS[ctx.db.engine];
      const rows: RowResult[] = [];
      for (const t of tables) {
        for (let i = 0; i < t.candidates.length; i += batchRows) {
          rows.push(...(await importBatch(run, t.candidates.slice(i, i + batchRows))));
          // PGlite answers without leaving the microtask queue: let timers and other requests run in between.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      const kinds = Object.fromEntries(
        RESOURCE_KINDS.map((k) => {
          const mine = rows.filter((r) => r.kind === k);
          return [
            k,
            {
              sheets: tables.filter((t) => t.kind === k).map((t) => t.sheet),
              total: mine.length,
              created: mine.filter((r) => r.status === 'created').length,
              duplicates: mine.filter((r) => r.status === 'duplicate').length,
              invalid: mine.filter((r) => r.status === 'invalid').length,
              ignoredColumns: [...new Set(tables.filter((t) => t.kind === k).flatMap((t) => t.ignored))],
            },
          ];
        }),
      ) as Record<ResourceKind, KindCounts>;
      const body: ResourceImportResult = {
        importId: uuidv7(),
        dryRun: opts.dryRun,
        fileName: file.fileName.slice(0, 200) || '未命名文件',
        format,
        fileSha256,
        total: rows.length,
        created: rows.filter((r) => r.status === 'created').length,
        duplicates: rows.filter((r) => r.status === 'duplicate').length,
        invalid: rows.filter((r) => r.status === 'invalid').length,
        kinds,
        rows,
      };
      return body;
    },
    (trx, body, now) =>
      appendAudit(trx, actor, {
        action: 'rescue_import.create',
        entityType: 'rescue_import',
        entityId: body.importId,
        regionCode: actor.regionCode,
        at: now,
        after: {
          fileName: body.fileName,
          fileSha256,
          format,
          dryRun: opts.dryRun,
          total: body.total,
          created: body.created,
          duplicates: body.duplicates,
          invalid: body.invalid,
        },
      }),
  );
}
