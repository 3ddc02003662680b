/**
 * 企业档案批量导入: the enterprise registry and its licences from .xlsx (sheets 企业 and 许可证) or .csv (one
 * table, told by its columns). The template: template.ts; the exports: export.ts.
 *
 * Choices:
 *  - Every row is validated with the registry's own schemas (createEnterpriseBody, createLicenceBody) and the
 *    registration's own checks (prepareEnterprise: a registered county or town, inside the jurisdiction); a bad row
 *    blocks only itself and is reported with its sheet, its spreadsheet row number and, per problem, the API field
 *    and the column header. `dryRun` runs every check (duplicates included) and writes nothing.
 *  - Idempotent: an enterprise is known by its credit code, a licence by (type, number); a row already registered
 *    (or repeated in the file) is `duplicate` and changes nothing — re-importing a file adds nothing. There is no
 *    update-on-reimport: a changed row is still a duplicate (corrections go through PATCH, which keeps versions).
 *  - The template's example rows (企业名称 / 许可证编号 starting with （示例）) are refused as `invalid`
 *    (template_example), in a dry run too: a template uploaded unchanged registers nothing.
 *  - A licence row names its holder by credit code: an enterprise of the same file (imported first) or one already
 *    registered, inside the jurisdiction.
 *  - Rows are written in batches (BATCH_ROWS, after the accident import's), one transaction each, each row through
 *    insertEnterprise (insert + audit enterprise.create) or the licence insert + audit licence.create; the import
 *    is audited once more as enterprise_import.create with its counts. An unexpected failure of a batch redoes it
 *    row by row, so only the row at fault is lost.
 *  - Idempotency-Key: claimed (committed) before the first batch, answered after the last; a retry meanwhile is
 *    409 IMPORT_IN_PROGRESS, afterwards the stored answer.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ZodError } from 'zod';
import { creditCode as creditCodeSchema } from '../../../contracts/common.js';
import {
  type CreateEnterpriseInput,
  type CreateLicenceInput,
  createEnterpriseBody,
  createLicenceBody,
} from '../../../contracts/enterprises.js';
import type { ImportFormat } from '../../../contracts/imports.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Engine } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { insertLicence, type LicenceValues } from '../enterprises/repo.js';
import { insertEnterprise, prepareEnterprise } from '../enterprises/service.js';
import { onceForLongRun } from '../idempotency/service.js';
import { EXAMPLE_ROW_ISSUE, isExampleMarked, type RawCell } from '../imports/columns.js';
import { parseFileSheets, type SheetRow } from '../imports/parse.js';
import { BATCH_ROWS as ACCIDENT_BATCH_ROWS } from '../imports/service.js';
import {
  CODES_SHEET,
  COLUMNS,
  convert,
  DISTINCTIVE,
  HELP_SHEET,
  mapHeaders,
  REQUIRED,
  type RegistryColumn,
  SHEET_NAMES,
  type SheetKind,
} from './columns.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

/**
 * Rows per transaction. The accident import's batches (ACCIDENT_BATCH_ROWS) are sized to hold PGlite's only
 * connection for about half a second so other requests get their turn; a registry row (one insert + one audit row,
 * about 2 ms on PGlite) is several times lighter than an accident, so the same half second holds 250 of them —
 * and on PGlite each commit is a flush to disk, the larger part of the cost at 100 rows per batch.
 */
export const BATCH_ROWS: Record<Engine, number> = { postgres: ACCIDENT_BATCH_ROWS.postgres, pglite: 250 };

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

// ————————————————————————————————————————— results

export interface RowProblem {
  /** The API field (creditCode, regionCode …), or `row` for the row as a whole. */
  field: string;
  /** The column header in the file. */
  header?: string;
  code: string;
  message: string;
}

export interface RowResult {
  /** The row number in the spreadsheet (the header is row 1 of the template). */
  line: number;
  sheet: string;
  status: 'created' | 'duplicate' | 'invalid';
  creditCode?: string;
  /** created: the new record (not in a dry run); duplicate: the record it repeats, when in the jurisdiction. */
  id?: string;
  problems?: RowProblem[];
}

export interface SheetCounts {
  /** The sheets read for this table (their names in the file). */
  sheets: string[];
  total: number;
  created: number;
  duplicates: number;
  invalid: number;
  /** Columns of the file that matched no field and were not read. */
  ignoredColumns: string[];
}

export interface RegistryImportResult {
  importId: string;
  dryRun: boolean;
  fileName: string;
  format: Exclude<ImportFormat, 'json'>;
  fileSha256: string;
  total: number;
  created: number;
  duplicates: number;
  invalid: number;
  enterprises: SheetCounts;
  licences: SheetCounts;
  rows: RowResult[];
}

// ————————————————————————————————————————— reading the file

interface Candidate {
  kind: SheetKind;
  sheet: string;
  line: number;
  creditCode?: string;
  enterprise?: CreateEnterpriseInput;
  licence?: CreateLicenceInput & { creditCode: string };
  problems?: RowProblem[];
}

interface Table {
  kind: SheetKind;
  sheet: string;
  ignored: string[];
  candidates: Candidate[];
}

const headerOf = (kind: SheetKind, field: string) => COLUMNS[kind].find((c) => c.field === field)?.header;

function problem(kind: SheetKind, field: string, code: string, message: string): RowProblem {
  const header = headerOf(kind, field);
  return header ? { field, header, code, message } : { field, code, message };
}

/**
 * Zod's issues as row problems: one per issue, "不能为空" for a required field left empty. `field`: the field a
 * schema of one value (the credit code) checks.
 */
function schemaProblems(
  kind: SheetKind,
  error: ZodError,
  value: Record<string, unknown>,
  field?: string,
): RowProblem[] {
  return error.issues.map((issue) => {
    const name = field ?? String(issue.path[0] ?? 'row');
    const absent = name !== 'row' && value[name] === undefined;
    return problem(kind, name, absent ? 'required' : issue.code, absent ? '不能为空' : issue.message);
  });
}

/** The field whose （示例） mark makes a row the template's example. */
const EXAMPLE_FIELD: Record<SheetKind, string> = { enterprises: 'name', licences: 'number' };

function candidateOf(kind: SheetKind, sheet: string, r: SheetRow, byIndex: Map<number, RegistryColumn>): Candidate {
  const value: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  for (const [index, column] of byIndex) {
    const converted = convert(column, (r.cells[index] ?? null) as RawCell);
    if (!converted) continue;
    if ('issue' in converted) problems.push(problem(kind, column.field, converted.issue.code, converted.issue.message));
    else value[column.field] = converted.value;
  }
  const base = {
    kind,
    sheet,
    line: r.row,
    ...(typeof value.creditCode === 'string' ? { creditCode: value.creditCode } : {}),
  };
  // The template's example row, uploaded as it stands: refused whatever else it holds, in a dry run too (and the
  // licence rows of an example enterprise are refused with it).
  const marked = EXAMPLE_FIELD[kind];
  if (isExampleMarked(value[marked])) {
    return { ...base, problems: [problem(kind, marked, EXAMPLE_ROW_ISSUE.code, EXAMPLE_ROW_ISSUE.message)] };
  }
  const flagged = new Set(problems.map((p) => p.field));
  // A cell that could not be read says so once; the schema's complaint about the same field adds nothing.
  const fail = (error: ZodError | undefined, v: Record<string, unknown>) => {
    const rest = error ? schemaProblems(kind, error, v).filter((p) => !flagged.has(p.field)) : [];
    return { ...base, problems: [...problems, ...rest] };
  };
  if (kind === 'enterprises') {
    const parsed = createEnterpriseBody.safeParse(value);
    if (parsed.success && problems.length === 0) return { ...base, enterprise: parsed.data };
    return fail(parsed.error, value);
  }
  const { creditCode, ...rest } = value;
  const code = creditCodeSchema.safeParse(creditCode);
  const parsed = createLicenceBody.safeParse(rest);
  if (code.success && parsed.success && problems.length === 0) {
    return { ...base, licence: { ...parsed.data, creditCode: code.data } };
  }
  const codeProblems =
    code.success || flagged.has('creditCode') ? [] : schemaProblems(kind, code.error, value, 'creditCode');
  const failed = fail(parsed.error, rest);
  return { ...failed, problems: [...codeProblems, ...failed.problems] };
}

/** How many of a table's distinctive headers a row holds (which table a sheet is, where its header row is). */
function distinctiveCount(kind: SheetKind, cells: readonly RawCell[]): number {
  const { byIndex } = mapHeaders[kind](cells);
  let n = 0;
  for (const c of byIndex.values()) if (DISTINCTIVE[kind].has(c.field)) n++;
  return n;
}

/**
 * Which table a sheet holds and where its header row is: row 1 of the template; a few rows down in an export
 * (title and date lines above the header). A sheet named 企业 / 许可证 is that table; another (a CSV, "Sheet1")
 * the one whose distinctive columns it has.
 */
function missingColumns(sheetName: string, missing: readonly string[]): AppError {
  return new AppError(
    'IMPORT_MISSING_COLUMNS',
    missing.map((h) => ({ path: 'file', code: 'missing_column', message: `“${sheetName}”表缺少列“${h}”` })),
    `“${sheetName}”表缺少必需的列：${missing.join('、')}（请使用导入模板）`,
  );
}

function tableOf(sheet: { name: string; header: RawCell[]; rows: SheetRow[] }): Table | null {
  const named = (Object.keys(SHEET_NAMES) as SheetKind[]).find((k) => SHEET_NAMES[k] === sheet.name.trim());
  const candidates: { cells: RawCell[]; after: number }[] = [
    { cells: sheet.header, after: 0 },
    ...sheet.rows.slice(0, 5).map((r, i) => ({ cells: r.cells, after: i + 1 })),
  ];
  for (const { cells, after } of candidates) {
    const scores = (['enterprises', 'licences'] as const).map((k) => [k, distinctiveCount(k, cells)] as const);
    const [kind, score] = named
      ? [named, scores.find(([k]) => k === named)?.[1] ?? 0]
      : scores.reduce((a, b) => (b[1] > a[1] ? b : a));
    if (score < 2) continue;
    const headers = mapHeaders[kind](cells);
    const sheetName = sheet.name || SHEET_NAMES[kind];
    if (headers.missing.length > 0) throw missingColumns(sheetName, headers.missing);
    return {
      kind,
      sheet: sheetName,
      ignored: headers.ignored,
      candidates: sheet.rows.slice(after).map((r) => candidateOf(kind, sheetName, r, headers.byIndex)),
    };
  }
  // The template's sheet with its columns renamed or removed: say which ones are wanted.
  if (named) throw missingColumns(sheet.name, mapHeaders[named](sheet.header).missing);
  return null;
}

async function readTables(fileName: string, data: Buffer) {
  const file = await parseFileSheets(fileName, data, { skipSheets: [HELP_SHEET, CODES_SHEET] });
  const tables = file.sheets.map(tableOf).filter((t): t is Table => t !== null);
  if (tables.length === 0) {
    const required = [...REQUIRED.enterprises].map((f) => headerOf('enterprises', f)).join('、');
    throw new AppError(
      'IMPORT_MISSING_COLUMNS',
      [{ path: 'file', code: 'no_table', message: '未找到企业或许可证数据' }],
      `未找到企业或许可证数据：请使用导入模板（工作表“企业”“许可证”）；企业表须有列：${required}`,
    );
  }
  return { format: file.format, tables };
}

// ————————————————————————————————————————— writing

/** What the licence rows need to know of the file's enterprises: credit code → where it stands. */
type Holder = { id?: string; regionCode: string } | { invalidLine: number; sheet: string };

interface Run {
  actor: Actor;
  dryRun: boolean;
  now: Date;
  /** Credit code → the first enterprise row of the file with it, and its outcome. */
  holders: Map<string, Holder & { line: number }>;
  /** Licence type|number → the first licence row of the file with it. */
  licenceLines: Map<string, number>;
}

const invalid = (c: Candidate, problems: RowProblem[]): RowResult => ({
  line: c.line,
  sheet: c.sheet,
  status: 'invalid',
  ...(c.creditCode ? { creditCode: c.creditCode } : {}),
  problems,
});

const duplicate = (c: Candidate, p: RowProblem, id?: string): RowResult => ({
  line: c.line,
  sheet: c.sheet,
  status: 'duplicate',
  ...(c.creditCode ? { creditCode: c.creditCode } : {}),
  ...(id ? { id } : {}),
  problems: [p],
});

const created = (c: Candidate, id: string | undefined): RowResult => ({
  line: c.line,
  sheet: c.sheet,
  status: 'created',
  ...(c.creditCode ? { creditCode: c.creditCode } : {}),
  ...(id ? { id } : {}),
});

/** An AppError of the registration's checks as the row's problems. */
function problemsOf(kind: SheetKind, e: AppError, field: string): RowProblem[] {
  const details = Array.isArray(e.details) ? (e.details as ErrorDetail[]) : [];
  if (details.length > 0) return details.map((d) => problem(kind, d.path, d.code, d.message));
  return [problem(kind, field, e.code, e.message)];
}

const inScope = (actor: Actor, regionCode: string) => regionCode.startsWith(actor.prefix);

/**
 * Writes rows in one transaction, in region order (audit chains are locked in one order by every import). An
 * unexpected failure (a constraint, a lost connection) aborts it; the rows are then written one transaction each,
 * so only the row at fault is lost.
 */
async function writeAll<T extends { c: Candidate; regionCode: string }>(
  ctx: AppContext,
  rows: T[],
  write: (trx: Trx, r: T) => Promise<RowResult>,
): Promise<Map<T, RowResult>> {
  const results = new Map<T, RowResult>();
  if (rows.length === 0) return results;
  const ordered = [...rows].sort((a, b) => (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0));
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      for (const r of ordered) results.set(r, await write(trx, r));
    });
    return results;
  } catch (e) {
    if (e instanceof AppError) throw e;
    results.clear();
  }
  for (const r of ordered) {
    try {
      await ctx.db.kysely.transaction().execute(async (trx) => {
        results.set(r, await write(trx, r));
      });
    } catch (err) {
      if (err instanceof AppError) throw err;
      console.error(`registry import: ${r.c.sheet} row ${r.c.line} not written`, err);
      results.set(r, invalid(r.c, [problem(r.c.kind, 'row', 'write_failed', '该行写入失败，请检查数据后重新导入')]));
    }
  }
  return results;
}

interface ReadyEnterprise {
  c: Candidate;
  input: CreateEnterpriseInput;
  regionCode: string;
}

/** A row whose credit code an earlier row of the file has: resolved to that row's enterprise at the end. */
interface Repeat {
  c: Candidate;
  repeatOf: string;
  firstLine: number;
}

/** Screens an enterprise row: schema result, jurisdiction, the registration's checks, a repeat in the file. */
async function screenEnterprise(
  ctx: AppContext,
  run: Run,
  c: Candidate,
): Promise<RowResult | ReadyEnterprise | Repeat> {
  const input = c.enterprise;
  const refuse = (problems: RowProblem[]) => {
    // Licence rows for this enterprise are told why they cannot be imported.
    if (c.creditCode && !run.holders.has(c.creditCode)) {
      run.holders.set(c.creditCode, { invalidLine: c.line, sheet: c.sheet, line: c.line });
    }
    return invalid(c, problems);
  };
  if (!input) return refuse(c.problems ?? []);
  // Only this row is refused: the rest of the file may well lie in the jurisdiction.
  if (!coversRegion(run.actor, input.regionCode)) {
    return refuse([
      problem('enterprises', 'regionCode', 'OUTSIDE_JURISDICTION', `${input.regionCode} 不在本单位管辖范围内`),
    ]);
  }
  try {
    await prepareEnterprise(ctx, run.actor, input);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return refuse(problemsOf('enterprises', e, 'regionCode'));
  }
  const first = run.holders.get(input.creditCode);
  if (first && !('invalidLine' in first)) return { c, repeatOf: input.creditCode, firstLine: first.line };
  run.holders.set(input.creditCode, { regionCode: input.regionCode, line: c.line });
  return { c, input, regionCode: input.regionCode };
}

async function enterpriseBatch(ctx: AppContext, run: Run, batch: Candidate[]): Promise<RowResult[]> {
  const { actor } = run;
  const screened: (RowResult | ReadyEnterprise | Repeat)[] = [];
  for (const c of batch) screened.push(await screenEnterprise(ctx, run, c));
  const ready = screened.filter((s): s is ReadyEnterprise => 'input' in s);
  const registered = await repo.enterprisesByCreditCode(
    ctx.db.kysely,
    ready.map((r) => r.input.creditCode),
  );
  const alreadyThere = (r: ReadyEnterprise, found: repo.Registered) => {
    run.holders.set(r.input.creditCode, { id: found.id, regionCode: found.region_code, line: r.c.line });
    return duplicate(
      r.c,
      problem('enterprises', 'creditCode', 'already_registered', '该统一社会信用代码的企业已登记，未再导入'),
      inScope(actor, found.region_code) ? found.id : undefined,
    );
  };
  const toWrite = ready.filter((r) => !registered.has(r.input.creditCode));
  const written = run.dryRun
    ? new Map(toWrite.map((r) => [r, created(r.c, undefined)] as const))
    : await writeAll(ctx, toWrite, async (trx, r) => {
        const id = await insertEnterprise(trx, actor, r.input, run.now);
        if (id) {
          run.holders.set(r.input.creditCode, { id, regionCode: r.regionCode, line: r.c.line });
          return created(r.c, id);
        }
        // Registered meanwhile (another import, the form): a duplicate like any other.
        const found = (await repo.enterprisesByCreditCode(trx, [r.input.creditCode])).get(r.input.creditCode);
        return found
          ? alreadyThere(r, found)
          : invalid(r.c, [problem('enterprises', 'row', 'write_failed', '该行写入失败，请重新导入')]);
      });
  const outcomes = screened.map((s) => {
    if (!('input' in s)) return s;
    const found = registered.get(s.input.creditCode);
    if (found) return alreadyThere(s, found);
    const result = written.get(s) as RowResult;
    if (result.status === 'invalid') {
      run.holders.set(s.input.creditCode, { invalidLine: s.c.line, sheet: s.c.sheet, line: s.c.line });
    }
    return result;
  });
  return outcomes.map((o) => {
    if (!('repeatOf' in o)) return o;
    const first = run.holders.get(o.repeatOf);
    return duplicate(
      o.c,
      problem(
        'enterprises',
        'creditCode',
        'duplicate_in_file',
        `与“${o.c.sheet}”表第${o.firstLine}行的统一社会信用代码相同，未再登记`,
      ),
      first && 'id' in first && first.id && inScope(actor, first.regionCode) ? first.id : undefined,
    );
  });
}

interface ReadyLicence {
  c: Candidate;
  input: CreateLicenceInput & { creditCode: string };
  /** The holder; no id in a dry run when the holder is a new enterprise of the file. */
  enterpriseId?: string;
  regionCode: string;
}

async function licenceBatch(ctx: AppContext, run: Run, batch: Candidate[]): Promise<RowResult[]> {
  const { actor } = run;
  const unknownHere = batch
    .map((c) => c.licence?.creditCode)
    .filter((code): code is string => code !== undefined && !run.holders.has(code));
  const registered = await repo.enterprisesByCreditCode(ctx.db.kysely, unknownHere);
  const screened: (RowResult | ReadyLicence)[] = [];
  for (const c of batch) {
    const input = c.licence;
    if (!input) {
      screened.push(invalid(c, c.problems ?? []));
      continue;
    }
    const fromFile = run.holders.get(input.creditCode);
    const holder: Holder | undefined =
      fromFile ??
      (() => {
        const found = registered.get(input.creditCode);
        return found ? { id: found.id, regionCode: found.region_code } : undefined;
      })();
    if (!holder) {
      screened.push(
        invalid(c, [
          problem(
            'licences',
            'creditCode',
            'unknown_enterprise',
            '该统一社会信用代码的企业未登记：请先登记企业，或在本文件“企业”表中一并导入',
          ),
        ]),
      );
      continue;
    }
    if ('invalidLine' in holder) {
      screened.push(
        invalid(c, [
          problem(
            'licences',
            'creditCode',
            'enterprise_invalid',
            `持证企业（“${holder.sheet}”表第${holder.invalidLine}行）未通过校验，许可证未导入`,
          ),
        ]),
      );
      continue;
    }
    if (!(holder.id || run.dryRun)) {
      // Its enterprise row was not written (a failure reported on that row).
      screened.push(
        invalid(c, [problem('licences', 'creditCode', 'enterprise_invalid', '持证企业未能登记，许可证未导入')]),
      );
      continue;
    }
    if (!inScope(actor, holder.regionCode)) {
      screened.push(
        invalid(c, [problem('licences', 'creditCode', 'OUTSIDE_JURISDICTION', '持证企业不在本单位管辖范围内')]),
      );
      continue;
    }
    const key = repo.licenceKey(input.type, input.number);
    const first = run.licenceLines.get(key);
    if (first !== undefined) {
      screened.push(
        duplicate(
          c,
          problem('licences', 'number', 'duplicate_in_file', `与“${c.sheet}”表第${first}行为同一许可证，未再登记`),
        ),
      );
      continue;
    }
    run.licenceLines.set(key, c.line);
    screened.push({ c, input, regionCode: holder.regionCode, ...(holder.id ? { enterpriseId: holder.id } : {}) });
  }
  const ready = screened.filter((s): s is ReadyLicence => 'input' in s);
  const existing = await repo.licencesByNumber(
    ctx.db.kysely,
    ready.map((r) => r.input),
  );
  const clash = (r: ReadyLicence, found: { id: string; enterprise_id: string }): RowResult =>
    found.enterprise_id === r.enterpriseId
      ? duplicate(r.c, problem('licences', 'number', 'already_registered', '该许可证已登记，未再导入'), found.id)
      : invalid(r.c, [problem('licences', 'number', 'LICENCE_EXISTS', '该类型和编号的许可证已登记在其他企业名下')]);
  const toWrite = ready.filter((r) => !existing.has(repo.licenceKey(r.input.type, r.input.number)));
  const written = run.dryRun
    ? new Map(toWrite.map((r) => [r, created(r.c, undefined)] as const))
    : await writeAll(ctx, toWrite, async (trx, r) => {
        const id = uuidv7();
        const values: LicenceValues = {
          region_code: r.regionCode,
          enterprise_id: r.enterpriseId as string,
          type: r.input.type,
          number: r.input.number,
          scope: r.input.scope ?? null,
          issuer: r.input.issuer,
          valid_from: r.input.validFrom,
          valid_to: r.input.validTo,
          status: r.input.status,
        };
        if (!(await insertLicence(trx, id, values, run.now))) {
          const found = (await repo.licencesByNumber(trx, [r.input])).get(
            repo.licenceKey(r.input.type, r.input.number),
          );
          return found ? clash(r, found) : invalid(r.c, [problem('licences', 'row', 'write_failed', '该行写入失败')]);
        }
        await appendAudit(trx, actor, {
          action: 'licence.create',
          entityType: 'licence',
          entityId: id,
          regionCode: r.regionCode,
          at: run.now,
          after: { id, ...values },
        });
        return created(r.c, id);
      });
  return screened.map((s) => {
    if (!('input' in s)) return s;
    const found = existing.get(repo.licenceKey(s.input.type, s.input.number));
    return found ? clash(s, found) : (written.get(s) as RowResult);
  });
}

function countsOf(tables: Table[], kind: SheetKind, rows: RowResult[]): SheetCounts {
  const mine = tables.filter((t) => t.kind === kind);
  const counts: SheetCounts = {
    sheets: mine.map((t) => t.sheet),
    total: 0,
    created: 0,
    duplicates: 0,
    invalid: 0,
    ignoredColumns: [...new Set(mine.flatMap((t) => t.ignored))],
  };
  for (const r of rows) {
    counts.total++;
    if (r.status === 'created') counts.created++;
    else if (r.status === 'duplicate') counts.duplicates++;
    else counts.invalid++;
  }
  return counts;
}

// ————————————————————————————————————————— the import

export interface ImportOptions {
  dryRun: boolean;
  idempotencyKey?: string | undefined;
}

export async function importRegistry(
  ctx: AppContext,
  actor: Actor,
  file: { fileName: string; data: Buffer },
  opts: ImportOptions,
): Promise<{ status: number; body: RegistryImportResult }> {
  const { format, tables } = await readTables(file.fileName, file.data);
  const fileSha256 = sha256(file.data);
  const status = opts.dryRun ? 200 : 201;
  return onceForLongRun(
    ctx.db.kysely,
    actor,
    {
      key: opts.idempotencyKey,
      hash: sha256(`registry-import|${fileSha256}|dryRun=${opts.dryRun}`),
      status,
      now: ctx.now,
    },
    async () => {
      const run: Run = { actor, dryRun: opts.dryRun, now: ctx.now(), holders: new Map(), licenceLines: new Map() };
      const batchRows = BATCH_ROWS[ctx.db.engine];
      const results: Record<SheetKind, RowResult[]> = { enterprises: [], licences: [] };
      // Enterprises first: the licence rows may name the file's own enterprises.
      for (const kind of ['enterprises', 'licences'] as const) {
        const candidates = tables.filter((t) => t.kind === kind).flatMap((t) => t.candidates);
        for (let i = 0; i < candidates.length; i += batchRows) {
          run.now = ctx.now();
          const batch = candidates.slice(i, i + batchRows);
          results[kind].push(
            ...(kind === 'enterprises' ? await enterpriseBatch(ctx, run, batch) : await licenceBatch(ctx, run, batch)),
          );
          // PGlite answers without ever leaving the microtask queue: let timers and other requests run in between.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      const enterprises = countsOf(tables, 'enterprises', results.enterprises);
      const licences = countsOf(tables, 'licences', results.licences);
      const body: RegistryImportResult = {
        importId: uuidv7(),
        dryRun: opts.dryRun,
        fileName: file.fileName.slice(0, 200) || '未命名文件',
        format,
        fileSha256,
        total: enterprises.total + licences.total,
        created: enterprises.created + licences.created,
        duplicates: enterprises.duplicates + licences.duplicates,
        invalid: enterprises.invalid + licences.invalid,
        enterprises,
        licences,
        rows: [...results.enterprises, ...results.licences],
      };
      return body;
    },
    (trx, body, now) =>
      appendAudit(trx, actor, {
        action: 'enterprise_import.create',
        entityType: 'enterprise_import',
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
          enterprises: body.enterprises,
          licences: body.licences,
        },
      }),
  );
}
