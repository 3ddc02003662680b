/**
 * 检查事项库: the library shipped in src/domain/checklist-library.ts, and the items a province imported (checklist_items,
 * their latest revision) — a bureau uses its province's. An imported item with a shipped item's code replaces it.
 */
import type { Kysely } from 'kysely';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_SECTOR_NAMES,
  CHECKLIST_TEMPLATES,
  type ChecklistItem,
  type ChecklistSector,
} from '../../../domain/checklist-library.js';
import { ancestorAt, levelOfCode } from '../../../domain/region-code.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { readTableFile } from '../../uploads/tables.js';
import { appendAudit } from '../audit/service.js';
import * as repo from './repo.js';

function provinceOf(regionCode: string): string {
  return levelOfCode(regionCode) === 'national' ? regionCode : ancestorAt(regionCode, 'province');
}

/** The items a bureau of this region may check, by code. */
export async function checklistFor(db: Kysely<Database>, regionCode: string): Promise<Map<string, ChecklistItem>> {
  const items = new Map(CHECKLIST_ITEMS.map((i) => [i.code, i]));
  for (const r of await repo.importedItems(db, provinceOf(regionCode))) {
    items.set(r.code, {
      code: r.code,
      sector: r.sector as ChecklistSector,
      group: r.item_group,
      requirement: r.requirement,
      basis: { law: r.basis_law, article: r.basis_article, text: r.basis_text },
    });
  }
  return items;
}

export async function listChecklist(db: Kysely<Database>, regionCode: string, sector?: ChecklistSector) {
  const items = [...(await checklistFor(db, regionCode)).values()].filter((i) => !sector || i.sector === sector);
  return { items, templates: CHECKLIST_TEMPLATES.filter((t) => !sector || t.sector === sector) };
}

// ————————————————————————————————————————— import (.xlsx / .csv)

/** The columns of an import, by their header (the first row): every one required. */
const IMPORT_COLUMNS = {
  code: '编号',
  sector: '行业领域',
  group: '分组',
  requirement: '检查内容',
  law: '依据法规',
  article: '条款',
  text: '条文内容',
} as const;
type ImportField = keyof typeof IMPORT_COLUMNS;

const SECTOR_BY_NAME = new Map<string, ChecklistSector>(
  Object.entries(CHECKLIST_SECTOR_NAMES).flatMap(([sector, name]) => [
    [name, sector as ChecklistSector],
    [name.replace(/（.*）$/, ''), sector as ChecklistSector],
    [sector, sector as ChecklistSector],
  ]),
);
const CODE = /^[A-Z][A-Z0-9-]{1,39}$/;
const MAX_TEXT = { code: 40, sector: 20, group: 50, requirement: 500, law: 100, article: 50, text: 2000 } as const;
const IMPORT_MAX_ITEMS = 2_000;

interface RowIssue {
  path: string;
  code: string;
  message: string;
}

function cellText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/** One row as an item, or the issues that keep it out (path `rows.N.<field>`, N the row number in the sheet). */
function itemOfRow(
  row: { row: number; cells: unknown[] },
  index: Record<ImportField, number>,
): { item?: ChecklistItem; issues: RowIssue[] } {
  const value = (f: ImportField) => cellText(row.cells[index[f]]);
  const issues: RowIssue[] = [];
  const at = (f: ImportField) => `rows.${row.row}.${f}`;
  for (const f of Object.keys(IMPORT_COLUMNS) as ImportField[]) {
    if (!value(f))
      issues.push({ path: at(f), code: 'required', message: `第${row.row}行：${IMPORT_COLUMNS[f]}不能为空` });
    else if (value(f).length > MAX_TEXT[f])
      issues.push({
        path: at(f),
        code: 'too_long',
        message: `第${row.row}行：${IMPORT_COLUMNS[f]}不能超过${MAX_TEXT[f]}个字符`,
      });
  }
  const code = value('code').toUpperCase();
  if (code && !CODE.test(code))
    issues.push({ path: at('code'), code: 'format', message: `第${row.row}行：编号须为大写字母开头的字母、数字和 -` });
  const sector = SECTOR_BY_NAME.get(value('sector'));
  if (value('sector') && !sector) {
    issues.push({
      path: at('sector'),
      code: 'unknown_sector',
      message: `第${row.row}行：行业领域须为 ${Object.values(CHECKLIST_SECTOR_NAMES).join('、')} 之一`,
    });
  }
  if (issues.length || !sector) return { issues };
  return {
    issues,
    item: {
      code,
      sector,
      group: value('group'),
      requirement: value('requirement'),
      basis: { law: value('law'), article: value('article'), text: value('text') },
    },
  };
}

/** Reads the items of an uploaded sheet; any bad row refuses the whole file (a library is imported whole). */
async function itemsOfFile(fileName: string, data: Buffer): Promise<ChecklistItem[]> {
  const { sheets } = await readTableFile(fileName, data, { maxRows: IMPORT_MAX_ITEMS, skipSheets: ['说明'] });
  const sheet = sheets.find((s) => s.rows.length > 0);
  if (!sheet) throw new AppError('IMPORT_EMPTY');
  const headers = sheet.header.map(cellText);
  const index = Object.fromEntries(
    (Object.keys(IMPORT_COLUMNS) as ImportField[]).map((f) => [f, headers.indexOf(IMPORT_COLUMNS[f])]),
  ) as Record<ImportField, number>;
  const missing = (Object.keys(index) as ImportField[]).filter((f) => index[f] < 0).map((f) => IMPORT_COLUMNS[f]);
  if (missing.length) {
    throw new AppError(
      'IMPORT_MISSING_COLUMNS',
      missing.map((m) => ({ path: 'file', code: 'missing_column', message: `缺少列：${m}` })),
      `缺少列：${missing.join('、')}（第一行须为表头：${Object.values(IMPORT_COLUMNS).join('、')}）`,
    );
  }
  const read = sheet.rows.map((r) => itemOfRow(r, index));
  const issues = read.flatMap((r) => r.issues);
  const items = read.flatMap((r) => (r.item ? [r.item] : []));
  const seen = new Set<string>();
  for (const [n, item] of items.entries()) {
    if (seen.has(item.code))
      issues.push({ path: `rows.${sheet.rows[n]?.row}.code`, code: 'duplicate', message: `编号 ${item.code} 重复` });
    seen.add(item.code);
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues.slice(0, 100), issues[0]?.message);
  return items;
}

const sameItem = (a: ChecklistItem, b: ChecklistItem) =>
  a.sector === b.sector &&
  a.group === b.group &&
  a.requirement === b.requirement &&
  a.basis.law === b.basis.law &&
  a.basis.article === b.basis.article &&
  a.basis.text === b.basis.text;

/**
 * 导入检查事项: a provincial (or the national) administrator adds items for the province's bureaus, or revises one
 * (a new revision; an unchanged row writes nothing). Audited; all or nothing.
 */
export async function importChecklist(
  ctx: AppContext,
  actor: Actor,
  file: { fileName: string; data: Buffer },
): Promise<{ imported: number; unchanged: number; codes: string[] }> {
  if (!['national', 'province'].includes(levelOfCode(actor.regionCode))) {
    throw new AppError('FORBIDDEN', [
      { path: 'file', code: 'province_only', message: '检查事项由省级（或部级）管理员导入' },
    ]);
  }
  const items = await itemsOfFile(file.fileName, file.data);
  const province = actor.regionCode;
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const current = new Map((await repo.importedItems(trx, province)).map((r) => [r.code, r]));
    const rows = items.flatMap((item) => {
      const prior = current.get(item.code);
      const priorItem = prior && {
        code: prior.code,
        sector: prior.sector as ChecklistSector,
        group: prior.item_group,
        requirement: prior.requirement,
        basis: { law: prior.basis_law, article: prior.basis_article, text: prior.basis_text },
      };
      if (priorItem && sameItem(priorItem, item)) return [];
      return [
        {
          code: item.code,
          revision: (prior?.revision ?? 0) + 1,
          region_code: province,
          sector: item.sector,
          item_group: item.group,
          requirement: item.requirement,
          basis_law: item.basis.law,
          basis_article: item.basis.article,
          basis_text: item.basis.text,
          created_by: actor.userId,
          created_at: now,
        },
      ];
    });
    await repo.insertChecklistItems(trx, rows);
    if (rows.length) {
      await appendAudit(trx, actor, {
        action: 'checklist.import',
        entityType: 'checklist',
        entityId: actor.orgId,
        regionCode: province,
        at: now,
        after: { fileName: file.fileName, imported: rows.length, codes: rows.map((r) => r.code).join('、') },
      });
    }
    return { imported: rows.length, unchanged: items.length - rows.length, codes: rows.map((r) => r.code) };
  });
}
