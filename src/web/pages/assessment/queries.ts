/** React Query hooks of the reporting assessment (报送考核). Query keys start with 'assessment'. */
import { useQuery } from '@tanstack/react-query';
import type { Assessment } from '../../../contracts/assessment.js';
import { api, buildUrl } from '../../api/client.js';

export interface AssessmentParams {
  regionCode?: string | undefined;
  from: string;
  to: string;
}

const query = (p: AssessmentParams) => ({ regionCode: p.regionCode, from: p.from, to: p.to });

export function useAssessment(p: AssessmentParams) {
  return useQuery({
    queryKey: ['assessment', p.regionCode ?? '', p.from, p.to],
    queryFn: ({ signal }) => api<Assessment>('/api/assessment', { query: query(p), signal }),
    placeholderData: (prev) => prev,
  });
}

/** The .xlsx of the same ranking: a plain same-origin GET (the session cookie goes along), saved by the browser. */
export function assessmentXlsxUrl(p: AssessmentParams): string {
  return buildUrl('/api/assessment/export', query(p));
}
