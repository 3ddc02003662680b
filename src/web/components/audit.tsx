/** The audit trail's (留痕) visual vocabulary: action labels and a readable before/after diff. */
import { Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
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
  lockedUntil: 'audit.fields.lockedUntil',
  failures: 'audit.fields.failures',
};
const FIELD_ORDER = new Map(Object.keys(FIELD_LABEL_KEYS).map((f, i) => [f, i]));

/** Identifiers and bookkeeping that say nothing to a reader. */
const HIDDEN_FIELDS = new Set(['id', 'orgId', 'shiftId', 'accidentId', 'createdAt']);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function actionLabel(t: TFunction, action: string): string {
  return t(`auditAction.${action}`, { defaultValue: action });
}

export function entityLabel(t: TFunction, entityType: string): string {
  return t(`audit.entity.${entityType}`, { defaultValue: entityType });
}

export function fieldLabel(t: TFunction, field: string): string {
  const key = FIELD_LABEL_KEYS[field];
  return key ? t(key) : field;
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
    if (ISO_INSTANT.test(v)) return formatTime(v);
    return v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    const level = field === 'skippedLevels';
    return v.map((x) => (level && typeof x === 'string' ? t(`level.${x}`) : formatAuditValue(t, '', x))).join('、');
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    return JSON.stringify(v);
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
    .filter((f) => !HIDDEN_FIELDS.has(f))
    .sort((x, y) => order(x) - order(y) || x.localeCompare(y));
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
  const changes = auditChanges(record.before, record.after);
  if (changes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = limit ? changes.slice(0, limit) : changes;
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
          <Typography.Text type="secondary">
            {t('audit.more', { count: changes.length - shown.length })}
          </Typography.Text>
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
