/** The enterprise card's 监管类别: its class, the inspections a year it brings, and the facts that set it. */
import { Alert, Card, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SupervisionClass } from '../../../contracts/supervision.js';
import { useMe } from '../../api/queries.js';
import { mayDo } from '../../routes.js';
import { useSupervisionClass } from './queries.js';

const CLASS_COLORS: Record<SupervisionClass, string> = { A: 'red', B: 'orange', C: 'blue' };

export function SupervisionClassTag({ value }: { value: SupervisionClass }) {
  const { t } = useTranslation();
  return <Tag color={CLASS_COLORS[value]}>{t(`supervision.class.${value}`)}</Tag>;
}

export function SupervisionClassCard({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  // Supervision is the bureau's business: an enterprise does not see its own class.
  const allowed = mayDo(useMe().data, 'supervision.read');
  const query = useSupervisionClass(enterpriseId, allowed);
  if (!allowed) return null;
  return (
    <Card title={t('supervision.card.title')} data-testid="supervision-class-card">
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : query.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed', { message: query.error.message })} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Space wrap>
            <SupervisionClassTag value={query.data.class} />
            <Typography.Text>{t('supervision.card.frequency', { count: query.data.frequency })}</Typography.Text>
            <Typography.Text type="secondary">
              {t('supervision.card.rules', { revision: query.data.rulesRevision, asOf: query.data.asOf })}
            </Typography.Text>
          </Space>
          {query.data.reasons.length === 0 ? (
            <Typography.Text type="secondary">{t('supervision.card.noReason')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={query.data.reasons}
              renderItem={(r) => (
                <List.Item>
                  <Space wrap>
                    <SupervisionClassTag value={r.class} />
                    <Typography.Text strong={r.decisive}>{r.text}</Typography.Text>
                    <Typography.Text type="secondary">{r.rule}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
