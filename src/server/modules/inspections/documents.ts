/**
 * 现场检查记录, laid out from the national enforcement document formats (安全生产监管执法文书式样): the number, the unit
 * inspected and the place, the time from start to end, the officers and their 执法证号 shown to the unit (行政处罚法
 * 第五十五条: 执法人员应当主动出示执法证件), the items checked with their legal basis and result, the findings, and
 * the signatures — or the refusal to sign, with its witness (行政处罚法 第五十五条 第二款 / 安全生产法 第六十六条).
 */
import type { LayoutBlock } from '../../../contracts/documents.js';
import type { InspectionDocument, InspectionView, ItemResult } from '../../../contracts/inspections.js';
import { chineseDate } from '../../../domain/bulletin.js';
import { DOCUMENT_KINDS } from '../../../domain/document-number.js';
import { shanghaiMinute } from '../../../domain/time.js';
import type { DocBlock, OfficialDocument } from '../../documents/official-docx.js';

const p = (text: string): LayoutBlock => ({ kind: 'p', text });

const RESULT_TEXT: Record<ItemResult, string> = { conform: '符合', nonconform: '不符合', not_applicable: '不涉及' };

/** "2026年12月5日9时30分". */
function timeText(iso: string): string {
  const [y, mo, d, h, mi] = shanghaiMinute(new Date(iso)).split(/[- :]/).map(Number);
  return `${y}年${mo}月${d}日${h}时${mi}分`;
}

function itemsTable(i: InspectionView): LayoutBlock {
  return {
    kind: 'table',
    title: '检查事项及结果',
    header: [['序号', '检查内容', '检查依据', '结果', '情况说明']],
    rows: i.items.map((item, n) => [
      String(n + 1),
      item.requirement,
      `《${item.basis.law}》${item.basis.article}`,
      RESULT_TEXT[item.result],
      [item.note ?? '', item.violation ? `违法行为：${item.violation.description}` : ''].filter(Boolean).join('；'),
    ]),
    align: ['center', 'left', 'left', 'center', 'left'],
    widths: [1, 5, 4, 1.5, 4],
  };
}

/** The signature as drawn, printed at most this wide (about 6 cm at 96 dpi). */
const SIGNATURE_PRINT_PX = 220;

/** A signature as checked when it was recorded (uploads/files pngSize): its bytes and size. */
export interface SignaturePng {
  png: Buffer;
  width: number;
  height: number;
}

function signatureImage(s: SignaturePng): DocBlock {
  const scale = Math.min(1, SIGNATURE_PRINT_PX / s.width);
  return { kind: 'image', png: s.png, widthPx: Math.round(s.width * scale), heightPx: Math.round(s.height * scale) };
}

function signatureBlocks(i: InspectionView, png: SignaturePng | null): DocBlock[] {
  const officers = i.team.map((m) => p(`执法人员（签名）：${m.name}　　执法证号：${m.cert}`));
  const unit =
    i.signature.status === 'refused'
      ? p(
          `被检查单位现场负责人：${i.signature.representativeName}拒绝签名。见证人（签名）：${i.signature.witness}。` +
            '执法人员已在本记录中注明情况。',
        )
      : p(`被检查单位现场负责人（签名）：${i.signature.representativeName}`);
  return [...officers, unit, ...(png && i.signature.status === 'signed' ? [signatureImage(png)] : [])];
}

/** 现场检查记录, with the representative's signature as drawn on the device when there is one. */
export function inspectionRecordLayout(
  i: InspectionView,
  doc: InspectionDocument,
  signature: SignaturePng | null = null,
): OfficialDocument {
  const team = i.team.map((m) => `${m.name}（执法证号${m.cert}）`).join('、');
  const nonconforming = i.items.filter((x) => x.result === 'nonconform').length;
  return {
    title: `${doc.issuerOrg}\n${DOCUMENT_KINDS.inspection_record.title}`,
    blocks: [
      { kind: 'h3', text: doc.number },
      p(`被检查单位：${i.enterprise.name}`),
      p(`检查场所：${i.place}`),
      p(`检查时间：${timeText(i.startedAt)}至${timeText(i.finishedAt)}`),
      p(`我们是${i.bureauName}的执法人员${team}，已向你单位出示执法证件。现依法对你单位进行现场检查，请予配合。`),
      itemsTable(i),
      p(`检查情况：共检查${i.items.length}项，其中不符合${nonconforming}项。${i.findings}`),
      ...(i.dangers.length
        ? [p(`对发现的${i.dangers.length}项事故隐患，已另行下达责令限期整改指令书（或现场处理措施决定书）。`)]
        : []),
      ...(i.evidence.length ? [p(`现场取证：照片、录音共${i.evidence.length}份，已留存（SHA-256 校验）。`)] : []),
      ...signatureBlocks(i, signature),
    ],
    signature: doc.issuerOrg,
    date: chineseDate(new Date(doc.issuedAt)),
  };
}
