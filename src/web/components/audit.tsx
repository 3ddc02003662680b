/** The audit trail's (留痕) visual vocabulary: action labels and a readable before/after diff. */
import { Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../contracts/audit.js';
import { actionLabel, auditChanges, fieldLabel, formatAuditValue } from '../../contracts/audit-text.js';

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
