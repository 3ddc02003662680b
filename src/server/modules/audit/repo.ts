/** The only place with audit-log reads. Writes go through appendAudit (service.ts). */
import type { Kysely, Selectable } from 'kysely';
import type { AuditQuery } from '../../../contracts/audit.js';
import type { AuditLogTable, Database } from '../../db/schema.js';
import { pageWithTotal } from '../../db/sql.js';

type Q = Kysely<Database>;

export type AuditRow = Selectable<AuditLogTable>;

/** Whose rows a reader sees: the region subtree (`prefix`), but duty rows of its own region only. */
export interface AuditScope {
  prefix: string;
  regionCode: string;
}

/** The rows of the scope, filtered, newest first, with the total. */
export async function listAudit(
  db: Q,
  scope: AuditScope,
  f: AuditQuery,
): Promise<{ items: AuditRow[]; total: number }> {
  let q = db
    .selectFrom('audit_log as l')
    .where('l.region_code', 'like', `${scope.prefix}%`)
    .where((eb) => eb.or([eb('l.entity_type', 'not like', 'duty%'), eb('l.region_code', '=', scope.regionCode)]));
  if (f.entityId) q = q.where('l.entity_id', '=', f.entityId);
  if (f.entityType) q = q.where('l.entity_type', '=', f.entityType);
  if (f.action) {
    const action = f.action;
    q = q.where((eb) =>
      eb.or([eb('l.action', '=', action), eb('l.action', 'like', `${action.replaceAll('_', '\\_')}.%`)]),
    );
  }
  if (f.from) q = q.where('l.at', '>=', new Date(f.from));
  if (f.to) q = q.where('l.at', '<', new Date(f.to));
  return pageWithTotal(q.selectAll('l').orderBy('l.at', 'desc').orderBy('l.id', 'desc'), q, f);
}
