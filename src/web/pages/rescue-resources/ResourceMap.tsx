/**
 * The nearest search on the offline schematic map (示意图, as the hazard and incident maps: no tiles, no boundaries —
 * maps of China's administrative boundaries need an approved 审图号): the origin, the resources found coloured by kind
 * and numbered in distance order, and the county seats in view, on longitude/latitude at equal scale (a degree of
 * longitude drawn cos φ as long as one of latitude, so straight-line distances look right). SVG: it draws offline,
 * prints, and its labels are text a screen reader and a test can read.
 *
 * Why not HazardMapChart: its series and legend are the 重大危险源 grades (a resource drawn there would be labelled
 * 非重大危险源); making it generic is a change to the hazard page, left to the integration.
 */
import { useTranslation } from 'react-i18next';
import type { NearestItem, NearestResult, ResourceKind } from '../../../contracts/rescue-resources.js';
import { COUNTY_SEATS } from '../../../domain/county-seats.js';

export const KIND_COLORS: Record<ResourceKind, string> = { team: '#1677ff', equipment: '#52c41a', expert: '#722ed1' };
const ORIGIN_COLOR = '#cf1322';
const SEAT_COLOR = '#8c8c8c';

export interface ResourceMapProps {
  origin: NearestResult['origin'];
  items: readonly NearestItem[];
  width?: number;
  height?: number;
  onOpen?: (id: string) => void;
}

export function ResourceMap({ origin, items, width = 900, height = 520, onOpen }: ResourceMapProps) {
  const { t } = useTranslation();
  const lngs = [origin.lng, ...items.map((p) => p.lng)];
  const lats = [origin.lat, ...items.map((p) => p.lat)];
  const k = Math.cos((origin.lat * Math.PI) / 180);
  const pad = 0.02;
  const spanLng = Math.max(Math.max(...lngs) - Math.min(...lngs) + 2 * pad, 0.08);
  const spanLat = Math.max(Math.max(...lats) - Math.min(...lats) + 2 * pad, 0.08);
  const margin = 40;
  const scale = Math.min((width - 2 * margin) / (spanLng * k), (height - 2 * margin) / spanLat);
  const cLng = (Math.max(...lngs) + Math.min(...lngs)) / 2;
  const cLat = (Math.max(...lats) + Math.min(...lats)) / 2;
  const x = (lng: number) => width / 2 + (lng - cLng) * k * scale;
  const y = (lat: number) => height / 2 - (lat - cLat) * scale;
  const inside = (lng: number, lat: number) => x(lng) >= 0 && x(lng) <= width && y(lat) >= 0 && y(lat) <= height;
  const seats = Object.entries(COUNTY_SEATS).filter(([, s]) => inside(s.lng, s.lat));
  // A scale bar of a round number of km, about a fifth of the width.
  const kmPerPx = 111.195 / scale;
  const barKm = [1, 2, 5, 10, 20, 50, 100, 200, 500].find((km) => km / kmPerPx >= width / 8) ?? 500;
  const barPx = barKm / kmPerPx;
  return (
    <svg
      width="100%"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t('rescue.nearest.mapTitle')}
      data-testid="rescue-map"
      style={{ background: '#f5f8fc', borderRadius: 6 }}
    >
      {seats.map(([code, s]) => (
        <g key={code}>
          <rect x={x(s.lng) - 3} y={y(s.lat) - 3} width={6} height={6} fill={SEAT_COLOR} />
          <text x={x(s.lng) + 6} y={y(s.lat) + 4} fontSize={11} fill={SEAT_COLOR}>
            {s.name}
          </text>
        </g>
      ))}
      {items.map((p, i) => (
        <line
          key={`l-${p.id}`}
          x1={x(origin.lng)}
          y1={y(origin.lat)}
          x2={x(p.lng)}
          y2={y(p.lat)}
          stroke={KIND_COLORS[p.kind]}
          strokeOpacity={i < 3 ? 0.6 : 0.2}
          strokeDasharray="4 4"
        />
      ))}
      {items.map((p, i) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: the list beside the map is the keyboard path
        <g
          key={p.id}
          data-testid="rescue-map-item"
          style={{ cursor: onOpen ? 'pointer' : undefined }}
          onClick={() => onOpen?.(p.id)}
        >
          <title>{`${i + 1}. ${p.name} · ${p.distanceKm} km`}</title>
          <circle cx={x(p.lng)} cy={y(p.lat)} r={9} fill={KIND_COLORS[p.kind]} stroke="#fff" strokeWidth={1.5} />
          <text x={x(p.lng)} y={y(p.lat) + 4} fontSize={10} fill="#fff" textAnchor="middle" fontWeight={600}>
            {i + 1}
          </text>
          {i < 5 && (
            <text x={x(p.lng) + 12} y={y(p.lat) - 8} fontSize={12} fill="#1f1f1f">
              {p.name}
            </text>
          )}
        </g>
      ))}
      <g data-testid="rescue-map-origin">
        <circle cx={x(origin.lng)} cy={y(origin.lat)} r={14} fill={ORIGIN_COLOR} opacity={0.2} />
        <circle cx={x(origin.lng)} cy={y(origin.lat)} r={6} fill={ORIGIN_COLOR} />
        <text x={x(origin.lng) + 10} y={y(origin.lat) + 20} fontSize={13} fontWeight={600} fill={ORIGIN_COLOR}>
          {t('rescue.nearest.origin')}
        </text>
      </g>
      <g transform={`translate(12, ${height - 14})`} fontSize={11}>
        {(['team', 'equipment', 'expert'] as const).map((kind, i) => (
          <g key={kind} transform={`translate(${i * 90}, 0)`}>
            <circle cx={0} cy={-4} r={5} fill={KIND_COLORS[kind]} />
            <text x={10} y={0} fill="#595959">
              {t(`rescue.kinds.${kind}`)}
            </text>
          </g>
        ))}
        <g transform={`translate(${width - barPx - 40}, 0)`}>
          <line x1={0} y1={-4} x2={barPx} y2={-4} stroke="#595959" strokeWidth={2} />
          <text x={barPx + 6} y={0} fill="#595959">{`${barKm} km`}</text>
        </g>
      </g>
    </svg>
  );
}
