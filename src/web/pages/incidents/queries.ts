/** React Query hooks of incident command (应急处置). Query keys start with 'incidents'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type {
  IncidentPage,
  IncidentStats,
  IncidentView,
  InvitableUser,
  NearbyResource,
} from '../../../contracts/incidents.js';
import { api } from '../../api/client.js';
import { useLiveEvents } from '../../components/LiveEvents.js';

export const incidentKeys = {
  all: ['incidents'] as const,
  list: (params: object) => ['incidents', 'list', params] as const,
  one: (id: string) => ['incidents', 'one', id] as const,
  nearest: (id: string, params: object) => ['incidents', 'nearest', id, params] as const,
};

export function useIncidents(params: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: incidentKeys.list(params),
    queryFn: ({ signal }) => api<IncidentPage>('/api/incidents', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useIncident(id: string, view: 'detail' | 'wall' = 'detail') {
  return useQuery({
    queryKey: [...incidentKeys.one(id), view],
    queryFn: ({ signal }) => api<IncidentView>(`/api/incidents/${id}`, { query: { view }, signal }),
  });
}

export function useNearest(
  id: string,
  params: { kind?: string | undefined; specialty?: string | undefined; limit?: number },
) {
  return useQuery({
    queryKey: incidentKeys.nearest(id, params),
    queryFn: ({ signal }) =>
      api<{ items: NearbyResource[]; location: IncidentView['location'] }>(`/api/incidents/${id}/nearest`, {
        query: params,
        signal,
      }),
  });
}

export function useInvitableUsers(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['incidents', 'invitable', id],
    queryFn: ({ signal }) => api<{ items: InvitableUser[] }>(`/api/incidents/${id}/invitable-users`, { signal }),
    enabled,
  });
}

export function useIncidentStats(params: { regionCode?: string | undefined; from: string; to: string }) {
  return useQuery({
    queryKey: ['incidents', 'stats', params],
    queryFn: ({ signal }) => api<IncidentStats>('/api/incidents/stats', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

/** A write on an incident (POST …/log, tasks, level, invitations, close): answers with the incident. */
export function useIncidentAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: object }) =>
      api<IncidentView>(`/api/incidents/${id}${path}`, { method: 'POST', body: body ?? {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: incidentKeys.all }),
  });
}

export function useOpenIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { accidentId: string; level?: string }) =>
      api<IncidentView>('/api/incidents', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: incidentKeys.all }),
  });
}

/** Live: an incident.changed event (from any instance: the events stream) refreshes the incident's queries. */
export function useIncidentLive(): void {
  const { events } = useLiveEvents();
  const queryClient = useQueryClient();
  const latest = events[0];
  useEffect(() => {
    if (latest?.type === 'incident.changed' || latest?.type === 'accident.followup') {
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
    }
  }, [latest, queryClient]);
}
