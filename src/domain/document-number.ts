/**
 * 文书编号 of enforcement documents (执法文书): "（淄张）应急责改〔2026〕12号" — the issuing bureau's abbreviation in
 * full-width parentheses, the document type's word, the year in 六角括号 and the running number of that bureau, type
 * and year (no leading zeros, 党政机关公文格式 GB/T 9704-2012 7.2.4 for 发文字号). The abbreviation: a province's official
 * one-character name (鲁); a city's first character (淄); a county's, its city's first character then its own (淄张).
 */

/** The document types numbered so far, with the word of their number (安全生产执法文书式样). */
export const DOCUMENT_KINDS = {
  inspection_record: { word: '应急检记', title: '现场检查记录' },
  rectification_order: { word: '应急责改', title: '责令限期整改指令书' },
  on_site_decision: { word: '应急现决', title: '现场处理措施决定书' },
  recheck_opinion: { word: '应急复查', title: '整改复查意见书' },
  filing_approval: { word: '应急立', title: '立案审批表' },
  interview_record: { word: '应急询', title: '询问笔录' },
  examination_record: { word: '应急勘', title: '勘验笔录' },
  penalty_notice: { word: '应急罚告', title: '行政处罚告知书' },
  hearing_notice: { word: '应急听告', title: '听证告知书' },
  penalty_decision: { word: '应急罚', title: '行政处罚决定书' },
  summary_decision: { word: '应急当罚', title: '当场处罚决定书' },
  no_penalty_decision: { word: '应急不罚', title: '不予行政处罚决定书' },
  service_receipt: { word: '应急送', title: '送达回执' },
  reminder: { word: '应急催', title: '催告书' },
  closing_approval: { word: '应急结', title: '结案审批表' },
  /** 应急处置 (issue 12 §3): the report produced when an incident is closed. */
  incident_report: { word: '应急处置', title: '生产安全事故应急处置情况报告' },
  /** 应急预案管理办法 第二十八条: the 备案登记表 of a complete filing. */
  plan_filing_record: { word: '应急预备', title: '生产经营单位生产安全事故应急预案备案登记表' },
  /** 第二十八条: the one notice of everything a filing lacks. */
  plan_filing_notice: { word: '应急预补', title: '应急预案备案材料补正告知书' },
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** 省级行政区的简称, by the first two digits of the GB/T 2260 code. */
const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  '11': '京',
  '12': '津',
  '13': '冀',
  '14': '晋',
  '15': '蒙',
  '21': '辽',
  '22': '吉',
  '23': '黑',
  '31': '沪',
  '32': '苏',
  '33': '浙',
  '34': '皖',
  '35': '闽',
  '36': '赣',
  '37': '鲁',
  '41': '豫',
  '42': '鄂',
  '43': '湘',
  '44': '粤',
  '45': '桂',
  '46': '琼',
  '50': '渝',
  '51': '川',
  '52': '贵',
  '53': '云',
  '54': '藏',
  '61': '陕',
  '62': '甘',
  '63': '青',
  '64': '宁',
  '65': '新',
  '71': '台',
  '81': '港',
  '82': '澳',
};

/**
 * The issuing bureau's abbreviation from its place: the province's code, and the names of its city and county when
 * it has them (淄博市, 张店区 → 淄张). A 直辖市's district: the municipality's abbreviation and the district's first
 * character (京朝 for 朝阳区).
 */
export function issuerAbbreviation(p: { regionCode: string; cityName?: string; countyName?: string }): string {
  const province = PROVINCE_ABBREVIATIONS[p.regionCode.slice(0, 2)] ?? '';
  const first = (name?: string) => (name ? ([...name][0] ?? '') : '');
  if (p.countyName) return `${p.cityName ? first(p.cityName) : province}${first(p.countyName)}`;
  if (p.cityName) return first(p.cityName);
  return province;
}

export function formatDocumentNumber(p: {
  abbreviation: string;
  kind: DocumentKind;
  year: number;
  seq: number;
}): string {
  if (!Number.isInteger(p.seq) || p.seq < 1) throw new RangeError(`a document number starts at 1: ${p.seq}`);
  return `（${p.abbreviation}）${DOCUMENT_KINDS[p.kind].word}〔${p.year}〕${p.seq}号`;
}
