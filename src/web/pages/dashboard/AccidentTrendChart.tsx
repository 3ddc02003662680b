/**
 * 近30日事故趋势: reports per Asia/Shanghai day, stacked by grade, and deaths as a line on a second axis.
 * Loaded lazily by the dashboard so ECharts is a separate chunk.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccidentSummary } from '../../../contracts/accidents.js';
import { GRADES } from '../../../domain/grade.js';
import { EChart, type EChartOption } from '../../components/EChart.js';

/** The GradeTag colours (antd blue, gold, orange, red). */
const GRADE_HEX = {
  general: '#1677ff',
  larger: '#faad14',
  major: '#fa8c16',
  especially_major: '#f5222d',
} as const;

export default function AccidentTrendChart({ summary, height = 280 }: { summary: AccidentSummary; height?: number }) {
  const { t } = useTranslation();
  const option = useMemo<EChartOption>(() => {
    const dates = summary.days.map((d) => d.date.slice(5));
    const deaths = t('dashboard.trendDeaths');
    return {
      aria: { enabled: true },
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { type: 'scroll', bottom: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 4, right: 4, top: 28, bottom: 28, containLabel: true },
      xAxis: { type: 'category', data: dates, axisLabel: { hideOverlap: true }, axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: 'value', name: t('dashboard.trendReports'), minInterval: 1, nameTextStyle: { align: 'left' } },
        {
          type: 'value',
          name: deaths,
          minInterval: 1,
          splitLine: { show: false },
          nameTextStyle: { align: 'right' },
        },
      ],
      series: [
        ...GRADES.map((g) => ({
          name: t(`gradeShort.${g}`),
          type: 'bar',
          stack: 'reports',
          barMaxWidth: 18,
          emphasis: { focus: 'series' },
          itemStyle: { color: GRADE_HEX[g] },
          data: summary.days.map((d) => d.byGrade[g]),
        })),
        {
          name: deaths,
          type: 'line',
          yAxisIndex: 1,
          symbolSize: 4,
          itemStyle: { color: '#820014' },
          lineStyle: { width: 2 },
          data: summary.days.map((d) => d.deaths),
        },
      ],
    };
  }, [summary, t]);
  return (
    <EChart
      option={option}
      height={height}
      ariaLabel={t('dashboard.trendTitle', { days: summary.days.length })}
      testId="trend-chart"
    />
  );
}
