/**
 * Re-computes every audit chain and reports the first broken link, or OK.
 * Runs in one REPEATABLE READ snapshot, so a server writing meanwhile cannot make a sound chain look broken.
 */
import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { type AuditContent, GENESIS_HASH, rowHash } from './hash-chain.js';

export interface BrokenLink {
  chainKey: string;
  seq: number;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  chains: number;
  rows: number;
  broken?: BrokenLink;
}

const BATCH = 5_000;

type AuditRow = Awaited<ReturnType<typeof readBatch>>[number];

function readBatch(db: Kysely<Database>, chainKey: string, fromSeq: number, toSeq: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('chain_key', '=', chainKey)
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .orderBy('seq')
    .limit(BATCH)
    .execute();
}

function contentOf(r: AuditRow): AuditContent {
  return {
    chainKey: r.chain_key,
    seq: Number(r.seq),
    id: r.id,
    regionCode: r.region_code,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
  };
}

/** Walks one chain from genesis to its recorded head; returns the first problem, or the number of rows. */
async function verifyChain(db: Kysely<Database>, head: { chain_key: string; seq: number; hash: string }) {
  const last = Number(head.seq);
  let prevHash = GENESIS_HASH;
  let expected = 1;
  while (expected <= last) {
    const batch = await readBatch(db, head.chain_key, expected, last);
    if (batch.length === 0) break;
    for (const r of batch) {
      const at = (reason: string, seq = expected): { broken: BrokenLink } => ({
        broken: { chainKey: head.chain_key, seq, reason },
      });
      if (Number(r.seq) !== expected) return at('row missing (deleted)');
      if (r.prev_hash !== prevHash) return at('prev_hash does not match the previous row');
      if (rowHash(prevHash, contentOf(r)) !== r.hash) return at('content does not match its hash (row edited)');
      prevHash = r.hash;
      expected++;
    }
  }
  if (expected - 1 !== last || prevHash !== head.hash) {
    return {
      broken: { chainKey: head.chain_key, seq: expected, reason: 'chain ends before its recorded head (rows deleted)' },
    };
  }
  return { rows: last };
}

export async function verifyAudit(db: Db): Promise<VerifyResult> {
  return db.kysely
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const heads = await trx.selectFrom('audit_heads').selectAll().orderBy('chain_key').execute();
      let rows = 0;
      for (const head of heads) {
        const result = await verifyChain(trx, head);
        if ('broken' in result) return { ok: false, chains: heads.length, rows, broken: result.broken };
        rows += result.rows;
      }
      const stray = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM audit_log l
        WHERE NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.chain_key = l.chain_key AND l.seq <= h.seq)`.execute(trx);
      if ((stray.rows[0]?.n ?? 0) > 0) {
        return {
          ok: false,
          chains: heads.length,
          rows,
          broken: { chainKey: '?', seq: 0, reason: 'rows beyond any recorded chain head' },
        };
      }
      return { ok: true, chains: heads.length, rows };
    });
}
