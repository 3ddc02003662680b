/**
 * The access matrix of a module's routes (non-negotiable 4): every route × every role × an own and a foreign record.
 * A role without the permission → 403 FORBIDDEN before the record is loaded; the own record → the route's status; a
 * foreign one (outside the jurisdiction; for an enterprise, not its own) → 404 NOT_FOUND, not shown to exist.
 */
import { expect, it } from 'vitest';
import { ROLES, type Role } from '../../contracts/policies.js';
import type { Client, Res } from './harness.js';

export type Side = 'own' | 'foreign';

export interface MatrixRoute {
  name: string;
  /** The roles the route admits. */
  roles: readonly Role[];
  /** The status on the own record. */
  allowed: number;
  call: (c: Client, side: Side) => Promise<Res>;
}

/** One test per route × role × side; `clientOf` is read when the test runs (after beforeAll signed the roles in). */
export function itChecksAccess(routes: readonly MatrixRoute[], clientOf: (role: Role) => Client): void {
  const cases = routes.flatMap((r) =>
    ROLES.flatMap((role) => (['own', 'foreign'] as const).map((side) => [r.name, role, side] as const)),
  );
  it.each(cases)('%s as %s on the %s record', async (name, role, side) => {
    const route = routes.find((r) => r.name === name) as MatrixRoute;
    const res = await route.call(clientOf(role), side);
    if (!route.roles.includes(role)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      return;
    }
    const expected = side === 'own' ? route.allowed : 404;
    expect(res.status, JSON.stringify(res.body)).toBe(expected);
    if (expected === 404) expect(res.body.error.code).toBe('NOT_FOUND');
  });
}
