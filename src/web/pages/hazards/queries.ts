/** React Query hooks of the major-hazard register (重大危险源, GB 18218-2018). Query keys start with 'hazards'. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type {
  CensusProgress,
  CensusView,
  CreateCensusInput,
  CreateUnitInput,
  EvaluateInput,
  Evaluation,
  EvaluationHistoryEntry,
  HazardSummaryRow,
  HazardUnitView,
  MapPoint,
  UpdateUnitInput,
} from '../../../contracts/hazards.js';
import { shanghaiDate } from '../../../domain/time.js';
import { api, uuid } from '../../api/client.js';
import { useInvalidateRegistry } from '../enterprises/queries.js';

export const hazardKeys = {
  all: ['hazards'] as const,
  list: (params: object) => ['hazards', 'list', params] as const,
  summary: (regionCode: string | undefined) => ['hazards', 'summary', regionCode ?? ''] as const,
  map: (params: object) => ['hazards', 'map', params] as const,
  ofEnterprise: (enterpriseId: string) => ['hazards', 'enterprise', enterpriseId] as const,
  unit: (id: string) => ['hazards', 'unit', id] as const,
  /** 普查: the campaigns, and one campaign's progress in a region (returns change it, so under 'hazards'). */
  censuses: ['hazards', 'censuses'] as const,
  censusProgress: (id: string, regionCode: string | undefined) =>
    ['hazards', 'censuses', id, 'progress', regionCode ?? ''] as const,
  /** Not under 'hazards': a pure computation, nothing a write invalidates. */
  evaluate: (body: string) => ['hazardEvaluate', body] as const,
};

export interface HazardPage {
  items: HazardUnitView[];
  total: number;
  /** false: the server stopped counting at `total` (shown as "total+"). */
  totalExact: boolean;
  page: number;
  pageSize: number;
}

export type HazardListParams = Record<string, string | number | undefined>;

export function useMajorHazards(params: HazardListParams) {
  return useQuery({
    queryKey: hazardKeys.list(params),
    queryFn: ({ signal }) => api<HazardPage>('/api/major-hazards', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useHazardSummary(regionCode: string | undefined) {
  return useQuery({
    queryKey: hazardKeys.summary(regionCode),
    queryFn: ({ signal }) =>
      api<{ region: HazardSummaryRow; children: HazardSummaryRow[] }>('/api/major-hazards/summary', {
        query: { regionCode },
        signal,
      }),
    placeholderData: (prev) => prev,
  });
}

export function useMapPoints(params: { regionCode?: string | undefined; majorHazard?: string | undefined }) {
  return useQuery({
    queryKey: hazardKeys.map(params),
    queryFn: ({ signal }) =>
      api<{ items: MapPoint[]; truncated: boolean }>('/api/map/enterprises', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useEnterpriseUnits(enterpriseId: string) {
  return useQuery({
    queryKey: hazardKeys.ofEnterprise(enterpriseId),
    queryFn: ({ signal }) =>
      api<{ items: HazardUnitView[] }>(`/api/enterprises/${enterpriseId}/hazard-units`, { signal }),
  });
}

export type UnitWithHistory = HazardUnitView & { history: EvaluationHistoryEntry[] };

export function useHazardUnit(id: string | null) {
  return useQuery({
    queryKey: hazardKeys.unit(id ?? ''),
    queryFn: ({ signal }) => api<UnitWithHistory>(`/api/hazard-units/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useSaveUnit(enterpriseId: string) {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (v: { id: string; body: UpdateUnitInput } | { id?: undefined; body: CreateUnitInput; key?: string }) =>
      v.id
        ? api<HazardUnitView>(`/api/hazard-units/${v.id}`, { method: 'PATCH', body: v.body })
        : api<HazardUnitView>(`/api/enterprises/${enterpriseId}/hazard-units`, {
            body: v.body,
            headers: { 'Idempotency-Key': ('key' in v && v.key) || uuid() },
          }),
    onSuccess: invalidate,
  });
}

export function useRetireUnit() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (id: string) => api<HazardUnitView>(`/api/hazard-units/${id}/retire`, { method: 'POST', body: {} }),
    onSuccess: invalidate,
  });
}

export type CensusPhase = 'upcoming' | 'open' | 'closed';

/** Where a campaign stands on today's date (Asia/Shanghai): 未开始, 进行中, 已截止. */
export function censusPhase(c: Pick<CensusView, 'startsOn' | 'endsOn'>, today = shanghaiDate(new Date())): CensusPhase {
  if (today < c.startsOn) return 'upcoming';
  return today > c.endsOn ? 'closed' : 'open';
}

/** 普查 campaigns visible to the user: those covering its region and, for a bureau, those of its subtree. */
export function useCensuses(enabled = true) {
  return useQuery({
    queryKey: hazardKeys.censuses,
    queryFn: ({ signal }) => api<{ items: CensusView[] }>('/api/hazard-censuses', { signal }),
    enabled,
  });
}

/** A campaign's progress in `regionCode` (default: the campaign's region, or the bureau's when below it). */
export function useCensusProgress(id: string | undefined, regionCode: string | undefined) {
  return useQuery({
    queryKey: hazardKeys.censusProgress(id ?? '', regionCode),
    queryFn: ({ signal }) =>
      api<CensusProgress>(`/api/hazard-censuses/${id}/progress`, { query: { regionCode }, signal }),
    enabled: !!id,
    placeholderData: (prev) => prev,
  });
}

export function useCreateCensus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCensusInput) => api<CensusView>('/api/hazard-censuses', { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: hazardKeys.censuses }),
  });
}

export interface CensusReturn {
  censusId: string;
  enterpriseId: string;
  units: number;
  majorUnits: number;
  /** Submitted after the campaign's end date. */
  late: boolean;
}

/** 普查申报: the enterprise's current units are its return (submitted again, the return is replaced). */
export function useSubmitCensusReturn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { censusId: string; enterpriseId: string }) =>
      api<CensusReturn>(`/api/hazard-censuses/${v.censusId}/returns`, { body: { enterpriseId: v.enterpriseId } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: hazardKeys.censuses }),
  });
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * POST /api/hazards/evaluate of `body` (null: nothing to evaluate yet), debounced: the server's engine is the one
 * that grades, so the preview and the saved unit never disagree. The last result stays while the next is computed.
 */
export function useEvaluation(body: EvaluateInput | null, debounceMs = 400) {
  const json = body ? JSON.stringify(body) : '';
  const settled = useDebounced(json, debounceMs);
  return useQuery({
    queryKey: hazardKeys.evaluate(settled),
    queryFn: ({ signal }) => api<Evaluation>('/api/hazards/evaluate', { body: JSON.parse(settled), signal }),
    enabled: settled !== '',
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
