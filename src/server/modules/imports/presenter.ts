/** The only way import records leave the server. */
import type { ImportListItem, ImportRowResult, ImportView } from '../../../contracts/imports.js';
import type { ImportRow } from './repo.js';

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

/** A batch takes seconds: an import without progress for this long was cut off (the server stopped). */
export const STALE_MS = 10 * 60_000;

/** Running, or interrupted: a stopped server leaves its import `running`; it is shown as failed, not waited for. */
export function effectiveStatus(i: ImportRow, now: Date): ImportRow['status'] {
  return i.status === 'running' && now.getTime() - new Date(i.updated_at).getTime() > STALE_MS ? 'failed' : i.status;
}

export function presentImportListItem(i: ImportRow, now: Date): ImportListItem {
  const status = effectiveStatus(i, now);
  return {
    importId: i.id,
    status,
    dryRun: i.dry_run,
    fileName: i.file_name,
    format: i.format,
    fileSha256: i.file_sha256,
    regionCode: i.region_code,
    createdBy: i.created_by_name,
    createdAt: iso(i.created_at) as string,
    finishedAt: iso(i.finished_at),
    total: i.total,
    processed: i.processed,
    created: i.created,
    duplicates: i.duplicates,
    invalid: i.invalid,
    ignoredColumns: i.ignored_columns,
    error:
      status === 'failed' && i.status === 'running'
        ? '导入中断（服务已停止），已导入的行保留；重新导入同一文件不会重复录入'
        : i.error,
  };
}

/** While it runs: progress, no rows yet. Once finished: every row's result. */
export function presentImport(i: ImportRow, now: Date): ImportView {
  return { ...presentImportListItem(i, now), rows: (i.results as ImportRowResult[] | null) ?? [] };
}
