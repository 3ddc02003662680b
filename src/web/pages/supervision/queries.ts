/** React Query hooks of supervision (分类分级监管, 年度监督检查计划, 双随机、一公开). Query keys start with 'supervision'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OfficerView } from '../../../contracts/inspections.js';
import type {
  CreateDrawInput,
  CreatePlanInput,
  DrawPage,
  DrawVerification,
  DrawView,
  PlanRollup,
  PlanSummary,
  PlanView,
  PublicDraw,
  PublicDrawPage,
  SupervisionClassView,
} from '../../../contracts/supervision.js';
import { api } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';

export const supervisionKeys = {
  all: ['supervision'] as const,
  plans: (year: number) => ['supervision', 'plans', year] as const,
  plan: (id: string) => ['supervision', 'plan', id] as const,
  progress: (year: number, regionCode?: string) => ['supervision', 'progress', year, regionCode ?? ''] as const,
  draw: (id: string) => ['supervision', 'draw', id] as const,
  draws: (q: DrawListParams) => ['supervision', 'draws', q] as const,
  officers: ['supervision', 'officers'] as const,
  publicDraws: (page: number, pageSize: number) => ['public-draws', 'list', page, pageSize] as const,
  publicDraw: (id: string) => ['public-draws', 'one', id] as const,
};

export function useSupervisionClass(enterpriseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['supervision', 'class', enterpriseId],
    queryFn: ({ signal }) =>
      api<SupervisionClassView>(`/api/enterprises/${enterpriseId}/supervision-class`, { signal }),
    enabled,
  });
}

export function usePlans(year: number) {
  return useQuery({
    queryKey: supervisionKeys.plans(year),
    queryFn: ({ signal }) => api<{ items: PlanSummary[] }>('/api/supervision-plans', { query: { year }, signal }),
    placeholderData: (prev) => prev,
  });
}

/** The plans of a region's bureaus summed per child region and per month (done / due / overdue). */
export function usePlanProgress(year: number, regionCode?: string, enabled = true) {
  return useQuery({
    queryKey: supervisionKeys.progress(year, regionCode),
    queryFn: ({ signal }) =>
      api<PlanRollup>('/api/supervision-plans/progress', { query: { year, regionCode }, signal }),
    placeholderData: (prev) => prev,
    enabled,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: supervisionKeys.plan(id),
    queryFn: ({ signal }) => api<PlanView>(`/api/supervision-plans/${id}`, { signal }),
  });
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreatePlanInput; key: string }) =>
      api<PlanView>('/api/supervision-plans', { method: 'POST', body, headers: { 'idempotency-key': key } }),
    onSuccess: (plan) => {
      queryClient.setQueryData(supervisionKeys.plan(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}

/** The bureau's certified officers (执法人员名录), to pick a draw's roster from. */
export function useOfficers(enabled: boolean) {
  return useQuery({
    queryKey: supervisionKeys.officers,
    queryFn: ({ signal }) => api<{ items: OfficerView[] }>('/api/inspections/officers', { signal }),
    staleTime: 60_000,
    enabled,
  });
}

export interface DrawListParams {
  year?: number | undefined;
  published?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

/** The jurisdiction's draws, newest first (GET /api/supervision-draws). */
export function useDraws(q: DrawListParams) {
  return useQuery({
    queryKey: supervisionKeys.draws(q),
    queryFn: ({ signal }) => api<DrawPage>('/api/supervision-draws', { query: { ...q }, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useDraw(id: string | undefined) {
  return useQuery({
    queryKey: supervisionKeys.draw(id ?? ''),
    queryFn: ({ signal }) => api<DrawView>(`/api/supervision-draws/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useCreateDraw() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateDrawInput; key: string }) =>
      api<DrawView>('/api/supervision-draws', { method: 'POST', body, headers: { 'idempotency-key': key } }),
    onSuccess: (draw) => {
      queryClient.setQueryData(supervisionKeys.draw(draw.id), draw);
      void queryClient.invalidateQueries({ queryKey: ['supervision', 'draws'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}

/** 复核: the server recomputes the draw from its recorded seed and inputs. */
export function useVerifyDraw(id: string) {
  return useMutation({
    mutationFn: () => api<DrawVerification>(`/api/supervision-draws/${id}/verify`, { method: 'POST' }),
  });
}

/** 一公开: the result goes on the public page, once. */
export function usePublishDraw(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<DrawView>(`/api/supervision-draws/${id}/publish`, { method: 'POST' }),
    onSuccess: (draw) => {
      queryClient.setQueryData(supervisionKeys.draw(id), draw);
      void queryClient.invalidateQueries({ queryKey: ['supervision', 'draws'] });
      void queryClient.invalidateQueries({ queryKey: ['public-draws'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}

export function usePublicDraws(page: number, pageSize: number) {
  return useQuery({
    queryKey: supervisionKeys.publicDraws(page, pageSize),
    queryFn: ({ signal }) =>
      api<PublicDrawPage>('/api/public/supervision-draws', { query: { page, pageSize }, signal }),
    placeholderData: (prev) => prev,
  });
}

export function usePublicDraw(id: string) {
  return useQuery({
    queryKey: supervisionKeys.publicDraw(id),
    queryFn: ({ signal }) => api<PublicDraw>(`/api/public/supervision-draws/${id}`, { signal }),
  });
}
