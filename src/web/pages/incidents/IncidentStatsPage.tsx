/**
 * 应急处置统计 (/incidents/stats): incidents by response level and region over a period, with their response times
 * (report → first dispatch → first on site); the same table as .xlsx. The server counts (SQL).
 */
import { Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IncidentStatsRow } from '../../../contracts/incidents.js';
import { StatsCard, useRegionPeriod } from '../../components/StatsCard.js';
import { useIncidentStats } from './queries.js';

export function IncidentStatsPage() {
  const { t } = useTranslation();
  const period = useRegionPeriod();
  const stats = useIncidentStats(period.params);
  const num = (key: keyof IncidentStatsRow, title: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    width: 100,
    render: (v: number | null) => (v === null ? '—' : v),
  });
  const columns: TableProps<IncidentStatsRow>['columns'] = [
    { title: t('incidents.region'), dataIndex: 'regionName', width: 140 },
    { title: t('incidents.level'), dataIndex: 'level', width: 110, render: (v: string) => t(`incidents.levels.${v}`) },
    num('incidents', t('incidents.incidentsCount')),
    num('open', t('incidents.statuses.open')),
    num('dispatched', t('incidents.dispatched')),
    num('onSite', t('incidents.onSite')),
    {
      title: t('incidents.reportToDispatch'),
      children: [
        num('avgReportToDispatchMin', t('incidents.avg')),
        num('medianReportToDispatchMin', t('incidents.median')),
      ],
    },
    { title: t('incidents.dispatchToOnSite'), children: [num('avgDispatchToOnSiteMin', t('incidents.avg'))] },
    {
      title: t('incidents.reportToOnSite'),
      children: [
        num('avgReportToOnSiteMin', t('incidents.avg')),
        num('medianReportToOnSiteMin', t('incidents.median')),
      ],
    },
  ];
  const data = stats.data;
  return (
    <StatsCard
      title={t('incidents.stats')}
      state={period}
      exportPath="/api/incidents/stats.xlsx"
      exportLabel={t('incidents.export')}
      exportTestId="incident-stats-xlsx"
    >
      <Table<IncidentStatsRow>
        data-testid="incident-stats"
        size="small"
        bordered
        rowKey={(r) => `${r.regionCode}:${r.regionName}:${r.level}`}
        columns={columns}
        dataSource={data ? [...data.rows, ...data.totals] : []}
        loading={stats.isFetching}
        pagination={false}
        scroll={{ x: 1200 }}
      />
    </StatsCard>
  );
}
