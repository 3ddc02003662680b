/**
 * Re-computes the whole audit trail and reports the first problem, or OK:
 * - the seal chain: each seal's hash from its content and the previous seal's hash, numbers and xid ranges contiguous;
 * - each batch: every row's hash from its content (an edited row), and the Merkle root and count of the batch's rows
 *   (a row deleted or inserted in a sealed range);
 * - the legacy seal: the per-region chains written before migration 0015, link by link, up to their recorded tips,
 *   and the root over those tips;
 * - with an exported anchor: the seal it names must still have the hash it had then, so a log rewritten with every
 *   later hash recomputed is caught.
 * Rows not sealed yet are counted, not judged: the sealer has not reached them.
 * Runs in one REPEATABLE READ snapshot, so a server writing or sealing meanwhile cannot make a sound log look broken.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { type Anchor, checkAnchorSignature } from './anchor.js';
import {
  type AuditContent,
  contentHash,
  GENESIS_HASH,
  legacyHeadLeaf,
  merkleRoot,
  rowHash,
  type SealedRowContent,
  sealHash,
} from './hash-chain.js';
import * as repo from './repo.js';

export interface BrokenLink {
  /** The seal in which the problem lies (1 = the legacy chains). */
  sealSeq: number;
  /** The row's chain and number, when one row is to blame. */
  chainKey?: string;
  seq?: number;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Seals checked (the legacy seal included). */
  seals: number;
  /** Rows covered by the seals checked. */
  rows: number;
  /** Rows written but not sealed yet. */
  unsealed: number;
  /** Chains written before migration 0015. */
  legacyChains: number;
  /** The anchor given was found in the seal chain and matches. */
  anchorMatched?: boolean;
  broken?: BrokenLink;
}

const PAGE = 5_000;

type Trx = Kysely<Database>;
type Broken = { broken: BrokenLink };

function contentOf(r: repo.AuditRow): SealedRowContent {
  return {
    chainKey: r.chain_key,
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
    clientAddr: r.client_addr ?? undefined,
  };
}

/** One legacy chain from genesis to its recorded head; the number of rows, or the first problem. */
async function verifyLegacyChain(trx: Trx, head: { chain_key: string; seq: number; hash: string }) {
  const last = Number(head.seq);
  const at = (reason: string, seq: number): Broken => ({
    broken: { sealSeq: 1, chainKey: head.chain_key, seq, reason },
  });
  let prevHash = GENESIS_HASH;
  let expected = 1;
  while (expected <= last) {
    const batch = await repo.legacyRows(trx, head.chain_key, expected, last, PAGE);
    if (batch.length === 0) break;
    for (const r of batch) {
      if (Number(r.seq) !== expected) return at('row missing (deleted)', expected);
      if (r.prev_hash !== prevHash) return at('prev_hash does not match the previous row', expected);
      const content: AuditContent = { ...contentOf(r), seq: expected };
      if (rowHash(prevHash, content) !== r.hash) return at('content does not match its hash (row edited)', expected);
      prevHash = r.hash;
      expected++;
    }
  }
  if (expected - 1 !== last || prevHash !== head.hash) {
    return at('chain ends before its recorded head (rows deleted)', expected);
  }
  return { rows: last };
}

/**
 * The legacy chains against their heads and, once sealed, against seal 1. Before the first sealer run (just after
 * migration 0015) there is no seal yet: the chains are still checked.
 */
async function verifyLegacy(
  trx: Trx,
  seal: repo.SealRow | undefined,
): Promise<Broken | { rows: number; chains: number }> {
  const heads = await repo.legacyHeads(trx);
  let rows = 0;
  for (const head of heads) {
    const result = await verifyLegacyChain(trx, head);
    if ('broken' in result) return result;
    rows += result.rows;
  }
  if ((await repo.strayLegacyRows(trx)) > 0) {
    return { broken: { sealSeq: 1, reason: 'legacy rows beyond any recorded chain head (inserted)' } };
  }
  const root = merkleRoot(
    heads.map((h) => legacyHeadLeaf({ chainKey: h.chain_key, seq: Number(h.seq), hash: h.hash })),
  );
  if (seal && (root !== seal.root || rows !== Number(seal.row_count))) {
    return { broken: { sealSeq: 1, reason: 'legacy chain heads do not match the legacy seal' } };
  }
  return { rows, chains: heads.length };
}

/** One batch: every row's hash from its content, then the batch's root and count. */
async function verifyBatch(trx: Trx, seal: repo.SealRow): Promise<Broken | { rows: number; chains?: undefined }> {
  const sealSeq = Number(seal.seq);
  const leaves: string[] = [];
  let after: { xid: string; seq: number } | null = null;
  for (;;) {
    const rows = await repo.rowsBetween(trx, seal.lo_xid as string, seal.hi_xid as string, after, PAGE);
    for (const r of rows) {
      if (contentHash(contentOf(r)) !== r.hash) {
        return {
          broken: {
            sealSeq,
            chainKey: r.chain_key,
            seq: Number(r.seq),
            reason: 'content does not match its hash (row edited)',
          },
        };
      }
      leaves.push(r.hash);
    }
    if (rows.length < PAGE) break;
    const tail = rows[rows.length - 1] as repo.AuditRow & { xid: string };
    after = { xid: tail.xid, seq: Number(tail.seq) };
  }
  if (leaves.length !== Number(seal.row_count) || merkleRoot(leaves) !== seal.root) {
    return {
      broken: {
        sealSeq,
        reason: `the batch's rows do not match its seal: ${leaves.length} rows for ${seal.row_count} sealed (row deleted, inserted or rehashed)`,
      },
    };
  }
  return { rows: leaves.length };
}

/** The seal's own hash, its link to the previous seal and its place; a problem, or null. */
function sealLinkProblem(seal: repo.SealRow, prev: repo.SealRow | undefined): string | null {
  if (Number(seal.seq) !== (prev ? Number(prev.seq) + 1 : 1)) return 'seal missing (deleted)';
  if ((seal.kind === 'legacy') !== (prev === undefined)) return 'the legacy seal is not the first';
  if (seal.prev !== (prev?.hash ?? GENESIS_HASH)) return 'prev does not match the previous seal';
  if (seal.kind === 'batch' && seal.lo_xid !== (prev?.hi_xid ?? '0'))
    return 'xid range not contiguous with the previous seal';
  const content = {
    seq: Number(seal.seq),
    kind: seal.kind,
    loXid: seal.lo_xid,
    hiXid: seal.hi_xid,
    rowCount: Number(seal.row_count),
    firstRow: seal.first_row,
    lastRow: seal.last_row,
    root: seal.root,
    sealedAt: new Date(seal.sealed_at).toISOString(),
  };
  if (sealHash(seal.prev, content) !== seal.hash) return 'seal content does not match its hash (seal edited)';
  return null;
}

export async function verifyAudit(db: Db, opts: { anchor?: Anchor } = {}): Promise<VerifyResult> {
  const anchor = opts.anchor;
  if (anchor && !checkAnchorSignature(anchor)) {
    return {
      ok: false,
      seals: 0,
      rows: 0,
      unsealed: 0,
      legacyChains: 0,
      broken: { sealSeq: anchor.sealSeq, reason: 'the anchor signature is not valid' },
    };
  }
  return db.kysely
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const result: VerifyResult = { ok: true, seals: 0, rows: 0, unsealed: 0, legacyChains: 0 };
      const fail = (broken: BrokenLink): VerifyResult => ({ ...result, ok: false, broken });
      let prev: repo.SealRow | undefined;
      for (;;) {
        const seals = await repo.sealsAfter(trx, prev ? Number(prev.seq) : 0, PAGE);
        for (const seal of seals) {
          const problem = sealLinkProblem(seal, prev);
          if (problem) return fail({ sealSeq: Number(seal.seq), reason: problem });
          const checked = seal.kind === 'legacy' ? await verifyLegacy(trx, seal) : await verifyBatch(trx, seal);
          if ('broken' in checked) return fail(checked.broken);
          if (checked.chains !== undefined) result.legacyChains = checked.chains;
          if (anchor?.sealSeq === Number(seal.seq)) {
            if (anchor.root !== seal.hash || anchor.count !== result.rows + checked.rows) {
              return fail({
                sealSeq: anchor.sealSeq,
                reason: 'the seal differs from the exported anchor (log rewritten)',
              });
            }
            result.anchorMatched = true;
          }
          result.seals++;
          result.rows += checked.rows;
          prev = seal;
        }
        if (seals.length < PAGE) break;
      }
      if (!prev) {
        const legacy = await verifyLegacy(trx, undefined);
        if ('broken' in legacy) return fail(legacy.broken);
        result.legacyChains = legacy.chains;
        result.unsealed = legacy.rows;
      }
      if (anchor && !result.anchorMatched) {
        return fail({
          sealSeq: anchor.sealSeq,
          reason: `the anchor names seal ${anchor.sealSeq}, the log has ${result.seals} (seals deleted)`,
        });
      }
      result.unsealed += await repo.countUnsealed(trx, prev?.hi_xid ?? '0');
      return result;
    });
}
