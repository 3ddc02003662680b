/** Re-computes every audit chain and reports the first broken link, or OK. */
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { type AuditContent, GENESIS_HASH, rowHash } from './hash-chain.js';

export interface VerifyResult {
  ok: boolean;
  chains: number;
  rows: number;
  broken?: { chainKey: string; seq: number; reason: string };
}

const BATCH = 5_000;

export async function verifyAudit(db: Db): Promise<VerifyResult> {
  const heads = await db.kysely.selectFrom('audit_heads').selectAll().orderBy('chain_key').execute();
  let rows = 0;
  for (const head of heads) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (;;) {
      const batch = await db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('chain_key', '=', head.chain_key)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(BATCH)
        .execute();
      for (const r of batch) {
        const seq = Number(r.seq);
        const broken = (reason: string): VerifyResult => ({
          ok: false,
          chains: heads.length,
          rows,
          broken: { chainKey: head.chain_key, seq, reason },
        });
        if (seq !== expectedSeq)
          return {
            ...broken(`missing row ${expectedSeq}`),
            broken: { chainKey: head.chain_key, seq: expectedSeq, reason: 'row missing (deleted)' },
          };
        if (r.prev_hash !== prevHash) return broken('prev_hash does not match the previous row');
        const content: AuditContent = {
          chainKey: r.chain_key,
          seq,
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
        if (rowHash(prevHash, content) !== r.hash) return broken('content does not match its hash (row edited)');
        prevHash = r.hash;
        expectedSeq++;
        rows++;
      }
      if (batch.length < BATCH) break;
    }
    if (expectedSeq - 1 !== Number(head.seq) || prevHash !== head.hash) {
      return {
        ok: false,
        chains: heads.length,
        rows,
        broken: {
          chainKey: head.chain_key,
          seq: expectedSeq,
          reason: 'chain ends before its recorded head (rows deleted)',
        },
      };
    }
  }
  const orphans = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM audit_log l WHERE NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.chain_key = l.chain_key)`.execute(
    db.kysely,
  );
  if ((orphans.rows[0]?.n ?? 0) > 0)
    return {
      ok: false,
      chains: heads.length,
      rows,
      broken: { chainKey: '?', seq: 0, reason: 'rows belong to no recorded chain' },
    };
  return { ok: true, chains: heads.length, rows };
}
