/** React Query hooks of rescue resources (应急资源). Query keys start with 'rescue'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgreementPage,
  NearestResult,
  RescueAgreement,
  RescueResource,
  RescueResourceDetail,
  ResourcePage,
  ResourceStats,
  UncoveredPage,
} from '../../../contracts/rescue-resources.js';
import { api } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';

type Params = Record<string, string | number | undefined>;

export const rescueKeys = {
  all: ['rescue'] as const,
  list: (params: object) => ['rescue', 'list', params] as const,
  one: (id: string) => ['rescue', 'one', id] as const,
};

export function useResources(params: Params) {
  return useQuery({
    queryKey: rescueKeys.list(params),
    queryFn: ({ signal }) => api<ResourcePage>('/api/rescue-resources', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useResource(id: string | null) {
  return useQuery({
    queryKey: rescueKeys.one(id ?? ''),
    queryFn: ({ signal }) => api<RescueResourceDetail>(`/api/rescue-resources/${id}`, { signal }),
    enabled: id !== null,
  });
}

export function useNearest(params: Params | null) {
  return useQuery({
    queryKey: ['rescue', 'nearest', params],
    queryFn: ({ signal }) => api<NearestResult>('/api/rescue-resources/nearest', { query: params ?? {}, signal }),
    enabled: params !== null,
    retry: false,
  });
}

export function useAgreements(params: Params) {
  return useQuery({
    queryKey: ['rescue', 'agreements', params],
    queryFn: ({ signal }) => api<AgreementPage>('/api/rescue-agreements', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useUncovered(params: Params) {
  return useQuery({
    queryKey: ['rescue', 'uncovered', params],
    queryFn: ({ signal }) => api<UncoveredPage>('/api/rescue-resources/uncovered', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useResourceStats(params: Params) {
  return useQuery({
    queryKey: ['rescue', 'stats', params],
    queryFn: ({ signal }) => api<ResourceStats>('/api/rescue-resources/statistics', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

/** A write (create, update, retire; resources and agreements): every rescue query is stale after it. */
export function useRescueWrite<T = RescueResource | RescueAgreement>() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, method, body, key }: { path: string; method: 'POST' | 'PUT'; body: object; key?: string }) =>
      api<T>(path, { method, body, ...(key ? { headers: { 'idempotency-key': key } } : {}) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: rescueKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}
