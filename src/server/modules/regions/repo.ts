/** The only place with region SQL. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export interface RegionInfo {
  level: string;
  full_name: string;
}

export interface RegionView {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  fullName: string;
}

const viewColumns = ['code', 'name', 'level', 'parent_code as parentCode', 'full_name as fullName'] as const;

export async function findRegionInfo(db: Q, code: string): Promise<RegionInfo | undefined> {
  return db.selectFrom('regions').select(['level', 'full_name']).where('code', '=', code).executeTakeFirst();
}

export async function findRegion(db: Q, code: string): Promise<RegionView | undefined> {
  return db.selectFrom('regions').select(viewColumns).where('code', '=', code).executeTakeFirst();
}

export async function childrenOf(db: Q, parentCode: string): Promise<RegionView[]> {
  return db.selectFrom('regions').select(viewColumns).where('parent_code', '=', parentCode).orderBy('code').execute();
}
