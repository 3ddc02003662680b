/** Done / due / overdue by month as stacked bars. Loaded lazily so ECharts is a chunk of its own. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_STATUSES, type Tally } from '../../../contracts/supervision.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import { ITEM_STATUS_INKS } from './tags.js';

export default function ProgressChart({
  byMonth,
  height = 220,
  testId,
}: {
  byMonth: (Tally & { month: number })[];
  height?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const option = useMemo<EChartOption>(
    () => ({
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0 },
      grid: { left: 4, right: 12, top: 28, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: byMonth.map((m) => t('supervision.tally.monthOf', { month: m.month })) },
      yAxis: { type: 'value', minInterval: 1 },
      series: ITEM_STATUSES.map((s) => ({
        name: t(`supervision.status.${s}`),
        type: 'bar',
        stack: 'items',
        barMaxWidth: 22,
        itemStyle: { color: ITEM_STATUS_INKS[s] },
        data: byMonth.map((m) => m[s]),
      })),
    }),
    [byMonth, t],
  );
  return <EChart option={option} height={height} ariaLabel={t('supervision.tally.chart')} testId={testId} />;
}
