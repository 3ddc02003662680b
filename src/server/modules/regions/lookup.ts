/**
 * Region lookups for hot paths. The region table is reference data (loaded once from the pinned dataset,
 * never edited by the application), so each process remembers what it has looked up.
 */
import type { Db } from '../../db/connection.js';

export interface RegionInfo {
  level: string;
  full_name: string;
}

const caches = new WeakMap<Db, Map<string, RegionInfo | null>>();

export async function lookupRegion(db: Db, code: string): Promise<RegionInfo | undefined> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(code);
  if (hit !== undefined) return hit ?? undefined;
  const row = await db.kysely
    .selectFrom('regions')
    .select(['level', 'full_name'])
    .where('code', '=', code)
    .executeTakeFirst();
  cache.set(code, row ?? null);
  return row;
}
