/**
 * Live push: one EventSource on /api/events while signed in. Every event refreshes the cached queries it
 * concerns; new reports, forwards, re-grades and deadline alerts also raise a notification with a sound.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LIVE_EVENT_TYPES, type LiveEvent, type LiveEventType } from '../../contracts/events.js';
import { queryKeys } from '../api/queries.js';
import { beep } from './beep.js';

const EVENT_TYPES = LIVE_EVENT_TYPES;

/** Events that interrupt the user (notification + sound); the others only go to the feed. */
const ALERTING: Partial<Record<LiveEventType, 'info' | 'warning' | 'error'>> = {
  'accident.created': 'warning',
  'accident.forwarded': 'info',
  'accident.regraded': 'warning',
  'deadline.soon': 'warning',
  'deadline.passed': 'error',
};

const FEED_SIZE = 50;

interface LiveState {
  events: LiveEvent[];
  connected: boolean;
}

const LiveContext = createContext<LiveState>({ events: [], connected: false });

export function useLiveEvents(): LiveState {
  return useContext(LiveContext);
}

export function LiveEventsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [connected, setConnected] = useState(false);
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The latest callbacks, so the connection is not reopened when the language or route changes.
  const handlers = useRef({ t, navigate, notification });
  handlers.current = { t, navigate, notification };

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    const onEvent = (msg: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(msg.data) as LiveEvent;
      } catch {
        return;
      }
      setEvents((prev) => [event, ...prev].slice(0, FEED_SIZE));
      void queryClient.invalidateQueries({ queryKey: queryKeys.accidents() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.accidentSummary() });
      if (event.data.id) void queryClient.invalidateQueries({ queryKey: queryKeys.accident(event.data.id) });
      if (event.type === 'duty.log') void queryClient.invalidateQueries({ queryKey: queryKeys.duty });
      const level = ALERTING[event.type];
      if (!level) return;
      const { t: tr, navigate: go, notification: notify } = handlers.current;
      const id = event.data.id;
      const key = `${event.type}:${id ?? event.at}`;
      notify[level]({
        key,
        title: tr(`event.${event.type}`),
        description: <EventText event={event} />,
        placement: 'topRight',
        duration: 8,
        actions: id ? (
          <Button
            type="primary"
            size="small"
            onClick={() => {
              notify.destroy(key);
              void go(`/accidents/${id}`);
            }}
          >
            {tr('event.open')}
          </Button>
        ) : undefined,
      });
      beep(level === 'error');
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent as EventListener);
    return () => {
      source.close();
      setConnected(false);
    };
  }, [enabled, queryClient]);

  const value = useMemo(() => ({ events, connected }), [events, connected]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** One line describing an event: report number, unit and, for forwards and re-grades, what changed. */
export function EventText({ event }: { event: LiveEvent }) {
  const { t } = useTranslation();
  const d = event.data;
  const extra: string[] = [];
  if (event.type === 'accident.forwarded' && typeof d.to === 'string')
    extra.push(`${typeof d.from === 'string' ? t(`level.${d.from}`) : ''} → ${t(`level.${d.to}`)}`);
  if (event.type === 'accident.signed' && typeof d.level === 'string') extra.push(t(`level.${d.level}`));
  if (event.type === 'accident.created' && typeof d.grade === 'string') extra.push(t(`grade.${d.grade}`));
  if (event.type === 'accident.regraded' && typeof d.to === 'string')
    extra.push(`${typeof d.from === 'string' ? t(`grade.${d.from}`) : ''} → ${t(`grade.${d.to}`)}`);
  return <span data-testid="event-text">{[d.reportNo, d.unitName, ...extra].filter(Boolean).join(' · ')}</span>;
}
