/** React Query hooks of the statistical report tables (统计月报). Query keys start with 'stats-report'. */
import { useQuery } from '@tanstack/react-query';
import type { ReportDimension, StatsReport } from '../../../contracts/reports.js';
import { api, buildUrl } from '../../api/client.js';

export interface ReportParams {
  regionCode?: string | undefined;
  from: string;
  to: string;
  by: ReportDimension;
}

const query = (p: ReportParams) => ({ regionCode: p.regionCode, from: p.from, to: p.to, by: p.by });

export function useStatsReport(p: ReportParams) {
  return useQuery({
    queryKey: ['stats-report', p.regionCode ?? '', p.from, p.to, p.by],
    queryFn: ({ signal }) => api<StatsReport>('/api/stats/report', { query: query(p), signal }),
    placeholderData: (prev) => prev,
  });
}

/** The .xlsx of the same table: a plain same-origin GET (the session cookie goes along), saved by the browser. */
export function reportXlsxUrl(p: ReportParams): string {
  return buildUrl('/api/stats/report', { ...query(p), format: 'xlsx' });
}
