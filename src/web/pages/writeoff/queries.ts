/** React Query hooks of write-off (核销). Query keys start with 'writeoff'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WriteoffPage, WriteoffRequestInput, WriteoffRequestView } from '../../../contracts/writeoff.js';
import { api } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';

export const writeoffKeys = {
  all: ['writeoff'] as const,
  list: (params: object) => ['writeoff', 'list', params] as const,
  ofAccident: (accidentId: string) => ['writeoff', 'accident', accidentId] as const,
};

export type WriteoffListParams = Record<string, string | number | undefined>;

export function useWriteoffRequests(params: WriteoffListParams) {
  return useQuery({
    queryKey: writeoffKeys.list(params),
    queryFn: ({ signal }) => api<WriteoffPage>('/api/writeoff-requests', { query: params, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useAccidentWriteoffs(accidentId: string) {
  return useQuery({
    queryKey: writeoffKeys.ofAccident(accidentId),
    queryFn: ({ signal }) =>
      api<{ items: WriteoffRequestView[] }>(`/api/accidents/${accidentId}/writeoff-requests`, { signal }),
  });
}

/** After any write-off change: the requests, the accident (written-off state), lists, statistics and the trail. */
function useInvalidateAfterWriteoff() {
  const queryClient = useQueryClient();
  return (accidentId: string) => {
    for (const queryKey of [
      writeoffKeys.all,
      queryKeys.accident(accidentId),
      queryKeys.accidents(),
      queryKeys.accidentSummary(),
      queryKeys.audit(),
      ['stats'],
    ]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  };
}

export function useRequestWriteoff(accidentId: string) {
  const invalidate = useInvalidateAfterWriteoff();
  return useMutation({
    mutationFn: (body: WriteoffRequestInput) =>
      api<WriteoffRequestView>(`/api/accidents/${accidentId}/writeoff-requests`, { body }),
    onSuccess: () => invalidate(accidentId),
  });
}

export type WriteoffDecision = 'approve' | 'reject' | 'withdraw';

export function useDecideWriteoff() {
  const invalidate = useInvalidateAfterWriteoff();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: WriteoffDecision; note?: string | undefined }) =>
      api<WriteoffRequestView>(`/api/writeoff-requests/${id}/${action}`, { body: note ? { note } : {} }),
    onSuccess: (view) => invalidate(view.accidentId),
  });
}
