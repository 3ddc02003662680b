/** React Query hooks of 企业自查. Query keys start with 'self-inspections'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateSelfInspectionInput,
  SelfInspectionPage,
  SelfInspectionView,
} from '../../../contracts/self-inspections.js';
import { api } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';

export const selfInspectionKeys = {
  all: ['self-inspections'] as const,
  list: (page: number) => ['self-inspections', 'list', page] as const,
  one: (id: string) => ['self-inspections', 'one', id] as const,
};

export function useSelfInspections(page: number, pageSize: number) {
  return useQuery({
    queryKey: selfInspectionKeys.list(page),
    queryFn: ({ signal }) => api<SelfInspectionPage>('/api/self-inspections', { query: { page, pageSize }, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useSelfInspection(id: string) {
  return useQuery({
    queryKey: selfInspectionKeys.one(id),
    queryFn: ({ signal }) => api<SelfInspectionView>(`/api/self-inspections/${id}`, { signal }),
  });
}

export function useCreateSelfInspection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateSelfInspectionInput; key: string }) =>
      api<SelfInspectionView>('/api/self-inspections', { method: 'POST', body, headers: { 'idempotency-key': key } }),
    onSuccess: (record) => {
      queryClient.setQueryData(selfInspectionKeys.one(record.id), record);
      void queryClient.invalidateQueries({ queryKey: selfInspectionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['dangers'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
    },
  });
}
