/**
 * Sign-in, sessions and lock-out. 5 failures at one name within 15 minutes lock that name for 15 minutes, whether or
 * not a user has it. A session ends after SESSION_IDLE_MINUTES without use, and SESSION_MAX_HOURS after sign-in in any case.
 */

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { HOUR_MS, MINUTE_MS } from '../../../domain/time.js';
import { type Actor, makeActor } from '../../auth/actor.js';
import { verifyPassword } from '../../auth/password.js';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import * as repo from './repo.js';

const LOCK_THRESHOLD = 5;
const LOCK_WINDOW_MS = 15 * MINUTE_MS;
const LOCK_DURATION_MS = 15 * MINUTE_MS;
/** Refresh last_seen_at at most once a minute: no write on every request. */
const TOUCH_INTERVAL_MS = MINUTE_MS;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Users with their organisation, as an Actor is made of. */
export function actorQuery(db: Db | Kysely<Database>) {
  return ('kysely' in db ? db.kysely : db)
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .select([
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'o.name as org_name',
      'o.kind as org_kind',
      'o.region_code',
      'o.credit_code',
    ]);
}

/**
 * The work of a password check for a name that has no usable hash (unknown or disabled user): the same scrypt
 * parameters as a real hash, so both answers take the same time.
 */
const NO_USER_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
/** Failures of unknown names are audited in the national chain: such a name has no region of its own. */
const NO_USER_REGION = '000000';

type Attempt =
  | { outcome: 'locked'; until: Date }
  | { outcome: 'failed' }
  | { outcome: 'ok'; token: string; actor: Actor };

/**
 * Signs in. Every attempt at a name, known or not, runs the same steps in one transaction that holds the name's
 * throttle row: refuse while locked; check the password (against a dummy hash when there is no such user); on a
 * failure count it and lock at the LOCK_THRESHOLD-th failure of the window; on success clear the count and open a
 * session. Because the row is held across the check, attempts at one name take turns: parallel guesses get at most
 * LOCK_THRESHOLD passwords checked per window, and correct sign-ins in parallel are never counted against each other.
 */
export async function login(
  db: Db,
  username: string,
  password: string,
  now = new Date(),
  clientAddr?: string,
): Promise<{ token: string; actor: Actor }> {
  const attempt = await db.kysely.transaction().execute(async (trx): Promise<Attempt> => {
    const gate = await repo.lockThrottle(trx, username, now);
    if (gate.locked_until && gate.locked_until.getTime() > now.getTime())
      return { outcome: 'locked', until: gate.locked_until };
    const user = await trx
      .selectFrom('users')
      .select(['id', 'password_hash', 'disabled', 'region_code'])
      .where('username', '=', username)
      .executeTakeFirst();
    const usable = user && !user.disabled ? user : undefined;
    if (!(await verifyPassword(password, usable?.password_hash ?? NO_USER_HASH)) || !usable) {
      await recordFailure(trx, username, gate, user, now, clientAddr);
      return { outcome: 'failed' };
    }
    await repo.clearThrottle(trx, username);
    return { outcome: 'ok', ...(await openSession(trx, usable, now, clientAddr)) };
  });
  if (attempt.outcome === 'locked') throw lockedError(attempt.until);
  if (attempt.outcome === 'failed') throw new AppError('INVALID_CREDENTIALS');
  return attempt;
}

async function openSession(
  trx: Kysely<Database>,
  user: { id: string; region_code: string },
  now: Date,
  clientAddr: string | undefined,
): Promise<{ token: string; actor: Actor }> {
  const token = randomBytes(32).toString('base64url');
  const row = await actorQuery(trx).where('u.id', '=', user.id).executeTakeFirstOrThrow();
  const actor: Actor = { ...makeActor(row), ...(clientAddr ? { clientAddr } : {}) };
  await trx
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: user.id, created_at: now, last_seen_at: now })
    .execute();
  await appendAudit(trx, actor, {
    action: 'auth.login',
    entityType: 'user',
    entityId: user.id,
    regionCode: user.region_code,
    at: now,
  });
  return { token, actor };
}

function lockedError(until: Date): AppError {
  return new AppError('ACCOUNT_LOCKED', [
    { path: 'username', code: 'locked', message: `账号锁定至 ${until.toISOString()}` },
  ]);
}

/** Counts a failure in the name's window (a new window after LOCK_WINDOW_MS); the LOCK_THRESHOLD-th one locks. */
async function recordFailure(
  trx: Kysely<Database>,
  username: string,
  gate: repo.ThrottleRow,
  user: { id: string; region_code: string } | undefined,
  now: Date,
  clientAddr: string | undefined,
): Promise<void> {
  const windowOpen = gate.window_started_at && now.getTime() - gate.window_started_at.getTime() < LOCK_WINDOW_MS;
  const failures = (windowOpen ? gate.failures : 0) + 1;
  const locks = failures >= LOCK_THRESHOLD;
  const lockedUntil = new Date(now.getTime() + LOCK_DURATION_MS);
  await repo.saveThrottle(
    trx,
    username,
    locks
      ? { failures: 0, window_started_at: null, locked_until: lockedUntil }
      : { failures, window_started_at: windowOpen ? gate.window_started_at : now, locked_until: null },
    now,
  );
  await appendAudit(trx, null, {
    action: locks ? 'auth.locked' : 'auth.login_failed',
    entityType: user ? 'user' : 'login_name',
    entityId: user?.id ?? username,
    regionCode: user?.region_code ?? NO_USER_REGION,
    at: now,
    after: locks ? { lockedUntil: lockedUntil.toISOString(), failures } : { failures },
    clientAddr,
  });
}

/** Throttle rows whose window and lock have both ended. */
export async function purgeLoginThrottle(db: Db, now: Date): Promise<number> {
  return repo.purgeThrottle(db.kysely, new Date(now.getTime() - Math.max(LOCK_WINDOW_MS, LOCK_DURATION_MS)));
}

/** How long a session lives: idle, and in all (config: SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
export interface SessionLimits {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
}

/** The actor behind a session token, or null when the session is unknown, idle too long or past its lifetime. */
export async function resolveSession(
  db: Db,
  token: string,
  limits: SessionLimits,
  now = new Date(),
  { touch = true }: { touch?: boolean } = {},
): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const row = await actorQuery(db)
    .innerJoin('sessions as s', 's.user_id', 'u.id')
    .select(['s.last_seen_at', 's.created_at', 'u.disabled'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  const lastSeen = new Date(row.last_seen_at).getTime();
  const idle = now.getTime() - lastSeen > limits.sessionIdleMinutes * MINUTE_MS;
  const expired = now.getTime() - new Date(row.created_at).getTime() > limits.sessionMaxHours * HOUR_MS;
  if (idle || expired) {
    await db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  if (touch && now.getTime() - lastSeen > TOUCH_INTERVAL_MS) {
    await db.kysely.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  return makeActor(row);
}

export async function logout(db: Db, token: string, actor: Actor): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
    await appendAudit(trx, actor, {
      action: 'auth.logout',
      entityType: 'user',
      entityId: actor.userId,
      regionCode: actor.regionCode,
    });
  });
}
