/**
 * 修改记录 of an enterprise: the audit rows of its record, its licences and its hazard units (GET
 * /api/enterprises/:id/history), newest first, each with who, when and what changed (字段：旧 → 新).
 */
import { Alert, Card, Empty, Space, Spin, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../../contracts/audit.js';
import { auditChanges } from '../../../contracts/audit-text.js';
import type { SubstanceInput } from '../../../contracts/hazards.js';
import { ActionTag } from '../../components/audit.js';
import { formatTime, formatTimeSeconds } from '../../components/format.js';
import { substancesText } from '../hazards/tags.js';
import { useEnterpriseHistory } from './queries.js';

/** Field (as the audit stores it: columns of enterprises and licences, API names of units) → i18n key. */
const FIELD_KEYS: Record<string, string> = {
  name: 'enterprise.name',
  credit_code: 'enterprise.creditCode',
  region_code: 'enterprise.region',
  address: 'enterprise.address',
  longitude: 'enterprise.longitude',
  latitude: 'enterprise.latitude',
  industry_code: 'enterprise.industryCode',
  sectors: 'enterprise.sectors',
  scale: 'enterprise.scale',
  legal_representative: 'enterprise.legalRepresentative',
  principal_name: 'enterprise.principalName',
  principal_phone: 'enterprise.principalPhone',
  safety_manager_name: 'enterprise.safetyManagerName',
  safety_manager_phone: 'enterprise.safetyManagerPhone',
  employees: 'enterprise.employees',
  status: 'enterprise.status',
  type: 'licence.type',
  number: 'licence.number',
  scope: 'licence.scope',
  issuer: 'licence.issuer',
  valid_from: 'licence.validFrom',
  valid_to: 'licence.validTo',
  kind: 'hazard.unit.kind',
  substances: 'hazard.substance.title',
  exposedPeople: 'hazard.exposedPeople',
  s: 'hazard.s',
  r: 'hazard.r',
  isMajor: 'hazard.isMajorField',
  grade: 'hazard.grade',
  principalName: 'hazard.unit.principalName',
  technicalName: 'hazard.unit.technicalName',
  operationName: 'hazard.unit.operationName',
  filingStatus: 'hazard.unit.filingStatus',
  filingNo: 'hazard.unit.filingNo',
  filedAt: 'hazard.unit.filedAt',
  retiredAt: 'hazard.unit.retired',
};

const CREATE_LINES = 6;
/** Beside the record on a wide screen; the rest scrolls. */
const HISTORY_HEIGHT = 420;

/** Bookkeeping that says nothing to a reader. */
const HIDDEN = new Set(['id', 'enterprise_id', 'enterpriseId', 'region_code_at', 'version']);

function fieldText(t: TFunction, entityType: string, field: string): string {
  if (entityType === 'hazard_unit' && field === 'name') return t('hazard.unit.name');
  if (entityType === 'licence' && field === 'status') return t('licence.recordedStatus');
  const key = FIELD_KEYS[field];
  return key ? t(key) : field;
}

function valueText(t: TFunction, entityType: string, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (field === 'sectors' && Array.isArray(v))
    return v.map((s) => t(`sector.${s}`, { defaultValue: String(s) })).join('、');
  if (field === 'substances' && Array.isArray(v)) return substancesText(v as SubstanceInput[]);
  if (field === 'grade') return t(`majorHazardGrade.${v}`, { defaultValue: String(v) });
  if (field === 'kind') return t(`unitKind.${v}`, { defaultValue: String(v) });
  if (field === 'filingStatus') return t(`hazard.filing.${v}`, { defaultValue: String(v) });
  if (field === 'scale') return t(`scale.${v}`, { defaultValue: String(v) });
  if (field === 'type' && entityType === 'licence') return t(`licenceType.${v}`, { defaultValue: String(v) });
  if (field === 'status') {
    return entityType === 'licence'
      ? t(`licenceState.${v}`, { defaultValue: String(v) })
      : t(`enterpriseStatus.${v}`, { defaultValue: String(v) });
  }
  if (typeof v === 'number') return v.toLocaleString('zh-CN');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatTime(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function Changes({ record }: { record: AuditRecord }) {
  const { t } = useTranslation();
  const changes = auditChanges(record.before, record.after).filter(
    // A licence's region is its enterprise's: the card says it already.
    (c) => !HIDDEN.has(c.field) && !(record.entityType === 'licence' && c.field === 'region_code'),
  );
  if (changes.length === 0) return null;
  // A create row carries the whole record; the card above shows it in full.
  const shown = record.action.endsWith('.create') ? changes.slice(0, CREATE_LINES) : changes;
  return (
    <ul className="diff-list">
      {shown.map((c) => (
        <li key={c.field}>
          <Typography.Text strong>{fieldText(t, record.entityType, c.field)}</Typography.Text>：
          {c.kind === 'set' ? (
            <span>{valueText(t, record.entityType, c.field, c.to)}</span>
          ) : (
            <>
              <span className="diff-from">{valueText(t, record.entityType, c.field, c.from)}</span> →{' '}
              <span className="diff-to">{valueText(t, record.entityType, c.field, c.to)}</span>
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

/** What a row is about: the unit's or licence's name, from what the audit kept. */
function subject(record: AuditRecord): string | null {
  const o = (record.after ?? record.before) as Record<string, unknown> | null;
  if (!o || record.entityType === 'enterprise') return null;
  if (record.entityType === 'hazard_unit' && typeof o.name === 'string') return o.name;
  if (record.entityType === 'licence' && typeof o.number === 'string') return o.number;
  return null;
}

export function HistoryCard({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const history = useEnterpriseHistory(enterpriseId);
  const items = history.data?.items ?? [];
  return (
    <Card
      title={t('enterprise.history')}
      data-testid="enterprise-history"
      styles={{ body: { maxHeight: HISTORY_HEIGHT, overflowY: 'auto' } }}
    >
      {history.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed', { message: history.error.message })} />
      ) : history.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={items.map((r) => ({
            key: r.id,
            color: r.action.endsWith('.create') ? 'green' : r.action.endsWith('.retire') ? 'gray' : 'blue',
            content: (
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <ActionTag action={r.action} />
                  {subject(r) && <Typography.Text strong>{subject(r)}</Typography.Text>}
                  <Typography.Text type="secondary">
                    {formatTimeSeconds(r.at)} · {r.actorName}
                  </Typography.Text>
                </Space>
                <Changes record={r} />
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
