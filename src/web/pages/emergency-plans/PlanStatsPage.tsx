/**
 * 预案备案、演练统计 (/emergency-plans/stats): for a region of the jurisdiction and a period, per child region and in
 * all — filing duties, filed, on time, overdue and the filing rate, the answers, drills held and with their 评估报告, and
 * the drills and evaluations overdue today — and the same table as an .xlsx. The server counts; this page only shows.
 */
import { Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanStatsRow } from '../../../contracts/emergency-plans.js';
import { StatsCard, useRegionPeriod } from '../../components/StatsCard.js';
import { usePlanStats } from './queries.js';

export function EmergencyPlanStatsPage() {
  const { t } = useTranslation();
  const period = useRegionPeriod();
  const stats = usePlanStats(period.params);
  const num = (key: keyof PlanStatsRow) => ({
    title: t(`plans.stats.${key}`),
    dataIndex: key,
    align: 'right' as const,
    width: 90,
  });
  const columns: TableProps<PlanStatsRow>['columns'] = [
    { title: t('plans.stats.region'), dataIndex: 'label', fixed: 'left', width: 120 },
    num('plans'),
    {
      title: t('plans.stats.filing'),
      children: [
        num('filingDue'),
        num('filed'),
        num('filedOnTime'),
        num('filingOverdue'),
        {
          title: t('plans.stats.filingRate'),
          dataIndex: 'filingRate',
          align: 'right' as const,
          width: 90,
          render: (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`),
        },
      ],
    },
    { title: t('plans.stats.answers'), children: [num('decidedComplete'), num('decidedIncomplete'), num('deemed')] },
    { title: t('plans.stats.drillsGroup'), children: [num('drills'), num('drillsEvaluated'), num('drillOverdue')] },
    num('evaluationOverdue'),
  ];
  const data = stats.data;
  return (
    <StatsCard
      title={t('plans.stats.title')}
      state={period}
      exportPath="/api/emergency-plans/stats.xlsx"
      exportLabel={t('plans.stats.export')}
      exportTestId="plan-stats-xlsx"
    >
      <Table<PlanStatsRow>
        data-testid="plan-stats"
        size="small"
        bordered
        rowKey="regionCode"
        columns={columns}
        dataSource={data ? [...data.rows, { ...data.total, regionCode: 'total', label: t('reports.total') }] : []}
        loading={stats.isFetching}
        pagination={false}
        scroll={{ x: 1400 }}
      />
    </StatsCard>
  );
}
