/**
 * Tip-off rewards and handling clocks (举报, issue 13 §2): 《安全生产领域举报奖励办法》(安监总财〔2018〕19号), as the
 * issue states it (regulations.md §8; the 2018 text itself was not retrieved).
 *
 * The reward:
 * - 重大事故隐患 (`hazard`) and 违法生产经营建设 (`violation`): 15 % of the fine, at least 3,000 and at most 300,000 yuan.
 *   The issue sets the same bounds for both kinds (the 200-yuan minimum of a secondary summary for 一般违法行为 is not
 *   used). A verified matter with no fine still earns the 3,000 minimum: the minimum rewards the verified report.
 * - 瞒报、谎报事故 (`concealed_accident`): per verified concealed or misreported death, by the accident's final grade —
 *   一般 3万, 较大 4万, 重大 5万, 特别重大 6万 — at most 300,000 yuan in all. No verified death, no reward.
 * - Only the first reporter of the same matter is rewarded (2012 version, kept by the issue).
 * Money is counted in fen (分), the unit it is paid in: 15 % of a whole-yuan fine is exact in fen (a multiple of 15
 * fen); a fine with fen is rounded half up to the fen. Amounts come back in yuan with at most two decimals.
 *
 * The handling clocks: the 2018 deadlines were not found (regulations.md §12 item 3), so the 2012 version's numbers
 * are the configurable defaults — verification within 60 days of receipt, extendable by at most 30 with the
 * next-higher department's approval; feedback to the reporter within 10 days of the verification's end. Calendar days,
 * counted as every other period of the platform (investigation.ts, calendar.ts: 民法典 第二百零一条 — 第二百零三条).
 */
import { addCalendarDays, type LocalDate, type WorkingCalendar } from './calendar.js';
import type { Grade } from './grade.js';
import { checkDate, type DutyClock, dutyClock, InvestigationRuleError } from './investigation.js';
import { ancestorAt } from './region-code.js';

export const TIPOFF_KINDS = ['hazard', 'violation', 'concealed_accident'] as const;
export type TipoffKind = (typeof TIPOFF_KINDS)[number];

export const TIPOFF_KIND_LABELS: Record<TipoffKind, string> = {
  hazard: '重大事故隐患',
  violation: '安全生产违法行为（违法生产经营建设）',
  concealed_accident: '瞒报、谎报事故',
};

export const FINE_REWARD_PERCENT = 15;
export const MIN_FINE_REWARD_YUAN = 3_000;
export const MAX_REWARD_YUAN = 300_000;

/** Per verified concealed or misreported death, by the accident's final grade. */
export const REWARD_PER_DEATH_YUAN: Record<Grade, number> = {
  general: 30_000,
  larger: 40_000,
  major: 50_000,
  especially_major: 60_000,
};

const GRADE_NAMES: Record<Grade, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especially_major: '特别重大事故',
};

const RULE = '《安全生产领域举报奖励办法》（安监总财〔2018〕19号）';

export type RewardInputCode = 'required' | 'not_applicable' | 'invalid_amount' | 'invalid_count';

export class RewardInputError extends Error {
  override readonly name = 'RewardInputError';
  constructor(
    readonly path: string,
    readonly code: RewardInputCode,
    message: string,
  ) {
    super(message);
  }
}

export interface RewardInput {
  kind: TipoffKind;
  /** hazard, violation: the fine imposed on the matter, yuan (at most two decimals). */
  fineYuan?: number | null;
  /** concealed_accident: verified concealed or misreported deaths. */
  concealedDeaths?: number | null;
  /** concealed_accident: the accident's final grade (as verified, not as first reported). */
  grade?: Grade | null;
  /** The reporter is the first of the same matter (duplicates are linked); true when not said. */
  firstReporter?: boolean;
}

export interface Reward {
  rewardYuan: number;
  basis: string[];
}

/** Fen to yuan, for display: 300000.15. */
const yuan = (fen: number) => fen / 100;
const fmt = (fen: number) => `${fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2)}元`;

/** Whole fen of a yuan amount, or RewardInputError: finite, ≥ 0, at most two decimals, within safe integers. */
function toFen(value: number, path: string): number {
  const fen = Math.round(value * 100);
  if (!Number.isFinite(value) || value < 0 || !Number.isSafeInteger(fen) || Math.abs(fen - value * 100) > 1e-6) {
    throw new RewardInputError(path, 'invalid_amount', '金额须为不小于0的数字，最多两位小数');
  }
  return fen;
}

function present<T>(v: T | null | undefined): v is T {
  return v !== null && v !== undefined;
}

export function calculateReward(input: RewardInput): Reward {
  if (!(TIPOFF_KINDS as readonly string[]).includes(input.kind)) {
    throw new RewardInputError('kind', 'required', '举报类别无效');
  }
  const reward = input.kind === 'concealed_accident' ? deathReward(input) : fineReward(input);
  if (input.firstReporter === false) {
    return {
      rewardYuan: 0,
      basis: [...reward.basis, `${RULE}：同一事项由多人先后举报的，仅奖励最先举报人；本举报人非最先举报人，不予奖励`],
    };
  }
  return reward;
}

function fineReward(input: RewardInput): Reward {
  if (present(input.concealedDeaths)) {
    throw new RewardInputError('concealedDeaths', 'not_applicable', '按罚款计奖的举报不填瞒报死亡人数');
  }
  if (present(input.grade)) throw new RewardInputError('grade', 'not_applicable', '按罚款计奖的举报不填事故等级');
  if (!present(input.fineYuan)) throw new RewardInputError('fineYuan', 'required', '请填写罚款金额');
  const fineFen = toFen(input.fineYuan, 'fineYuan');
  // 15 % in fen, half up: fineFen × 15 / 100, in integers.
  const shareFen = Math.floor((fineFen * FINE_REWARD_PERCENT + 50) / 100);
  const minFen = MIN_FINE_REWARD_YUAN * 100;
  const maxFen = MAX_REWARD_YUAN * 100;
  const rewardFen = Math.min(maxFen, Math.max(minFen, shareFen));
  const basis = [
    `${RULE}：举报${TIPOFF_KIND_LABELS[input.kind]}，经核查属实的，按照行政处罚金额的15%计算奖励，最低奖励3000元，最高不超过30万元`,
    `罚款${fmt(fineFen)} × 15% = ${fmt(shareFen)}`,
  ];
  if (shareFen < minFen) basis.push(`低于最低奖励，按${fmt(minFen)}计发`);
  if (shareFen > maxFen) basis.push(`超过最高奖励，按${fmt(maxFen)}计发`);
  return { rewardYuan: yuan(rewardFen), basis };
}

function deathReward(input: RewardInput): Reward {
  if (present(input.fineYuan))
    throw new RewardInputError('fineYuan', 'not_applicable', '瞒报、谎报事故的举报不按罚款计奖');
  if (!present(input.grade)) throw new RewardInputError('grade', 'required', '请填写事故最终认定的等级');
  if (!(input.grade in REWARD_PER_DEATH_YUAN)) throw new RewardInputError('grade', 'required', '事故等级无效');
  if (!present(input.concealedDeaths))
    throw new RewardInputError('concealedDeaths', 'required', '请填写核实的瞒报、谎报死亡人数');
  const deaths = input.concealedDeaths;
  if (!Number.isSafeInteger(deaths) || deaths < 0) {
    throw new RewardInputError('concealedDeaths', 'invalid_count', '死亡人数须为不小于0的整数');
  }
  const per = REWARD_PER_DEATH_YUAN[input.grade];
  const total = Math.min(MAX_REWARD_YUAN, deaths * per);
  const basis = [
    `${RULE}：举报瞒报、谎报事故，经核查属实的，按照最终确认的事故等级和查实的瞒报谎报死亡人数给予奖励：一般事故每人3万元，较大事故每人4万元，重大事故每人5万元，特别重大事故每人6万元，最高不超过30万元`,
  ];
  if (deaths === 0) basis.push('未查实瞒报、谎报死亡人员，不予奖励');
  else
    basis.push(`${GRADE_NAMES[input.grade]}，查实瞒报、谎报死亡${deaths}人 × ${per / 10_000}万元 = ${deaths * per}元`);
  if (deaths * per > MAX_REWARD_YUAN) basis.push(`超过最高奖励，按${MAX_REWARD_YUAN}元计发`);
  return { rewardYuan: total, basis };
}

// ————————————————————————————————————————— the first reporter

export interface TipoffRef {
  id: string;
  /** Duplicates share the id of the matter they are linked to (the first tip-off's own id). */
  matterId: string;
  receivedAt: Date;
}

/**
 * The tip-offs eligible for a reward: per matter, the one received first. Two received at the same instant are
 * ordered by id (a tracking code issued later sorts later), so exactly one per matter is eligible.
 */
export function firstReporters(tipoffs: readonly TipoffRef[]): Set<string> {
  const first = new Map<string, TipoffRef>();
  for (const t of tipoffs) {
    const held = first.get(t.matterId);
    const earlier =
      !held ||
      t.receivedAt.getTime() < held.receivedAt.getTime() ||
      (t.receivedAt.getTime() === held.receivedAt.getTime() && t.id < held.id);
    if (earlier) first.set(t.matterId, t);
  }
  return new Set([...first.values()].map((t) => t.id));
}

/** 分级负责，属地办理: the county of the place concerned handles the tip-off. */
export function handlingCountyCode(placeRegionCode: string): string {
  return ancestorAt(placeRegionCode, 'county');
}

// ————————————————————————————————————————— handling clocks

export interface TipoffClockConfig {
  /** Verification from receipt (2012: 60日). */
  verificationDays: number;
  /** At most this many days more, with the next-higher department's approval (2012: 30日). */
  verificationExtensionMaxDays: number;
  /** Feedback to the reporter after the verification ends (2012: 10日). */
  feedbackDays: number;
  dueSoonDays: number;
}

export const DEFAULT_TIPOFF_CLOCKS: TipoffClockConfig = {
  verificationDays: 60,
  verificationExtensionMaxDays: 30,
  feedbackDays: 10,
  dueSoonDays: 5,
};

export interface TipoffClockFacts {
  receivedOn: LocalDate;
  /** The approved extension, days; null without one. */
  extensionDays: number | null;
  /** 核查 finished (属实, 部分属实 or 不属实 recorded). */
  verifiedOn: LocalDate | null;
  /** The result told to the reporter. */
  feedbackOn: LocalDate | null;
}

export type TipoffClock = DutyClock<'verification' | 'feedback'>;

/** The verification clock, and once verified the feedback clock. */
export function tipoffClocks(
  cal: WorkingCalendar,
  f: TipoffClockFacts,
  now: Date,
  config: TipoffClockConfig = DEFAULT_TIPOFF_CLOCKS,
): TipoffClock[] {
  checkDate(f.receivedOn, 'receivedOn');
  if (f.verifiedOn !== null) checkDate(f.verifiedOn, 'verifiedOn');
  if (f.feedbackOn !== null) checkDate(f.feedbackOn, 'feedbackOn');
  const ext = f.extensionDays;
  if (ext !== null && (!Number.isInteger(ext) || ext < 1 || ext > config.verificationExtensionMaxDays)) {
    throw new InvestigationRuleError(
      'extension_out_of_range',
      'extensionDays',
      `核查延长期限最长不超过${config.verificationExtensionMaxDays}日`,
    );
  }
  const note = '（2018年办法的期限未查得，沿用2012年《安全生产举报奖励办法》的期限作为可配置的默认值）';
  const clocks: TipoffClock[] = [
    dutyClock(cal, {
      name: 'verification',
      nominalOn: addCalendarDays(f.receivedOn, config.verificationDays + (ext ?? 0)),
      doneOn: f.verifiedOn,
      now,
      dueSoonDays: config.dueSoonDays,
      basis: `自受理举报之日起${config.verificationDays}日内核查处理完毕；情况复杂的，经上一级部门批准可延长，延长期限不超过${config.verificationExtensionMaxDays}日${note}`,
    }),
  ];
  if (f.verifiedOn !== null) {
    clocks.push(
      dutyClock(cal, {
        name: 'feedback',
        nominalOn: addCalendarDays(f.verifiedOn, config.feedbackDays),
        doneOn: f.feedbackOn,
        now,
        dueSoonDays: config.dueSoonDays,
        basis: `核查处理完毕后${config.feedbackDays}日内将处理结果告知举报人${note}`,
      }),
    );
  }
  return clocks;
}
