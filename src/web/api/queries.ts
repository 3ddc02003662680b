/** React Query hooks and mutations for every resource the web app reads. Query keys start with the resource name. */
import { useQuery } from '@tanstack/react-query';
import type { AccidentSummary } from '../../contracts/accidents.js';
import type { AuditRecord } from '../../contracts/audit.js';
import type { DutyStaff } from '../../contracts/duty.js';
import type { StatsBreakdown, StatsSummary } from '../../contracts/stats.js';
import { ApiError, api } from './client.js';
import type {
  AccidentListItem,
  AccidentView,
  DutyLogEntry,
  DutyNow,
  DutyShift,
  Handover,
  Me,
  Page,
  Region,
  ReportingContact,
} from './types.js';

export const queryKeys = {
  me: ['me'] as const,
  accidents: (params?: object) => (params ? (['accidents', params] as const) : (['accidents'] as const)),
  accident: (id: string) => ['accident', id] as const,
  regions: (parent: string) => ['regions', parent] as const,
  region: (code: string) => ['region', code] as const,
  duty: ['duty'] as const,
  accidentSummary: (params?: object) =>
    params ? (['accidentSummary', params] as const) : (['accidentSummary'] as const),
  audit: (params?: object) => (params ? (['audit', params] as const) : (['audit'] as const)),
  stats: (kind: string, params: object) => ['stats', kind, params] as const,
};

/**
 * The signed-in user as last confirmed by the server, kept on the device: an inspector who opens the app in a plant
 * without network still gets the screens of their role (the server decides again on every request once online).
 */
const KEPT_ME = 'anjian.me';

export function forgetKeptMe(): void {
  localStorage.removeItem(KEPT_ME);
}

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => {
      try {
        const user = (await api<{ user: Me }>('/api/auth/me')).user;
        localStorage.setItem(KEPT_ME, JSON.stringify(user));
        return user;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          forgetKeptMe();
          return null;
        }
        const kept = e instanceof ApiError && e.status === 0 ? localStorage.getItem(KEPT_ME) : null;
        if (kept) return JSON.parse(kept) as Me;
        throw e;
      }
    },
    staleTime: 60_000,
    // Asked once even when the browser says it is offline (then the kept user answers).
    networkMode: 'offlineFirst',
  });
}

export type AccidentQuery = Record<string, string | number | undefined>;

export function useAccidents(params: AccidentQuery, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: queryKeys.accidents(params),
    queryFn: ({ signal }) => api<Page<AccidentListItem>>('/api/accidents', { query: params, signal }),
    placeholderData: (prev) => prev,
    ...opts,
  });
}

export function useAccident(id: string) {
  return useQuery({
    queryKey: queryKeys.accident(id),
    queryFn: ({ signal }) => api<AccidentView>(`/api/accidents/${id}`, { signal }),
  });
}

/** Per Asia/Shanghai day over the last `days` days, in the signed-in user's jurisdiction. */
export function useAccidentSummary(
  params: { days: number; regionCode?: string },
  opts: { refetchInterval?: number } = {},
) {
  return useQuery({
    queryKey: queryKeys.accidentSummary(params),
    queryFn: ({ signal }) => api<AccidentSummary>('/api/accidents/summary', { query: params, signal }),
    placeholderData: (prev) => prev,
    ...opts,
  });
}

export interface StatsParams {
  regionCode: string;
  from?: string;
  to?: string;
}

/** 统计汇总 with 同比 (GET /api/stats/summary). */
export function useStatsSummary(params: StatsParams, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: queryKeys.stats('summary', params),
    queryFn: ({ signal }) => api<StatsSummary>('/api/stats/summary', { query: { ...params }, signal }),
    placeholderData: (prev) => prev,
    ...opts,
  });
}

/** 统计分组 with 同比 (GET /api/stats/breakdown). */
export function useStatsBreakdown(
  params: StatsParams & { by: StatsBreakdown['by']; industryLevel?: 'section' | 'division' },
  opts: { refetchInterval?: number } = {},
) {
  return useQuery({
    queryKey: queryKeys.stats('breakdown', params),
    queryFn: ({ signal }) => api<StatsBreakdown>('/api/stats/breakdown', { query: { ...params }, signal }),
    placeholderData: (prev) => prev,
    ...opts,
  });
}

export type AuditQueryParams = Record<string, string | number | undefined>;

export function useAudit(params: AuditQueryParams, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.audit(params),
    queryFn: ({ signal }) => api<Page<AuditRecord>>('/api/audit', { query: params, signal }),
    placeholderData: (prev) => prev,
    ...opts,
  });
}

export function fetchRegions(parent: string) {
  return api<{ items: Region[] }>('/api/regions', { query: { parent } }).then((r) => r.items);
}

export function useRegion(code: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.region(code ?? ''),
    queryFn: () => api<Region>(`/api/regions/${code}`),
    enabled: !!code && code !== '000000',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The duty API may not be deployed yet: a 404 is "no data", not an error. */
async function optional<T>(p: Promise<T>, empty: T): Promise<T & { unavailable?: boolean }> {
  try {
    return (await p) as T & { unavailable?: boolean };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { ...empty, unavailable: true };
    throw e;
  }
}

export function useDutyNow(enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.duty, 'now'],
    queryFn: () => optional(api<{ items: DutyNow[] }>('/api/duty/now'), { items: [] }),
    refetchInterval: 60_000,
    enabled,
  });
}

/** 事故报告电话 of an enterprise user: its county's and its province's duty rooms. */
export function useReportingContacts(enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.duty, 'contacts'],
    queryFn: () => api<{ items: ReportingContact[] }>('/api/duty/contacts'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useDutyShifts(params: { from: string; to: string }) {
  return useQuery({
    queryKey: [...queryKeys.duty, 'shifts', params],
    queryFn: () => optional(api<{ items: DutyShift[] }>('/api/duty/shifts', { query: params }), { items: [] }),
  });
}

export function useDutyLog(params: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: [...queryKeys.duty, 'log', params],
    queryFn: () => optional(api<Page<DutyLogEntry>>('/api/duty/log', { query: params }), { items: [], total: 0 }),
    placeholderData: (prev) => prev,
  });
}

export function useHandovers() {
  return useQuery({
    queryKey: [...queryKeys.duty, 'handovers'],
    queryFn: () => optional(api<Page<Handover>>('/api/duty/handovers'), { items: [], total: 0 }),
  });
}

/** The people of my own bureau, for choosing the officers of a shift. */
export function useDutyStaff(opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...queryKeys.duty, 'staff'],
    queryFn: () => optional(api<{ items: DutyStaff[] }>('/api/duty/staff'), { items: [] }),
    staleTime: 5 * 60_000,
    ...opts,
  });
}
