/**
 * The 执法文书 of a hidden danger, laid out from the national enforcement document formats (安全生产监管执法文书式样):
 * 责令限期整改指令书, 现场处理措施决定书 and 整改复查意见书 — the issuing bureau and the document's title, its number, the
 * unit, the facts and their legal basis, the order, the remedies (行政复议法 第二十条: 60 日; 行政诉讼法 第四十六条: 6 个月),
 * and the signature lines of the officers and of the unit (or its refusal, witnessed). The same DocumentLayout makes the
 * .docx (documents/official-docx.ts) and could make a print view.
 */
import type { DocumentLayout, LayoutBlock } from '../../../contracts/documents.js';
import type { HiddenDanger } from '../../../contracts/hidden-dangers.js';
import { chineseDate } from '../../../domain/bulletin.js';
import { DOCUMENT_KINDS } from '../../../domain/document-number.js';
import { IMMEDIATE_MEASURE_LABELS } from '../../../domain/hidden-danger.js';
import type { IssuedDocument } from '../../documents/numbering.js';

const p = (text: string): LayoutBlock => ({ kind: 'p', text });

/** "2026-12-31" → "2026年12月31日". */
const dateText = (iso: string) => chineseDate(new Date(`${iso}T12:00:00+08:00`));

const REMEDIES =
  '如果不服本决定，可以依法在六十日内向本级人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼，但本决定不停止执行，法律另有规定的除外。';

const SIGNATURES = [
  p('安全生产执法人员（签名）：　　　　　　　证号：'),
  p('　　　　　　　　　　　（签名）：　　　　　　　证号：'),
  p('被检查单位负责人（签名）：　　　　　　　　（拒绝签名的，由执法人员注明情况并由见证人签名）'),
];

function facts(d: HiddenDanger): LayoutBlock[] {
  const basis = d.standardItem
    ? `依据《${d.standardItem.standard}》${d.standardItem.article}，判定为重大事故隐患。`
    : '';
  return [p('经查，你单位存在下列问题：'), p(`1. ${d.description}${d.location ? `（${d.location}）` : ''}。${basis}`)];
}

function body(d: HiddenDanger, doc: IssuedDocument): LayoutBlock[] {
  switch (doc.kind) {
    case 'rectification_order':
      return [
        ...facts(d),
        p(
          `现责令你单位对上述问题于${d.deadline ? dateText(d.deadline) : ''}前整改完毕，达到有关法律法规规章和标准规定的要求。` +
            `${d.measures ? `整改要求：${d.measures}` : ''}由此造成事故的，依法追究有关人员的责任。`,
        ),
        p('整改期间，你单位应当采取措施，确保安全生产。对安全生产违法行为，将依法予以行政处罚。'),
        p(REMEDIES.replaceAll('本决定', '本指令')),
      ];
    case 'on_site_decision':
      return [
        ...facts(d),
        p(
          '依据《中华人民共和国安全生产法》第六十五条第一款第（三）项的规定，现作出如下现场处理决定：' +
            `${d.immediateMeasures.map((m) => IMMEDIATE_MEASURE_LABELS[m]).join('；')}。` +
            '重大事故隐患排除后，经审查同意，方可恢复生产经营和使用。',
        ),
        p(REMEDIES),
      ];
    default: {
      const passed = d.recheckPassed === true;
      return [
        p(
          `本机关于${d.recheckedOn ? dateText(d.recheckedOn) : ''}对你单位${d.description}的整改情况进行了复查，复查意见如下：`,
        ),
        p(
          passed
            ? '经复查，上述问题已整改完毕，符合有关法律法规规章和标准规定的要求。'
            : '经复查，上述问题未整改完毕（或者整改不符合要求），本机关将依法予以处理。',
        ),
      ];
    }
  }
}

export function dangerDocumentLayout(d: HiddenDanger, doc: IssuedDocument): DocumentLayout {
  return {
    title: `${doc.issuerOrg}\n${DOCUMENT_KINDS[doc.kind].title}`,
    // The number under the title, then the unit addressed (主送).
    blocks: [{ kind: 'h3', text: doc.number }, p(`${d.enterpriseName}：`), ...body(d, doc), ...SIGNATURES],
    signature: doc.issuerOrg,
    date: chineseDate(new Date(doc.issuedAt)),
  };
}
