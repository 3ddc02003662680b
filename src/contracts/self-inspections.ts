/**
 * 企业自查 (issue 10 §3): an enterprise runs the checklist library on itself. Each 不符合 item becomes a danger it
 * reports (自查自报) and fixes under its own responsibility, in the closed loop the bureau sees.
 */
import { z } from 'zod';
import type { ChecklistSector } from '../domain/checklist-library.js';
import { datesInOrder, localDate, registerFilters, requiredText, text } from './common.js';
import { dangerOrder, INSPECTION_MAX_ITEMS, ITEM_RESULTS, type ItemResult, oneOf } from './inspections.js';

export const selfInspectionItemInput = z
  .object({
    code: requiredText(40),
    result: oneOf(ITEM_RESULTS),
    note: text(1000).optional(),
    /** A 不符合 item is a danger the enterprise reports: its level and how it will be fixed. */
    danger: dangerOrder.optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.result === 'nonconform' && !item.danger) {
      ctx.addIssue({ code: 'custom', path: ['danger'], message: '不符合项须列为隐患，填写隐患等级和整改要求' });
    }
    if (item.result !== 'nonconform' && item.danger) {
      ctx.addIssue({ code: 'custom', path: ['danger'], message: '只有不符合项才列为隐患' });
    }
  });

export const createSelfInspectionBody = z
  .object({
    /** The enterprise's own record (企业档案). */
    enterpriseId: z.uuid({ message: '企业编号格式不正确' }),
    /** The day of the check (Asia/Shanghai); default today, never in the future. */
    inspectedOn: localDate.optional(),
    /** The template it started from, if any. */
    templateCode: text(40).optional(),
    /** 检查人: who in the enterprise checked. */
    inspectorName: requiredText(50),
    items: z
      .array(selfInspectionItemInput)
      .min(1, { message: '至少检查一项' })
      .max(INSPECTION_MAX_ITEMS, { message: `检查项不能超过${INSPECTION_MAX_ITEMS}项` }),
    findings: text(4000).optional(),
  })
  .strict()
  .refine((b) => new Set(b.items.map((i) => i.code)).size === b.items.length, {
    message: '检查项不能重复',
    path: ['items'],
  });
export type CreateSelfInspectionInput = z.infer<typeof createSelfInspectionBody>;

export const selfInspectionListQuery = z
  .object(registerFilters)
  .strict()
  .refine(...datesInOrder);
export type SelfInspectionListQuery = z.infer<typeof selfInspectionListQuery>;

export interface SelfInspectionItemView {
  code: string;
  sector: ChecklistSector;
  group: string;
  requirement: string;
  basis: { law: string; article: string; text: string };
  result: ItemResult;
  note: string | null;
  dangerId: string | null;
}

export interface SelfInspectionSummary {
  id: string;
  regionCode: string;
  regionName: string;
  enterpriseId: string;
  enterpriseName: string;
  inspectedOn: string;
  templateCode: string | null;
  inspectorName: string;
  itemCount: number;
  nonconforming: number;
  recordedBy: string;
  recordedAt: string;
}

export interface SelfInspectionView extends SelfInspectionSummary {
  items: SelfInspectionItemView[];
  findings: string;
  /** The dangers it reported, as they stand now. */
  dangers: { id: string; level: string; description: string; status: string }[];
}

export interface SelfInspectionPage {
  items: SelfInspectionSummary[];
  total: number;
  page: number;
  pageSize: number;
}
