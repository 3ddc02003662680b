/**
 * The 执法文书 of a penalty case, laid out after the national enforcement document formats (安全生产监管执法文书式样):
 * 立案审批表, 询问笔录 / 勘验笔录, 行政处罚告知书, 听证告知书, 行政处罚决定书, 当场处罚决定书, 不予行政处罚决定书, 送达回执,
 * 催告书 and 结案审批表. Each is built from the case as it stood when the document was issued (the facts it states are
 * fixed by then) and the history event written with it. The same DocumentLayout makes the .docx and the print view.
 */
import nzh from 'nzh';
import type { CaseHistoryEntry, PenaltyCase } from '../../../contracts/cases.js';
import type { DocumentLayout, LayoutBlock } from '../../../contracts/documents.js';
import { chineseDate } from '../../../domain/bulletin.js';
import {
  CIRCUMSTANCE_LABELS,
  type Circumstance,
  PENALTY_KIND_LABELS,
  type PenaltyKind,
} from '../../../domain/discretion-defaults.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../domain/document-number.js';
import {
  CASE_OUTCOME_LABELS,
  CASE_SOURCE_LABELS,
  type CaseOutcome,
  type CaseSource,
  SERVICE_METHOD_LABELS,
  type ServiceMethod,
} from '../../../domain/penalty-case.js';

const p = (text: string): LayoutBlock => ({ kind: 'p', text });

const dateText = (iso: string | null | undefined) =>
  iso ? chineseDate(new Date(`${iso}T12:00:00+08:00`)) : '　　年　月　日';

/** 人民币大写 (会计基础工作规范 第五十二条): 伍万元整. */
export const yuanInWords = (yuan: number) => nzh.cn.toMoney(yuan, { outSymbol: false });

const money = (yuan: number) => `人民币${yuanInWords(yuan)}（¥${yuan.toLocaleString('en-US')}）`;

// 行政复议法 第二十条 (六十日), 行政诉讼法 第四十六条 (六个月), 行政诉讼法 第五十六条 (不停止执行).
const REMEDIES =
  '如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼，但本决定不停止执行，法律另有规定的除外。';

const OFFICER_SIGNATURES = [
  p('执法人员（签名）：　　　　　　　执法证号：'),
  p('　　　　　（签名）：　　　　　　　执法证号：'),
];

interface Issued {
  kind: DocumentKind;
  number: string;
  issuedAt: string;
  issuerOrg: string;
}

function partyLines(c: PenaltyCase): LayoutBlock[] {
  const party = c.parties[0];
  if (!party) return [];
  if (party.kind === 'unit') {
    return [
      p(`当事人：${party.name}`),
      p(`统一社会信用代码：${party.creditCode ?? ''}　　法定代表人（负责人）：${party.legalRepresentative ?? ''}`),
      p(`地址：${party.address ?? ''}`),
    ];
  }
  return [
    p(`当事人：${party.name}　　身份证号码：${party.idNumber ?? ''}`),
    p(`工作单位及职务：${[party.workUnit, party.position].filter(Boolean).join(' ')}　　住址：${party.address ?? ''}`),
  ];
}

const addressee = (c: PenaltyCase) => `${c.parties[0]?.name ?? ''}：`;

function factsAndLaw(c: PenaltyCase): LayoutBlock[] {
  return c.violations.flatMap((v, i) => [
    p(`${c.violations.length > 1 ? `${i + 1}. ` : ''}${v.facts}`),
    p(`以上行为违反了${v.violatedClause}的规定，依据${v.penaltyClause}的规定予以处罚。`),
  ]);
}

/** 证据 (行政处罚法 第五十九条第一款第（二）项): the records of the investigation, by title and number. */
function evidence(c: PenaltyCase): LayoutBlock[] {
  const records = c.documents.filter((d) => d.kind === 'interview_record' || d.kind === 'examination_record');
  if (!records.length) return [];
  return [p(`以上事实有${records.map((d) => `${d.title}（${d.number}）`).join('、')}等证据证实。`)];
}

function discretion(c: PenaltyCase): LayoutBlock[] {
  const steps = c.violations.map(
    (v) =>
      `${v.title}：情节${CIRCUMSTANCE_LABELS[v.circumstance as Circumstance]}${v.band ? `，裁量幅度${v.band.minYuan}元至${v.band.maxYuan}元` : ''}`,
  );
  return [
    p(
      `自由裁量：依据本机关适用的行政处罚自由裁量基准（${c.discretionVersion}），${steps.join('；')}。${c.outsideBandReason ? `超出裁量幅度的理由：${c.outsideBandReason}` : ''}`,
    ),
  ];
}

const kindsText = (kinds: readonly string[], fineYuan: number | null) =>
  kinds
    .map((k) => (k === 'fine' && fineYuan ? `罚款${money(fineYuan)}` : PENALTY_KIND_LABELS[k as PenaltyKind]))
    .join('，');

function paymentTerms(): LayoutBlock {
  return p(
    '罚款限于收到本决定书之日起十五日内缴至指定银行或者通过电子支付系统缴纳。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（《中华人民共和国行政处罚法》第六十六条、第七十二条）。',
  );
}

function eventAfter(history: readonly CaseHistoryEntry[], number: string): CaseHistoryEntry | undefined {
  const i = history.findIndex((h) => h.kind === 'document' && h.note === number);
  return history.slice(i + 1).find((h) => h.kind !== 'document');
}

const table = (rows: [string, string][]): LayoutBlock => ({
  kind: 'table',
  header: [['项目', '内容']],
  rows,
  align: ['left', 'left'],
  widths: [1, 3],
});

function body(c: PenaltyCase, doc: Issued): LayoutBlock[] {
  const ev = eventAfter(c.history, doc.number);
  const data = (ev?.data ?? {}) as Record<string, unknown>;
  switch (doc.kind) {
    case 'filing_approval':
      return [
        table([
          ['案件来源', CASE_SOURCE_LABELS[c.source as CaseSource] ?? c.source],
          ['案由', c.cause],
          ['当事人', c.parties[0]?.name ?? ''],
          ['简要案情', c.summary],
          ['执法人员', c.officers.map((o) => `${o.name}（${o.cert}）`).join('、')],
          ['负责人审批意见', `${ev?.note ?? ''}　　${ev?.actorName ?? ''}　${dateText(data.approvedOn as string)}`],
        ]),
      ];
    case 'interview_record':
    case 'examination_record': {
      const officers = (data.officers as { name: string; cert: string }[] | undefined) ?? [];
      return [
        p(`时间：${dateText(data.heldOn as string)}　　地点：${String(data.place ?? '')}`),
        p(
          `${doc.kind === 'interview_record' ? '询问人' : '勘验人'}：${officers.map((o) => `${o.name}（执法证号${o.cert}）`).join('、')}`,
        ),
        ...(data.subject ? [p(`被询问人：${String(data.subject)}`)] : []),
        p('我们是安全生产执法人员，已出示执法证件。你有如实回答询问的义务，也有陈述、申辩和申请回避的权利。'),
        ...String(data.content ?? '')
          .split('\n')
          .map(p),
        p('以上笔录已阅，与所述一致。被询问人（签名）：　　　　　　'),
        ...OFFICER_SIGNATURES,
      ];
    }
    case 'penalty_notice':
      return [
        p(addressee(c)),
        p('经查，你（单位）存在下列违法行为：'),
        ...factsAndLaw(c),
        p(`依据上述规定，本机关拟对你（单位）作出如下行政处罚：${kindsText(c.proposedKinds, c.proposedFineYuan)}。`),
        p(
          '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。你（单位）可在收到本告知书之日起三日内向本机关提出陈述、申辩；逾期不提出的，视为放弃上述权利。',
        ),
      ];
    case 'hearing_notice':
      return [
        p(addressee(c)),
        p(`本机关拟对你（单位）作出${kindsText(c.proposedKinds, c.proposedFineYuan)}的行政处罚。`),
        p(
          '根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有要求举行听证的权利。如要求听证，应当在收到本告知书之日起五个工作日内向本机关提出；逾期不提出的，视为放弃听证权利。',
        ),
      ];
    case 'penalty_decision':
    case 'summary_decision':
      return [
        ...partyLines(c),
        p('经查，你（单位）存在下列违法行为：'),
        ...factsAndLaw(c),
        ...(doc.kind === 'penalty_decision' ? [...evidence(c), ...discretion(c)] : []),
        p(`本机关决定对你（单位）作出如下行政处罚：${kindsText(c.kinds, c.fineYuan)}。`),
        ...(c.fineYuan ? [paymentTerms()] : []),
        ...(c.correctionDeadline
          ? [
              p(
                `责令你（单位）于${dateText(c.correctionDeadline)}前改正；拒不改正的，自该日次日起按照原处罚数额按日连续处罚（《中华人民共和国安全生产法》第一百一十二条）。`,
              ),
            ]
          : []),
        p(REMEDIES),
        ...(doc.kind === 'summary_decision' ? OFFICER_SIGNATURES : []),
      ];
    case 'no_penalty_decision':
      return [
        ...partyLines(c),
        ...factsAndLaw(c).slice(0, 1),
        p(`本机关认为：${c.history.find((h) => h.kind === 'no_penalty')?.note ?? ''}`),
        p('依据《中华人民共和国行政处罚法》第三十三条的规定，本机关决定对你（单位）不予行政处罚。'),
        p(REMEDIES),
      ];
    case 'service_receipt':
      return [
        table([
          ['送达文书及文号', documentsBefore(c, doc)],
          ['受送达人', c.parties[0]?.name ?? ''],
          ['送达时间', dateText(data.servedOn as string)],
          ['送达方式', SERVICE_METHOD_LABELS[data.method as ServiceMethod] ?? ''],
          ['收件人（签名）', String(data.recipient ?? '')],
          ['送达人（签名）', ''],
        ]),
      ];
    case 'reminder':
      return [
        p(addressee(c)),
        p(
          `本机关于${dateText(c.decidedOn)}作出${decisionNumber(c)}行政处罚决定，对你（单位）处以${kindsText(c.kinds, c.fineYuan)}，该决定已于${dateText(c.servedOn)}送达。你（单位）至今未履行缴纳罚款的义务。`,
        ),
        p(
          '根据《中华人民共和国行政强制法》第三十五条、第四十五条、第五十四条的规定，现催告你（单位）自收到本催告书之日起十个工作日内履行上述义务，并缴纳依法加处的罚款。逾期仍未履行的，本机关将依法申请人民法院强制执行。',
        ),
        p('你（单位）有权进行陈述和申辩。'),
      ];
    case 'closing_approval':
      return [
        table([
          ['案由', c.cause],
          ['当事人', c.parties[0]?.name ?? ''],
          ['处理结果', c.outcome === 'no_penalty' ? '不予行政处罚' : kindsText(c.kinds, c.fineYuan)],
          [
            '执行情况',
            `${CASE_OUTCOME_LABELS[c.outcome as CaseOutcome] ?? ''}${c.paidYuan ? `，${dateText(c.paidOn)}缴纳${c.paidYuan.toFixed(2)}元` : ''}`,
          ],
          ['负责人审批意见', `${ev?.note ?? ''}　　${ev?.actorName ?? ''}`],
        ]),
      ];
    default:
      return [];
  }
}

const decisionNumber = (c: PenaltyCase) =>
  c.documents.find((d) => d.kind === 'penalty_decision' || d.kind === 'summary_decision')?.number ?? '';

/** The documents served with the receipt: those issued before it that go to the party. */
function documentsBefore(c: PenaltyCase, doc: Issued): string {
  const i = c.documents.findIndex((d) => d.number === doc.number);
  const served = c.documents.slice(0, i).filter((d) => d.kind === 'penalty_decision');
  return served.map((d) => `${d.title}（${d.number}）`).join('；');
}

export function caseDocumentLayout(c: PenaltyCase, doc: Issued): DocumentLayout {
  return {
    title: `${doc.issuerOrg}\n${DOCUMENT_KINDS[doc.kind].title}`,
    blocks: [{ kind: 'h3', text: doc.number }, ...body(c, doc)],
    signature: doc.issuerOrg,
    date: chineseDate(new Date(doc.issuedAt)),
  };
}
