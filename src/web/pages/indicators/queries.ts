/** React Query hooks of control indicators (控制指标). Query keys start with 'indicators'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IndicatorBoard, IndicatorInput, IndicatorSetResult } from '../../../contracts/indicators.js';
import { api } from '../../api/client.js';

export const indicatorKeys = {
  all: ['indicators'] as const,
  board: (year: number, regionCode: string | undefined) => ['indicators', year, regionCode ?? ''] as const,
};

/** The board of a region (default: the signed-in bureau's) for a year: its figures and its children's, worst first. */
export function useIndicatorBoard(year: number, regionCode?: string, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: indicatorKeys.board(year, regionCode),
    queryFn: ({ signal }) =>
      api<IndicatorBoard>(`/api/indicators/${year}`, { query: { regionCode: regionCode || undefined }, signal }),
    placeholderData: (prev) => prev,
    ...opts,
  });
}

/** PUT a region's figures; every board is refreshed afterwards (the parent's sums change too). */
export function useSetIndicator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, regionCode, body }: { year: number; regionCode: string; body: IndicatorInput }) =>
      api<IndicatorSetResult>(`/api/indicators/${year}/${regionCode}`, { method: 'PUT', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
}
