/** The three statistical direct-report nodes (24 h / 7 d / 30 d) with status and countdown. */
import { Card, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportNode } from '../api/types.js';
import { Countdown } from './Countdown.js';
import { formatTime } from './format.js';
import { DeadlineTag } from './tags.js';

export function NodeStatus({ nodes }: { nodes: ReportNode[] }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      {nodes.map((n) => (
        <Col xs={24} sm={8} key={n.kind}>
          <Card size="small" data-testid={`node-${n.kind}`}>
            <Space orientation="vertical" size={2}>
              <Space>
                <Typography.Text strong>{t(`node.${n.kind}`)}</Typography.Text>
                <DeadlineTag status={n.status} />
              </Space>
              <Typography.Text type="secondary">
                {t('detail.due')}：{formatTime(n.dueAt)}
              </Typography.Text>
              {n.doneAt ? (
                <Typography.Text type="secondary">
                  {t('detail.doneAt')}：{formatTime(n.doneAt)}
                </Typography.Text>
              ) : (
                <Countdown dueAt={n.dueAt} />
              )}
            </Space>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
