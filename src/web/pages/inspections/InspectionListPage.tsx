/**
 * 现场检查 (/inspections): the inspections of the jurisdiction (an enterprise: those of itself), newest first, and —
 * for officers — the inspections on this device that are not on the server yet, with 开始检查 on top.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, List, Select, Space, type TableProps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { InspectionSummary } from '../../../contracts/inspections.js';
import { useMe } from '../../api/queries.js';
import { ListPage } from '../../components/ListPage.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { mayDo } from '../../routes.js';
import { OutboxBanner } from './OutboxBanner.js';
import { type Draft, listDrafts, onStoreChange } from './offline-store.js';
import { useInspections } from './queries.js';

const FILTER_KEYS = ['status', 'kind'] as const;

function DeviceDrafts() {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  useEffect(() => {
    const read = () => void listDrafts().then(setDrafts);
    read();
    return onStoreChange(read);
  }, []);
  return (
    <Card size="small" title={t('inspections.drafts')} style={{ marginBottom: 12 }} data-testid="device-drafts">
      <List
        dataSource={drafts}
        locale={{ emptyText: t('inspections.noDrafts') }}
        renderItem={(d) => (
          <List.Item
            actions={[
              <Link key="open" to={`/inspections/drafts/${d.id}`}>
                {d.state === 'conflict' ? t('inspections.edit') : t('inspections.open')}
              </Link>,
            ]}
          >
            <Space wrap>
              <Typography.Text strong>{d.enterpriseName ?? '—'}</Typography.Text>
              <Tag color={{ editing: 'blue', queued: 'orange', synced: 'green', conflict: 'red' }[d.state]}>
                {t(`inspections.${d.state}`)}
              </Tag>
              <Typography.Text type="secondary">{d.startedAt.slice(0, 10)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function InspectionListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { query, set, reset } = useUrlFilters(FILTER_KEYS);
  const status = (query as { status?: string }).status;
  const list = useInspections(query);
  const officer = mayDo(me, 'inspection.write');

  const columns: TableProps<InspectionSummary>['columns'] = [
    { title: t('inspections.inspectedOn'), dataIndex: 'inspectedOn', width: 110 },
    {
      title: t('inspections.enterprise'),
      dataIndex: ['enterprise', 'name'],
      ellipsis: true,
      render: (v: string, i) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/inspections/${i.id}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.regionName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('inspections.kind'), dataIndex: 'kind', width: 110, render: (k: string) => t(`inspections.kinds.${k}`) },
    {
      title: t('inspections.team'),
      dataIndex: 'team',
      width: 200,
      render: (team: InspectionSummary['team']) => team.map((m) => m.name).join('、'),
    },
    { title: t('inspections.itemCount'), dataIndex: 'itemCount', width: 80, align: 'right' },
    {
      title: t('inspections.nonconforming'),
      dataIndex: 'nonconforming',
      width: 90,
      align: 'right',
      render: (n: number) => (n ? <Tag color="red">{n}</Tag> : n),
    },
  ];

  return (
    <>
      {officer && <OutboxBanner />}
      {officer && <DeviceDrafts />}
      <ListPage<InspectionSummary>
        title={t('inspections.register')}
        extra={
          officer && (
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={() => navigate('/inspections/new')}
              data-testid="inspection-new"
            >
              {t('inspections.new')}
            </Button>
          )
        }
        filters={
          <Space wrap>
            <Select
              style={{ width: 160 }}
              value={status ?? ''}
              onChange={(v) => set({ status: v || undefined })}
              options={[
                { value: '', label: t('inspections.filters.all') },
                { value: 'with_findings', label: t('inspections.filters.with_findings') },
                { value: 'clean', label: t('inspections.filters.clean') },
              ]}
            />
            <Button onClick={reset}>{t('common.reset')}</Button>
          </Space>
        }
        columns={columns}
        data={list.data}
        loading={list.isFetching}
        error={list.error}
        rowKey="id"
        scrollX={700}
        page={query.page}
        pageSize={query.pageSize}
        onPageChange={(page, pageSize) => set({ page: String(page), pageSize: String(pageSize) })}
        testId="inspection-list"
      />
    </>
  );
}
