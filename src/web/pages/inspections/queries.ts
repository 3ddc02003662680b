/**
 * React Query hooks of inspections. The checklist and the officers are also kept on the device (localStorage): an
 * inspector who opens the form in a plant without network still has the items and the team to pick from.
 */
import { useQuery } from '@tanstack/react-query';
import type { InspectionPage, InspectionView, OfficerView } from '../../../contracts/inspections.js';
import type { ChecklistItem, ChecklistTemplate } from '../../../domain/checklist-library.js';
import { api } from '../../api/client.js';

export const inspectionKeys = {
  all: ['inspections'] as const,
  list: (params: object) => ['inspections', 'list', params] as const,
  one: (id: string) => ['inspections', 'one', id] as const,
};

export function useInspections(params: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: inspectionKeys.list(params),
    queryFn: ({ signal }) => api<InspectionPage>('/api/inspections', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useInspection(id: string) {
  return useQuery({
    queryKey: inspectionKeys.one(id),
    queryFn: ({ signal }) => api<InspectionView>(`/api/inspections/${id}`, { signal }),
  });
}

/** A query whose last answer is kept on the device and shown when the network is down. */
function useKeptQuery<T>(key: string, path: string) {
  const storageKey = `anjian.field.${key}`;
  return useQuery({
    queryKey: ['inspections', 'kept', key],
    queryFn: async ({ signal }) => {
      try {
        const fresh = await api<T>(path, { signal });
        localStorage.setItem(storageKey, JSON.stringify(fresh));
        return fresh;
      } catch (e) {
        const kept = localStorage.getItem(storageKey);
        if (kept) return JSON.parse(kept) as T;
        throw e;
      }
    },
    staleTime: 10 * 60_000,
    networkMode: 'always',
  });
}

export function useChecklist() {
  return useKeptQuery<{ items: ChecklistItem[]; templates: ChecklistTemplate[] }>(
    'checklist',
    '/api/inspections/checklist',
  );
}

export function useOfficers() {
  return useKeptQuery<{ items: OfficerView[] }>('officers', '/api/inspections/officers');
}
