/**
 * Region lookups for hot paths. The region table is reference data (loaded once from the pinned dataset,
 * never edited by the application), so each process remembers the regions it has found. Misses are not
 * remembered: they cost a query each time, but an unbounded stream of bad codes cannot grow the cache, and
 * a region loaded later is found at once.
 */
import type { Db } from '../../db/connection.js';
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

export async function lookupRegion(db: Db, code: string): Promise<RegionInfo | undefined> {
  const cache = cacheOf(db);
  const hit = cache.get(code);
  if (hit) return hit;
  const row = await findRegionInfo(db.kysely, code);
  if (row) cache.set(code, row);
  return row;
}
