/**
 * 年度监督检查计划 (/supervision/plans): the jurisdiction's plans of a year (?year=, default this year) with their
 * progress; 制定年度计划 for the bureau's own plan; and the roll-up of every plan of the jurisdiction — done / due /
 * overdue by region (本级 and each child) and by month.
 */
import { PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Skeleton, Space, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { PlanSummary } from '../../../contracts/supervision.js';
import { shanghaiDay } from '../../../domain/time.js';
import { useMe } from '../../api/queries.js';
import { formatTime } from '../../components/format.js';
import { ListPage } from '../../components/ListPage.js';
import { mayDo } from '../../routes.js';
import { PlanCreateModal } from './PlanCreateModal.js';
import { ProgressPanel } from './ProgressPanel.js';
import { usePlanProgress, usePlans } from './queries.js';
import { TallyFigures } from './TallyTable.js';

/** The year asked in the address bar, else this year (Asia/Shanghai). */
function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year =
    Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : Number(shanghaiDay(new Date()).slice(0, 4));
  const setYear = (y: number) =>
    setParams(
      (p) => {
        p.set('year', String(y));
        return p;
      },
      { replace: true },
    );
  return [year, setYear];
}

export function PlanListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const [year, setYear] = useYear();
  const plans = usePlans(year);
  const rollup = usePlanProgress(year);
  const [creating, setCreating] = useState(false);
  const ownPlan = plans.data?.items.find((p) => p.regionCode === me?.regionCode);

  const columns: TableProps<PlanSummary>['columns'] = [
    {
      title: t('supervision.plans.bureau'),
      dataIndex: 'bureauName',
      render: (v: string, p) => <Link to={`/supervision/plans/${p.id}`}>{v}</Link>,
    },
    { title: t('supervision.plans.region'), dataIndex: 'regionName', width: 200, ellipsis: true },
    { title: t('supervision.plans.year'), dataIndex: 'year', width: 80 },
    {
      title: t('supervision.plans.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatTime(v),
    },
    { title: t('supervision.plans.createdBy'), dataIndex: 'createdBy', width: 150, ellipsis: true },
    {
      title: t('supervision.plans.progress'),
      key: 'progress',
      width: 340,
      render: (_: unknown, p) => <TallyFigures tally={p.progress} />,
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <ListPage<PlanSummary>
        title={t('supervision.plans.title')}
        testId="plan-table"
        extra={
          <Space wrap>
            {mayDo(me, 'supervision.plan') && (
              <Link to="/supervision/draws">
                <Button icon={<ScheduleOutlined />} data-testid="open-draws">
                  {t('supervision.plans.draws')}
                </Button>
              </Link>
            )}
            {mayDo(me, 'supervision.plan') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={!!ownPlan}
                onClick={() => setCreating(true)}
                data-testid="plan-new"
              >
                {t('supervision.plans.new')}
              </Button>
            )}
          </Space>
        }
        filters={
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs().year(year)}
            onChange={(v) => v && setYear(v.year())}
            aria-label={t('supervision.plans.year')}
            data-testid="plan-year"
          />
        }
        columns={columns}
        rowKey="id"
        data={plans.data && { items: plans.data.items, total: plans.data.items.length }}
        loading={plans.isFetching}
        error={plans.error}
        scrollX={1000}
      />
      <Card title={t('supervision.plans.rollup')} size="small" data-testid="plan-rollup">
        {rollup.error ? (
          <Alert type="error" showIcon title={t('common.loadFailed', { message: rollup.error.message })} />
        ) : rollup.data ? (
          rollup.data.total.plans === 0 ? (
            <Alert type="info" showIcon title={t('supervision.plans.none')} />
          ) : (
            <ProgressPanel
              testId="rollup"
              total={rollup.data.total}
              byRegion={rollup.data.rows}
              byMonth={rollup.data.byMonth}
              showPlans
            />
          )
        ) : (
          <Skeleton active />
        )}
      </Card>
      {creating && (
        <PlanCreateModal
          year={year}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/supervision/plans/${id}`);
          }}
        />
      )}
    </Space>
  );
}
