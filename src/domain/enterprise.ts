/**
 * The enterprise registry's terms: supervision sectors (监管行业), scale, status, and the safety licences
 * (安全生产许可证 and the sector licences) with their state on a given day and their expiry alerts.
 *
 * Licences and the sectors they belong to:
 * - 《安全生产许可证条例》(国务院令第397号) 第二条: 矿山企业、建筑施工企业和危险化学品、烟花爆竹、民用爆炸物品
 *   生产企业 must hold a 安全生产许可证 — hence 非煤矿山安全生产许可证, 危险化学品安全生产许可证, 烟花爆竹安全生产许可证.
 * - 《危险化学品安全管理条例》(国务院令第591号) 第三十三条: 危险化学品经营 needs a 危险化学品经营许可证; 第二十九条:
 *   使用危险化学品从事生产 above the published quantities needs a 危险化学品安全使用许可证.
 * - 《烟花爆竹安全管理条例》(国务院令第455号) 第十六条: 批发 and 零售 need a 烟花爆竹经营(批发)/(零售)许可证.
 * - 第九条 of 397号令: a licence is valid for 3 years; the holder applies for renewal 3 months before it expires —
 *   the reason for the first alert at 90 days; the second at 30 days; then on expiry.
 * A sector is "licensed" when operating in it requires one of its licences; an operating enterprise of a
 * licensed sector without a valid licence of that sector is listed as 无证（证照失效）经营.
 */

export const SECTORS = ['hazardous_chemicals', 'non_coal_mines', 'fireworks', 'industry_trade', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, string> = {
  hazardous_chemicals: '危险化学品',
  non_coal_mines: '非煤矿山',
  fireworks: '烟花爆竹',
  industry_trade: '工贸',
  other: '其他',
};

export const SCALES = ['large', 'medium', 'small', 'micro'] as const;
export type Scale = (typeof SCALES)[number];
export const SCALE_LABELS: Record<Scale, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'closed'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];
export const ENTERPRISE_STATUS_LABELS: Record<EnterpriseStatus, string> = {
  operating: '正常生产经营',
  suspended: '停产停业',
  closed: '关闭',
};

export const LICENCE_TYPES = [
  'hc_production',
  'hc_operation',
  'hc_use',
  'non_coal_mine',
  'fireworks_production',
  'fireworks_wholesale',
  'fireworks_retail',
] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];

export const LICENCE_TYPE_LABELS: Record<LicenceType, string> = {
  hc_production: '危险化学品安全生产许可证',
  hc_operation: '危险化学品经营许可证',
  hc_use: '危险化学品安全使用许可证',
  non_coal_mine: '非煤矿山安全生产许可证',
  fireworks_production: '烟花爆竹安全生产许可证',
  fireworks_wholesale: '烟花爆竹经营(批发)许可证',
  fireworks_retail: '烟花爆竹经营(零售)许可证',
};

/** The sector whose activity each licence permits. */
export const LICENCE_SECTOR: Record<LicenceType, Sector> = {
  hc_production: 'hazardous_chemicals',
  hc_operation: 'hazardous_chemicals',
  hc_use: 'hazardous_chemicals',
  non_coal_mine: 'non_coal_mines',
  fireworks_production: 'fireworks',
  fireworks_wholesale: 'fireworks',
  fireworks_retail: 'fireworks',
};

/** Sectors in which operating requires a licence of the sector (397号令 第二条, 591号令, 455号令). */
export const LICENSED_SECTORS: readonly Sector[] = ['hazardous_chemicals', 'non_coal_mines', 'fireworks'];

/** What the issuer recorded; 'expired' is not recorded but follows from the date (licenceState). */
export const LICENCE_RECORDED_STATUSES = ['valid', 'suspended', 'revoked'] as const;
export type LicenceRecordedStatus = (typeof LICENCE_RECORDED_STATUSES)[number];
export type LicenceState = LicenceRecordedStatus | 'expired';

export const LICENCE_STATE_LABELS: Record<LicenceState, string> = {
  valid: '有效',
  suspended: '暂扣',
  revoked: '吊销',
  expired: '过期',
};

/** Alert stages: 90 days (apply for renewal, 397号令 第九条), 30 days, and expired. */
export const EXPIRY_ALERT_DAYS = [90, 30] as const;
export type ExpiryStage = 'd90' | 'd30' | 'expired';

export const EXPIRY_STAGE_LABELS: Record<ExpiryStage, string> = {
  d90: '90日内到期',
  d30: '30日内到期',
  expired: '已过期',
};

/** Whole days from `today` to `validTo` (both 'YYYY-MM-DD', Shanghai calendar dates); negative once past. */
export function daysUntil(today: string, validTo: string): number {
  return Math.round((Date.parse(`${validTo}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The state of a licence on `today`. A licence is valid through its last day (valid_to inclusive); suspended and
 * revoked are what the issuer recorded and outrank the date.
 */
export function licenceState(recorded: LicenceRecordedStatus, validTo: string, today: string): LicenceState {
  if (recorded !== 'valid') return recorded;
  return daysUntil(today, validTo) < 0 ? 'expired' : 'valid';
}

/**
 * The alert a licence is in on `today`, or null: expired from the day after valid_to; d30 from 30 days before
 * (days left ≤ 30); d90 from 90 days before (days left ≤ 90). Suspended and revoked licences raise no expiry alert.
 */
export function expiryStage(recorded: LicenceRecordedStatus, validTo: string, today: string): ExpiryStage | null {
  if (recorded !== 'valid') return null;
  const left = daysUntil(today, validTo);
  if (left < 0) return 'expired';
  if (left <= 30) return 'd30';
  if (left <= 90) return 'd90';
  return null;
}

/**
 * The licensed sectors an operating enterprise works in without a valid licence of that sector
 * (empty: nothing missing). Suspended or closed enterprises are not operating, so nothing is missing.
 */
export function missingLicences(
  status: EnterpriseStatus,
  sectors: readonly Sector[],
  licences: readonly { type: LicenceType; state: LicenceState }[],
): Sector[] {
  if (status !== 'operating') return [];
  return sectors.filter(
    (s) => LICENSED_SECTORS.includes(s) && !licences.some((l) => l.state === 'valid' && LICENCE_SECTOR[l.type] === s),
  );
}
