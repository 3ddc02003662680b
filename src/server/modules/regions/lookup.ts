/**
 * Region lookups for hot paths. The region table is reference data (loaded once from the pinned dataset,
 * never edited by the application), so each process remembers the regions it has found. Misses are not
 * remembered: they cost a query each time, but an unbounded stream of bad codes cannot grow the cache, and
 * a region loaded later is found at once.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { findRegionInfo, type RegionInfo } from './repo.js';

export type { RegionInfo } from './repo.js';

const caches = new WeakMap<Db, Map<string, RegionInfo>>();

function cacheOf(db: Db): Map<string, RegionInfo> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * `q`: the transaction to read in on a miss. Inside a transaction pass it: PGlite has one connection, so a query
 * on db.kysely would wait for the transaction that is waiting for it.
 */
export async function lookupRegion(
  db: Db,
  code: string,
  q: Kysely<Database> = db.kysely,
): Promise<RegionInfo | undefined> {
  const cache = cacheOf(db);
  const hit = cache.get(code);
  if (hit) return hit;
  const row = await findRegionInfo(q, code);
  if (row) cache.set(code, row);
  return row;
}
