/** On-site inspections (现场检查) and their evidence: contracts shared by server, web and the offline device store. */
import { z } from 'zod';
import { CHECKLIST_SECTORS, type ChecklistSector } from '../domain/checklist-library.js';
import type { DocumentKind } from '../domain/document-number.js';
import { DANGER_LEVELS, IMMEDIATE_MEASURES, RECTIFICATION_KINDS } from '../domain/hidden-danger.js';
import { datesInOrder, isoDateTime, localDate, registerFilters, requiredText, text } from './common.js';

export { CHECKLIST_SECTORS, type ChecklistSector };

/** 检查类型: by the annual plan, a 双随机 draw, a special campaign (专项), a complaint (举报核查), or a 复查. */
export const INSPECTION_KINDS = ['plan', 'random', 'special', 'complaint', 'recheck'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
/** 符合 / 不符合 / 不涉及. */
export const ITEM_RESULTS = ['conform', 'nonconform', 'not_applicable'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];
/** What a 不符合 finding becomes: a hidden danger to fix (§3), or a violation for a penalty case. */
export const DISPOSITIONS = ['danger', 'violation'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Evidence limits: a phone photo or a voice memo; the type is read from the bytes, not from the name. */
export const EVIDENCE_LIMITS = {
  photo: {
    label: '照片',
    maxBytes: 10 * 1024 * 1024,
    types: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'],
    typeNames: 'JPEG、PNG、WebP 或 HEIC 图片',
  },
  audio: {
    label: '录音',
    maxBytes: 20 * 1024 * 1024,
    types: ['audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/webm', 'audio/wav'],
    typeNames: 'MP3、M4A、OGG、WebM 或 WAV 音频',
  },
} as const;
export type EvidenceKind = keyof typeof EVIDENCE_LIMITS;
export const EVIDENCE_MAX_BYTES = EVIDENCE_LIMITS.audio.maxBytes;
/** An inspection's checklist: at most this many items (the largest template has 30; a full sector library ~40). */
export const INSPECTION_MAX_ITEMS = 200;

export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `须为 ${values.join('、')} 之一` });

const uuid = (message = '编号格式不正确') => z.uuid({ message });

/** A number sent as a form field: an empty field is no value (not 0). */
const formNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ message: '须为数字' })
      .min(min, { message: `不能小于${min}` })
      .max(max, { message: `不能大于${max}` })
      .optional(),
  );

/** The fields sent with an evidence file (multipart form fields beside `file`). */
export const evidenceFields = z
  .object({
    /** The device's id for the file: sending it again returns the same evidence (an offline retry). */
    id: uuid(),
    enterpriseId: uuid('企业编号格式不正确'),
    kind: oneOf(['photo', 'audio'] as const),
    capturedAt: isoDateTime,
    latitude: formNumber(-90, 90),
    longitude: formNumber(-180, 180),
    accuracy: formNumber(0, 100_000),
  })
  .strict()
  .refine((f) => (f.latitude === undefined) === (f.longitude === undefined), {
    message: '经度和纬度须同时提供',
    path: ['longitude'],
  });
export type EvidenceFields = z.infer<typeof evidenceFields>;

export interface EvidenceView {
  id: string;
  kind: EvidenceKind;
  sha256: string;
  contentType: string;
  size: number;
  fileName: string;
  capturedAt: string;
  location: { latitude: number; longitude: number; accuracy: number | null } | null;
  uploadedByName: string;
  uploadedAt: string;
  inspectionId: string | null;
}

/** A 不符合 item turned into a hidden danger: the order the team gives on the spot. */
export const dangerOrder = z
  .object({
    level: oneOf(DANGER_LEVELS),
    /** Default: the item's requirement and the note. */
    description: text(2000).optional(),
    rectification: oneOf(RECTIFICATION_KINDS).optional(),
    measures: text(2000).optional(),
    deadline: localDate.optional(),
    /** 重大: the 判定标准 item; default: the checklist item's. */
    standardItem: text(30).optional(),
    immediateMeasures: z.array(oneOf(IMMEDIATE_MEASURES)).max(3).optional(),
  })
  .strict();

/** A 不符合 item recorded as a violation (违法行为) for a penalty case: its legal basis. */
const violation = z
  .object({
    description: requiredText(2000),
    /** 违法依据 / 处罚依据 as the inspector writes them; default: the item's basis. */
    basis: text(500).optional(),
  })
  .strict();

export const inspectionItemInput = z
  .object({
    code: requiredText(40),
    result: oneOf(ITEM_RESULTS),
    note: text(1000).optional(),
    /** Evidence ids (uploaded first) that show this item. */
    evidence: z.array(uuid()).max(20).optional(),
    disposition: oneOf(DISPOSITIONS).optional(),
    danger: dangerOrder.optional(),
    violation: violation.optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.result !== 'nonconform') {
      // Nothing is dropped silently: a 符合 item that carries an order or a violation is a mistake to show.
      for (const field of ['disposition', 'danger', 'violation'] as const) {
        if (item[field]) ctx.addIssue({ code: 'custom', path: [field], message: '只有不符合项才需处理' });
      }
      return;
    }
    if (!item.disposition) {
      ctx.addIssue({ code: 'custom', path: ['disposition'], message: '不符合项须列为隐患或违法行为' });
      return;
    }
    if (item.disposition === 'danger' && !item.danger) {
      ctx.addIssue({ code: 'custom', path: ['danger'], message: '列为隐患须填写隐患等级和整改要求' });
    }
    if (item.disposition === 'violation' && !item.violation) {
      ctx.addIssue({ code: 'custom', path: ['violation'], message: '列为违法行为须填写违法事实' });
    }
    if (item.disposition === 'danger' && item.violation) {
      ctx.addIssue({ code: 'custom', path: ['violation'], message: '列为隐患的不符合项不填写违法事实' });
    }
    if (item.disposition === 'violation' && item.danger) {
      ctx.addIssue({ code: 'custom', path: ['danger'], message: '列为违法行为的不符合项不填写隐患整改要求' });
    }
  });
export type InspectionItemInput = z.infer<typeof inspectionItemInput>;

/** The representative signs (image optional: a PNG drawn on the device), or refuses and a witness is named (拒签). */
const signature = z.discriminatedUnion(
  'status',
  [
    z
      .object({
        status: z.literal('signed'),
        representativeName: requiredText(50),
        /** data:image/png;base64,… (at most ~200 KB). */
        image: z
          .string()
          .max(280_000, { message: '签名图片过大' })
          .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, { message: '签名须为 PNG 图片' })
          .optional(),
      })
      .strict(),
    z
      .object({
        status: z.literal('refused'),
        representativeName: requiredText(50),
        /** 拒签: the witness's name and unit. */
        witness: requiredText(100),
      })
      .strict(),
  ],
  { message: '签字状态须为 signed（已签字）或 refused（拒签）' },
);

export const createInspectionBody = z
  .object({
    enterpriseId: uuid('企业编号格式不正确'),
    kind: oneOf(INSPECTION_KINDS),
    planItemId: uuid().optional(),
    startedAt: isoDateTime,
    finishedAt: isoDateTime,
    place: requiredText(200),
    /** The officers (user ids): at least two, each with an 执法证号 (行政处罚法 第四十二条). */
    team: z.array(uuid()).min(2, { message: '检查人员不得少于两人' }).max(10),
    items: z
      .array(inspectionItemInput)
      .min(1, { message: '至少检查一项' })
      .max(INSPECTION_MAX_ITEMS, { message: `检查项不能超过${INSPECTION_MAX_ITEMS}项` }),
    findings: requiredText(4000),
    /** Evidence of the whole inspection, beside the items' own. */
    evidence: z.array(uuid()).max(50).optional(),
    signature,
  })
  .strict()
  .refine((b) => Date.parse(b.finishedAt) >= Date.parse(b.startedAt), {
    message: '结束时间不能早于开始时间',
    path: ['finishedAt'],
  })
  // 计划检查 carries out a plan item; another kind of inspection does not count for a plan by its item.
  .refine((b) => !b.planItemId || b.kind === 'plan', {
    message: '只有计划检查（kind: plan）才对应监督检查计划中的检查项',
    path: ['planItemId'],
  })
  // An inspection is one visit (a large site may take three days), not a span that would date it anywhere.
  .refine((b) => Date.parse(b.finishedAt) - Date.parse(b.startedAt) <= 72 * 3600_000, {
    message: '一次现场检查不超过72小时，更长的请分次记录',
    path: ['finishedAt'],
  })
  .refine((b) => new Set(b.items.map((i) => i.code)).size === b.items.length, {
    message: '检查项不能重复',
    path: ['items'],
  })
  .refine((b) => new Set(b.team).size === b.team.length, { message: '检查人员不能重复', path: ['team'] });
export type CreateInspectionInput = z.infer<typeof createInspectionBody>;

export const inspectionListQuery = z
  .object({
    ...registerFilters,
    kind: oneOf(INSPECTION_KINDS).optional(),
    /** with: at least one 不符合 item; clean: none. */
    status: oneOf(['with_findings', 'clean']).optional(),
  })
  .strict()
  .refine(...datesInOrder);
export type InspectionListQuery = z.infer<typeof inspectionListQuery>;

export const checklistQuery = z.object({ sector: oneOf(CHECKLIST_SECTORS).optional() }).strict();

export interface TeamMember {
  userId: string;
  name: string;
  cert: string;
}

export interface InspectionItemView {
  code: string;
  sector: ChecklistSector;
  group: string;
  requirement: string;
  basis: { law: string; article: string; text: string };
  result: ItemResult;
  note: string | null;
  evidence: string[];
  disposition: Disposition | null;
  dangerId: string | null;
  violation: { description: string; basis: string } | null;
}

export interface InspectionSummary {
  id: string;
  regionCode: string;
  regionName: string;
  enterprise: { id: string; name: string };
  bureauName: string;
  kind: InspectionKind;
  inspectedOn: string;
  place: string;
  team: TeamMember[];
  itemCount: number;
  nonconforming: number;
  recordedByName: string;
}

/** A 文书 issued for an inspection, in the name of its issuing bureau. */
export interface InspectionDocument {
  id: string;
  kind: DocumentKind;
  number: string;
  issuedAt: string;
  issuerOrg: string;
}

export interface InspectionView extends InspectionSummary {
  planItemId: string | null;
  startedAt: string;
  finishedAt: string;
  items: InspectionItemView[];
  findings: string;
  signature:
    | { status: 'signed'; representativeName: string; hasImage: boolean }
    | { status: 'refused'; representativeName: string; witness: string };
  evidence: EvidenceView[];
  dangers: { id: string; level: string; description: string; status: string }[];
  documents: InspectionDocument[];
  recordedAt: string;
}

export interface InspectionPage {
  items: InspectionSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** A certified officer of the bureau's jurisdiction, for the team picker. */
export interface OfficerView {
  userId: string;
  /** The officer's bureau's region. */
  regionCode: string;
  name: string;
  cert: string;
  orgName: string;
}
