/** The audit trail's (留痕) visual vocabulary: action labels and a readable before/after diff. */
import { Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../contracts/audit.js';
import { formatTime } from './format.js';

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
    if (ISO_INSTANT.test(v)) return formatTime(v);
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

/** Before/after as "字段：旧 → 新" lines; `limit` shortens it for a table cell. */
export function AuditDiff({ record, limit }: { record: Pick<AuditRecord, 'before' | 'after'>; limit?: number }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const changes = auditChanges(record.before, record.after);
  if (changes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = limit && !expanded ? changes.slice(0, limit) : changes;
  return (
    <ul className="diff-list" data-testid="audit-diff">
      {shown.map((c) => (
        <li key={c.field}>
          <Typography.Text strong>{fieldLabel(t, c.field)}</Typography.Text>：
          {c.kind === 'set' ? (
            <span>{formatAuditValue(t, c.field, c.to)}</span>
          ) : (
            <>
              <span className="diff-from">{formatAuditValue(t, c.field, c.from)}</span> →{' '}
              <span className="diff-to">{formatAuditValue(t, c.field, c.to)}</span>
            </>
          )}
        </li>
      ))}
      {shown.length < changes.length && (
        <li>
          <Typography.Link onClick={() => setExpanded(true)} data-testid="audit-more">
            {t('audit.more', { count: changes.length - shown.length })}
          </Typography.Link>
        </li>
      )}
    </ul>
  );
}

const ACTION_COLORS: Record<string, string> = {
  'accident.create': 'blue',
  'accident.followup': 'cyan',
  'accident.no_change': 'default',
  'accident.final': 'green',
  'accident.forward': 'purple',
  'accident.sign': 'geekblue',
  'auth.locked': 'red',
  'auth.login_failed': 'orange',
};

export function ActionTag({ action }: { action: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={ACTION_COLORS[action] ?? 'default'} data-testid="audit-action">
      {actionLabel(t, action)}
    </Tag>
  );
}
