/**
 * 年度监督检查计划详情 (/supervision/plans/:id): the plan's facts, its progress by month and by region, and its items —
 * each enterprise with its class, key or random, month, team with 执法证号, and status (done / due / overdue).
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Spin, Table, type TableProps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ITEM_STATUSES, type PlanItemView, SUPERVISION_CLASSES } from '../../../contracts/supervision.js';
import { useMe } from '../../api/queries.js';
import { formatTime } from '../../components/format.js';
import { mayDo } from '../../routes.js';
import { ProgressPanel } from './ProgressPanel.js';
import { usePlan } from './queries.js';
import { SupervisionClassTag } from './SupervisionClassCard.js';
import { TallyTable } from './TallyTable.js';
import { ItemSourceTag, ItemStatusTag, TeamList } from './tags.js';

export function PlanDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = usePlan(id);
  const plan = query.data;
  const mayInspect = mayDo(useMe().data, 'inspection.write');
  if (query.error)
    return <Alert type="error" showIcon title={t('common.loadFailed', { message: query.error.message })} />;
  if (!plan) return <Spin />;

  const months = [...new Set(plan.items.map((i) => i.month))].sort((a, b) => a - b);
  const columns: TableProps<PlanItemView>['columns'] = [
    {
      title: t('supervision.plan.enterprise'),
      dataIndex: 'enterpriseName',
      width: 220,
      render: (v: string, i) => <Link to={`/enterprises/${i.enterpriseId}`}>{v}</Link>,
    },
    {
      title: t('supervision.plan.class'),
      dataIndex: 'class',
      width: 130,
      filters: SUPERVISION_CLASSES.map((c) => ({ text: t(`supervision.classShort.${c}`), value: c })),
      onFilter: (v, i) => i.class === v,
      render: (_: unknown, i) => <SupervisionClassTag value={i.class} />,
    },
    {
      title: t('supervision.plan.source'),
      dataIndex: 'source',
      width: 110,
      filters: (['key', 'random'] as const).map((s) => ({ text: t(`supervision.source.${s}`), value: s })),
      onFilter: (v, i) => i.source === v,
      render: (_: unknown, i) => <ItemSourceTag source={i.source} />,
    },
    {
      title: t('supervision.plan.month'),
      dataIndex: 'month',
      width: 100,
      filters: months.map((m) => ({ text: t('supervision.tally.monthOf', { month: m }), value: m })),
      onFilter: (v, i) => i.month === v,
      render: (m: number) => t('supervision.tally.monthOf', { month: m }),
    },
    {
      title: t('supervision.plan.team'),
      key: 'team',
      width: 200,
      render: (_: unknown, i) => (
        <Space orientation="vertical" size={2}>
          <TeamList team={i.team} />
          {i.conflictWaived && <Tag color="warning">{t('supervision.plan.conflictWaived')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('supervision.plan.status'),
      dataIndex: 'status',
      width: 100,
      filters: ITEM_STATUSES.map((s) => ({ text: t(`supervision.status.${s}`), value: s })),
      onFilter: (v, i) => i.status === v,
      render: (_: unknown, i) => <ItemStatusTag status={i.status} />,
    },
    {
      title: t('supervision.plan.inspectedOn'),
      dataIndex: 'inspectedOn',
      width: 110,
      render: (v: string | null, i) => {
        if (v && i.inspectionId) return <Link to={`/inspections/${i.inspectionId}`}>{v}</Link>;
        // 计划检查: an officer starts the inspection of this item on the device, the enterprise already set.
        if (!mayInspect || i.status === 'done') return v ?? '—';
        const params = new URLSearchParams({
          planItemId: i.id,
          enterpriseId: i.enterpriseId,
          enterpriseName: i.enterpriseName,
        });
        return <Link to={`/inspections/new?${params}`}>{t('supervision.plan.startInspection')}</Link>;
      },
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to={`/supervision/plans?year=${plan.year}`}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="plan-title">
              {plan.bureauName} {t('supervision.plans.yearValue', { year: plan.year })}
              {t('supervision.plans.title')}
            </span>
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'region', label: t('supervision.plans.region'), children: plan.regionName },
            {
              key: 'first',
              label: t('supervision.plan.firstMonth'),
              children: t('supervision.tally.monthOf', { month: plan.firstMonth }),
            },
            { key: 'team', label: t('supervision.plan.teamSize'), children: plan.teamSize },
            { key: 'rules', label: t('supervision.plans.rulesRevision'), children: plan.rulesRevision },
            { key: 'at', label: t('supervision.plans.createdAt'), children: formatTime(plan.createdAt) },
            { key: 'by', label: t('supervision.plans.createdBy'), children: plan.createdBy },
            {
              key: 'seed',
              label: t('supervision.plan.seed'),
              children: (
                <Typography.Text code copyable>
                  {plan.seed}
                </Typography.Text>
              ),
            },
            ...(plan.randomDrawId
              ? [
                  {
                    key: 'draw',
                    label: t('supervision.plan.randomDraw'),
                    children: (
                      <Link to={`/supervision/draws?id=${plan.randomDrawId}`}>{t('supervision.plans.open')}</Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title={t('supervision.plans.progress')} size="small" data-testid="plan-progress">
        <ProgressPanel testId="plan" total={plan.progress} byRegion={plan.byRegion} byMonth={plan.byMonth} />
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {t('supervision.plans.byClass')}
        </Typography.Title>
        <TallyTable
          labelTitle={t('supervision.plan.class')}
          rows={plan.byClass
            .filter((c) => c.planned > 0)
            .map((c) => ({ ...c, key: c.class, label: t(`supervision.class.${c.class}`) }))}
        />
      </Card>
      <Card title={`${t('supervision.plan.items')}（${plan.items.length}）`} size="small">
        <Table<PlanItemView>
          data-testid="plan-items"
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={plan.items}
          rowClassName={(i) => (i.status === 'overdue' ? 'row-overdue' : '')}
          pagination={{ defaultPageSize: 20, showSizeChanger: true }}
          scroll={{ x: 1000 }}
        />
      </Card>
    </Space>
  );
}
