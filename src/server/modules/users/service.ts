/**
 * Accounts. Everyone changes their own password; a bureau's administrator manages the accounts of its jurisdiction —
 * creates bureau accounts, changes names, roles and phones, disables and re-enables, resets passwords. Every change is
 * audited (never a password or its hash); a disabled account or a reset password ends the user's sessions at once.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { ROLE_LABELS, type Role } from '../../../contracts/policies.js';
import type {
  ChangePasswordInput,
  CreateUserInput,
  UpdateUserInput,
  UsersQuery,
  UserView,
} from '../../../contracts/users.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError, fieldError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { hashToken } from '../auth/service.js';
import * as repo from './repo.js';

function present(r: repo.UserRow): UserView {
  const role = r.role as Role;
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role,
    roleLabel: ROLE_LABELS[role],
    phone: r.phone,
    enforcementCert: r.enforcement_cert,
    disabled: r.disabled,
    org: { id: r.org_id, name: r.org_name, kind: r.org_kind as 'bureau' | 'enterprise', regionCode: r.org_region_code },
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listUsers(ctx: AppContext, actor: Actor, q: UsersQuery) {
  if (q.regionCode && !coversRegion(actor, q.regionCode)) throw new AppError('NOT_FOUND');
  const { items, total } = await repo.listInScope(ctx.db.kysely, actor.prefix, q);
  return { items: items.map(present), total, page: q.page, pageSize: q.pageSize };
}

export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserInput): Promise<UserView> {
  if (!coversRegion(actor, input.regionCode)) throw fieldError('regionCode', 'outside', '只能在本辖区的单位中创建用户');
  const now = ctx.now();
  const passwordHash = await hashPassword(input.password);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const org = await repo.bureauOf(trx, input.regionCode);
    if (!org) throw fieldError('regionCode', 'no_bureau', '该行政区划没有应急管理部门');
    if (await repo.usernameTaken(trx, input.username)) throw fieldError('username', 'taken', '用户名已被使用');
    const id = uuidv7();
    await trx
      .insertInto('users')
      .values({
        id,
        region_code: org.region_code,
        org_id: org.id,
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        password_hash: passwordHash,
        phone: input.phone || null,
        enforcement_cert: input.enforcementCert || null,
        created_at: now,
      })
      .execute();
    const after = {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      orgName: org.name,
      phone: input.phone || null,
      enforcementCert: input.enforcementCert || null,
    };
    await appendAudit(trx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      regionCode: org.region_code,
      at: now,
      after,
    });
    return present((await repo.findInScope(trx, actor.prefix, id)) as repo.UserRow);
  });
}

async function target(trx: Kysely<Database>, actor: Actor, id: string): Promise<repo.UserRow> {
  const user = await repo.findInScope(trx, actor.prefix, id);
  if (!user) throw new AppError('NOT_FOUND');
  return user;
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: UpdateUserInput): Promise<UserView> {
  const now = ctx.now();
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const user = await target(trx, actor, id);
    // An administrator cannot lock themselves out.
    if (user.id === actor.userId && input.disabled) throw fieldError('disabled', 'self', '不能停用自己的账号');
    if (user.id === actor.userId && input.role && input.role !== user.role) {
      throw fieldError('role', 'self', '不能修改自己的角色');
    }
    if (input.role && user.org_kind === 'enterprise') throw fieldError('role', 'enterprise', '企业账号的角色不能修改');
    const before = {
      displayName: user.display_name,
      role: user.role,
      phone: user.phone,
      enforcementCert: user.enforcement_cert,
      disabled: user.disabled,
    };
    const after = {
      displayName: input.displayName ?? user.display_name,
      role: input.role ?? user.role,
      phone: input.phone === undefined ? user.phone : input.phone || null,
      enforcementCert: input.enforcementCert === undefined ? user.enforcement_cert : input.enforcementCert || null,
      disabled: input.disabled ?? user.disabled,
    };
    await trx
      .updateTable('users')
      .set({
        display_name: after.displayName,
        role: after.role,
        phone: after.phone,
        enforcement_cert: after.enforcementCert,
        disabled: after.disabled,
      })
      .where('id', '=', id)
      .execute();
    if (after.disabled && !before.disabled) await repo.endSessions(trx, id);
    await appendAudit(trx, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      regionCode: user.org_region_code,
      at: now,
      before,
      after,
    });
    return present((await repo.findInScope(trx, actor.prefix, id)) as repo.UserRow);
  });
  return result;
}

export async function resetPassword(ctx: AppContext, actor: Actor, id: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const user = await target(trx, actor, id);
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
    await repo.endSessions(trx, id);
    await appendAudit(trx, actor, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      regionCode: user.org_region_code,
      at: ctx.now(),
      after: { username: user.username },
    });
  });
}

/** One's own password: the current one proves it is the owner; the other sessions of the account end. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  sessionToken: string,
  input: ChangePasswordInput,
): Promise<void> {
  const stored = await repo.passwordHashOf(ctx.db.kysely, actor.userId);
  if (!stored || !(await verifyPassword(input.currentPassword, stored))) {
    throw fieldError('currentPassword', 'wrong', '当前密码不正确');
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', actor.userId).execute();
    await repo.endSessions(trx, actor.userId, hashToken(sessionToken));
    await appendAudit(trx, actor, {
      action: 'user.password_change',
      entityType: 'user',
      entityId: actor.userId,
      regionCode: actor.regionCode,
      at: ctx.now(),
    });
  });
}
