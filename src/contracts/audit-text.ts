/**
 * The audit trail (留痕) in words, for the screen (components/audit.tsx) and the export (server audit/export.ts):
 * action, record and field labels, code values named, and the fields that changed between before and after.
 * Takes the i18n translate function of its caller: the browser's, or the server's zh-CN one.
 */
import type { TFunction } from 'i18next';
import { shanghaiMinute } from '../domain/time.js';

/** Field → i18n key of its label, in display order (figures first); other fields follow by name. */
const FIELD_LABEL_KEYS: Record<string, string> = {
  grade: 'accident.grade',
  deaths: 'accident.deaths',
  missing: 'accident.missing',
  seriousInjuries: 'accident.seriousInjuries',
  minorInjuries: 'accident.minorInjuries',
  directLossYuan: 'accident.directLossYuan',
  holderLevel: 'accident.holder',
  level: 'audit.fields.level',
  skippedLevels: 'audit.fields.skippedLevels',
  late: 'audit.fields.late',
  revision: 'audit.fields.revision',
  outsideWindow: 'detail.outsideWindow',
  note: 'detail.note',
  occurredAt: 'accident.occurredAt',
  receivedAt: 'accident.receivedAt',
  regionCode: 'accident.regionShort',
  unitName: 'accident.unitName',
  unitCreditCode: 'accident.unitCreditCode',
  address: 'accident.address',
  industryCode: 'accident.industryCode',
  accidentType: 'accident.accidentType',
  domain: 'accident.domain',
  summary: 'accident.summary',
  measuresTaken: 'accident.measuresTaken',
  reporterName: 'accident.reporterName',
  reporterPhone: 'accident.reporterPhone',
  startsAt: 'duty.startsAt',
  endsAt: 'duty.endsAt',
  leaderName: 'duty.leaderName',
  officers: 'duty.officers',
  phone: 'duty.phone',
  enforcementCert: 'audit.fields.enforcementCert',
  orgName: 'duty.org',
  onDutyNow: 'duty.onDutyNow',
  notes: 'duty.handoverNotes',
  pendingItems: 'duty.pendingItems',
  receivedByName: 'duty.receivedByName',
  handedBy: 'duty.handedOverBy',
  channel: 'duty.channel',
  callerName: 'duty.callerName',
  callerPhone: 'duty.callerPhone',
  callerUnit: 'duty.callerUnit',
  content: 'duty.content',
  accidentRegionCode: 'duty.accidentRegion',
  loggedBy: 'duty.loggedBy',
  name: 'audit.fields.name',
  creditCode: 'audit.fields.creditCode',
  legalRepresentative: 'audit.fields.legalRepresentative',
  principalName: 'audit.fields.principalName',
  principalPhone: 'audit.fields.principalPhone',
  safetyManagerName: 'audit.fields.safetyManagerName',
  safetyManagerPhone: 'audit.fields.safetyManagerPhone',
  employees: 'audit.fields.employees',
  scale: 'audit.fields.scale',
  sectors: 'audit.fields.sectors',
  status: 'audit.fields.status',
  longitude: 'audit.fields.longitude',
  latitude: 'audit.fields.latitude',
  type: 'audit.fields.type',
  number: 'audit.fields.number',
  issuer: 'audit.fields.issuer',
  scope: 'audit.fields.scope',
  validFrom: 'audit.fields.validFrom',
  validTo: 'audit.fields.validTo',
  kind: 'audit.fields.kind',
  operationName: 'audit.fields.operationName',
  technicalName: 'audit.fields.technicalName',
  substances: 'audit.fields.substances',
  exposedPeople: 'audit.fields.exposedPeople',
  s: 'audit.fields.s',
  r: 'audit.fields.r',
  isMajor: 'audit.fields.isMajor',
  filingStatus: 'audit.fields.filingStatus',
  filingNo: 'audit.fields.filingNo',
  filedAt: 'audit.fields.filedAt',
  retiredAt: 'audit.fields.retiredAt',
  startsOn: 'audit.fields.startsOn',
  endsOn: 'audit.fields.endsOn',
  units: 'audit.fields.units',
  majorUnits: 'audit.fields.majorUnits',
  year: 'audit.fields.year',
  accidentCap: 'audit.fields.accidentCap',
  deathCap: 'audit.fields.deathCap',
  largerAccidentCap: 'audit.fields.largerAccidentCap',
  accidentReductionPct: 'audit.fields.accidentReductionPct',
  deathReductionPct: 'audit.fields.deathReductionPct',
  version: 'audit.fields.version',
  setAt: 'audit.fields.setAt',
  setByName: 'audit.fields.setByName',
  lockedUntil: 'audit.fields.lockedUntil',
  failures: 'audit.fields.failures',
  dangerLevel: 'audit.fields.dangerLevel',
  source: 'audit.fields.source',
  deadline: 'audit.fields.deadline',
  rectification: 'audit.fields.rectification',
  completedOn: 'audit.fields.completedOn',
  completionNote: 'audit.fields.completionNote',
  recheckDueOn: 'audit.fields.recheckDueOn',
  recheckedOn: 'audit.fields.recheckedOn',
  recheckPassed: 'audit.fields.recheckPassed',
  passed: 'audit.fields.passed',
  suggestPenalty: 'audit.fields.suggestPenalty',
  closedAt: 'audit.fields.closedAt',
  closedOn: 'audit.fields.closedOn',
  supervised: 'audit.fields.supervised',
  plan: 'audit.fields.plan',
  planFiledAt: 'audit.fields.planFiledAt',
  newDeadline: 'audit.fields.newDeadline',
  answerDueOn: 'audit.fields.answerDueOn',
  evidence: 'audit.fields.evidence',
  goals: 'audit.fields.goals',
  methods: 'audit.fields.methods',
  funds: 'audit.fields.funds',
  organisation: 'audit.fields.organisation',
  timeLimit: 'audit.fields.timeLimit',
  safetyMeasures: 'audit.fields.safetyMeasures',
};
const FIELD_ORDER = new Map(Object.keys(FIELD_LABEL_KEYS).map((f, i) => [f, i]));

/** Identifiers and bookkeeping that say nothing to a reader. */
const HIDDEN_FIELDS = new Set([
  'id',
  'orgId',
  'shiftId',
  'accidentId',
  'createdAt',
  'enterpriseId',
  'censusId',
  'importId',
  'extensionId',
]);

/** Rows of the registry are logged as stored (credit_code): one label for both spellings. */
const camel = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function actionLabel(t: TFunction, action: string): string {
  return t(`auditAction.${action}`, { defaultValue: action });
}

export function entityLabel(t: TFunction, entityType: string): string {
  return t(`audit.entity.${entityType}`, { defaultValue: entityType });
}

export function fieldLabel(t: TFunction, field: string): string {
  const key = FIELD_LABEL_KEYS[camel(field)];
  return key ? t(key) : field;
}

/** Fields whose values are codes, and the code tables that name them (the first that knows the code wins). */
const CODE_TABLES: Record<string, string[]> = {
  sectors: ['sector'],
  scale: ['scale'],
  status: ['enterpriseStatus', 'licenceState'],
  type: ['licenceType'],
  kind: ['unitKind'],
  filingStatus: ['audit.filing'],
  dangerLevel: ['danger.level'],
  source: ['danger.source'],
  rectification: ['danger.rectification'],
};

function codeName(t: TFunction, field: string, code: string): string | undefined {
  for (const table of CODE_TABLES[camel(field)] ?? []) {
    const name = t(`${table}.${code}`, { defaultValue: '' });
    if (name) return name;
  }
  return undefined;
}

/** A value as a reader wants it: times local, codes translated, people by name. */
export function formatAuditValue(t: TFunction, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return v.toLocaleString('zh-CN');
  if (typeof v === 'string') {
    if (field === 'grade') return t(`grade.${v}`, { defaultValue: v });
    if (field === 'holderLevel' || field === 'level') return t(`level.${v}`, { defaultValue: v });
    if (field === 'domain') return t(`domain.${v}`, { defaultValue: v });
    if (field === 'channel') return t(`duty.channels.${v}`, { defaultValue: v });
    const named = codeName(t, field, v);
    if (named) return named;
    if (ISO_INSTANT.test(v)) return shanghaiMinute(new Date(v));
    return v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    const level = field === 'skippedLevels';
    return v.map((x) => (level && typeof x === 'string' ? t(`level.${x}`) : formatAuditValue(t, field, x))).join('、');
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    return Object.entries(o)
      .map(([k, x]) => `${fieldLabel(t, k)} ${formatAuditValue(t, k, x)}`)
      .join('，');
  }
  return String(v);
}

export interface AuditChange {
  field: string;
  from: unknown;
  to: unknown;
  /** Only an after value (a record created) or only a before value. */
  kind: 'changed' | 'set' | 'removed';
}

function asObject(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The fields that differ between before and after, in display order. Unchanged fields, and fields only set
 * (a record created) to nothing, are left out.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = asObject(before);
  const a = asObject(after);
  const order = (f: string) => FIELD_ORDER.get(f) ?? FIELD_ORDER.size;
  const fields = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])]
    .filter((f) => !HIDDEN_FIELDS.has(camel(f)))
    .sort((x, y) => order(camel(x)) - order(camel(y)) || x.localeCompare(y));
  const out: AuditChange[] = [];
  for (const field of fields) {
    const from = b?.[field];
    const to = a?.[field];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    if (!b || !(field in b)) {
      if (!isEmpty(to)) out.push({ field, from: undefined, to, kind: 'set' });
    } else if (!a || !(field in a)) out.push({ field, from, to: undefined, kind: 'removed' });
    else out.push({ field, from, to, kind: 'changed' });
  }
  return out;
}

/** One change as a line of text: "字段：旧 → 新", or "字段：值" for a value only set. */
export function changeLine(t: TFunction, c: AuditChange): string {
  const to = formatAuditValue(t, c.field, c.to);
  if (c.kind === 'set') return `${fieldLabel(t, c.field)}：${to}`;
  return `${fieldLabel(t, c.field)}：${formatAuditValue(t, c.field, c.from)} → ${to}`;
}
