/** The hash of one audit row: sha256(prev_hash ‖ canonical JSON of its content). Pure, shared by writer and verifier. */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  chainKey: string;
  seq: number;
  id: string;
  regionCode: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** JSON with object keys sorted at every depth, so jsonb's own key order does not matter. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function rowHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

// ————————————————————————————————————————— rows sealed in batches (migration 0015)

/**
 * What an unchained row's hash covers: everything it says, its id included; its place comes from the seal. The client
 * address (migration 0020) is part of it only when there is one, so rows written before it keep their hashes.
 */
export type SealedRowContent = Omit<AuditContent, 'seq'> & { clientAddr?: string | undefined };

/** The hash of a row appended without a chain lock (prefixed so it can never equal a legacy chained hash). */
export function contentHash(content: SealedRowContent): string {
  return createHash('sha256').update('row\n').update(canonicalJson(content)).digest('hex');
}

function sha256(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/**
 * The Merkle root of a batch's leaves, in order. Leaves and inner nodes are hashed with different prefixes
 * (RFC 6962), and an odd node is carried up unchanged rather than paired with itself, so no two different
 * lists of leaves share a root.
 */
export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return GENESIS_HASH;
  let level = leaves.map((l) => sha256('\x00', l));
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right === undefined ? (level[i] as string) : sha256('\x01', level[i] as string, right));
    }
    level = next;
  }
  return level[0] as string;
}

/** What a seal commits to, besides the previous seal's hash. */
export interface SealContent {
  seq: number;
  kind: 'legacy' | 'batch';
  loXid: string | null;
  hiXid: string | null;
  rowCount: number;
  firstRow: string | null;
  lastRow: string | null;
  root: string;
  sealedAt: string;
}

export function sealHash(prev: string, seal: SealContent): string {
  return sha256(prev, '\n', canonicalJson(seal));
}

/** A legacy chain's tip as a leaf of the legacy seal. */
export function legacyHeadLeaf(head: { chainKey: string; seq: number; hash: string }): string {
  return sha256('head\n', canonicalJson(head));
}
