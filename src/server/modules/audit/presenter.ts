/** The only way audit rows leave the server. */
import type { AuditRecord } from '../../../contracts/audit.js';
import type { AuditRow } from './repo.js';

export function presentAudit(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    before: r.before,
    after: r.after,
    clientAddr: r.client_addr,
    hash: r.hash,
  };
}
