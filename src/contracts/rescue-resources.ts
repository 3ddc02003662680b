/**
 * 应急资源 contracts (issue 12 §2), shared by server and web: rescue teams, equipment and stockpiles, experts, and the
 * rescue agreements (救助协议) between teams and enterprises. Rules: domain/geo.ts (distances), domain/rescue-coverage.ts
 * (who must be covered). The incidents module imports SPECIALTIES and RESOURCE_KINDS from here.
 */
import { z } from 'zod';
import { AGREEMENT_STATE_LABELS, type AgreementState } from '../domain/rescue-coverage.js';
import { count, idempotencyHeaders, localDate, pageQuery, regionCode, requiredText, text } from './common.js';
import { phone } from './enterprises.js';

export { AGREEMENT_STATE_LABELS, type AgreementState, idempotencyHeaders };

/** 专业: the agreed codes (issue 12 shared schema), with their zh-CN labels. */
export const SPECIALTIES = [
  'mine',
  'hazchem',
  'oil_gas',
  'water_rescue',
  'fire',
  'medical',
  'construction',
  'power',
  'other',
] as const;
export type Specialty = (typeof SPECIALTIES)[number];
export const SPECIALTY_LABELS: Record<Specialty, string> = {
  mine: '矿山',
  hazchem: '危化',
  oil_gas: '油气',
  water_rescue: '水上搜救',
  fire: '消防',
  medical: '医疗救护',
  construction: '建筑施工',
  power: '电力',
  other: '其他',
};

export const RESOURCE_KINDS = ['team', 'equipment', 'expert'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  team: '救援队伍',
  equipment: '装备物资',
  expert: '专家',
};

export const TEAM_LEVELS = ['national', 'provincial', 'city', 'county', 'enterprise'] as const;
export type TeamLevel = (typeof TEAM_LEVELS)[number];
export const TEAM_LEVEL_LABELS: Record<TeamLevel, string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  county: '县级',
  enterprise: '企业',
};

/**
 * The team levels a bureau of this administrative level may register (分级负责): its own level or below — a national
 * team only by the national bureau, a provincial one by a province or above, …; an enterprise team by any bureau.
 */
export function teamLevelsFor(regionLevel: 'national' | 'province' | 'city' | 'county' | 'town'): readonly TeamLevel[] {
  const rank: Record<typeof regionLevel, number> = { national: 0, province: 1, city: 2, county: 3, town: 4 };
  return TEAM_LEVELS.filter((l, i) => l === 'enterprise' || i >= rank[regionLevel]);
}

/** A team's readiness (战备状态). */
export const READINESS = ['ready', 'limited', 'unavailable'] as const;
export type Readiness = (typeof READINESS)[number];
export const READINESS_LABELS: Record<Readiness, string> = {
  ready: '随时待命',
  limited: '部分可用',
  unavailable: '暂不可用',
};

/** An expert's availability. */
export const AVAILABILITY = ['available', 'limited', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITY)[number];
export const AVAILABILITY_LABELS: Record<Availability, string> = {
  available: '可随时参与',
  limited: '需提前联系',
  unavailable: '暂不可参与',
};

export const EQUIPMENT_CATEGORIES = ['equipment', 'stockpile'] as const;
export type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number];
export const EQUIPMENT_CATEGORY_LABELS: Record<EquipmentCategory, string> = {
  equipment: '救援装备',
  stockpile: '应急物资储备',
};

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `须为 ${values.join('、')} 之一` });

const uuid = (message = '编号格式不正确') => z.uuid({ message });

/** WGS84 degrees inside China's extent (the columns' checks). */
export const longitude = z
  .number({ message: '须为数字（经度）' })
  .min(73, { message: '经度须在73至136之间' })
  .max(136, { message: '经度须在73至136之间' });
export const latitude = z
  .number({ message: '须为数字（纬度）' })
  .min(3, { message: '纬度须在3至54之间' })
  .max(54, { message: '纬度须在3至54之间' });

const specialties = z
  .array(oneOf(SPECIALTIES))
  .min(1, { message: '至少选择一个专业' })
  .max(SPECIALTIES.length)
  .refine((a) => new Set(a).size === a.length, { message: '专业不能重复' });

const commonFields = {
  name: requiredText(200),
  /** The owner's region: a region of the actor's jurisdiction (an enterprise's resource: the enterprise's region). */
  regionCode: regionCode.optional(),
  specialties,
  lng: longitude,
  lat: latitude,
  address: text(300).default(''),
  /** The enterprise owning a team (level enterprise) or equipment. */
  enterpriseId: uuid('企业编号格式不正确').optional(),
  contactName: text(50).optional(),
  contactPhone: phone.optional(),
  note: text(1000).optional(),
};

const teamFields = z
  .object({
    kind: z.literal('team'),
    ...commonFields,
    level: oneOf(TEAM_LEVELS),
    members: count,
    dutyPhone: phone,
    readiness: oneOf(READINESS).default('ready'),
  })
  .strict();

const equipmentFields = z
  .object({
    kind: z.literal('equipment'),
    ...commonFields,
    category: oneOf(EQUIPMENT_CATEGORIES).default('equipment'),
    equipmentType: requiredText(100),
    quantity: z
      .number({ message: '须为数字' })
      .min(0, { message: '不能为负数' })
      .max(1e10, { message: '数值过大' })
      .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, { message: '最多两位小数' }),
    unit: requiredText(10),
    ownerName: requiredText(200),
    maintainedOn: localDate.optional(),
    nextMaintenanceOn: localDate.optional(),
  })
  .strict();

const expertFields = z
  .object({
    kind: z.literal('expert'),
    ...commonFields,
    contactPhone: phone,
    organization: text(200).optional(),
    title: text(50).optional(),
    availability: oneOf(AVAILABILITY).default('available'),
  })
  .strict();

const maintenanceInOrder = (b: { kind: string; maintainedOn?: string; nextMaintenanceOn?: string }) =>
  b.kind !== 'equipment' || !b.maintainedOn || !b.nextMaintenanceOn || b.maintainedOn <= b.nextMaintenanceOn;

const teamLevelOwner = (b: { kind: string; level?: string; enterpriseId?: string | undefined }) =>
  b.kind !== 'team' || (b.level === 'enterprise') === (b.enterpriseId !== undefined);

/** POST /api/rescue-resources: a team, equipment or an expert (by `kind`). */
export const createResourceBody = z
  .discriminatedUnion('kind', [teamFields, equipmentFields, expertFields], {
    message: '须为 team、equipment、expert 之一',
  })
  .refine(maintenanceInOrder, { message: '下次维护日期不能早于上次维护日期', path: ['nextMaintenanceOn'] })
  .refine(teamLevelOwner, { message: '企业救援队伍须注明所属企业，其他级别的队伍不属于企业', path: ['enterpriseId'] });
export type CreateResourceInput = z.infer<typeof createResourceBody>;

/** PUT /api/rescue-resources/:id: the whole record again, with the version it was read at (a new revision). */
export const updateResourceBody = z
  .discriminatedUnion(
    'kind',
    [
      teamFields.extend({ version: z.number().int().min(1) }),
      equipmentFields.extend({ version: z.number().int().min(1) }),
      expertFields.extend({ version: z.number().int().min(1) }),
    ],
    { message: '须为 team、equipment、expert 之一' },
  )
  .refine(maintenanceInOrder, { message: '下次维护日期不能早于上次维护日期', path: ['nextMaintenanceOn'] })
  .refine(teamLevelOwner, { message: '企业救援队伍须注明所属企业，其他级别的队伍不属于企业', path: ['enterpriseId'] });
export type UpdateResourceInput = z.infer<typeof updateResourceBody>;

export const retireBody = z.object({ reason: requiredText(500), version: z.number().int().min(1) }).strict();
export type RetireInput = z.infer<typeof retireBody>;

export const resourceListQuery = z
  .object({
    kind: oneOf(RESOURCE_KINDS).optional(),
    specialty: oneOf(SPECIALTIES).optional(),
    regionCode: regionCode.optional(),
    level: oneOf(TEAM_LEVELS).optional(),
    /** Name or address contains. */
    q: text(50).optional(),
    /** true: retired resources as well. */
    retired: z.enum(['true', 'false'], { message: '须为 true 或 false' }).default('false'),
    ...pageQuery,
  })
  .strict();
export type ResourceListQuery = z.infer<typeof resourceListQuery>;

const coordinate = (schema: z.ZodNumber) => z.coerce.number({ message: '须为数字' }).pipe(schema);

/**
 * GET /api/rescue-resources/nearest: from a point (lng, lat) or an accident's location (accidentId); the nearest by
 * straight-line distance, within the actor's region subtree (or `regionCode` inside it).
 */
export const nearestQuery = z
  .object({
    lng: coordinate(longitude).optional(),
    lat: coordinate(latitude).optional(),
    accidentId: uuid('事故编号格式不正确').optional(),
    kind: oneOf(RESOURCE_KINDS).optional(),
    specialty: oneOf(SPECIALTIES).optional(),
    regionCode: regionCode.optional(),
    limit: z.coerce.number({ message: '须为数字' }).int({ message: '须为整数' }).min(1).max(100).default(10),
  })
  .strict()
  .refine((q) => (q.accidentId !== undefined) !== (q.lng !== undefined || q.lat !== undefined), {
    message: '须给出坐标（lng、lat）或事故编号（accidentId）之一',
    path: ['lng'],
  })
  .refine((q) => q.accidentId !== undefined || (q.lng !== undefined && q.lat !== undefined), {
    message: '经度和纬度须同时给出',
    path: ['lat'],
  });
export type NearestQuery = z.infer<typeof nearestQuery>;

export const createAgreementBody = z
  .object({
    enterpriseId: uuid('企业编号格式不正确'),
    teamId: uuid('救援队伍编号格式不正确'),
    number: text(60).optional(),
    signedOn: localDate.optional(),
    validFrom: localDate,
    validTo: localDate,
    scope: text(1000).optional(),
    note: text(1000).optional(),
  })
  .strict()
  .refine((b) => b.validFrom <= b.validTo, { message: '有效期至不能早于有效期起', path: ['validTo'] })
  .refine((b) => !b.signedOn || b.signedOn <= b.validFrom, { message: '签订日期不能晚于有效期起', path: ['signedOn'] });
export type CreateAgreementInput = z.infer<typeof createAgreementBody>;

export const updateAgreementBody = z
  .object({
    teamId: uuid('救援队伍编号格式不正确'),
    number: text(60).optional(),
    signedOn: localDate.optional(),
    validFrom: localDate,
    validTo: localDate,
    scope: text(1000).optional(),
    note: text(1000).optional(),
    version: z.number().int().min(1),
  })
  .strict()
  .refine((b) => b.validFrom <= b.validTo, { message: '有效期至不能早于有效期起', path: ['validTo'] })
  .refine((b) => !b.signedOn || b.signedOn <= b.validFrom, { message: '签订日期不能晚于有效期起', path: ['signedOn'] });
export type UpdateAgreementInput = z.infer<typeof updateAgreementBody>;

const AGREEMENT_STATES = Object.keys(AGREEMENT_STATE_LABELS) as [AgreementState, ...AgreementState[]];

export const agreementListQuery = z
  .object({
    regionCode: regionCode.optional(),
    enterpriseId: uuid('企业编号格式不正确').optional(),
    teamId: uuid('救援队伍编号格式不正确').optional(),
    /** The state on `on` (default today, Asia/Shanghai). */
    state: oneOf(AGREEMENT_STATES).optional(),
    on: localDate.optional(),
    ...pageQuery,
  })
  .strict();
export type AgreementListQuery = z.infer<typeof agreementListQuery>;

export const uncoveredQuery = z
  .object({
    regionCode: regionCode.optional(),
    /** The day the agreements must be valid on (default today, Asia/Shanghai). */
    on: localDate.optional(),
    ...pageQuery,
  })
  .strict();
export type UncoveredQuery = z.infer<typeof uncoveredQuery>;

export const resourceStatsQuery = z
  .object({
    regionCode: regionCode.optional(),
    /** Resources and agreements as they stood at the end of this day (default today, Asia/Shanghai). */
    on: localDate.optional(),
  })
  .strict();
export type ResourceStatsQuery = z.infer<typeof resourceStatsQuery>;

export const resourceExportQuery = z
  .object({
    kind: oneOf(RESOURCE_KINDS).optional(),
    specialty: oneOf(SPECIALTIES).optional(),
    regionCode: regionCode.optional(),
    q: text(50).optional(),
  })
  .strict();
export type ResourceExportQuery = z.infer<typeof resourceExportQuery>;

export const resourceImportQuery = z
  .object({ dryRun: z.enum(['true', 'false'], { message: '须为 true 或 false' }).default('false') })
  .strict();

// ————————————————————————————————————————— views

export interface RescueResource {
  id: string;
  kind: ResourceKind;
  regionCode: string;
  regionName: string;
  name: string;
  specialties: Specialty[];
  lng: number;
  lat: number;
  address: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
  /** team */
  level: TeamLevel | null;
  members: number | null;
  dutyPhone: string | null;
  readiness: Readiness | null;
  /** equipment */
  category: EquipmentCategory | null;
  equipmentType: string | null;
  quantity: number | null;
  unit: string | null;
  ownerName: string | null;
  maintainedOn: string | null;
  nextMaintenanceOn: string | null;
  /** expert */
  organization: string | null;
  title: string | null;
  availability: Availability | null;
  retiredAt: string | null;
  retireReason: string | null;
  version: number;
  updatedAt: string;
}

export interface ResourceRevision {
  version: number;
  change: 'create' | 'update' | 'retire' | 'import';
  at: string;
  actorName: string;
  data: unknown;
}

export interface RescueResourceDetail extends RescueResource {
  /** Committed to an open incident (a task not withdrawn), as in the nearest searches; the incident is null for a
   * department user not invited to it. */
  busy: boolean;
  busyIncidentId: string | null;
  revisions: ResourceRevision[];
  /** A team's agreements (救助协议) with enterprises, the caller may see. */
  agreements: RescueAgreement[];
}

export interface ResourcePage {
  items: RescueResource[];
  total: number;
  page: number;
  pageSize: number;
}

export interface NearestItem extends RescueResource {
  /** Great-circle distance from the point, km to 0.01 (domain/geo.ts haversineKm). */
  distanceKm: number;
  /** Committed to an open incident (a task not withdrawn): 已调派, shown as busy everywhere (issue 12 §3). */
  busy: boolean;
  busyIncidentId: string | null;
}

export interface NearestResult {
  origin: { lng: number; lat: number; source: 'point' | 'enterprise' | 'county_seat' | 'region'; label: string | null };
  items: NearestItem[];
}

export interface RescueAgreement {
  id: string;
  regionCode: string;
  regionName: string;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  teamId: string;
  teamName: string;
  teamLevel: TeamLevel | null;
  number: string | null;
  signedOn: string | null;
  validFrom: string;
  validTo: string;
  scope: string | null;
  note: string | null;
  state: AgreementState;
  retiredAt: string | null;
  version: number;
  updatedAt: string;
}

export interface AgreementPage {
  items: RescueAgreement[];
  total: number;
  page: number;
  pageSize: number;
}

export interface UncoveredEnterprise {
  id: string;
  name: string;
  creditCode: string;
  regionCode: string;
  regionName: string;
  industryCode: string;
  sectors: string[];
  scale: string | null;
  address: string;
  /** The last agreement's end, if it had one that has expired. */
  lastAgreementTo: string | null;
}

export interface UncoveredPage {
  on: string;
  items: UncoveredEnterprise[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ResourceStatsRow {
  regionCode: string;
  regionName: string;
  /** Operating enterprises of the 第十条 classes, those with a team, with a valid agreement, and with neither. */
  highRisk: number;
  ownTeam: number;
  agreement: number;
  uncovered: number;
  teams: number;
  teamMembers: number;
  equipment: number;
  experts: number;
  /** Per specialty: teams, equipment records and experts that have it (a resource counts once per specialty). */
  bySpecialty: Record<Specialty, { teams: number; equipment: number; experts: number }>;
}

export interface ResourceStats {
  regionCode: string;
  on: string;
  rows: ResourceStatsRow[];
  total: ResourceStatsRow;
}
