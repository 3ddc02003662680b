/**
 * 隐患台账 (/hidden-dangers): the dangers of the jurisdiction (an enterprise: its own), newest found first, filtered in
 * the address bar by status, level, source and text; overdue rows in red. 登记隐患 opens the order form.
 */
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Input, Row, Select, Space, type TableProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  DANGER_LEVELS,
  DANGER_SOURCES,
  DANGER_STATUSES,
  type HiddenDangerSummary,
} from '../../../contracts/hidden-dangers.js';
import { useMe } from '../../api/queries.js';
import { ListPage } from '../../components/ListPage.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { mayDo } from '../../routes.js';
import { DangerFormModal } from './DangerFormModal.js';
import { useDangers } from './queries.js';
import { DangerLevelTag, DangerStatusTag } from './tags.js';

const FILTER_KEYS = ['status', 'level', 'source', 'q'] as const;

export function DangerListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { query, set, reset } = useUrlFilters(FILTER_KEYS);
  const list = useDangers(query);
  const [creating, setCreating] = useState(false);

  const columns: TableProps<HiddenDangerSummary>['columns'] = [
    { title: t('dangers.foundOn'), dataIndex: 'foundOn', width: 110 },
    {
      title: t('dangers.enterprise'),
      dataIndex: 'enterpriseName',
      width: 220,
      ellipsis: true,
      render: (v: string, d) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/hidden-dangers/${d.id}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.regionName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('dangers.description'), dataIndex: 'description', ellipsis: true },
    {
      title: t('dangers.level'),
      dataIndex: 'level',
      width: 110,
      render: (_: unknown, d) => (
        <Space size={2}>
          <DangerLevelTag level={d.level} />
          {d.supervised && <Tag color="red">{t('dangers.supervised')}</Tag>}
        </Space>
      ),
    },
    { title: t('dangers.source'), dataIndex: 'source', width: 110, render: (v: string) => t(`danger.source.${v}`) },
    { title: t('dangers.deadline'), dataIndex: 'deadline', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('dangers.status'),
      dataIndex: 'status',
      width: 110,
      render: (_: unknown, d) => <DangerStatusTag status={d.status} />,
    },
  ];

  const select = (key: (typeof FILTER_KEYS)[number], values: readonly string[], table: string, width: number) => (
    <Col xs={12} md={width}>
      <Select
        allowClear
        style={{ width: '100%' }}
        placeholder={t(`dangers.${key}`)}
        value={query[key]}
        options={values.map((v) => ({ value: v, label: t(`${table}.${v}`) }))}
        onChange={(v?: string) => set({ [key]: v })}
        data-testid={`danger-filter-${key}`}
      />
    </Col>
  );

  return (
    <>
      <ListPage<HiddenDangerSummary>
        title={t('dangers.register')}
        testId="danger-table"
        extra={
          <Space>
            {me?.org.kind === 'bureau' && mayDo(me, 'stats.read') && (
              <Link to="/hidden-dangers/stats">
                <Button icon={<BarChartOutlined />}>{t('dangers.stats.open')}</Button>
              </Link>
            )}
            {mayDo(me, 'danger.report') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="danger-new">
                {t('dangers.new')}
              </Button>
            )}
          </Space>
        }
        filters={
          <Row gutter={[8, 8]}>
            {select('status', DANGER_STATUSES, 'danger.status', 4)}
            {select('level', DANGER_LEVELS, 'danger.level', 4)}
            {select('source', DANGER_SOURCES, 'danger.source', 4)}
            <Col xs={18} md={8}>
              <Input.Search
                key={query.q ?? ''}
                allowClear
                defaultValue={query.q}
                placeholder={t('dangers.search')}
                onSearch={(q) => set({ q: q.trim() || undefined })}
              />
            </Col>
            <Col xs={6} md={4}>
              <Button block onClick={reset}>
                {t('common.reset')}
              </Button>
            </Col>
          </Row>
        }
        columns={columns}
        rowKey="id"
        data={list.data}
        loading={list.isFetching}
        error={list.error}
        page={query.page}
        pageSize={query.pageSize}
        onPageChange={(page, pageSize) => set({ page: String(page), pageSize: String(pageSize) })}
        rowClassName={(d) => (d.status === 'overdue' ? 'row-overdue' : '')}
        scrollX={1000}
      />
      {creating && (
        <DangerFormModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/hidden-dangers/${id}`);
          }}
        />
      )}
    </>
  );
}
