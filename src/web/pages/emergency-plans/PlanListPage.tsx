/**
 * 应急预案 (/emergency-plans): the plans of the jurisdiction (an enterprise: its own), newest first, filtered in the
 * address bar by filing status, kind and text — and the overdue lists (备案, 审核, 演练, 评估), longest overdue first;
 * rows with a clock past its last day in red. 登记预案 opens the form.
 */
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Input, Row, Select, Space, type TableProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FILING_STATUSES, OVERDUE_KINDS, type PlanSummary } from '../../../contracts/emergency-plans.js';
import { PLAN_KINDS } from '../../../domain/emergency-plan.js';
import { useMe } from '../../api/queries.js';
import { ListPage } from '../../components/ListPage.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { mayDo } from '../../routes.js';
import { PlanFormModal } from './PlanFormModal.js';
import { usePlans } from './queries.js';
import { DueDay, FilingStatusTag } from './tags.js';

const FILTER_KEYS = ['status', 'overdue', 'kind', 'q'] as const;

export function EmergencyPlanListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { query, set, reset } = useUrlFilters(FILTER_KEYS);
  const list = usePlans(query);
  const [creating, setCreating] = useState(false);
  const late = (on: boolean, v: string | null) =>
    v ? <Typography.Text type={on ? 'danger' : undefined}>{v}</Typography.Text> : '—';

  const columns: TableProps<PlanSummary>['columns'] = [
    {
      title: t('plans.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (v: string, p) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/emergency-plans/${p.id}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.ownerName} · {p.regionName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('plans.kind'), dataIndex: 'kind', width: 130, render: (v: string) => t(`plans.kinds.${v}`) },
    { title: t('plans.publishedOn'), dataIndex: 'publishedOn', width: 110 },
    {
      title: t('plans.filingDueOn'),
      dataIndex: 'filingDueOn',
      width: 110,
      render: (v: string | null, p) => late(p.overdue.filing, v),
    },
    {
      title: t('plans.checkDueOn'),
      dataIndex: 'checkDueOn',
      width: 110,
      render: (v: string | null, p) => late(p.overdue.check, v),
    },
    {
      title: t('plans.nextDrill'),
      dataIndex: 'nextDrillDueOn',
      width: 110,
      render: (v: string | null, p) => (
        <Typography.Text type={p.overdue.drill ? 'danger' : undefined}>
          <DueDay dueOn={v} nominalOn={p.nextDrillNominalOn} />
        </Typography.Text>
      ),
    },
    {
      title: t('plans.evaluationDue'),
      dataIndex: 'evaluationDueOn',
      width: 110,
      render: (v: string | null, p) => (
        <Typography.Text type={p.overdue.evaluation ? 'danger' : undefined}>
          <DueDay dueOn={v} nominalOn={p.evaluationNominalOn} />
        </Typography.Text>
      ),
    },
    {
      title: t('plans.filingStatus'),
      dataIndex: 'filingStatus',
      width: 150,
      render: (_: unknown, p) => <FilingStatusTag status={p.filingStatus} late={p.filingLate} />,
    },
  ];

  return (
    <>
      <ListPage<PlanSummary>
        title={t('plans.listTitle')}
        testId="plan-table"
        extra={
          <Space>
            {me?.org.kind === 'bureau' && (
              <Link to="/emergency-plans/stats">
                <Button icon={<BarChartOutlined />}>{t('plans.stats.open')}</Button>
              </Link>
            )}
            {mayDo(me, 'emergency_plan.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">
                {t('plans.new')}
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
                placeholder={t('plans.overdueList')}
                value={query.overdue}
                options={OVERDUE_KINDS.map((v) => ({ value: v, label: t(`plans.overdueKinds.${v}`) }))}
                onChange={(v?: string) => set({ overdue: v })}
                data-testid="plan-filter-overdue"
              />
            </Col>
            <Col xs={12} md={5}>
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('plans.filingStatus')}
                value={query.status}
                options={FILING_STATUSES.map((v) => ({ value: v, label: t(`plans.filingStatuses.${v}`) }))}
                onChange={(v?: string) => set({ status: v })}
              />
            </Col>
            <Col xs={12} md={4}>
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('plans.kind')}
                value={query.kind}
                options={PLAN_KINDS.map((v) => ({ value: v, label: t(`plans.kinds.${v}`) }))}
                onChange={(v?: string) => set({ kind: v })}
              />
            </Col>
            <Col xs={12} md={6}>
              <Input.Search
                key={query.q ?? ''}
                allowClear
                defaultValue={query.q}
                placeholder={t('plans.search')}
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
        rowClassName={(p) => (Object.values(p.overdue).some(Boolean) ? 'row-overdue' : '')}
        scrollX={1200}
      />
      {creating && (
        <PlanFormModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/emergency-plans/${id}`);
          }}
        />
      )}
    </>
  );
}
