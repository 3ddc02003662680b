/**
 * The audit log (留痕): every write appends a row — who, when, what, before/after — to a hash chain.
 * Chains are per region so regions never contend; audit_heads holds each chain's tip.
 * Call appendAudit last in a transaction: it locks the chain's head until commit.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AuditQuery, AuditRecord } from '../../../contracts/audit.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { type AuditContent, GENESIS_HASH, rowHash } from './hash-chain.js';
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
}

/** JSON-safe copy (Dates → ISO strings) so what is hashed is exactly what jsonb gives back. */
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * The chains' heads a transaction has locked and moved, so its next row in the same chain needs no second
 * upsert: the lock is held until the transaction ends, so nobody else can have moved the head meanwhile.
 */
const lockedHeads = new WeakMap<Kysely<Database>, Map<string, { seq: number; hash: string }>>();

/** Upsert-as-lock: creates the chain on first use and locks its head row until commit. */
async function lockHead(trx: Kysely<Database>, chainKey: string): Promise<{ seq: number; hash: string }> {
  const known = trx.isTransaction ? lockedHeads.get(trx)?.get(chainKey) : undefined;
  if (known) return known;
  const head = await trx
    .insertInto('audit_heads')
    .values({ chain_key: chainKey, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('chain_key').doUpdateSet((eb) => ({ seq: eb.ref('audit_heads.seq') })))
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

function rememberHead(trx: Kysely<Database>, chainKey: string, head: { seq: number; hash: string }): void {
  if (!trx.isTransaction) return;
  let heads = lockedHeads.get(trx);
  if (!heads) {
    heads = new Map();
    lockedHeads.set(trx, heads);
  }
  heads.set(chainKey, head);
}

export async function appendAudit(trx: Kysely<Database>, actor: Actor | null, entry: AuditEntry): Promise<void> {
  const chainKey = entry.regionCode;
  const head = await lockHead(trx, chainKey);
  const content: AuditContent = {
    chainKey,
    seq: Number(head.seq) + 1,
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
  };
  const hash = rowHash(head.hash, content);
  // The row and the chain's new tip in one statement.
  await trx
    .with('row', (db) =>
      db.insertInto('audit_log').values({
        chain_key: chainKey,
        seq: content.seq,
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
        prev_hash: head.hash,
        hash,
      }),
    )
    .updateTable('audit_heads')
    .set({ seq: content.seq, hash })
    .where('chain_key', '=', chainKey)
    .execute();
  rememberHead(trx, chainKey, { seq: content.seq, hash });
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
