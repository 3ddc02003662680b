/**
 * Anchors: the seal chain's latest hash, exported as a small signed record to be kept outside the database (a file
 * handed to another authority, the duty handover sheet). Whoever rewrites the log later — even recomputing every
 * row hash, batch root and seal hash after the change — cannot change a record already held elsewhere, and
 * `audit:verify --anchor` compares the log with it.
 *
 * Signed with Ed25519 when ANJIAN_ANCHOR_KEY_FILE names a private key (PEM, PKCS#8): the record carries the public
 * key, so any holder can check that the platform made it. Without a key the record is unsigned and still useful
 * for the comparison.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { AuditAnchor } from '../../../contracts/audit.js';
import type { Database } from '../../db/schema.js';
import { canonicalJson } from './hash-chain.js';
import * as repo from './repo.js';

export type Anchor = AuditAnchor;

function signedPart(a: Pick<Anchor, 'sealSeq' | 'root' | 'at' | 'count'>): Buffer {
  return Buffer.from(canonicalJson({ sealSeq: a.sealSeq, root: a.root, at: a.at, count: a.count }));
}

/** The private key of ANJIAN_ANCHOR_KEY_FILE; a bad file stops the caller with the reason. */
export function loadAnchorKey(file: string | undefined): KeyObject | undefined {
  if (!file) return undefined;
  const key = createPrivateKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`ANJIAN_ANCHOR_KEY_FILE: ${file} is not an Ed25519 key`);
  return key;
}

/** The latest seal as an anchor; undefined while nothing is sealed. */
export async function latestAnchor(db: Kysely<Database>, key: KeyObject | undefined): Promise<Anchor | undefined> {
  const seal = await repo.lastSeal(db);
  if (!seal) return undefined;
  const body = {
    sealSeq: Number(seal.seq),
    root: seal.hash,
    at: new Date(seal.sealed_at).toISOString(),
    count: await repo.rowsSealedUpTo(db, Number(seal.seq)),
  };
  if (!key) return { ...body, publicKey: null, signature: null };
  return {
    ...body,
    publicKey: createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64'),
    signature: sign(null, signedPart(body), key).toString('base64'),
  };
}

/** True when the anchor is unsigned or its signature holds for its own public key and fields. */
export function checkAnchorSignature(a: Anchor): boolean {
  if (!a.signature || !a.publicKey) return a.signature === null || a.signature === undefined;
  try {
    const pub = createPublicKey({ key: Buffer.from(a.publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, signedPart(a), pub, Buffer.from(a.signature, 'base64'));
  } catch {
    return false;
  }
}
