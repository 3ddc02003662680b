/**
 * 隐患整改 on the 工作台: the jurisdiction's (an enterprise: its own) dangers past their deadline, awaiting the 复查,
 * and 重大 ones under 督办, each count linking to the register filtered to them; the most overdue few listed.
 */
import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDangers } from './queries.js';

const SHOWN = 4;

export function DangerAlertsCard() {
  const { t } = useTranslation();
  const overdue = useDangers({ status: 'overdue', pageSize: SHOWN });
  const recheck = useDangers({ status: 'awaiting_recheck', pageSize: 1 });
  const major = useDangers({ level: 'major', status: 'rectifying', pageSize: 1 });
  const figures = [
    { key: 'overdue', count: overdue.data?.total, to: '/hidden-dangers?status=overdue', ink: '#cf1322' },
    { key: 'awaiting_recheck', count: recheck.data?.total, to: '/hidden-dangers?status=awaiting_recheck' },
    { key: 'major', count: major.data?.total, to: '/hidden-dangers?level=major&status=rectifying' },
  ];
  return (
    <Card title={t('menu.dangers')} size="small" data-testid="danger-alerts">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Row gutter={8}>
          {figures.map((f) => (
            <Col span={8} key={f.key}>
              <Link to={f.to} data-testid={`danger-alerts-${f.key}`}>
                <Statistic
                  title={f.key === 'major' ? t('danger.level.major') : t(`danger.status.${f.key}`)}
                  value={f.count ?? '—'}
                  styles={{ content: { color: f.ink && (f.count ?? 0) > 0 ? f.ink : undefined, fontSize: 20 } }}
                />
              </Link>
            </Col>
          ))}
        </Row>
        {(overdue.data?.items ?? []).map((d) => (
          <div key={d.id} style={{ fontSize: 13 }}>
            <Link to={`/hidden-dangers/${d.id}`}>{d.enterpriseName}</Link>
            <Typography.Text type="danger" style={{ marginLeft: 6 }}>
              {d.deadline}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: '100%' }}>
                {d.description}
              </Typography.Text>
            </div>
          </div>
        ))}
      </Space>
    </Card>
  );
}
