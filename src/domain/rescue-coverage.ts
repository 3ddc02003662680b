/**
 * Rescue coverage (issue 12 §2): which enterprises must have a rescue team, or an agreement with one, and which of
 * them have neither.
 *
 * 《生产安全事故应急条例》(国务院令第708号) 第十条: 易燃易爆物品、危险化学品等危险物品的生产、经营、储存、运输单位，矿山、金属冶炼、
 * 城市轨道交通运营、建筑施工单位，以及宾馆、商场、娱乐场所、旅游景区等人员密集场所经营单位，应当建立应急救援队伍；小型企业或者微型
 * 企业等规模较小的生产经营单位可以不建立，但应当指定兼职的应急救援人员，并且可以与邻近的应急救援队伍签订应急救援协议. The same
 * classes are the filing classes of 应急预案管理办法 第二十六条 (domain/regulations §6). Issue 12 decides: an enterprise of
 * these classes with neither its own team nor a valid agreement is listed, whatever its size.
 *
 * What the registry records (domain/enterprise.ts, migration 0011) decides how the classes are recognised:
 * - 监管行业 hazardous_chemicals (危险化学品), fireworks (烟花爆竹: 易燃易爆物品), non_coal_mines (非煤矿山);
 * - 行业代码 (GB/T 4754-2017 门类+大类): B06–B12 (采矿业: 矿山), C31 and C32 (黑色、有色金属冶炼和压延加工业: 金属冶炼),
 *   E47–E50 (建筑业: 建筑施工).
 * 城市轨道交通运营 (G54 also holds buses) and 人员密集场所 (F52 is every shop) cannot be told apart at the 大类 the
 * registry records, so they are not listed; a bureau sees them in the registry itself.
 */
import type { Sector } from './enterprise.js';

/** 监管行业 of the 第十条 classes. */
export const HIGH_RISK_SECTORS: readonly Sector[] = ['hazardous_chemicals', 'fireworks', 'non_coal_mines'];

/** 门类+大类 codes of the 第十条 classes: 矿山 (B06–B12), 金属冶炼 (C31, C32), 建筑施工 (E47–E50). */
export const HIGH_RISK_INDUSTRY_CODES: readonly string[] = [
  'B06',
  'B07',
  'B08',
  'B09',
  'B10',
  'B11',
  'B12',
  'C31',
  'C32',
  'E47',
  'E48',
  'E49',
  'E50',
];

/** An enterprise of the 第十条 classes, by its 监管行业 or its 行业代码 (a 门类 letter alone names no class). */
export function isHighRisk(e: { sectors: readonly string[]; industryCode: string }): boolean {
  return (
    e.sectors.some((s) => (HIGH_RISK_SECTORS as readonly string[]).includes(s)) ||
    HIGH_RISK_INDUSTRY_CODES.includes(e.industryCode.slice(0, 3))
  );
}

export interface AgreementTerm {
  /** 'YYYY-MM-DD', Asia/Shanghai. */
  validFrom: string;
  validTo: string;
  /** Retired (作废) agreements count for nothing. */
  retired?: boolean;
}

/** An agreement is valid on `day` (Asia/Shanghai) when validFrom ≤ day ≤ validTo — both days included. */
export function agreementValidOn(a: AgreementTerm, day: string): boolean {
  return !a.retired && a.validFrom <= day && day <= a.validTo;
}

export type AgreementState = 'valid' | 'expired' | 'pending' | 'retired';

export const AGREEMENT_STATE_LABELS: Record<AgreementState, string> = {
  valid: '有效',
  expired: '已过期',
  pending: '未生效',
  retired: '已作废',
};

export function agreementState(a: AgreementTerm, day: string): AgreementState {
  if (a.retired) return 'retired';
  if (day < a.validFrom) return 'pending';
  return day > a.validTo ? 'expired' : 'valid';
}

/**
 * Listed as uncovered on `day`: an operating enterprise of the 第十条 classes with no team of its own and no agreement
 * valid on that day.
 */
export function isUncovered(
  e: { sectors: readonly string[]; industryCode: string; status: string },
  ownTeams: number,
  agreements: readonly AgreementTerm[],
  day: string,
): boolean {
  return (
    e.status === 'operating' && isHighRisk(e) && ownTeams === 0 && !agreements.some((a) => agreementValidOn(a, day))
  );
}
