/** The signed-in user as every service sees it: who, in which organisation, over which region subtree. */

import { can, type Permission, type Role } from '../../contracts/policies.js';
import { levelOfCode, type RegionLevel, subtreePrefix } from '../../domain/region-code.js';
import { AppError } from '../errors.js';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  orgName: string;
  orgKind: 'bureau' | 'enterprise';
  regionCode: string;
  regionLevel: RegionLevel;
  /** Region codes in this actor's jurisdiction start with this prefix ('' for the national level). */
  prefix: string;
  creditCode: string | null;
  /** The client's address of the request acting (request.ip); recorded in the audit trail. */
  clientAddr?: string;
}

export function makeActor(row: {
  user_id: string;
  username: string;
  display_name: string;
  role: string;
  org_id: string;
  org_name: string;
  org_kind: 'bureau' | 'enterprise';
  region_code: string;
  credit_code: string | null;
}): Actor {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    orgId: row.org_id,
    orgName: row.org_name,
    orgKind: row.org_kind,
    regionCode: row.region_code,
    regionLevel: levelOfCode(row.region_code),
    prefix: subtreePrefix(row.region_code),
    creditCode: row.credit_code,
  };
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new AppError('FORBIDDEN');
}

/** A bureau's jurisdiction covers a region when the code lies in its subtree. */
export function coversRegion(actor: Actor, regionCode: string): boolean {
  return actor.orgKind === 'bureau' && regionCode.startsWith(actor.prefix);
}

/**
 * A bureau's list or statistics filtered to a region outside its subtree: 403 OUTSIDE_JURISDICTION naming
 * `regionCode`. An enterprise's lists are its own whatever the filter, so the filter is not checked for it.
 */
export function checkRegionFilter(actor: Actor, regionCode: string | undefined): void {
  if (regionCode && actor.orgKind === 'bureau' && !coversRegion(actor, regionCode)) {
    throw new AppError('OUTSIDE_JURISDICTION', [
      { path: 'regionCode', code: 'outside', message: '超出本单位管辖范围' },
    ]);
  }
}
