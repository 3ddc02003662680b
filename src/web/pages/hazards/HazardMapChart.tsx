/**
 * The schematic map's chart (示意图): enterprises as points on longitude/latitude axes at equal scale (a degree of
 * longitude drawn cos φ as long as a degree of latitude, so distances look right), coloured by their highest
 * 重大危险源 grade, the county seats labelled, a legend that hides and shows each grade, zoom and pan (dataZoom on
 * both axes together, so the scale stays equal), a click opens the enterprise's card. No boundaries and no tiles:
 * see HazardMap. Loaded lazily, so ECharts is fetched only where the map is shown.
 */
import { ScatterChart } from 'echarts/charts';
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapPoint } from '../../../contracts/hazards.js';
import type { MajorHazardGrade } from '../../../domain/major-hazard.js';
import { HAZARD_GRADE_COLORS, HAZARD_GRADES, NO_HAZARD_COLOR } from './tags.js';

echarts.use([
  ScatterChart,
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface MapSeat {
  code: string;
  name: string;
  lng: number;
  lat: number;
}

export interface HazardMapChartProps {
  points: MapPoint[];
  seats: MapSeat[];
  height: number;
  onOpen: (enterpriseId: string) => void;
  /** Set when the chart has drawn: the number of points on it. */
  onRendered?: (count: number) => void;
  /** Changes to it reset the zoom. */
  resetKey?: number;
  ariaLabel: string;
}

/** Grid margins (px): axis labels left and bottom, the legend on top. */
const GRID = { left: 64, right: 20, top: 44, bottom: 40 };
const SYMBOL_SIZES: Record<MajorHazardGrade | 0, number> = { 1: 16, 2: 14, 3: 13, 4: 12, 0: 8 };
const SEAT_COLOR = '#262626';
/** Degrees of margin around the points, and the least extent shown (one enterprise alone). */
const PAD = 0.02;
const MIN_SPAN = 0.08;

interface Extent {
  x: [number, number];
  y: [number, number];
}

/** Axis ranges that contain every point with equal scale on both axes for a grid of `w` × `h` pixels. */
function equalExtent(lngs: number[], lats: number[], w: number, h: number): Extent {
  const minLng = Math.min(...lngs);
  const maxLng = Math.max(...lngs);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const midLat = (minLat + maxLat) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const spanLng = Math.max(maxLng - minLng + 2 * PAD, MIN_SPAN);
  const spanLat = Math.max(maxLat - minLat + 2 * PAD, MIN_SPAN);
  // Degrees of latitude per pixel: enough for both spans.
  const scale = Math.max((spanLng * k) / Math.max(w, 1), spanLat / Math.max(h, 1));
  const halfLng = (scale * w) / k / 2;
  const halfLat = (scale * h) / 2;
  const cLng = (minLng + maxLng) / 2;
  return { x: [cLng - halfLng, cLng + halfLng], y: [midLat - halfLat, midLat + halfLat] };
}

interface PointDatum {
  value: [number, number];
  id: string;
  name: string;
  grade: MajorHazardGrade | null;
  count: number;
}

export default function HazardMapChart({
  points,
  seats,
  height,
  onOpen,
  onRendered,
  resetKey,
  ariaLabel,
}: HazardMapChartProps) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef({ onOpen, onRendered });
  latest.current = { onOpen, onRendered };
  const draw = useRef<() => void>(() => {});

  draw.current = () => {
    const instance = chart.current;
    const node = el.current;
    if (!instance || !node) return;
    const lngs = [...points.map((p) => p.longitude), ...seats.map((s) => s.lng)];
    const lats = [...points.map((p) => p.latitude), ...seats.map((s) => s.lat)];
    if (lngs.length === 0) {
      instance.clear();
      latest.current.onRendered?.(0);
      return;
    }
    const extent = equalExtent(
      lngs,
      lats,
      node.clientWidth - GRID.left - GRID.right,
      node.clientHeight - GRID.top - GRID.bottom,
    );
    const byGrade = (grade: MajorHazardGrade | null): PointDatum[] =>
      points
        .filter((p) => p.topHazardGrade === grade)
        .map((p) => ({
          value: [p.longitude, p.latitude],
          id: p.id,
          name: p.name,
          grade: p.topHazardGrade,
          count: p.majorHazardCount,
        }));
    const pointSeries = (grade: MajorHazardGrade | null) => ({
      name: grade ? t(`majorHazardGrade.${grade}`) : t('hazard.map.noMajor'),
      type: 'scatter',
      data: byGrade(grade),
      symbolSize: SYMBOL_SIZES[grade ?? 0],
      // Higher grades on top of lower ones where points overlap.
      z: 10 - (grade ?? 5),
      cursor: 'pointer',
      itemStyle: {
        color: grade ? HAZARD_GRADE_COLORS[grade] : NO_HAZARD_COLOR,
        borderColor: grade === 3 ? '#ad8b00' : '#fff',
        borderWidth: 1,
        opacity: grade ? 0.95 : 0.8,
      },
      emphasis: { scale: 1.4 },
    });
    const axis = (range: [number, number], suffix: string) => ({
      type: 'value',
      min: range[0],
      max: range[1],
      scale: true,
      splitNumber: 6,
      axisLabel: {
        showMinLabel: false,
        showMaxLabel: false,
        color: '#8c8c8c',
        formatter: (v: number) => `${v.toFixed(2)}°${suffix}`,
      },
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { lineStyle: { color: '#eef1f5', type: 'dashed' } },
    });
    instance.setOption(
      {
        aria: { enabled: true, label: { description: ariaLabel } },
        animation: false,
        grid: { ...GRID, containLabel: false },
        legend: { top: 8, left: 'center', itemWidth: 12, itemHeight: 12 },
        tooltip: {
          trigger: 'item',
          confine: true,
          formatter: (p: { data?: PointDatum | { seat: true; name: string }; seriesName?: string }) => {
            const d = p.data;
            if (!d) return '';
            if ('seat' in d) return `${escapeHtml(d.name)} · ${t('hazard.map.seat')}`;
            const grade = d.grade ? t(`majorHazardGrade.${d.grade}`) : t('hazard.map.noMajor');
            const count = d.count ? ` · ${t('enterprise.majorHazardCount', { count: d.count })}` : '';
            return `<b>${escapeHtml(d.name)}</b><br/>${grade}${count}<br/><span style="color:#8c8c8c">${t('hazard.map.clickToOpen')}</span>`;
          },
        },
        dataZoom: [
          { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
          { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
        ],
        xAxis: axis(extent.x, 'E'),
        yAxis: axis(extent.y, 'N'),
        series: [
          ...HAZARD_GRADES.map((g) => pointSeries(g)),
          pointSeries(null),
          {
            name: t('hazard.map.seat'),
            type: 'scatter',
            symbol: 'pin',
            symbolSize: 18,
            z: 20,
            silent: false,
            itemStyle: { color: SEAT_COLOR },
            label: {
              show: true,
              position: 'right',
              formatter: '{b}',
              color: SEAT_COLOR,
              fontWeight: 600,
              fontSize: 13,
              textBorderColor: '#fff',
              textBorderWidth: 3,
            },
            data: seats.map((s) => ({ value: [s.lng, s.lat], name: s.name, seat: true })),
          },
        ],
      },
      { notMerge: true },
    );
    latest.current.onRendered?.(points.length);
  };

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const instance = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      const d = params.data as PointDatum | undefined;
      if (d && 'id' in d && d.id) latest.current.onOpen(d.id);
    });
    // The extent depends on the size: redraw when the container changes (side menu, wall screen, phone).
    let width = node.clientWidth;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      instance.resize();
      if (node.clientWidth !== width) {
        width = node.clientWidth;
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => draw.current());
      }
    });
    observer.observe(node);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: draw reads the latest props; these are what it draws
  useEffect(() => {
    draw.current();
  }, [points, seats, t, resetKey]);

  return <div ref={el} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
