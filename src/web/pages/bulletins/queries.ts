/** React Query hooks of bulletins (事故情况通报). Query keys start with 'bulletins'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulletinPage, CreateBulletinInput } from '../../../contracts/bulletins.js';
import type { DocumentLayout } from '../../../contracts/documents.js';
import { ApiError, api } from '../../api/client.js';

export function useBulletins(p: { regionCode?: string | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['bulletins', p.regionCode ?? '', p.page, p.pageSize],
    queryFn: ({ signal }) => api<BulletinPage>('/api/bulletins', { query: p, signal }),
    placeholderData: (prev) => prev,
  });
}

export function useCreateBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBulletinInput) => api<{ id: string }>('/api/bulletins', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['bulletins'] }),
  });
}

/** The plain text of a bulletin (text/plain, not JSON). */
export function useBulletinText(id: string | null) {
  return useQuery({
    queryKey: ['bulletins', 'text', id],
    enabled: !!id,
    queryFn: async ({ signal }) => {
      const res = await fetch(`/api/bulletins/${id}/text`, { credentials: 'same-origin', signal });
      if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText, []);
      return res.text();
    },
    staleTime: Number.POSITIVE_INFINITY, // a bulletin never changes once issued
  });
}

/** The bulletin as laid out on paper (the .docx's content), for the print view. */
export function useBulletinLayout(id: string | undefined) {
  return useQuery({
    queryKey: ['bulletins', 'layout', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<DocumentLayout>(`/api/bulletins/${id}/layout`, { signal }),
    staleTime: Number.POSITIVE_INFINITY, // a bulletin never changes once issued
  });
}

export const bulletinPrintPath = (id: string) => `/bulletins/${id}/print`;
export const bulletinDocxUrl = (id: string) => `/api/bulletins/${id}/docx`;
export const bulletinTextUrl = (id: string) => `/api/bulletins/${id}/text`;
