/** Sign-in, sessions and lock-out. 5 failures within 15 minutes lock an account for 15 minutes. */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type Actor, makeActor } from '../../auth/actor.js';
import { verifyPassword } from '../../auth/password.js';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';

const LOCK_THRESHOLD = 5;
const LOCK_WINDOW_MS = 15 * 60_000;
const LOCK_DURATION_MS = 15 * 60_000;
/** Refresh last_seen_at at most once a minute: no write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function actorQuery(db: Db) {
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
    .select(['id', 'password_hash', 'locked_until', 'disabled', 'region_code', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user || user.disabled) {
    // Same work and answer as a wrong password, so usernames cannot be probed.
    await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && new Date(user.locked_until).getTime() > now.getTime()) {
    throw new AppError('ACCOUNT_LOCKED', [
      { path: 'username', code: 'locked', message: `账号锁定至 ${new Date(user.locked_until).toISOString()}` },
    ]);
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    await recordFailure(db, user, now);
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

async function recordFailure(
  db: Db,
  user: { id: string; region_code: string; display_name: string },
  now: Date,
): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('login_failures').values({ user_id: user.id, at: now }).execute();
    const { n } = await trx
      .selectFrom('login_failures')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', user.id)
      .where('at', '>', new Date(now.getTime() - LOCK_WINDOW_MS))
      .executeTakeFirstOrThrow();
    if (n < LOCK_THRESHOLD) return;
    const lockedUntil = new Date(now.getTime() + LOCK_DURATION_MS);
    await trx.updateTable('users').set({ locked_until: lockedUntil }).where('id', '=', user.id).execute();
    await trx.deleteFrom('login_failures').where('user_id', '=', user.id).execute();
    await appendAudit(trx, null, {
      action: 'auth.locked',
      entityType: 'user',
      entityId: user.id,
      regionCode: user.region_code,
      at: now,
      after: { lockedUntil: lockedUntil.toISOString(), failures: n },
    });
  });
}

/** The actor behind a session token, or null when the session is unknown or idle for too long. */
export async function resolveSession(
  db: Db,
  token: string,
  idleMinutes: number,
  now = new Date(),
): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const row = await actorQuery(db)
    .innerJoin('sessions as s', 's.user_id', 'u.id')
    .select(['s.last_seen_at', 'u.disabled'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (now.getTime() - lastSeen > idleMinutes * 60_000) {
    await db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  if (now.getTime() - lastSeen > TOUCH_INTERVAL_MS) {
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
