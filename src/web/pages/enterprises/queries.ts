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
  UnlicensedRow,
  UpdateEnterpriseInput,
  UpdateLicenceInput,
} from '../../../contracts/enterprises.js';
import { api, buildUrl, uuid } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';
import type { Page } from '../../api/types.js';
import { postFile } from '../imports/queries.js';

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (params: object) => ['enterprises', 'list', params] as const,
  /** The signed-in enterprise user's own record. */
  own: ['enterprises', 'own'] as const,
  one: (id: string) => ['enterprises', 'one', id] as const,
  history: (id: string) => ['enterprises', 'history', id] as const,
  alerts: (params: object) => ['enterprises', 'alerts', params] as const,
  unlicensed: (params: object) => ['enterprises', 'unlicensed', params] as const,
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
export function useLicenceAlerts(params: {
  pageSize: number;
  page?: number | undefined;
  regionCode?: string | undefined;
  stage?: string | undefined;
}) {
  return useQuery({
    queryKey: enterpriseKeys.alerts(params),
    queryFn: ({ signal }) => api<LicenceAlertPage>('/api/licences/alerts', { query: params, signal }),
    refetchInterval: 10 * 60_000,
    placeholderData: (prev) => prev,
  });
}

/** 无证（证照失效）经营: operating enterprises of a licensed sector without a valid licence of that sector. */
export function useUnlicensed(params: EnterpriseListParams) {
  return useQuery({
    queryKey: enterpriseKeys.unlicensed(params),
    queryFn: ({ signal }) => api<Page<UnlicensedRow>>('/api/enterprises/unlicensed', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

// ————————————————————————————————————————— export (.xlsx): plain same-origin GETs, saved by the browser

/** 企业名录 with the list's filters, without paging (the session cookie goes along). */
export function enterprisesXlsxUrl(filters: EnterpriseListParams): string {
  const rest = Object.entries(filters).filter(([k]) => k !== 'page' && k !== 'pageSize');
  return buildUrl('/api/enterprises/export', Object.fromEntries(rest));
}

/** 许可证台账 of the jurisdiction or of one of its regions. */
export function licencesXlsxUrl(regionCode: string | undefined): string {
  return buildUrl('/api/licences/export', { regionCode });
}

// ————————————————————————————————————————— bulk import (企业批量导入)

export const REGISTRY_TEMPLATE_URL = '/api/enterprises/import/template';

export type RegistryRowStatus = 'created' | 'duplicate' | 'invalid';

/** One problem of a row: the API field (`row`: the row as a whole), the file's column header, the message. */
export interface RegistryRowProblem {
  field: string;
  header?: string;
  code: string;
  message: string;
}

export interface RegistryRowResult {
  /** The row number in the spreadsheet (the header is row 1). */
  line: number;
  sheet: string;
  status: RegistryRowStatus;
  creditCode?: string;
  /** created: the new enterprise or licence (not in a dry run); duplicate: the record it repeats. */
  id?: string;
  problems?: RegistryRowProblem[];
}

export interface RegistrySheetCounts {
  sheets: string[];
  total: number;
  created: number;
  duplicates: number;
  invalid: number;
  ignoredColumns: string[];
}

/** The answer of POST /api/enterprises/import (src/server/modules/registry-import/service.ts). */
export interface RegistryImportResult {
  importId: string;
  dryRun: boolean;
  fileName: string;
  format: 'xlsx' | 'csv';
  total: number;
  created: number;
  duplicates: number;
  invalid: number;
  enterprises: RegistrySheetCounts;
  licences: RegistrySheetCounts;
  rows: RegistryRowResult[];
}

/**
 * Uploads the .xlsx or .csv (multipart field `file`). The same Idempotency-Key again answers the first result
 * (a retry after a lost answer imports nothing twice). A real import refreshes every registry query.
 */
export function useRegistryImport() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (v: { file: File; dryRun: boolean; key: string }) =>
      postFile<RegistryImportResult>(
        '/api/enterprises/import',
        v.file,
        { dryRun: v.dryRun },
        { 'Idempotency-Key': v.key },
      ),
    // Also after a failure: rows written before it stay written.
    onSettled: (_result, _error, v) => {
      if (!v.dryRun) invalidate();
    },
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
