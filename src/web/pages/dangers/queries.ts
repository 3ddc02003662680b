/** React Query hooks of hidden dangers (隐患). Query keys start with 'dangers'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDangerInput, DangerPage, DangerStats, HiddenDanger } from '../../../contracts/hidden-dangers.js';
import type { StandardItem } from '../../../domain/danger-standards.js';
import { api } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';

export const dangerKeys = {
  all: ['dangers'] as const,
  list: (params: object) => ['dangers', 'list', params] as const,
  one: (id: string) => ['dangers', 'one', id] as const,
  standards: ['dangers', 'standards'] as const,
};

export function useDangers(params: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: dangerKeys.list(params),
    queryFn: ({ signal }) => api<DangerPage>('/api/hidden-dangers', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useDanger(id: string) {
  return useQuery({
    queryKey: dangerKeys.one(id),
    queryFn: ({ signal }) => api<HiddenDanger>(`/api/hidden-dangers/${id}`, { signal }),
  });
}

export function useDangerStats(params: { regionCode?: string | undefined; from: string; to: string }) {
  return useQuery({
    queryKey: ['dangers', 'stats', params],
    queryFn: ({ signal }) => api<DangerStats>('/api/hidden-dangers/stats', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useStandards() {
  return useQuery({
    queryKey: dangerKeys.standards,
    queryFn: ({ signal }) =>
      api<{ items: (StandardItem & { standardName: string })[] }>('/api/hidden-dangers/standards', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateDanger() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateDangerInput; key: string }) =>
      api<HiddenDanger>('/api/hidden-dangers', { method: 'POST', body, headers: { 'idempotency-key': key } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: dangerKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}

/** One step of the loop (completion, 复查, 延期, 治理方案, 销号): a POST that answers with the danger. */
export function useDangerAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: object }) => api<HiddenDanger>(path, { method: 'POST', body }),
    onSuccess: (danger) => {
      queryClient.setQueryData(dangerKeys.one(id), danger);
      void queryClient.invalidateQueries({ queryKey: dangerKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}
