/** Historical import (历史数据导入): the upload, its progress while it runs, and the list of imports. Keys start with 'imports'. */
import { useQuery } from '@tanstack/react-query';
import type { ImportListItem, ImportView } from '../../../contracts/imports.js';
import { ApiError, api } from '../../api/client.js';
import type { Page } from '../../api/types.js';

export const IMPORT_TEMPLATE_URL = '/api/accidents/import/template';

/**
 * POSTs `file` as the multipart field `file` to `path` and answers the JSON body, or throws the server's error as an
 * ApiError — the one upload of the imports (accidents, the enterprise registry).
 */
export function postFile<T>(
  path: string,
  file: File,
  query: Record<string, string | number | boolean | undefined>,
  headers: Record<string, string> = {},
): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<T>(path, { method: 'POST', body: form, query, headers });
}

/**
 * Uploads the file (multipart field `file`). The import id is chosen here so the page can poll the import's
 * progress while this request is still running; the same id again is an idempotent retry.
 */
export function uploadImport(file: File, opts: { dryRun: boolean; importId: string }): Promise<ImportView> {
  return postFile<ImportView>('/api/accidents/import', file, { dryRun: opts.dryRun, importId: opts.importId });
}

/** The import's progress, polled every second while `running`; a 404 before the server has recorded it is "not yet". */
export function useImportProgress(importId: string | null, running: boolean) {
  return useQuery({
    queryKey: ['imports', 'one', importId],
    enabled: !!importId,
    queryFn: async ({ signal }) => {
      try {
        return await api<ImportView>(`/api/accidents/imports/${importId}`, { signal });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    refetchInterval: running ? 1000 : false,
  });
}

export function fetchImport(id: string): Promise<ImportView> {
  return api<ImportView>(`/api/accidents/imports/${id}`);
}

export function useImports(p: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['imports', 'list', p.page, p.pageSize],
    queryFn: ({ signal }) => api<Page<ImportListItem>>('/api/accidents/imports', { query: p, signal }),
    placeholderData: (prev) => prev,
  });
}
