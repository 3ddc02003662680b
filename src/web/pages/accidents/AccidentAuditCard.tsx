/** 留痕 of one report on its detail page: every audit row of the accident, newest first (admin and leader). */
import { Alert, Card, Empty, Space, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAudit } from '../../api/queries.js';
import { ActionTag, AuditDiff } from '../../components/audit.js';
import { formatTimeSeconds } from '../../components/format.js';

/** A report has a handful of rows (快报, 续报, 上报, 签收 …); one page holds them all. */
const PAGE_SIZE = 200;
/** The create row carries the whole first report; the revisions card shows it in full. */
const CREATE_LINES = 6;

export function AccidentAuditCard({ accidentId }: { accidentId: string }) {
  const { t } = useTranslation();
  const audit = useAudit({ entityType: 'accident', entityId: accidentId, pageSize: PAGE_SIZE });
  const items = audit.data?.items ?? [];
  return (
    <Card title={t('audit.trail')} data-testid="accident-audit">
      {audit.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed', { message: audit.error.message })} />
      ) : audit.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={items.map((r) => ({
            key: r.id,
            content: (
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <ActionTag action={r.action} />
                  <Typography.Text type="secondary">
                    {formatTimeSeconds(r.at)} · {r.actorName}
                  </Typography.Text>
                </Space>
                <AuditDiff record={r} limit={r.action === 'accident.create' ? CREATE_LINES : undefined} />
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
