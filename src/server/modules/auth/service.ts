/** Sign-in, sessions and lock-out. 5 failures within 15 minutes lock an account for 15 minutes. */

import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { MINUTE_MS } from '../../../domain/time.js';
import { type Actor, makeActor } from '../../auth/actor.js';
import { verifyPassword } from '../../auth/password.js';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';

const LOCK_THRESHOLD = 5;
const LOCK_WINDOW_MS = 15 * MINUTE_MS;
const LOCK_DURATION_MS = 15 * MINUTE_MS;
/** Refresh last_seen_at at most once a minute: no write on every request. */
const TOUCH_INTERVAL_MS = MINUTE_MS;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Users with their organisation, as an Actor is made of. */
export function actorQuery(db: Db) {
  return db.kysely
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

export async function login(
  db: Db,
  username: string,
  password: string,
  now = new Date(),
): Promise<{ token: string; actor: Actor }> {
  const user = await db.kysely
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled', 'region_code'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user || user.disabled) {
    // Same work and answer as a wrong password, so usernames cannot be probed.
    await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
    throw new AppError('INVALID_CREDENTIALS');
  }
  const attempt = await reserveAttempt(db, user.id, now);
  if (!(await verifyPassword(password, user.password_hash))) {
    await recordFailure(db, user, attempt, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const token = randomBytes(32).toString('base64url');
  const actorRow = await actorQuery(db).where('u.id', '=', user.id).executeTakeFirstOrThrow();
  const actor = makeActor(actorRow);
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_failures').where('user_id', '=', user.id).execute();
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
  });
  return { token, actor };
}

function lockedError(until: Date): AppError {
  return new AppError('ACCOUNT_LOCKED', [
    { path: 'username', code: 'locked', message: `账号锁定至 ${until.toISOString()}` },
  ]);
}

/**
 * Counts this attempt before the password is checked, under a lock on the user row, so parallel guesses
 * cannot slip past the limit: at most LOCK_THRESHOLD passwords are ever checked in one window.
 * Returns the attempt's number in the window.
 */
async function reserveAttempt(db: Db, userId: string, now: Date): Promise<number> {
  return db.kysely.transaction().execute(async (trx) => {
    const { locked_until } = await trx
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked_until && new Date(locked_until).getTime() > now.getTime()) throw lockedError(new Date(locked_until));
    await trx.insertInto('login_failures').values({ user_id: userId, at: now }).execute();
    const { n } = await trx
      .selectFrom('login_failures')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', userId)
      .where('at', '>', new Date(now.getTime() - LOCK_WINDOW_MS))
      .executeTakeFirstOrThrow();
    // More attempts than allowed are already in flight: refuse without checking (rolls this one back).
    if (n > LOCK_THRESHOLD) throw lockedError(new Date(now.getTime() + LOCK_DURATION_MS));
    return n;
  });
}

/** The reserved attempt failed: it stays counted; the LOCK_THRESHOLD-th failure locks the account. */
async function recordFailure(
  db: Db,
  user: { id: string; region_code: string },
  attempt: number,
  now: Date,
): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const locks = attempt >= LOCK_THRESHOLD;
    const lockedUntil = new Date(now.getTime() + LOCK_DURATION_MS);
    if (locks) {
      await trx.updateTable('users').set({ locked_until: lockedUntil }).where('id', '=', user.id).execute();
      await trx.deleteFrom('login_failures').where('user_id', '=', user.id).execute();
    }
    await appendAudit(trx, null, {
      action: locks ? 'auth.locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
      regionCode: user.region_code,
      at: now,
      after: locks ? { lockedUntil: lockedUntil.toISOString(), failures: attempt } : { failures: attempt },
    });
  });
}

/** The actor behind a session token, or null when the session is unknown or idle for too long. */
export async function resolveSession(
  db: Db,
  token: string,
  idleMinutes: number,
  now = new Date(),
  { touch = true }: { touch?: boolean } = {},
): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const row = await actorQuery(db)
    .innerJoin('sessions as s', 's.user_id', 'u.id')
    .select(['s.last_seen_at', 'u.disabled'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (now.getTime() - lastSeen > idleMinutes * MINUTE_MS) {
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
