/** React Query hooks of penalty cases (行政处罚案件). Query keys start with 'cases'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CasePage, CaseStats, CreateCaseInput, PenaltyCase } from '../../../contracts/cases.js';
import type { ViolationEntry } from '../../../domain/discretion-defaults.js';
import { api } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';

export const caseKeys = {
  all: ['cases'] as const,
  list: (params: object) => ['cases', 'list', params] as const,
  one: (id: string) => ['cases', 'one', id] as const,
};

export function useCases(params: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: caseKeys.list(params),
    queryFn: ({ signal }) => api<CasePage>('/api/cases', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKeys.one(id),
    queryFn: ({ signal }) => api<PenaltyCase>(`/api/cases/${id}`, { signal }),
  });
}

export function useCaseStats(params: { regionCode?: string | undefined; from: string; to: string }) {
  return useQuery({
    queryKey: ['cases', 'stats', params],
    queryFn: ({ signal }) => api<CaseStats>('/api/cases/stats', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

/** The discretion table in force for the user's bureau (its violations and their 情节 steps). */
export function useDiscretionTable() {
  return useQuery({
    queryKey: ['cases', 'discretion'],
    queryFn: ({ signal }) =>
      api<{ version: string; title: string; entries: ViolationEntry[] }>('/api/discretion-table', { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateCaseInput; key: string }) =>
      api<PenaltyCase>('/api/cases', { method: 'POST', body, headers: { 'idempotency-key': key } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}

/** A move (transitions) or an action in a state (actions): a POST that answers with the case. */
export function useCaseStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: 'transitions' | 'actions'; body: object }) =>
      api<PenaltyCase>(`/api/cases/${id}/${path}`, { method: 'POST', body }),
    onSuccess: (c) => {
      queryClient.setQueryData(caseKeys.one(id), c);
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}
