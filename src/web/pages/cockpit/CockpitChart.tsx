/**
 * The cockpit's charts, one component for every breakdown: this year against the same period last year
 * (同比) as paired bars, or as a pie of this year's share for few categories. Loaded lazily so ECharts is
 * a separate chunk.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsBreakdown } from '../../../contracts/stats.js';
import { EChart, type EChartOption } from '../../components/EChart.js';

export type Indicator = 'accidents' | 'deaths';

export interface CockpitChartProps {
  data: StatsBreakdown;
  indicator: Indicator;
  kind: 'bars' | 'horizontal' | 'pie';
  height: number;
  testId: string;
  title: string;
  /** At most this many rows, largest first (horizontal bars); the rest are left out of the chart. */
  top?: number;
}

const THIS_YEAR = '#cf1322';
const LAST_YEAR = '#8c8c8c';

export default function CockpitChart({ data, indicator, kind, height, testId, title, top }: CockpitChartProps) {
  const { t } = useTranslation();
  const option = useMemo<EChartOption>(() => {
    const rows =
      kind === 'horizontal'
        ? [...data.rows]
            .filter((r) => r.current[indicator] + r.previous[indicator] > 0)
            .sort((a, b) => b.current[indicator] - a.current[indicator])
            .slice(0, top ?? data.rows.length)
            .reverse()
        : data.rows;
    if (kind === 'pie') {
      return {
        aria: { enabled: true },
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { type: 'scroll', bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['38%', '66%'],
            center: ['50%', '45%'],
            label: { formatter: '{b}\n{c}' },
            data: rows
              .filter((r) => r.current[indicator] > 0)
              .map((r) => ({ name: r.label, value: r.current[indicator] })),
          },
        ],
      };
    }
    const categories = rows.map((r) => r.label);
    const horizontal = kind === 'horizontal';
    const category = {
      type: 'category',
      data: categories,
      axisLabel: { hideOverlap: true, width: 110, overflow: 'truncate' },
    };
    const value = { type: 'value', minInterval: 1 };
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0 },
      grid: { left: 4, right: 12, top: 28, bottom: 4, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [
        {
          name: t('cockpit.thisYear'),
          type: 'bar',
          barMaxWidth: 16,
          itemStyle: { color: THIS_YEAR },
          data: rows.map((r) => r.current[indicator]),
        },
        {
          name: t('cockpit.lastYear'),
          type: 'bar',
          barMaxWidth: 16,
          itemStyle: { color: LAST_YEAR },
          data: rows.map((r) => r.previous[indicator]),
        },
      ],
    };
  }, [data, indicator, kind, top, t]);
  return <EChart option={option} height={height} ariaLabel={title} testId={testId} />;
}
