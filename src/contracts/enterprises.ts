/** Enterprise registry (企业) and licence (许可证) contracts, shared by server and web. */
import { z } from 'zod';
import { isIndustryCode } from '../domain/codes.js';
import {
  ENTERPRISE_STATUSES,
  type EnterpriseStatus,
  type ExpiryStage,
  LICENCE_RECORDED_STATUSES,
  LICENCE_TYPES,
  type LicenceRecordedStatus,
  type LicenceState,
  type LicenceType,
  SCALES,
  type Scale,
  SECTORS,
  type Sector,
} from '../domain/enterprise.js';
import { count, creditCode, expecting, pageQuery, requiredText, text } from './common.js';

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `须为 ${values.join('、')} 之一` });

export const regionCodeParam = z.string().regex(/^\d{6}(\d{3})?$/, { message: '须为6位或9位行政区划代码' });

/** A county (6 digits) or town (9 digits) code; that it exists and is a county or town is checked by the service. */
const placeCode = z.string().regex(/^\d{6}(\d{3})?$/, { message: '须为6位县级或9位乡镇行政区划代码' });

const industryCode = z.string().trim().refine(isIndustryCode, {
  message: '须为 GB/T 4754-2017 门类字母或门类+大类（如 C26）',
});

export const phone = z
  .string(expecting('须为文本'))
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, { message: '须为电话号码（数字，可含 - 和括号）' });

const person = text(50);

/** Calendar date 'YYYY-MM-DD' (Asia/Shanghai), years 1949–2100. */
export const isoDate = z.iso.date({ message: '须为日期，如 2026-12-01' }).refine(
  (s) => {
    const year = Number(s.slice(0, 4));
    return year >= 1949 && year <= 2100;
  },
  { message: '年份须在1949年至2100年之间' },
);

const sectors = z
  .array(oneOf(SECTORS), { message: '须为监管行业的数组' })
  .min(1, { message: '至少选择一个监管行业' })
  .max(SECTORS.length)
  .refine((s) => new Set(s).size === s.length, { message: '监管行业不能重复' });

const enterpriseFields = {
  name: requiredText(200),
  regionCode: placeCode,
  address: requiredText(300),
  longitude: z.number(expecting('须为数字')).min(73).max(136, { message: '经度须在73至136之间' }).nullable(),
  latitude: z.number(expecting('须为数字')).min(3).max(54, { message: '纬度须在3至54之间' }).nullable(),
  industryCode,
  sectors,
  scale: oneOf(SCALES).nullable(),
  legalRepresentative: person.nullable(),
  principalName: person.nullable(),
  principalPhone: phone.nullable(),
  safetyManagerName: person.nullable(),
  safetyManagerPhone: phone.nullable(),
  employees: count.nullable(),
  status: oneOf(ENTERPRISE_STATUSES),
};

const enterpriseObject = z.object(enterpriseFields);

/** Optional when creating: where, who and what is known later may be filled in later. */
const OPTIONAL_ON_CREATE = {
  longitude: true,
  latitude: true,
  scale: true,
  legalRepresentative: true,
  principalName: true,
  principalPhone: true,
  safetyManagerName: true,
  safetyManagerPhone: true,
  employees: true,
} as const;

export const createEnterpriseBody = enterpriseObject
  .partial(OPTIONAL_ON_CREATE)
  .extend({ creditCode, status: enterpriseFields.status.default('operating') })
  .strict();
export type CreateEnterpriseInput = z.infer<typeof createEnterpriseBody>;

/**
 * A partial update; `null` clears an optional field. The credit code never changes (another code is another legal
 * person). `version`, when given, must be the version read (409 VERSION_CONFLICT otherwise).
 */
export const updateEnterpriseBody = enterpriseObject
  .partial()
  .extend({ version: z.number().int().min(1).optional() })
  .strict();
export type UpdateEnterpriseInput = z.infer<typeof updateEnterpriseBody>;

const flag = z.enum(['true', 'false'], { message: '须为 true 或 false' }).transform((v) => v === 'true');

export const enterpriseListQuery = z
  .object({
    /** Name, address (Chinese fuzzy match) or credit code (prefix). */
    q: text(100).optional(),
    regionCode: regionCodeParam.optional(),
    sector: oneOf(SECTORS).optional(),
    status: oneOf(ENTERPRISE_STATUSES).optional(),
    /** 门类 letter (C) or 门类+大类 (C26). */
    industry: industryCode.optional(),
    /** true: only enterprises with at least one 重大危险源. */
    majorHazard: flag.optional(),
    ...pageQuery,
  })
  .strict();
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;

export interface EnterpriseListItem {
  id: string;
  creditCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  address: string;
  longitude: number | null;
  latitude: number | null;
  industryCode: string;
  sectors: Sector[];
  scale: Scale | null;
  status: EnterpriseStatus;
  employees: number | null;
  majorHazardCount: number;
  topHazardGrade: number | null;
}

export interface EnterpriseView extends EnterpriseListItem {
  legalRepresentative: string | null;
  principalName: string | null;
  principalPhone: string | null;
  safetyManagerName: string | null;
  safetyManagerPhone: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  licences: LicenceView[];
  /** Licensed sectors (危险化学品, 非煤矿山, 烟花爆竹) it operates in without a valid licence of the sector. */
  missingLicences: Sector[];
}

export interface EnterprisePage {
  items: EnterpriseListItem[];
  total: number;
  page: number;
  pageSize: number;
}

// ————————————————————————————————————————— licences

const licenceFields = {
  type: oneOf(LICENCE_TYPES),
  number: requiredText(60),
  scope: text(1000).nullable(),
  issuer: requiredText(100),
  validFrom: isoDate,
  validTo: isoDate,
  status: oneOf(LICENCE_RECORDED_STATUSES),
};

const validToAfterFrom = (
  b: { validFrom?: string | undefined; validTo?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (b.validFrom && b.validTo && b.validTo < b.validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: '有效期截止日期不能早于起始日期' });
  }
};

export const createLicenceBody = z
  .object({
    ...licenceFields,
    scope: licenceFields.scope.optional(),
    status: licenceFields.status.default('valid'),
  })
  .strict()
  .superRefine(validToAfterFrom);
export type CreateLicenceInput = z.infer<typeof createLicenceBody>;

export const updateLicenceBody = z
  .object({
    number: licenceFields.number.optional(),
    scope: licenceFields.scope.optional(),
    issuer: licenceFields.issuer.optional(),
    validFrom: licenceFields.validFrom.optional(),
    validTo: licenceFields.validTo.optional(),
    status: licenceFields.status.optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict()
  .superRefine(validToAfterFrom);
export type UpdateLicenceInput = z.infer<typeof updateLicenceBody>;

export interface LicenceView {
  id: string;
  enterpriseId: string;
  regionCode: string;
  type: LicenceType;
  typeName: string;
  number: string;
  scope: string | null;
  issuer: string;
  validFrom: string;
  validTo: string;
  recordedStatus: LicenceRecordedStatus;
  /** On today's date (Asia/Shanghai): expired once valid_to has passed. */
  state: LicenceState;
  daysLeft: number;
  alert: ExpiryStage | null;
  version: number;
}

export const licenceAlertQuery = z
  .object({
    regionCode: regionCodeParam.optional(),
    /** Only this stage; default all three (90 days, 30 days, expired). */
    stage: oneOf(['d90', 'd30', 'expired'] as const).optional(),
    ...pageQuery,
  })
  .strict();
export type LicenceAlertQuery = z.infer<typeof licenceAlertQuery>;

export interface LicenceAlert extends LicenceView {
  enterpriseName: string;
  creditCode: string;
  regionName: string;
}

export interface LicenceAlertPage {
  items: LicenceAlert[];
  total: number;
  counts: Record<ExpiryStage, number>;
  asOf: string;
  page: number;
  pageSize: number;
}

export const unlicensedQuery = z
  .object({
    regionCode: regionCodeParam.optional(),
    sector: oneOf(['hazardous_chemicals', 'non_coal_mines', 'fireworks'] as const).optional(),
    ...pageQuery,
  })
  .strict();
export type UnlicensedQuery = z.infer<typeof unlicensedQuery>;

export interface UnlicensedRow extends EnterpriseListItem {
  missingSectors: Sector[];
}
