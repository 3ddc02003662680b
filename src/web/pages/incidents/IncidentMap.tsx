/**
 * The offline schematic map of an incident (示意图, as the hazard map: no tiles, no boundaries — maps of China's
 * administrative boundaries need an approved 审图号): the accident, the nearest resources and the committed ones, and
 * the county seats, on longitude/latitude at equal scale (a degree of longitude drawn cos φ as long as one of
 * latitude, so distances look right). SVG: it draws offline, prints, and its labels are text a test can read.
 */
import { useTranslation } from 'react-i18next';
import type { IncidentView, NearbyResource } from '../../../contracts/incidents.js';
import { COUNTY_SEATS } from '../../../domain/county-seats.js';

export interface IncidentMapProps {
  location: NonNullable<IncidentView['location']>;
  nearby: readonly NearbyResource[];
  tasks: IncidentView['tasks'];
  width: number;
  height: number;
  /** Larger text for the wall screen. */
  large?: boolean;
}

const COLORS = { accident: '#cf1322', nearest: '#1677ff', committed: '#fa8c16', seat: '#595959' };

export function IncidentMap({ location, nearby, tasks, width, height, large }: IncidentMapProps) {
  const { t } = useTranslation();
  const committed = new Set(tasks.filter((x) => x.state !== 'withdrawn').map((x) => x.resourceId));
  const points = nearby.map((r) => ({ ...r, committed: committed.has(r.id) || r.committedHere }));
  const lngs = [location.lng, ...points.map((p) => p.lng)];
  const lats = [location.lat, ...points.map((p) => p.lat)];
  const k = Math.cos((location.lat * Math.PI) / 180);
  const pad = 0.02;
  const spanLng = Math.max(Math.max(...lngs) - Math.min(...lngs) + 2 * pad, 0.08);
  const spanLat = Math.max(Math.max(...lats) - Math.min(...lats) + 2 * pad, 0.08);
  // Room for the labels: the points stay inside the margins, their names to the right of them.
  const mx = large ? 200 : 110;
  const my = large ? 50 : 30;
  const scale = Math.min((width - 2 * mx) / (spanLng * k), (height - 2 * my) / spanLat);
  const cLng = (Math.max(...lngs) + Math.min(...lngs)) / 2;
  const cLat = (Math.max(...lats) + Math.min(...lats)) / 2;
  const x = (lng: number) => width / 2 + (lng - cLng) * k * scale;
  const y = (lat: number) => height / 2 - (lat - cLat) * scale;
  const inside = (lng: number, lat: number) => x(lng) >= 0 && x(lng) <= width && y(lat) >= 0 && y(lat) <= height;
  const seats = Object.entries(COUNTY_SEATS).filter(([, s]) => inside(s.lng, s.lat));
  const font = large ? 18 : 12;
  const task = (id: string) => tasks.find((x) => x.resourceId === id && x.state !== 'withdrawn');
  return (
    <svg
      width="100%"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t('incidents.map')}
      data-testid="incident-map"
      style={{ background: large ? '#0b1d33' : '#f5f8fc', borderRadius: 6 }}
    >
      {seats.map(([code, s]) => (
        <g key={code}>
          <rect x={x(s.lng) - 4} y={y(s.lat) - 4} width={8} height={8} fill={large ? '#8c8c8c' : COLORS.seat} />
          <text x={x(s.lng) + 8} y={y(s.lat) + 4} fontSize={font - 2} fill={large ? '#bfbfbf' : COLORS.seat}>
            {s.name}
          </text>
        </g>
      ))}
      {points.map((p) => (
        <g key={p.id} data-testid={p.committed ? 'map-committed' : 'map-nearby'}>
          {p.committed && (
            <line
              x1={x(p.lng)}
              y1={y(p.lat)}
              x2={x(location.lng)}
              y2={y(location.lat)}
              stroke={COLORS.committed}
              strokeDasharray="6 4"
              strokeWidth={large ? 3 : 2}
            />
          )}
          <circle
            cx={x(p.lng)}
            cy={y(p.lat)}
            r={large ? 9 : 6}
            fill={p.committed ? COLORS.committed : COLORS.nearest}
            stroke="#fff"
          />
          <text x={x(p.lng) + 10} y={y(p.lat) - 8} fontSize={font} fill={large ? '#e6f4ff' : '#1f1f1f'}>
            {p.name}
            {p.committed && task(p.id) ? `（${t(`incidents.taskStates.${task(p.id)?.state}`)}）` : ''}
          </text>
        </g>
      ))}
      <g data-testid="map-accident">
        <circle cx={x(location.lng)} cy={y(location.lat)} r={large ? 16 : 10} fill={COLORS.accident} opacity={0.25} />
        <circle cx={x(location.lng)} cy={y(location.lat)} r={large ? 8 : 5} fill={COLORS.accident} />
        <text
          x={x(location.lng) + 12}
          y={y(location.lat) + 20}
          fontSize={font + 2}
          fontWeight={600}
          fill={COLORS.accident}
        >
          {t('incidents.mapLegend.accident')}
        </text>
      </g>
      <g transform={`translate(12, ${height - 14})`} fontSize={font - 1}>
        {(['accident', 'nearest', 'committed', 'seat'] as const).map((key, i) => (
          <g key={key} transform={`translate(${i * (large ? 150 : 100)}, 0)`}>
            <circle cx={0} cy={-4} r={5} fill={COLORS[key]} />
            <text x={10} y={0} fill={large ? '#d9d9d9' : '#595959'}>
              {t(`incidents.mapLegend.${key}`)}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
