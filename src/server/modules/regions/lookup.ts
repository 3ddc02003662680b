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

/** The full name of a region (山东省淄博市张店区), or its code where it is unknown; `q` as for lookupRegion. */
export async function regionName(db: Db, code: string, q: Kysely<Database> = db.kysely): Promise<string> {
  return (await lookupRegion(db, code, q))?.full_name ?? code;
}

/** Full names of regions, as regionName. */
export async function regionNames(
  db: Db,
  codes: readonly string[],
  q: Kysely<Database> = db.kysely,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const code of new Set(codes)) names.set(code, await regionName(db, code, q));
  return names;
}

/** A child region by its own name (张店区, not 山东省淄博市张店区); the parent's own row is 本级. */
export async function childLabel(db: Db, parent: string, code: string): Promise<string> {
  if (code === parent) return '本级';
  const [parentName, full] = [await regionName(db, parent), await regionName(db, code)];
  return full.startsWith(parentName) && full !== parentName ? full.slice(parentName.length) : full;
}

/** Rows presented with the full name of their region: one lookup per distinct region, cached per process. */
export async function withRegionNames<R extends { region_code: string }, V>(
  db: Db,
  rows: readonly R[],
  present: (row: R, regionName: string) => V,
): Promise<V[]> {
  const names = await regionNames(
    db,
    rows.map((r) => r.region_code),
  );
  return rows.map((r) => present(r, names.get(r.region_code) ?? r.region_code));
}
