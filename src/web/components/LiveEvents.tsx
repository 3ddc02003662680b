/**
 * Live push: one EventSource on /api/events while signed in. Every event refreshes the cached queries it
 * concerns; new reports, forwards, re-grades and deadline alerts also raise a notification with a sound and count as
 * unread until read. A 较大 or worse report sounds an alarm that repeats until someone acknowledges it. The user's own
 * acts (the event's actorId) go to the feed only.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LIVE_EVENT_TYPES, type LiveEvent, type LiveEventType } from '../../contracts/events.js';
import { queryKeys, useMe } from '../api/queries.js';
import { beep } from './beep.js';

const EVENT_TYPES = LIVE_EVENT_TYPES;

/** Events that interrupt the user (notification + sound); the others only go to the feed. */
const ALERTING: Partial<Record<LiveEventType, 'info' | 'warning' | 'error'>> = {
  'accident.created': 'warning',
  'accident.forwarded': 'info',
  'accident.regraded': 'warning',
  'deadline.soon': 'warning',
  'deadline.passed': 'error',
  'danger.alert': 'warning',
  'case.alert': 'warning',
  'emergency_plan.alert': 'warning',
};

/** Where an event's subject opens. */
export const pathOf = (event: LiveEvent, id: string) =>
  event.type === 'case.alert'
    ? `/cases/${id}`
    : event.type === 'danger.alert'
      ? `/hidden-dangers/${id}`
      : event.type === 'emergency_plan.alert'
        ? `/emergency-plans/${id}`
        : event.type === 'incident.changed'
          ? `/incidents/${id}`
          : `/accidents/${id}`;

const FEED_SIZE = 50;
/** How often an unacknowledged alarm sounds again. */
const ALARM_REPEAT_MS = 15_000;
/** 较大 and above (493号令 第三条): the grades whose report must not go unnoticed. */
const ALARM_GRADES = new Set(['larger', 'major', 'especially_major']);

/** The grade an event brings a level: a new or forwarded report's, a re-grade's new one. */
function alarmGrade(event: LiveEvent): string | undefined {
  const grade = event.type === 'accident.regraded' ? event.data.to : event.data.grade;
  const raises = ['accident.created', 'accident.forwarded', 'accident.regraded'].includes(event.type);
  return raises && typeof grade === 'string' && ALARM_GRADES.has(grade) ? grade : undefined;
}

interface LiveState {
  events: LiveEvent[];
  connected: boolean;
  /** Alerting events from others since the user last marked them read. */
  unread: number;
  markRead: () => void;
}

const LiveContext = createContext<LiveState>({ events: [], connected: false, unread: 0, markRead: () => undefined });

export function useLiveEvents(): LiveState {
  return useContext(LiveContext);
}

export function LiveEventsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [connected, setConnected] = useState(false);
  const [unread, setUnread] = useState(0);
  const me = useMe().data;
  const meId = useRef<string | undefined>(undefined);
  meId.current = me?.id;
  /** Alarms still sounding, by accident id. */
  const alarms = useRef(new Map<string, ReturnType<typeof setInterval>>());
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
      // The sender is not notified of what it did itself.
      if (!level || (event.actorId && event.actorId === meId.current)) return;
      setUnread((n) => n + 1);
      const { t: tr, navigate: go, notification: notify } = handlers.current;
      const id = event.data.id;
      const alarm = id ? alarmGrade(event) : undefined;
      const key = alarm ? `alarm:${id}` : `${event.type}:${id ?? event.at}`;
      const acknowledge = () => {
        notify.destroy(key);
        if (!id) return;
        clearInterval(alarms.current.get(id));
        alarms.current.delete(id);
      };
      if (alarm && id && !alarms.current.has(id)) {
        alarms.current.set(
          id,
          setInterval(() => beep(true), ALARM_REPEAT_MS),
        );
      }
      notify[alarm ? 'error' : level]({
        key,
        title: alarm ? tr('event.alarm', { grade: tr(`grade.${alarm}`) }) : tr(`event.${event.type}`),
        description: <EventText event={event} />,
        placement: 'topRight',
        // An alarm stays until acknowledged; closing it acknowledges it.
        duration: alarm ? 0 : 8,
        onClose: alarm ? acknowledge : undefined,
        actions: id ? (
          <Space>
            {alarm && (
              <Button size="small" data-testid="alarm-ack" onClick={acknowledge}>
                {tr('event.acknowledge')}
              </Button>
            )}
            <Button
              type="primary"
              size="small"
              onClick={() => {
                acknowledge();
                void go(pathOf(event, id));
              }}
            >
              {tr('event.open')}
            </Button>
          </Space>
        ) : undefined,
      });
      beep(alarm !== undefined || level === 'error');
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent as EventListener);
    const sounding = alarms.current;
    return () => {
      source.close();
      setConnected(false);
      for (const timer of sounding.values()) clearInterval(timer);
      sounding.clear();
    };
  }, [enabled, queryClient]);

  const markRead = useCallback(() => setUnread(0), []);
  const value = useMemo(() => ({ events, connected, unread, markRead }), [events, connected, unread, markRead]);
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
  // A legal clock of a danger or a case: whose, which, its last day and whether it has passed.
  if (
    (event.type === 'case.alert' || event.type === 'danger.alert' || event.type === 'emergency_plan.alert') &&
    typeof d.dueOn === 'string'
  )
    extra.push(t(`event.clock.${String(d.stage)}`, { dueOn: d.dueOn }));
  const who = typeof d.partyName === 'string' ? d.partyName : d.unitName;
  return <span data-testid="event-text">{[d.reportNo, who, d.cause, ...extra].filter(Boolean).join(' · ')}</span>;
}
