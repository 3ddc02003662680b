/**
 * 重大危险源清单导出: the register as filtered on screen, as an .xlsx — each unit with its enterprise, place, R and
 * grade (GB 18218-2018 4.2), the people in charge and the filing, at most EXPORT_MAX_ROWS.
 */
import type { MajorHazardListQuery } from '../../../contracts/hazards.js';
import { UNIT_KIND_LABELS } from '../../../domain/major-hazard.js';
import { shanghaiDay, shanghaiMinute } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { ExportFile } from '../../documents/download.js';
import { buildWorkbook, type ColumnSpec } from '../../documents/xlsx.js';
import { listMajorHazards } from './service.js';

export const EXPORT_MAX_ROWS = 10_000;

const COLUMNS: ColumnSpec[] = [
  { key: 'enterpriseName', header: '企业名称', width: 30 },
  { key: 'creditCode', header: '统一社会信用代码', width: 20 },
  { key: 'regionName', header: '所在地区', width: 24 },
  { key: 'name', header: '单元名称', width: 20 },
  { key: 'kind', header: '单元类型' },
  { key: 'substances', header: '危险化学品及存量（t）', width: 36 },
  { key: 's', header: 'S（∑q/Q）', format: { numFmt: '0.000' } },
  { key: 'r', header: 'R', format: { numFmt: '0.00' } },
  { key: 'grade', header: '级别' },
  { key: 'principal', header: '主要负责人', width: 18 },
  { key: 'filing', header: '备案', width: 16 },
];

export async function exportMajorHazards(
  ctx: AppContext,
  actor: Actor,
  q: Omit<MajorHazardListQuery, 'page' | 'pageSize'>,
): Promise<ExportFile> {
  const list = await listMajorHazards(ctx, actor, { ...q, page: 1, pageSize: EXPORT_MAX_ROWS + 1 });
  const truncated = list.items.length > EXPORT_MAX_ROWS;
  const items = list.items.slice(0, EXPORT_MAX_ROWS);
  const now = ctx.now();
  const data = await buildWorkbook(
    [
      {
        name: '重大危险源',
        title: `${actor.orgName}${q.all ? '危险化学品单元' : '重大危险源'}清单`,
        lines: [
          `导出时间：${shanghaiMinute(now)}　共${items.length}个单元${truncated ? `（仅导出前${EXPORT_MAX_ROWS}个）` : ''}`,
        ],
        columns: COLUMNS,
        rows: items.map((u) => ({
          enterpriseName: u.enterpriseName,
          creditCode: u.creditCode,
          regionName: u.regionName,
          name: u.name,
          kind: UNIT_KIND_LABELS[u.kind],
          substances: u.substances.map((x) => `${x.name ?? x.cas ?? x.category ?? ''} ${x.quantityT}`).join('；'),
          s: u.s,
          r: u.r,
          grade: u.gradeLabel ?? '非重大危险源',
          principal: [u.principalName, u.principalPhone].filter(Boolean).join(' '),
          filing: u.filingStatus === 'filed' ? `已备案 ${u.filingNo ?? ''}`.trim() : '未备案',
        })),
      },
    ],
    { creator: '安监', created: now },
  );
  return { fileName: `重大危险源清单_${shanghaiDay(now)}.xlsx`, data, rows: items.length, truncated };
}
