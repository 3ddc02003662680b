/**
 * 许可证到期提醒 on the 工作台: how many licences of the jurisdiction expire within 90 and 30 days or have expired
 * (GET /api/licences/alerts; an enterprise user: its own), and the most urgent few with a link to the enterprise;
 * 查看全部 opens the whole list (/licences/alerts).
 */
import { Alert, Card, Col, Empty, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExpiryStage } from '../../../domain/enterprise.js';
import { useMe } from '../../api/queries.js';
import { useLicenceAlerts } from './queries.js';
import { DaysLeft, ExpiryTag } from './tags.js';

const SHOWN = 5;
const STAGES: ExpiryStage[] = ['expired', 'd30', 'd90'];
const STAGE_INK: Record<ExpiryStage, string> = { expired: '#cf1322', d30: '#d46b08', d90: '#d4b106' };

export function LicenceAlertsCard() {
  const { t } = useTranslation();
  const me = useMe().data;
  const alerts = useLicenceAlerts({ pageSize: SHOWN });
  const data = alerts.data;
  const own = me?.org.kind === 'enterprise';
  return (
    <Card
      title={own ? t('dashboard.ownLicenceAlerts') : t('dashboard.licenceAlerts')}
      size="small"
      data-testid="licence-alerts"
      extra={
        !own ? (
          <Link to="/licences/alerts" data-testid="licence-alerts-all">
            {t('dashboard.allLicenceAlerts')}
          </Link>
        ) : null
      }
    >
      {alerts.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed', { message: alerts.error.message })} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Row gutter={8}>
            {STAGES.map((stage) => (
              <Col span={8} key={stage}>
                <Statistic
                  title={
                    <Space size={4}>
                      <span
                        style={{
                          width: 8,
                          height: 8,
                          borderRadius: 4,
                          display: 'inline-block',
                          background: STAGE_INK[stage],
                        }}
                      />
                      {t(`expiryStage.${stage}`)}
                    </Space>
                  }
                  value={data?.counts[stage] ?? 0}
                  loading={alerts.isPending}
                  styles={{ content: { color: (data?.counts[stage] ?? 0) > 0 ? STAGE_INK[stage] : undefined } }}
                  data-testid={`alerts-${stage}`}
                />
              </Col>
            ))}
          </Row>
          {data && data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noLicenceAlerts')} />
          ) : (
            <div data-testid="licence-alert-list">
              {(data?.items ?? []).map((l) => (
                <div key={l.id} style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}>
                  <Space size={4} wrap>
                    <ExpiryTag stage={l.alert} />
                    <Link to={`/enterprises/${l.enterpriseId}`}>{l.enterpriseName}</Link>
                  </Space>
                  <div style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {t(`licenceType.${l.type}`)}
                    </Typography.Text>
                  </div>
                  <div style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('licence.validTo')} {l.validTo} ·{' '}
                    </Typography.Text>
                    <span style={{ whiteSpace: 'nowrap' }}>
                      <DaysLeft days={l.daysLeft} small />
                    </span>
                  </div>
                </div>
              ))}
            </div>
          )}
          {data && data.total > data.items.length && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('dashboard.moreLicenceAlerts', { count: data.total - data.items.length })}
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
