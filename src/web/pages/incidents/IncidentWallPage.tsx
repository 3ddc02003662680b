/**
 * 值班大屏 (/incidents/:id/wall): the situation of one incident for the duty room's wall at 1920×1080 — the accident on
 * the schematic map with the nearest and the committed resources, the timeline, the task board and the figures of the
 * latest follow-up. It covers the whole window (over the app's frame) and updates live: every incident.changed event,
 * from whichever instance, refetches it.
 */
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { IncidentView } from '../../../contracts/incidents.js';
import { formatTime } from '../../components/format.js';
import { useLiveEvents } from '../../components/LiveEvents.js';
import { IncidentMap } from './IncidentMap.js';
import { minutes } from './IncidentPage.js';
import { useIncident, useIncidentLive, useNearest } from './queries.js';

const BG = '#06121f';
const PANEL = { background: '#0d2136', borderRadius: 8, padding: 16, color: '#e6f4ff', overflow: 'hidden' } as const;
const STATE_COLORS: Record<string, string> = {
  dispatched: '#4096ff',
  en_route: '#fa8c16',
  on_site: '#52c41a',
  withdrawn: '#8c8c8c',
};

export function IncidentWallPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useIncident(id, 'wall');
  const nearest = useNearest(id, { kind: 'team', limit: 8 });
  const { connected } = useLiveEvents();
  useIncidentLive();
  const i = q.data;
  return (
    <div
      data-testid="incident-wall"
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 1000,
        background: BG,
        color: '#e6f4ff',
        padding: 20,
        overflow: 'hidden',
      }}
    >
      {!i ? (
        <Spin />
      ) : (
        <div style={{ display: 'grid', gridTemplateRows: '72px 1fr', height: '100%', gap: 16 }}>
          <Header i={i} connected={connected} />
          <div style={{ display: 'grid', gridTemplateColumns: '1.15fr 1fr', gap: 16, minHeight: 0 }}>
            <div style={{ display: 'grid', gridTemplateRows: '1fr 190px', gap: 16, minHeight: 0 }}>
              <div style={PANEL}>
                <PanelTitle>{t('incidents.map')}</PanelTitle>
                {i.location ? (
                  <IncidentMap
                    location={i.location}
                    nearby={nearest.data?.items ?? []}
                    tasks={i.tasks}
                    width={1000}
                    height={640}
                    large
                  />
                ) : (
                  <div>{t('incidents.noLocation')}</div>
                )}
              </div>
              <Figures i={i} />
            </div>
            <div style={{ display: 'grid', gridTemplateRows: '1fr 1fr', gap: 16, minHeight: 0 }}>
              <TaskBoard i={i} />
              <WallTimeline i={i} />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

function PanelTitle({ children }: { children: React.ReactNode }) {
  return <div style={{ fontSize: 22, fontWeight: 600, marginBottom: 10, color: '#91caff' }}>{children}</div>;
}

function Header({ i, connected }: { i: IncidentView; connected: boolean }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
      <Link to={`/incidents/${i.id}`} style={{ color: '#e6f4ff', fontSize: 34, fontWeight: 700 }}>
        {i.accident.unitName}
      </Link>
      <span style={{ fontSize: 26, color: '#ff7875', fontWeight: 700 }} data-testid="wall-level">
        {t(`incidents.levels.${i.level}`)}
      </span>
      <span style={{ fontSize: 20 }}>
        {t('incidents.lead')}：{i.leadOrgName}
      </span>
      <span style={{ fontSize: 20 }}>{t(`incidents.statuses.${i.status}`)}</span>
      <span style={{ marginLeft: 'auto', fontSize: 18, color: connected ? '#95de64' : '#ff7875' }}>
        ● {t('incidents.live')}
      </span>
    </div>
  );
}

function Figures({ i }: { i: IncidentView }) {
  const { t } = useTranslation();
  const f = i.accident.figures;
  const cells: [string, string | number][] = [
    [t('incidents.deaths'), f.deaths],
    [t('incidents.missing'), f.missing],
    [t('incidents.serious'), f.seriousInjuries],
    [t('incidents.minor'), f.minorInjuries],
    [t('incidents.loss'), (f.directLossYuan / 10_000).toFixed(1)],
    [t('incidents.reportToOnSite'), minutes(t, i.responseTimes.reportToOnSiteMin)],
  ];
  return (
    <div style={{ ...PANEL, display: 'flex', flexDirection: 'column' }} data-testid="wall-figures">
      <PanelTitle>
        {t('incidents.figures')} · {t('incidents.figuresAt')} {formatTime(i.accident.figuresAt)}
      </PanelTitle>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(6, 1fr)', gap: 12 }}>
        {cells.map(([label, value]) => (
          <div key={label}>
            <div style={{ fontSize: 16, color: '#91caff' }}>{label}</div>
            <div style={{ fontSize: 44, fontWeight: 700, color: '#ffd666' }}>{value}</div>
          </div>
        ))}
      </div>
    </div>
  );
}

function TaskBoard({ i }: { i: IncidentView }) {
  const { t } = useTranslation();
  const columns = ['dispatched', 'en_route', 'on_site', 'withdrawn'] as const;
  return (
    <div style={PANEL} data-testid="wall-tasks">
      <PanelTitle>{t('incidents.taskBoard')}</PanelTitle>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 10 }}>
        {columns.map((state) => (
          <div key={state}>
            <div
              style={{
                fontSize: 18,
                color: STATE_COLORS[state],
                borderBottom: `2px solid ${STATE_COLORS[state]}`,
                marginBottom: 8,
              }}
            >
              {t(`incidents.taskStates.${state}`)}
            </div>
            {i.tasks
              .filter((x) => x.state === state)
              .map((x) => (
                <div
                  key={x.id}
                  data-testid={`wall-task-${state}`}
                  style={{ background: '#13304d', borderRadius: 6, padding: '8px 10px', marginBottom: 8, fontSize: 17 }}
                >
                  <div style={{ fontWeight: 600 }}>{x.resourceName}</div>
                  <div style={{ fontSize: 14, color: '#bae0ff' }}>
                    {x.assignment}
                    {x.distanceKm !== null ? ` · ${x.distanceKm} km` : ''}
                  </div>
                </div>
              ))}
          </div>
        ))}
      </div>
    </div>
  );
}

function WallTimeline({ i }: { i: IncidentView }) {
  const { t } = useTranslation();
  return (
    <div style={{ ...PANEL, overflowY: 'auto' }} data-testid="wall-timeline">
      <PanelTitle>{t('incidents.timeline')}</PanelTitle>
      {[...i.log]
        .reverse()
        .slice(0, 30)
        .map((e) => (
          <div key={e.seq} style={{ display: 'flex', gap: 12, fontSize: 17, marginBottom: 8 }}>
            <span style={{ color: '#91caff', whiteSpace: 'nowrap' }}>{formatTime(e.at).slice(5)}</span>
            <span style={{ color: '#ffd666', whiteSpace: 'nowrap' }}>{e.authorOrg}</span>
            <span>{e.text}</span>
          </div>
        ))}
    </div>
  );
}
