/** Accounts: one's own password (every role) and user management by a bureau's administrator. */
import { z } from 'zod';
import { pageQuery, requiredText, text } from './common.js';
import { ROLES } from './policies.js';

/** 等保 2.0 (GB/T 22239-2019 8.1.4.1 a): passwords of some complexity, changed by their owners. */
export const password = z
  .string({ message: '须为文本' })
  .min(10, { message: '密码至少10位' })
  .max(128, { message: '密码不能超过128位' })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: '密码须同时包含字母和数字' });

export const changePasswordBody = z
  .object({
    currentPassword: z.string({ message: '请输入当前密码' }).min(1, { message: '请输入当前密码' }).max(200),
    newPassword: password,
  })
  .strict()
  .refine((b) => b.currentPassword !== b.newPassword, { message: '新密码不能与当前密码相同', path: ['newPassword'] });
export type ChangePasswordInput = z.infer<typeof changePasswordBody>;

/** Roles a bureau's administrator gives; enterprise accounts come with the enterprise (企业档案). */
export const BUREAU_ROLES = ROLES.filter((r) => r !== 'enterprise') as Exclude<(typeof ROLES)[number], 'enterprise'>[];
const bureauRole = z.enum(BUREAU_ROLES as [string, ...string[]], {
  message: '须为 admin、duty、stats、inspector、leader 或 department（协同部门）',
});
const phone = text(30).regex(/^[0-9+\-() ]*$/, { message: '电话号码格式不正确' });
/** 行政执法证号: letters and digits as the issuing government prints them; empty clears it. */
const enforcementCert = text(30).regex(/^[0-9A-Za-z-]*$/, { message: '执法证号只能包含字母、数字和 -' });

export const usersQuery = z
  .object({
    /** Part of the user name or the name. */
    q: text(50).optional(),
    /** The users of one bureau of the jurisdiction (its region code). */
    regionCode: z
      .string()
      .regex(/^\d{6}(\d{3})?$/, { message: '须为6位或9位行政区划代码' })
      .optional(),
    ...pageQuery,
  })
  .strict();
export type UsersQuery = z.infer<typeof usersQuery>;

export const createUserBody = z
  .object({
    username: z
      .string({ message: '须为文本' })
      .trim()
      .regex(/^[A-Za-z0-9._@-]{3,64}$/, { message: '用户名为3–64位字母、数字或 . _ @ -' }),
    displayName: requiredText(50),
    role: bureauRole,
    /** The bureau the account belongs to, by its region: the administrator's own or one below it. */
    regionCode: z.string().regex(/^\d{6}(\d{3})?$/, { message: '须为6位或9位行政区划代码' }),
    phone: phone.optional(),
    enforcementCert: enforcementCert.optional(),
    password,
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    displayName: requiredText(50).optional(),
    role: bureauRole.optional(),
    // null clears, as an emptied field does
    phone: phone.nullable().optional(),
    enforcementCert: enforcementCert.nullable().optional(),
    /** 停用 / 启用: a disabled account cannot sign in and its sessions end at once. */
    disabled: z.boolean({ message: '须为 true 或 false' }).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.object({ password }).strict();

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: (typeof ROLES)[number];
  roleLabel: string;
  phone: string | null;
  /** 行政执法证号 (an inspector's), or null. */
  enforcementCert: string | null;
  disabled: boolean;
  org: { id: string; name: string; kind: 'bureau' | 'enterprise'; regionCode: string };
  createdAt: string;
}
