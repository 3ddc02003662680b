/** 企业自查 record (/self-inspections/:id): the items with their basis and results, and the dangers it reported. */
import { Card, Descriptions, List, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SelfInspectionItemView } from '../../../contracts/self-inspections.js';
import { useSelfInspection } from './queries.js';

const RESULT_COLOR = { conform: 'green', nonconform: 'red', not_applicable: 'default' } as const;

export function SelfInspectionDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const record = useSelfInspection(id);
  if (record.error) return <Card>{t('common.loadFailed', { message: record.error.message })}</Card>;
  const s = record.data;
  if (!s) return <Skeleton active />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="self-inspection-detail">
      <Card title={`${t('selfInspections.title')} · ${s.enterpriseName}`}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('selfInspections.inspectedOn')}>{s.inspectedOn}</Descriptions.Item>
          <Descriptions.Item label={t('selfInspections.region')}>{s.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('selfInspections.inspector')}>{s.inspectorName}</Descriptions.Item>
          <Descriptions.Item label={t('selfInspections.recordedBy')}>{s.recordedBy}</Descriptions.Item>
          <Descriptions.Item label={t('selfInspections.findings')} span={2}>
            {s.findings || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={`${t('selfInspections.items')}（${s.itemCount}，${t('selfInspections.nonconforming')} ${s.nonconforming}）`}
      >
        <Table<SelfInspectionItemView>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={s.items}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('selfInspections.items'),
              dataIndex: 'requirement',
              render: (v: string, i) => (
                <Space orientation="vertical" size={0}>
                  <span>{v}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('selfInspections.basis')}：{i.basis.law}
                    {i.basis.article}
                  </Typography.Text>
                  {i.note && <Typography.Text style={{ fontSize: 12 }}>{i.note}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: t('selfInspections.result'),
              dataIndex: 'result',
              width: 110,
              render: (r: SelfInspectionItemView['result']) => (
                <Tag color={RESULT_COLOR[r]}>{t(`selfInspections.results.${r}`)}</Tag>
              ),
            },
          ]}
        />
      </Card>
      {s.dangers.length > 0 && (
        <Card size="small" title={t('selfInspections.dangers')}>
          <List
            size="small"
            dataSource={s.dangers}
            data-testid="self-inspection-dangers"
            renderItem={(d) => (
              <List.Item>
                <Space orientation="vertical" size={0}>
                  <Link to={`/hidden-dangers/${d.id}`}>{d.description}</Link>
                  <Tag color={d.level === 'major' ? 'red' : 'orange'}>
                    {t(`selfInspections.levels.${d.level as 'general' | 'major'}`)}
                  </Tag>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
