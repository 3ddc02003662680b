/**
 * The documents of a filing's answer (应急预案管理办法 第二十八条), in the official layout (documents/official-docx.ts):
 * the 备案登记表 of a complete filing — the unit, the plan and its version, the materials received, the number — and the
 * 补正告知书 that lists, once, everything an incomplete filing lacks.
 */
import type { DocumentLayout, LayoutBlock } from '../../../contracts/documents.js';
import { chineseDate } from '../../../domain/bulletin.js';
import { DOCUMENT_KINDS } from '../../../domain/document-number.js';
import {
  FILING_MATERIAL_LABELS,
  type FilingMaterial,
  PLAN_KIND_LABELS,
  REVIEW_KIND_LABELS,
  type ReviewKind,
} from '../../../domain/emergency-plan.js';
import type { IssuedDocument } from '../../documents/numbering.js';
import type * as repo from './repo.js';

const p = (text: string): LayoutBlock => ({ kind: 'p', text });
const dateText = (iso: string) => chineseDate(new Date(`${iso}T12:00:00+08:00`));
const materialText = (m: string) => FILING_MATERIAL_LABELS[m as FilingMaterial] ?? m;

export function filingDocumentLayout(
  plan: repo.PlanRow,
  f: repo.FilingRow,
  revision: repo.RevisionRow | undefined,
  doc: IssuedDocument,
): DocumentLayout {
  const title = `${doc.issuerOrg}\n${DOCUMENT_KINDS[doc.kind].title}`;
  const base = { title, signature: doc.issuerOrg, date: chineseDate(new Date(doc.issuedAt)) };
  if (doc.kind === 'plan_filing_record') {
    return {
      ...base,
      blocks: [
        { kind: 'h3', text: `备案编号：${doc.number}` },
        {
          kind: 'table',
          header: [['项目', '内容']],
          align: ['left', 'left'],
          widths: [1, 3],
          rows: [
            ['单位名称', plan.owner_name],
            ['统一社会信用代码', plan.credit_code ?? ''],
            ['应急预案名称', revision?.title ?? plan.title],
            ['预案类别', PLAN_KIND_LABELS[plan.kind]],
            ['版本', `第${f.revision}版`],
            ['发布日期', revision ? dateText(revision.published_on) : ''],
            ['签署人', revision?.signer ?? ''],
            [
              '评审（论证）',
              revision
                ? `${REVIEW_KIND_LABELS[revision.review_kind as ReviewKind]}${revision.reviewed_on ? `，${dateText(revision.reviewed_on)}` : ''}`
                : '',
            ],
            ['备案材料', f.materials.map(materialText).join('；')],
            ['收到材料日期', dateText(f.received_on)],
          ],
        },
        p(
          `${plan.owner_name}：你单位报送的《${revision?.title ?? plan.title}》备案申报材料收悉。经审核，材料齐全，` +
            '依据《生产安全事故应急预案管理办法》第二十八条的规定，予以备案。',
        ),
      ],
    };
  }
  const missing = f.missing ?? [];
  return {
    ...base,
    blocks: [
      { kind: 'h3', text: doc.number },
      p(`${plan.owner_name}：`),
      p(
        `你单位于${dateText(f.received_on)}报送的《${revision?.title ?? plan.title}》备案申报材料收悉。经审核，材料不齐全，` +
          '依据《生产安全事故应急预案管理办法》第二十八条的规定，现一次性告知需要补齐的全部材料如下：',
      ),
      ...missing.map((m, i) => p(`${i + 1}. ${m}`)),
      p('请补齐上述材料后重新报送备案。'),
    ],
  };
}
