/**
 * 历史数据导入: past accidents entered from .xlsx, .csv or a JSON array for statistics.
 *
 * Every row is validated with the quick report's own schema (plus the import-only columns) and filed by the
 * accidents service's historical path (no reporting-chain clock, no direct-report node; figures and grade as a
 * quick report's). Choices:
 *  - An invalid row blocks only itself: a real run writes the valid rows and reports the invalid ones; `dryRun`
 *    validates every row (the duplicate checks included) and writes no accident — check first, then import.
 *  - Rows are written in batches of BATCH_ROWS, one transaction each; a row is written whole or not at all. The
 *    import's progress (processed / total) is committed after each batch, for GET /api/accidents/imports/:id.
 *  - Idempotent: a row's natural key (its own 报告编号, or a hash of region, occurrence minute, unit and type) is
 *    stored on the accident, unique per region; the same row again is a `duplicate`. So is a row the duplicate rule
 *    (杜绝重报: same county, ±2 h, same unit) matches, unless it says 确认非重复. The same request again with the
 *    same Idempotency-Key (or importId) answers the stored result.
 *  - The template's example row (事故单位 starting with （示例）) is refused as `invalid` (template_example), in a
 *    dry run too: a template uploaded unchanged adds no fake accident to the statistics.
 *  - Audit: each accident gets its own audit row (accident.import) in its batch transaction; the import one row
 *    (accident_import.create) with its counts when it finishes.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ZodError } from 'zod';
import {
  IMPORT_MAX_ROWS,
  type ImportAccidentRow,
  type ImportFormat,
  type ImportListItem,
  type ImportRowError,
  type ImportRowResult,
  type ImportView,
  importAccidentRow,
} from '../../../contracts/imports.js';
import { levelOfCode } from '../../../domain/region-code.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Engine } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { lockCountyForFiling } from '../accidents/repo.js';
import { type Filing, insertHistoricalAccident, prepareFiling } from '../accidents/service.js';
import { appendAudit } from '../audit/service.js';
import { childrenOf } from '../regions/repo.js';
import {
  columnOf,
  convertCell,
  EXAMPLE_MARK,
  EXAMPLE_ROW_ISSUE,
  type HeaderMap,
  isExampleMarked,
  mapHeaders,
  type RawCell,
} from './columns.js';
import { parseFile, type SheetRow } from './parse.js';
import { effectiveStatus, presentImport, presentImportListItem } from './presenter.js';
import * as repo from './repo.js';
import { buildTemplate, CODES_SHEET, DATA_SHEET, HELP_SHEET } from './workbook.js';

type Trx = Kysely<Database>;

/**
 * Rows per transaction: large enough to amortise the commit, small enough that progress moves and the county and
 * audit-chain locks are short. PGlite runs one statement at a time for the whole server and a batch holds its only
 * connection, so there a batch is smaller (about half a second) and other requests get their turn in between.
 */
export const BATCH_ROWS: Record<Engine, number> = { postgres: 500, pglite: 100 };

export type Upload = { kind: 'file'; fileName: string; data: Buffer } | { kind: 'json'; records: unknown };

export interface ImportOptions {
  dryRun: boolean;
  importId?: string | undefined;
  idempotencyKey?: string | undefined;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

// ————————————————————————————————————————— reading the upload

/** A row before it is written: the contract's input, or why it has none. */
interface Candidate {
  row: number;
  input?: ImportAccidentRow;
  errors?: ImportRowError[];
}

interface Source {
  format: ImportFormat;
  fileName: string;
  fileSha256: string;
  ignoredColumns: string[];
  candidates: Candidate[];
}

function withColumn(e: ImportRowError, fromFile: boolean): ImportRowError {
  const column = fromFile ? columnOf(e.field)?.header : undefined;
  return column ? { ...e, column } : e;
}

/** Zod's issues as row errors: one per field, "不能为空" for a required field left empty. */
function schemaErrors(error: ZodError, value: Record<string, unknown>, fromFile: boolean): ImportRowError[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(','), code: 'unknown_field', message: `不允许的字段：${issue.keys.join('、')}` };
    }
    const field = String(issue.path[0] ?? 'row');
    const absent = issue.path.length > 0 && value[field] === undefined;
    return withColumn(
      { field, code: absent ? 'required' : issue.code, message: absent ? '不能为空' : issue.message },
      fromFile,
    );
  });
}

function validate(row: number, value: Record<string, unknown>, cellErrors: ImportRowError[], fromFile: boolean) {
  // The template's example row, uploaded as it stands: refused whatever else it holds, in a dry run too.
  if (isExampleMarked(value.unitName)) {
    return { row, errors: [withColumn({ field: 'unitName', ...EXAMPLE_ROW_ISSUE }, fromFile)] };
  }
  const parsed = importAccidentRow.safeParse(value);
  if (parsed.success && cellErrors.length === 0) return { row, input: parsed.data };
  // A cell that could not be read says so once; the schema's complaint about the same field adds nothing.
  const flagged = new Set(cellErrors.map((e) => e.field));
  const rest = parsed.success ? [] : schemaErrors(parsed.error, value, fromFile).filter((e) => !flagged.has(e.field));
  return { row, errors: [...cellErrors, ...rest] };
}

function candidateOfSheetRow(r: SheetRow, headers: HeaderMap): Candidate {
  const value: Record<string, unknown> = {};
  const cellErrors: ImportRowError[] = [];
  for (const [index, column] of headers.byIndex) {
    const converted = convertCell(column, (r.cells[index] ?? null) as RawCell);
    if (!converted) continue;
    if ('issue' in converted) cellErrors.push(withColumn({ field: column.field, ...converted.issue }, true));
    else value[column.field] = converted.value;
  }
  return validate(r.row, value, cellErrors, true);
}

function candidateOfRecord(record: unknown, index: number): Candidate {
  const row = index + 1;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { row, errors: [{ field: 'row', code: 'not_object', message: '每条记录须为一个对象' }] };
  }
  return validate(row, record as Record<string, unknown>, [], false);
}

function missingColumns(missing: string[]): AppError {
  const message = `缺少必需的列：${missing.join('、')}（请使用导入模板）`;
  return new AppError(
    'IMPORT_MISSING_COLUMNS',
    missing.map((h) => ({ path: 'file', code: 'missing_column', message: `缺少列“${h}”` })),
    message,
  );
}

async function readUpload(upload: Upload): Promise<Source> {
  if (upload.kind === 'json') {
    const records = upload.records;
    if (!Array.isArray(records)) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body', code: 'not_array', message: '须为事故记录的 JSON 数组' },
      ]);
    }
    if (records.length === 0)
      throw new AppError('IMPORT_EMPTY', [{ path: 'body', code: 'no_rows', message: '数组为空' }]);
    if (records.length > IMPORT_MAX_ROWS) {
      throw new AppError('IMPORT_TOO_MANY_ROWS', [
        { path: 'body', code: 'too_many_rows', message: `共${records.length}条，最多${IMPORT_MAX_ROWS}条` },
      ]);
    }
    return {
      format: 'json',
      fileName: 'JSON',
      fileSha256: sha256(JSON.stringify(records)),
      ignoredColumns: [],
      candidates: records.map(candidateOfRecord),
    };
  }
  const file = await parseFile(upload.fileName, upload.data, {
    dataSheet: DATA_SHEET,
    skipSheets: [HELP_SHEET, CODES_SHEET],
  });
  const headers = mapHeaders(file.header);
  if (headers.missing.length > 0) throw missingColumns(headers.missing);
  return {
    format: file.format,
    fileName: upload.fileName.slice(0, 200) || '未命名文件',
    fileSha256: sha256(upload.data),
    ignoredColumns: headers.ignored,
    candidates: file.rows.map((r) => candidateOfSheetRow(r, headers)),
  };
}

// ————————————————————————————————————————— natural key

/** Unit names compared without spaces, full-width folded (NFKC), case-insensitive. */
function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * What identifies an accident across imports: its own report number when the row gives one; otherwise region,
 * occurrence (to the minute), unit (credit code, else normalised name) and accident type. Figures are left out on
 * purpose: the same accident with corrected figures is still the same accident.
 */
export function naturalKey(r: ImportAccidentRow): string {
  if (r.reportNo) return `no:${r.reportNo}`;
  const unit = r.unitCreditCode ? `credit:${r.unitCreditCode}` : `name:${normalizeName(r.unitName)}`;
  const minute = new Date(r.occurredAt).toISOString().slice(0, 16);
  return `sha256:${sha256([r.regionCode, minute, unit, r.accidentType].join('|'))}`;
}

// ————————————————————————————————————————— writing

interface Ready {
  row: number;
  input: ImportAccidentRow;
  filing: Filing;
  key: string;
}

/** A row found to repeat an earlier row of the same file (resolved to that row's accident at the end). */
interface RepeatOf {
  row: number;
  ofRow: number;
}

interface Run {
  importId: string;
  dryRun: boolean;
  /** Errors name the file's column (xlsx / csv), not for JSON. */
  fromFile: boolean;
  now: Date;
  /** region|key → the first row of the file with it. */
  firstRows: Map<string, number>;
}

const invalid = (row: number, errors: ImportRowError[]): ImportRowResult => ({ row, status: 'invalid', errors });

function rowErrorsOf(e: AppError, fromFile: boolean): ImportRowError[] {
  const details = Array.isArray(e.details) ? (e.details as ErrorDetail[]) : [];
  if (details.length > 0)
    return details.map((d) => withColumn({ field: d.path, code: d.code, message: d.message }, fromFile));
  return [
    withColumn(
      { field: e.code === 'OUTSIDE_JURISDICTION' ? 'regionCode' : 'row', code: e.code, message: e.message },
      fromFile,
    ),
  ];
}

/** The checks that need no transaction: schema result, jurisdiction, the filing's own checks, repeats in the file. */
async function screen(
  ctx: AppContext,
  actor: Actor,
  c: Candidate,
  run: Run,
): Promise<ImportRowResult | Ready | RepeatOf> {
  if (!c.input) return invalid(c.row, c.errors ?? []);
  const input = c.input;
  // Only this row is refused: the rest of the file may well lie in the jurisdiction.
  if (!coversRegion(actor, input.regionCode)) {
    return invalid(c.row, [
      withColumn(
        { field: 'regionCode', code: 'OUTSIDE_JURISDICTION', message: `${input.regionCode} 不在本单位管辖范围内` },
        run.fromFile,
      ),
    ]);
  }
  let filing: Filing;
  try {
    filing = await prepareFiling(ctx, actor, input, run.now);
  } catch (e) {
    if (e instanceof AppError) return invalid(c.row, rowErrorsOf(e, run.fromFile));
    throw e;
  }
  const key = naturalKey(input);
  const first = run.firstRows.get(`${input.regionCode}|${key}`);
  if (first !== undefined) return { row: c.row, ofRow: first };
  run.firstRows.set(`${input.regionCode}|${key}`, c.row);
  return { row: c.row, input, filing, key };
}

async function writeRow(
  trx: Trx,
  actor: Actor,
  r: Ready,
  run: Run,
  imported: Map<string, string>,
): Promise<ImportRowResult> {
  const { reportNo, ...input } = r.input;
  const prior =
    imported.get(repo.keyRef(input.regionCode, r.key)) ??
    (reportNo ? imported.get(repo.reportNoRef(input.regionCode, reportNo)) : undefined);
  if (prior) {
    return {
      row: r.row,
      status: 'duplicate',
      id: prior,
      errors: [{ field: 'row', code: 'already_imported', message: '该事故已在系统中（重复导入），未再录入' }],
    };
  }
  try {
    const view = await insertHistoricalAccident(
      trx,
      actor,
      input,
      { ...r.filing, now: run.now },
      { importId: run.importId, importKey: r.key, reportNo },
    );
    return run.dryRun ? { row: r.row, status: 'created' } : { row: r.row, status: 'created', id: view.id };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'POSSIBLE_DUPLICATE') {
      const id = (e.details as { candidateIds?: string[] }).candidateIds?.[0];
      return {
        row: r.row,
        status: 'duplicate',
        ...(id ? { id } : {}),
        errors: [
          {
            field: 'row',
            code: 'possible_duplicate',
            message: '疑似重复：同一县区2小时内已有同一单位的事故报告；如确为另一起事故，请在“确认非重复”列填“是”',
          },
        ],
      };
    }
    return invalid(r.row, rowErrorsOf(e, run.fromFile));
  }
}

const ROLLBACK = Symbol('dry run');

/** A transaction that commits, or — for a dry run — does all the same work and rolls back. */
async function inTransaction(ctx: AppContext, rollback: boolean, work: (trx: Trx) => Promise<void>): Promise<void> {
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await work(trx);
      if (rollback) throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
}

async function writeRows(
  ctx: AppContext,
  actor: Actor,
  rows: Ready[],
  run: Run,
): Promise<Map<number, ImportRowResult>> {
  const results = new Map<number, ImportRowResult>();
  if (rows.length === 0) return results;
  // Counties locked in one order up front: two imports (or an import and a filing) never wait on each other in a
  // cycle, and the natural-key and duplicate checks hold until commit.
  const counties = [...new Set(rows.map((r) => r.input.regionCode.slice(0, 6)))].sort();
  await inTransaction(ctx, run.dryRun, async (trx) => {
    for (const county of counties) await lockCountyForFiling(trx, county);
    const imported = await repo.findImported(
      trx,
      rows.map((r) => ({ regionCode: r.input.regionCode, importKey: r.key, reportNo: r.input.reportNo })),
    );
    for (const r of rows) results.set(r.row, await writeRow(trx, actor, r, run, imported));
  });
  return results;
}

/**
 * One batch: screen every row, then write the good ones in one transaction. An unexpected failure (a constraint,
 * a lost connection) aborts the batch; it is then redone row by row, so only the row at fault is lost.
 */
async function processBatch(
  ctx: AppContext,
  actor: Actor,
  batch: Candidate[],
  run: Run,
): Promise<(ImportRowResult | RepeatOf)[]> {
  const screened: (ImportRowResult | Ready | RepeatOf)[] = [];
  for (const c of batch) screened.push(await screen(ctx, actor, c, run));
  const ready = screened.filter((s): s is Ready => 'filing' in s);
  let written: Map<number, ImportRowResult>;
  try {
    written = await writeRows(ctx, actor, ready, run);
  } catch (e) {
    if (e instanceof AppError) throw e;
    written = new Map();
    for (const r of ready) {
      try {
        for (const [row, result] of await writeRows(ctx, actor, [r], run)) written.set(row, result);
      } catch (err) {
        if (err instanceof AppError) throw err;
        console.error(`import ${run.importId}: row ${r.row} not written`, err);
        written.set(
          r.row,
          invalid(r.row, [{ field: 'row', code: 'write_failed', message: '该行写入失败，请检查数据后重新导入' }]),
        );
      }
    }
  }
  return screened.map((s) => ('filing' in s ? (written.get(s.row) as ImportRowResult) : s));
}

/** Rows that repeat an earlier row of the file point at that row's accident. */
function resolveRepeats(outcomes: (ImportRowResult | RepeatOf)[]): ImportRowResult[] {
  const byRow = new Map<number, ImportRowResult>();
  for (const o of outcomes) if ('status' in o) byRow.set(o.row, o);
  return outcomes.map((o) => {
    if ('status' in o) return o;
    const id = byRow.get(o.ofRow)?.id;
    return {
      row: o.row,
      status: 'duplicate',
      ...(id ? { id } : {}),
      errors: [{ field: 'row', code: 'duplicate_in_file', message: `与第${o.ofRow}行为同一起事故，未再录入` }],
    };
  });
}

function countsOf(outcomes: readonly (ImportRowResult | RepeatOf)[]): repo.ImportCounts {
  const counts = { processed: outcomes.length, created: 0, duplicates: 0, invalid: 0 };
  for (const o of outcomes) {
    if (!('status' in o) || o.status === 'duplicate') counts.duplicates++;
    else if (o.status === 'created') counts.created++;
    else counts.invalid++;
  }
  return counts;
}

// ————————————————————————————————————————— the import

const answerStatus = (dryRun: boolean) => (dryRun ? 200 : 201);

/** The stored answer to a repeated request (same importId or Idempotency-Key), or null when it is new. */
async function priorAnswer(
  ctx: AppContext,
  actor: Actor,
  opts: ImportOptions,
  requestHash: string,
): Promise<{ status: number; body: ImportView } | null> {
  const db = ctx.db.kysely;
  const found =
    (opts.importId ? await repo.findImport(db, { id: opts.importId }) : undefined) ??
    (opts.idempotencyKey
      ? await repo.findImport(db, { userId: actor.userId, idempotencyKey: opts.idempotencyKey })
      : undefined);
  if (!found) return null;
  if (found.created_by !== actor.userId || found.request_hash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED');
  }
  if (effectiveStatus(found, ctx.now()) === 'running') {
    throw new AppError('IMPORT_IN_PROGRESS', { importId: found.id });
  }
  return { status: answerStatus(found.dry_run), body: presentImport(found, ctx.now()) };
}

async function finish(
  ctx: AppContext,
  actor: Actor,
  source: Source,
  id: string,
  dryRun: boolean,
  end: {
    status: 'done' | 'failed';
    counts: repo.ImportCounts;
    results: ImportRowResult[] | null;
    error: string | null;
  },
): Promise<void> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.finishImport(trx, id, { ...end, now });
    await appendAudit(trx, actor, {
      action: 'accident_import.create',
      entityType: 'accident_import',
      entityId: id,
      regionCode: actor.regionCode,
      at: now,
      after: {
        fileName: source.fileName,
        fileSha256: source.fileSha256,
        format: source.format,
        dryRun,
        status: end.status,
        total: source.candidates.length,
        ...end.counts,
        error: end.error,
      },
    });
  });
}

export async function importAccidents(
  ctx: AppContext,
  actor: Actor,
  upload: Upload,
  opts: ImportOptions,
): Promise<{ status: number; body: ImportView }> {
  const source = await readUpload(upload);
  const requestHash = sha256(`${source.fileSha256}|dryRun=${opts.dryRun}`);
  const prior = await priorAnswer(ctx, actor, opts, requestHash);
  if (prior) return prior;

  const id = opts.importId ?? uuidv7();
  const inserted = await repo.insertImport(ctx.db.kysely, {
    id,
    region_code: actor.regionCode,
    created_by: actor.userId,
    idempotency_key: opts.idempotencyKey ?? null,
    request_hash: requestHash,
    file_name: source.fileName,
    file_sha256: source.fileSha256,
    format: source.format,
    dry_run: opts.dryRun,
    total: source.candidates.length,
    ignored_columns: source.ignoredColumns,
    now: ctx.now(),
  });
  // Lost a race with the same request: answer as a retry does.
  if (!inserted) {
    const again = await priorAnswer(ctx, actor, opts, requestHash);
    if (again) return again;
    throw new AppError('IDEMPOTENCY_KEY_REUSED');
  }

  const run: Run = {
    importId: id,
    dryRun: opts.dryRun,
    fromFile: source.format !== 'json',
    now: ctx.now(),
    firstRows: new Map(),
  };
  const outcomes: (ImportRowResult | RepeatOf)[] = [];
  const batchRows = BATCH_ROWS[ctx.db.engine];
  try {
    for (let i = 0; i < source.candidates.length; i += batchRows) {
      run.now = ctx.now();
      outcomes.push(...(await processBatch(ctx, actor, source.candidates.slice(i, i + batchRows), run)));
      await repo.updateProgress(ctx.db.kysely, id, countsOf(outcomes), ctx.now());
      // PGlite answers without ever leaving the microtask queue: let timers and other requests run in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (e) {
    // What was written stays written (whole rows, audited); the import says where it stopped — if the database
    // still answers: the original failure is the one to report either way.
    await finish(ctx, actor, source, id, opts.dryRun, {
      status: 'failed',
      counts: countsOf(outcomes),
      results: null,
      error: e instanceof AppError ? e.message : '导入中断：服务器内部错误',
    }).catch((err) => console.error(`import ${id}: could not record the failure`, err));
    throw e;
  }
  const results = resolveRepeats(outcomes);
  await finish(ctx, actor, source, id, opts.dryRun, {
    status: 'done',
    counts: countsOf(results),
    results,
    error: null,
  });
  const done = await repo.findImport(ctx.db.kysely, { id });
  return { status: answerStatus(opts.dryRun), body: presentImport(done as repo.ImportRow, ctx.now()) };
}

// ————————————————————————————————————————— reads

export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportView> {
  const found = await repo.findImportInScope(ctx.db.kysely, id, actor.prefix);
  if (!found) throw new AppError('NOT_FOUND');
  return presentImport(found, ctx.now());
}

export async function listImports(
  ctx: AppContext,
  actor: Actor,
  page: { page: number; pageSize: number },
): Promise<{ items: ImportListItem[]; total: number; page: number; pageSize: number }> {
  const { items, total } = await repo.listImportsInScope(ctx.db.kysely, actor.prefix, page);
  const now = ctx.now();
  return { items: items.map((i) => presentImportListItem(i, now)), total, ...page };
}

// ————————————————————————————————————————— the template

/**
 * A county (or the town) in the actor's jurisdiction, so the template's example row — but for its （示例） mark,
 * which makes the import refuse it — is a valid row of the caller's.
 */
export async function exampleRegion(ctx: AppContext, actor: Actor): Promise<string> {
  let code = actor.regionCode;
  while (levelOfCode(code) !== 'county' && levelOfCode(code) !== 'town') {
    const children = await childrenOf(ctx.db.kysely, code);
    const next = children.find((c) => c.level !== 'town');
    if (!next) break;
    code = next.code;
  }
  return code;
}

const TEMPLATE_NOTES = [
  '1. 本模板用于录入已经发生的生产安全事故（历史数据），供统计分析使用。导入的事故计入统计，不进入逐级上报流程，不产生上报时限、超时提醒和直报节点。',
  '2. “事故数据”表第1行为列名，请勿修改；从第2行起每行填写一起事故。第2行为示例行（事故单位以“（示例）”开头），示例行不会被导入（结果中列为无效）：请删除该行或将其替换为实际数据（包括去掉“（示例）”）后再导入。',
  '3. 红色列名为必填项；把鼠标移到列名上可查看填写要求，也可查看下方列表。',
  '4. 时间按北京时间填写，如 2025-03-04 08:30，也可使用 Excel 日期时间格式。',
  '5. 行政区划代码须为本单位管辖范围内的县级（6位）或乡镇（9位）代码；超出管辖范围的行不予导入。',
  '6. 事故类别、行业、领域可填代码或名称，见“代码表”。事故等级由死亡（含失踪）、重伤人数和直接经济损失自动判定。',
  '7. 同一文件重复导入不会重复录入：系统按报告编号（如填写），或“行政区划+发生时间+事故单位+事故类别”识别同一起事故。',
  `8. 单个文件最多 ${IMPORT_MAX_ROWS} 行。可先勾选“仅校验”检查数据，无误后再正式导入；有问题的行不导入，其余行照常导入。`,
  '9. 也可上传 CSV 文件（UTF-8 或 GBK 编码），列名与本表相同。',
];

export async function importTemplate(ctx: AppContext, actor: Actor): Promise<Buffer> {
  const regionCode = await exampleRegion(ctx, actor);
  return buildTemplate(
    {
      // Excel stores wall-clock time: this is 08:30 in Beijing.
      occurredAt: new Date(Date.UTC(2025, 2, 4, 8, 30)),
      regionCode,
      // The mark makes the import refuse the row (template_example); the rest of it is a valid accident.
      unitName: `${EXAMPLE_MARK}某某化工有限公司`,
      unitCreditCode: '91370303MA3EXAMPLY',
      industryCode: 'C26',
      accidentType: '19 中毒和窒息',
      domain: '工矿商贸',
      deaths: 1,
      missing: 0,
      seriousInjuries: 0,
      minorInjuries: 2,
      directLossYuan: 1_500_000,
      address: '示例工业园区3号储罐区',
      summary: '检修人员进入储罐作业时发生中毒窒息',
      measuresTaken: '已组织救援，现场已封闭',
      reporterName: '张三',
      reporterPhone: '0533-1234567',
    },
    TEMPLATE_NOTES,
  );
}
