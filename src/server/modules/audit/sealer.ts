/**
 * The sealing job: chains the audit rows, which writers append without any lock, in batches.
 *
 * A batch is every row whose writing transaction (xid) lies in [lo, hi). `hi` never exceeds the oldest transaction
 * still running (sealHorizon), and transaction ids only grow, so once a batch is sealed no row can join it: a row
 * committed later has a larger xid. Inside a batch rows are ordered by (xid, seq). Each seal stores the Merkle root
 * of its rows' hashes and the hash of the previous seal, so the seals form one chain over the whole log, and the
 * ranges are contiguous — every row below the last seal's `hi` belongs to exactly one seal.
 *
 * The first seal (kind 'legacy') covers the per-region chains written before migration 0015: its root is the
 * Merkle root over their tips in audit_heads. Idempotent and safe under concurrent callers on any instance
 * (an advisory lock; the loser returns at once).
 */
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { GENESIS_HASH, legacyHeadLeaf, merkleRoot, type SealContent, sealHash } from './hash-chain.js';
import * as repo from './repo.js';

/** Rows per seal, unless one transaction wrote more (a transaction is never split between seals). */
export const SEAL_BATCH_ROWS = 10_000;
/** Seals per run, so one run stays short; the next run goes on. */
const MAX_SEALS_PER_RUN = 50;
/** How often the clock engine seals (clock/registry.ts): the window in which a fresh row is protected only by its own hash. */
export const SEAL_EVERY_MS = 5_000;

export interface SealRun {
  /** Seals written by this call (0 when another caller held the lock or nothing was due). */
  seals: number;
  rows: number;
}

type Trx = Kysely<Database>;

/** Seals every committed row below the horizon. */
export async function sealAuditLog(db: Db, now: Date): Promise<SealRun> {
  return db.kysely.transaction().execute(async (trx) => {
    if (!(await repo.trySealLock(trx))) return { seals: 0, rows: 0 };
    let last = (await repo.lastSeal(trx)) ?? (await sealLegacy(trx, now));
    const horizon = await repo.sealHorizon(trx);
    if (last.hi_xid !== null && BigInt(horizon) < BigInt(last.hi_xid)) {
      // Transaction ids went back: a logical dump restored into a new cluster (pg_restore after initdb). New rows
      // would land inside sealed ranges, so nothing is sealed until the ids are past the seals (DEPLOYMENT.md).
      throw new Error(
        `audit sealer: transaction ids (${horizon}) are behind the last seal (${last.hi_xid}); was the database restored into a new cluster without advancing its transaction ids?`,
      );
    }
    const run: SealRun = { seals: 0, rows: 0 };
    while (run.seals < MAX_SEALS_PER_RUN) {
      const lo = last.hi_xid ?? '0';
      const batch = await nextBatch(trx, lo, horizon);
      if (!batch) break;
      last = await writeSeal(trx, last, now, {
        kind: 'batch',
        loXid: lo,
        hiXid: batch.hi,
        rowCount: batch.rows.length,
        firstRow: batch.rows[0]?.id ?? null,
        lastRow: batch.rows[batch.rows.length - 1]?.id ?? null,
        root: merkleRoot(batch.rows.map((r) => r.hash)),
      });
      run.seals++;
      run.rows += batch.rows.length;
    }
    return run;
  });
}

/**
 * The rows of the next batch from `lo`, below `horizon`, cut at a transaction boundary after SEAL_BATCH_ROWS rows;
 * undefined when there is nothing to seal.
 */
async function nextBatch(
  trx: Trx,
  lo: string,
  horizon: string,
): Promise<{ hi: string; rows: repo.LeafRow[] } | undefined> {
  if (BigInt(lo) >= BigInt(horizon)) return undefined;
  const rows = await repo.leavesBetween(trx, lo, horizon, SEAL_BATCH_ROWS + 1);
  if (rows.length === 0) return undefined;
  if (rows.length <= SEAL_BATCH_ROWS) return { hi: horizon, rows };
  const cut = (rows[SEAL_BATCH_ROWS] as repo.LeafRow).xid;
  if (cut !== (rows[0] as repo.LeafRow).xid) return { hi: cut, rows: rows.filter((r) => BigInt(r.xid) < BigInt(cut)) };
  // One transaction wrote more than a batch: it is sealed whole.
  const hi = (BigInt(cut) + 1n).toString();
  return { hi, rows: await repo.leavesBetween(trx, lo, hi, Number.MAX_SAFE_INTEGER) };
}

/** Seal 1: the Merkle root over the tips of the chains written before migration 0015 (none on a new database). */
async function sealLegacy(trx: Trx, now: Date): Promise<repo.SealRow> {
  const heads = await repo.legacyHeads(trx);
  return writeSeal(trx, undefined, now, {
    kind: 'legacy',
    loXid: null,
    hiXid: null,
    rowCount: heads.reduce((n, h) => n + Number(h.seq), 0),
    firstRow: null,
    lastRow: null,
    root: merkleRoot(heads.map((h) => legacyHeadLeaf({ chainKey: h.chain_key, seq: Number(h.seq), hash: h.hash }))),
  });
}

async function writeSeal(
  trx: Trx,
  prev: repo.SealRow | undefined,
  now: Date,
  content: Omit<SealContent, 'seq' | 'sealedAt'>,
): Promise<repo.SealRow> {
  const seal: SealContent = { ...content, seq: prev ? Number(prev.seq) + 1 : 1, sealedAt: now.toISOString() };
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const row = {
    region_code: '000000',
    seq: seal.seq,
    kind: seal.kind,
    lo_xid: seal.loXid,
    hi_xid: seal.hiXid,
    row_count: seal.rowCount,
    first_row: seal.firstRow,
    last_row: seal.lastRow,
    root: seal.root,
    prev: prevHash,
    hash: sealHash(prevHash, seal),
    sealed_at: now,
  };
  await repo.insertSeal(trx, row);
  return row;
}
