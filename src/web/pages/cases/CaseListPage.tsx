/**
 * 行政处罚案件 (/cases): the cases of the jurisdiction (an enterprise: those whose party it is), newest first, filtered
 * in the address bar by stage, procedure, overdue and text; rows with a duty past its last day in red. 立案 opens the
 * form (一般程序 立案申请, or 简易程序 当场处罚).
 */
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Input, Row, Select, Space, type TableProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CASE_STATUSES, type CaseSummary } from '../../../contracts/cases.js';
import { useMe } from '../../api/queries.js';
import { ListPage } from '../../components/ListPage.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { mayDo } from '../../routes.js';
import { CaseFormModal } from './CaseFormModal.js';
import { useCases } from './queries.js';
import { CaseStatusTag } from './tags.js';

const FILTER_KEYS = ['status', 'procedure', 'overdue', 'q'] as const;

export function CaseListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { query, set, reset } = useUrlFilters(FILTER_KEYS);
  const list = useCases(query);
  const [creating, setCreating] = useState(false);

  const columns: TableProps<CaseSummary>['columns'] = [
    { title: t('cases.number'), dataIndex: 'number', width: 200, render: (v: string | null) => v ?? '—' },
    {
      title: t('cases.party'),
      dataIndex: 'partyName',
      width: 220,
      ellipsis: true,
      render: (v: string, c) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/cases/${c.id}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.regionName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('cases.cause'), dataIndex: 'cause', ellipsis: true },
    {
      title: t('cases.procedure'),
      dataIndex: 'procedure',
      width: 120,
      render: (v: string) => t(`cases.procedures.${v}`),
    },
    {
      title: t('cases.fine'),
      dataIndex: 'fineYuan',
      width: 110,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN')),
    },
    { title: t('cases.nextDue'), dataIndex: 'nextDueOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('cases.status'),
      dataIndex: 'status',
      width: 130,
      render: (_: unknown, c) => <CaseStatusTag status={c.status} />,
    },
  ];

  return (
    <>
      <ListPage<CaseSummary>
        title={t('cases.title')}
        testId="case-table"
        extra={
          <Space>
            {me?.org.kind === 'bureau' && (
              <Link to="/cases/stats">
                <Button icon={<BarChartOutlined />}>{t('cases.stats.open')}</Button>
              </Link>
            )}
            {mayDo(me, 'case.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-new">
                {t('cases.new')}
              </Button>
            )}
          </Space>
        }
        filters={
          <Row gutter={[8, 8]}>
            <Col xs={12} md={5}>
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('cases.status')}
                value={query.status}
                options={CASE_STATUSES.map((v) => ({ value: v, label: t(`cases.statuses.${v}`) }))}
                onChange={(v?: string) => set({ status: v })}
                data-testid="case-filter-status"
              />
            </Col>
            <Col xs={12} md={4}>
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('cases.procedure')}
                value={query.procedure}
                options={['general', 'summary'].map((v) => ({ value: v, label: t(`cases.procedures.${v}`) }))}
                onChange={(v?: string) => set({ procedure: v })}
              />
            </Col>
            <Col xs={12} md={3}>
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('cases.overdue')}
                value={query.overdue}
                options={[{ value: 'true', label: t('cases.overdueOnly') }]}
                onChange={(v?: string) => set({ overdue: v })}
                data-testid="case-filter-overdue"
              />
            </Col>
            <Col xs={12} md={8}>
              <Input.Search
                key={query.q ?? ''}
                allowClear
                defaultValue={query.q}
                placeholder={t('cases.search')}
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
        rowClassName={(c) => (c.overdue ? 'row-overdue' : '')}
        scrollX={1100}
      />
      {creating && (
        <CaseFormModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/cases/${id}`);
          }}
        />
      )}
    </>
  );
}
