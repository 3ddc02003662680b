/**
 * The audit log (留痕): every write appends a row — who, when, what, before/after — with the hash of its content.
 * Rows are appended without any lock; sealer.ts chains them in batches (Merkle root per batch, roots chained).
 */

import type { KeyObject } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AuditAnchor, AuditQuery, AuditRecord } from '../../../contracts/audit.js';
import type { Actor } from '../../auth/actor.js';
import type { Config } from '../../config.js';
import type { AppContext } from '../../context.js';
import type { AuditLogTable, Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { latestAnchor, loadAnchorKey } from './anchor.js';
import { contentHash, type SealedRowContent } from './hash-chain.js';
import { presentAudit } from './presenter.js';
import * as repo from './repo.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string;
  at?: Date;
  before?: unknown;
  after?: unknown;
  /** Where the write came from, when there is no actor to carry it (a failed sign-in). */
  clientAddr?: string | undefined;
}

/** JSON-safe copy (Dates → ISO strings) so what is hashed is exactly what jsonb gives back. */
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * The row to append: its hash covers its own content only. No chain head is read or locked — writers never
 * wait on each other here; the sealing job (sealer.ts) chains committed rows in batches afterwards.
 * Exposed so a hot path can put the row into its own insert statement (accidents' create).
 */
export function auditRow(actor: Actor | null, entry: AuditEntry): Insertable<AuditLogTable> {
  const content: SealedRowContent = {
    chainKey: entry.regionCode,
    id: uuidv7(),
    regionCode: entry.regionCode,
    at: (entry.at ?? new Date()).toISOString(),
    actorId: actor?.userId ?? null,
    actorName: actor ? `${actor.displayName}（${actor.username}）` : '系统',
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: plain(entry.before),
    after: plain(entry.after),
    clientAddr: entry.clientAddr ?? actor?.clientAddr,
  };
  return {
    chain_key: content.chainKey,
    id: content.id,
    region_code: content.regionCode,
    at: content.at,
    actor_id: content.actorId,
    actor_name: content.actorName,
    action: content.action,
    entity_type: content.entityType,
    entity_id: content.entityId,
    before: JSON.stringify(content.before),
    after: JSON.stringify(content.after),
    prev_hash: null,
    client_addr: content.clientAddr ?? null,
    hash: contentHash(content),
  };
}

/** Appends one audit row in the caller's transaction (call it in the transaction of the write it records). */
export async function appendAudit(trx: Kysely<Database>, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await trx.insertInto('audit_log').values(auditRow(actor, entry)).execute();
}

/**
 * The audit rows of the actor's jurisdiction (rows carry the region of the record written, so a bureau sees
 * its own region subtree). Duty records (值班) are a bureau's own business — the duty API does not show a
 * subordinate's duty log to a superior — so their rows are the actor's own region only.
 * Bureaus only: enterprise roles never hold audit.read, this is the second lock.
 */
export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  q: AuditQuery,
): Promise<{ items: AuditRecord[]; total: number; page: number; pageSize: number }> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listAudit(
    ctx.db.kysely,
    { prefix: actor.prefix, regionCode: actor.regionCode },
    q,
  );
  return { items: items.map(presentAudit), total, page: q.page, pageSize: q.pageSize };
}

const anchorKeys = new WeakMap<Config, KeyObject | null>();

function anchorKeyOf(config: Config): KeyObject | undefined {
  let key = anchorKeys.get(config);
  if (key === undefined) {
    key = loadAnchorKey(config.anchorKeyFile) ?? null;
    anchorKeys.set(config, key);
  }
  return key ?? undefined;
}

/** 留痕锚定: the seal chain's latest hash, signed when a key is configured (see anchor.ts). 404 before the first seal. */
export async function exportAnchor(ctx: AppContext, _actor: Actor): Promise<AuditAnchor> {
  const anchor = await latestAnchor(ctx.db.kysely, anchorKeyOf(ctx.config));
  if (!anchor) throw new AppError('NOT_FOUND');
  return anchor;
}
