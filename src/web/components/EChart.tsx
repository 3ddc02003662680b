/**
 * A small ECharts wrapper: modular echarts/core with only the charts, components and renderer the app uses
 * (the bundle stays small); resizes with its container, disposes on unmount. Import it lazily
 * (React.lazy) so ECharts is a separate chunk that loads only where a chart is shown.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type EChartOption = echarts.EChartsCoreOption;

export interface EChartProps {
  option: EChartOption;
  /** CSS height of the chart; the width follows the container. */
  height?: number | string;
  style?: CSSProperties;
  className?: string;
  /** Accessible name of the chart (ECharts draws on a canvas). */
  ariaLabel?: string;
  testId?: string;
}

export function EChart({ option, height = 300, style, className, ariaLabel, testId }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const instance = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // Follows the container (side menu collapse, phone rotation, grid breakpoints), not only the window.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={el}
      className={className}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', height, ...style }}
    />
  );
}

export default EChart;
