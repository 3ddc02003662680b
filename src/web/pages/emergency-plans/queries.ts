/** React Query hooks of emergency plans (应急预案). Query keys start with 'emergency-plans'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatePlanInput,
  EmergencyPlan,
  PlanAttachmentView,
  PlanPage,
  PlanStats,
} from '../../../contracts/emergency-plans.js';
import { api } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';

export const planKeys = {
  all: ['emergency-plans'] as const,
  list: (params: object) => ['emergency-plans', 'list', params] as const,
  one: (id: string) => ['emergency-plans', 'one', id] as const,
};

export function usePlans(params: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: planKeys.list(params),
    queryFn: ({ signal }) => api<PlanPage>('/api/emergency-plans', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: planKeys.one(id),
    queryFn: ({ signal }) => api<EmergencyPlan>(`/api/emergency-plans/${id}`, { signal }),
  });
}

export function usePlanStats(params: { regionCode?: string | undefined; from: string; to: string }) {
  return useQuery({
    queryKey: ['emergency-plans', 'stats', params],
    queryFn: ({ signal }) => api<PlanStats>('/api/emergency-plans/stats', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreatePlanInput; key: string }) =>
      api<EmergencyPlan>('/api/emergency-plans', { method: 'POST', body, headers: { 'idempotency-key': key } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}

/** A write about one plan (file, decide, drill, revise, evaluate): a POST that answers with the plan. */
export function usePlanAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body, key }: { path: string; body: object; key?: string }) =>
      api<EmergencyPlan>(path, { method: 'POST', body, ...(key ? { headers: { 'idempotency-key': key } } : {}) }),
    onSuccess: (p) => {
      queryClient.setQueryData(planKeys.one(id), p);
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}

/** 上传附件 (multipart: kind, file): the plan is read again afterwards. */
export function useUploadAttachment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: string; file: File }) => {
      const body = new FormData();
      body.append('kind', kind);
      body.append('file', file);
      return api<PlanAttachmentView>(`/api/emergency-plans/${id}/attachments`, { method: 'POST', body });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planKeys.one(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}
