/** React Query hooks of the enterprise registry (企业档案) and licences (许可证). Query keys start with 'enterprises'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditRecord } from '../../../contracts/audit.js';
import type {
  CreateEnterpriseInput,
  CreateLicenceInput,
  EnterprisePage,
  EnterpriseView,
  LicenceAlertPage,
  LicenceView,
  UpdateEnterpriseInput,
  UpdateLicenceInput,
} from '../../../contracts/enterprises.js';
import { api, uuid } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (params: object) => ['enterprises', 'list', params] as const,
  /** The signed-in enterprise user's own record. */
  own: ['enterprises', 'own'] as const,
  one: (id: string) => ['enterprises', 'one', id] as const,
  history: (id: string) => ['enterprises', 'history', id] as const,
  alerts: (params: object) => ['enterprises', 'alerts', params] as const,
};

export type EnterpriseListParams = Record<string, string | number | undefined>;

export function useEnterprises(params: EnterpriseListParams) {
  return useQuery({
    queryKey: enterpriseKeys.list(params),
    queryFn: ({ signal }) => api<EnterprisePage>('/api/enterprises', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

/** An enterprise user's own record: GET /api/enterprises answers with just that one. */
export function useOwnEnterprise(enabled: boolean) {
  return useQuery({
    queryKey: enterpriseKeys.own,
    queryFn: async ({ signal }) =>
      (await api<EnterprisePage>('/api/enterprises', { query: { pageSize: 1 }, signal })).items[0] ?? null,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useEnterprise(id: string) {
  return useQuery({
    queryKey: enterpriseKeys.one(id),
    queryFn: ({ signal }) => api<EnterpriseView>(`/api/enterprises/${id}`, { signal }),
  });
}

/** 修改记录: the audit rows of the enterprise, its licences and its hazard units, newest first. */
export function useEnterpriseHistory(id: string) {
  return useQuery({
    queryKey: enterpriseKeys.history(id),
    queryFn: ({ signal }) => api<{ items: AuditRecord[] }>(`/api/enterprises/${id}/history`, { signal }),
  });
}

/** 许可证到期提醒 of the jurisdiction (an enterprise user: its own licences). */
export function useLicenceAlerts(params: { pageSize: number; regionCode?: string; stage?: string }) {
  return useQuery({
    queryKey: enterpriseKeys.alerts(params),
    queryFn: ({ signal }) => api<LicenceAlertPage>('/api/licences/alerts', { query: params, signal }),
    refetchInterval: 10 * 60_000,
  });
}

/** After any registry write: every enterprise query, the hazard register (summaries follow) and the audit trail. */
export function useInvalidateRegistry() {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of [enterpriseKeys.all, ['hazards'], queryKeys.audit()]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  };
}

export function useCreateEnterprise() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateEnterpriseInput; key: string }) =>
      api<EnterpriseView>('/api/enterprises', { body, headers: { 'Idempotency-Key': key } }),
    onSuccess: invalidate,
  });
}

export function useUpdateEnterprise(id: string) {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (body: UpdateEnterpriseInput) =>
      api<EnterpriseView>(`/api/enterprises/${id}`, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

export function useSaveLicence(enterpriseId: string) {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (
      v: { id: string; body: UpdateLicenceInput } | { id?: undefined; body: CreateLicenceInput; key?: string },
    ) =>
      v.id
        ? api<LicenceView>(`/api/licences/${v.id}`, { method: 'PATCH', body: v.body })
        : api<LicenceView>(`/api/enterprises/${enterpriseId}/licences`, {
            body: v.body,
            headers: { 'Idempotency-Key': ('key' in v && v.key) || uuid() },
          }),
    onSuccess: invalidate,
  });
}
