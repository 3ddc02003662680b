/**
 * 隐患排查治理统计 (/hidden-dangers/stats): for a region of the jurisdiction and a period (by date found), the dangers
 * per child region and in all — found (一般 / 重大), rectified (on time), overdue, awaiting and done 复查, under 督办,
 * 整改率 and 复查率 — and the same table as an .xlsx. The server counts; this page only shows.
 */
import { Table, type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DangerStatsRow } from '../../../contracts/hidden-dangers.js';
import { StatsCard, useRegionPeriod } from '../../components/StatsCard.js';
import { useDangerStats } from './queries.js';

const percent = (v: number | null) => (v === null ? '—' : v.toFixed(1));

export function DangerStatsPage() {
  const { t } = useTranslation();
  const period = useRegionPeriod();
  const params = period.params;
  const stats = useDangerStats(params);
  const num = (key: keyof DangerStatsRow, title: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    width: 80,
  });
  const columns: TableProps<DangerStatsRow>['columns'] = [
    { title: t('dangers.stats.region'), dataIndex: 'label', fixed: 'left', width: 120 },
    {
      title: t('dangers.stats.enforcement'),
      children: [
        num('inspections', t('dangers.stats.inspections')),
        num('enterprisesInspected', t('dangers.stats.enterprisesInspected')),
        num('ordersIssued', t('dangers.stats.ordersIssued')),
      ],
    },
    {
      title: t('dangers.stats.found'),
      children: [
        num('found', t('dangers.stats.all')),
        num('general', t('danger.levelShort.general')),
        num('major', t('danger.levelShort.major')),
      ],
    },
    {
      title: t('dangers.stats.rectification'),
      children: [
        num('closed', t('dangers.stats.closed')),
        num('closedOnTime', t('dangers.stats.onTime')),
        num('overdue', t('danger.status.overdue')),
        num('awaitingRecheck', t('danger.status.awaiting_recheck')),
        num('rechecked', t('dangers.stats.rechecked')),
      ],
    },
    num('supervised', t('dangers.supervised')),
    {
      title: t('dangers.stats.rectificationRate'),
      dataIndex: 'rectificationRate',
      align: 'right',
      width: 90,
      render: percent,
    },
    { title: t('dangers.stats.recheckRate'), dataIndex: 'recheckRate', align: 'right', width: 90, render: percent },
  ];
  const data = stats.data;
  return (
    <StatsCard
      title={t('dangers.stats.title')}
      state={period}
      exportPath="/api/hidden-dangers/stats.xlsx"
      exportLabel={t('list.export')}
      exportTestId="danger-stats-xlsx"
    >
      <Table<DangerStatsRow>
        data-testid="danger-stats"
        size="small"
        bordered
        rowKey="regionCode"
        columns={columns}
        dataSource={data ? [...data.rows, { ...data.total, regionCode: 'total', label: t('reports.total') }] : []}
        loading={stats.isFetching}
        pagination={false}
        scroll={{ x: 1100 }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        {t('dangers.stats.note')}
      </Typography.Paragraph>
    </StatsCard>
  );
}
