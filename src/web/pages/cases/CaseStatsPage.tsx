/**
 * 行政执法统计 (/cases/stats): for a region of the jurisdiction and a period, the cases opened and closed, decisions by
 * kind, fines decided and collected, hearings, appeals, transfers and 按日连续处罚 per child region and in all — and the
 * same table as an .xlsx. The server counts (each event on its own day); this page only shows.
 */
import { Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatsRow } from '../../../contracts/cases.js';
import { StatsCard, useRegionPeriod } from '../../components/StatsCard.js';
import { useCaseStats } from './queries.js';

const KIND_KEYS = ['warning', 'fine', 'confiscation', 'suspension', 'licence', 'closure'] as const;

export function CaseStatsPage() {
  const { t } = useTranslation();
  const period = useRegionPeriod();
  const params = period.params;
  const stats = useCaseStats(params);
  const num = (key: keyof CaseStatsRow, title: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    width: 80,
  });
  const columns: TableProps<CaseStatsRow>['columns'] = [
    { title: t('cases.stats.region'), dataIndex: 'label', fixed: 'left', width: 120 },
    num('opened', t('cases.stats.opened')),
    num('closed', t('cases.stats.closed')),
    num('decided', t('cases.stats.decided')),
    {
      title: t('cases.field.kinds'),
      children: KIND_KEYS.map((k) => ({
        title: t(`cases.kinds.${k}`),
        key: k,
        align: 'right' as const,
        width: 80,
        render: (_: unknown, r: CaseStatsRow) => r.byKind[k],
      })),
    },
    {
      title: t('cases.stats.finedYuan'),
      dataIndex: 'finedYuan',
      align: 'right',
      width: 120,
      render: (v: number) => v.toLocaleString('zh-CN'),
    },
    {
      title: t('cases.stats.collectedYuan'),
      dataIndex: 'collectedYuan',
      align: 'right',
      width: 120,
      render: (v: number) => v.toLocaleString('zh-CN', { minimumFractionDigits: 2 }),
    },
    num('hearings', t('cases.stats.hearings')),
    num('reviews', t('cases.stats.reviews')),
    num('litigations', t('cases.stats.litigations')),
    num('court', t('cases.stats.court')),
    num('police', t('cases.stats.police')),
    num('daily', t('cases.stats.daily')),
    num('noPenalty', t('cases.stats.noPenalty')),
  ];
  const data = stats.data;
  return (
    <StatsCard
      title={t('cases.stats.title')}
      state={period}
      exportPath="/api/cases/stats.xlsx"
      exportLabel={t('cases.stats.export')}
      exportTestId="case-stats-xlsx"
    >
      <Table<CaseStatsRow>
        data-testid="case-stats"
        size="small"
        bordered
        rowKey="regionCode"
        columns={columns}
        dataSource={data ? [...data.rows, { ...data.total, regionCode: 'total', label: t('reports.total') }] : []}
        loading={stats.isFetching}
        pagination={false}
        scroll={{ x: 1600 }}
      />
    </StatsCard>
  );
}
