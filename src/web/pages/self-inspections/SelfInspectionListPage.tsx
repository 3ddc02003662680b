/**
 * 企业自查 (/self-inspections): an enterprise's own self-inspections, or the jurisdiction's for a bureau, newest
 * first; the enterprise starts a new one from here.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SelfInspectionSummary } from '../../../contracts/self-inspections.js';
import { useMe } from '../../api/queries.js';
import { mayDo } from '../../routes.js';
import { useSelfInspections } from './queries.js';

const PAGE_SIZE = 20;

export function SelfInspectionListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [page, setPage] = useState(1);
  const list = useSelfInspections(page, PAGE_SIZE);
  const mayRecord = mayDo(me, 'self_inspection.write');
  return (
    <Card
      title={t('selfInspections.title')}
      extra={
        mayRecord && (
          <Link to="/self-inspections/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="self-inspection-new">
              {t('selfInspections.new')}
            </Button>
          </Link>
        )
      }
    >
      {mayRecord && <Alert type="info" showIcon title={t('selfInspections.hint')} style={{ marginBottom: 12 }} />}
      {list.error && <Alert type="error" showIcon title={t('common.loadFailed', { message: list.error.message })} />}
      <Table<SelfInspectionSummary>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('selfInspections.none') }}
        scroll={{ x: 'max-content' }}
        data-testid="self-inspection-list"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: t('selfInspections.inspectedOn'),
            dataIndex: 'inspectedOn',
            width: 110,
            render: (v: string, r) => <Link to={`/self-inspections/${r.id}`}>{v}</Link>,
          },
          ...(me?.org.kind === 'enterprise'
            ? []
            : [
                { title: t('selfInspections.enterprise'), dataIndex: 'enterpriseName' },
                { title: t('selfInspections.region'), dataIndex: 'regionName' },
              ]),
          { title: t('selfInspections.inspector'), dataIndex: 'inspectorName' },
          { title: t('selfInspections.itemCount'), dataIndex: 'itemCount', align: 'right', width: 90 },
          {
            title: t('selfInspections.nonconforming'),
            dataIndex: 'nonconforming',
            align: 'right',
            width: 90,
            render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
          },
          { title: t('selfInspections.recordedBy'), dataIndex: 'recordedBy' },
        ]}
      />
    </Card>
  );
}
