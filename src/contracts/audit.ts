/** Audit trail (留痕) contracts, shared by server and web. */
import { z } from 'zod';
import { isoDateTime, pageQuery, text } from './common.js';

const code = z
  .string()
  .trim()
  .max(100, { message: '不能超过100个字符' })
  .regex(/^[a-z_.]*$/, { message: '只能包含小写字母、下划线和点' });

export const auditQuery = z
  .object({
    entityId: text(100).optional(),
    /** 操作人: part of the operator's name or user name (王值班, duty.370300). */
    actor: text(50).optional(),
    entityType: code.optional(),
    /** An action code (accident.create) or a group of them (accident, duty.shift). */
    action: code.optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    ...pageQuery,
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuery>;

export interface AuditRecord {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string;
  before: unknown;
  after: unknown;
  /** The client's address (IP) the write came from; null for system writes and rows before it was recorded. */
  clientAddr: string | null;
  hash: string;
}

/** The seal chain's latest hash as a signed record (GET /api/audit/anchor; audit:verify --anchor reads it back). */
export const auditAnchor = z.object({
  sealSeq: z.number().int().min(1),
  root: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  count: z.number().int().min(0),
  publicKey: z.string().nullable(),
  signature: z.string().nullable(),
});
export type AuditAnchor = z.infer<typeof auditAnchor>;

/** Every action code the application writes, in the order the UI offers them as filters. */
export const AUDIT_ACTIONS = [
  'accident.create',
  'accident.followup',
  'accident.no_change',
  'accident.final',
  'accident.forward',
  'accident.sign',
  'accident.import',
  'accident_import.create',
  'accident.written_off',
  'writeoff.request',
  'writeoff.approve',
  'writeoff.reject',
  'writeoff.withdraw',
  'indicator.set',
  'bulletin.create',
  'enterprise.create',
  'enterprise.update',
  'enterprise_import.create',
  'licence.create',
  'licence.update',
  'hazard_unit.create',
  'hazard_unit.update',
  'hazard_unit.retire',
  'hazard_census.create',
  'hazard_census.submit',
  'danger.report',
  'danger.plan',
  'danger.extension_request',
  'danger.extension_approve',
  'danger.extension_reject',
  'danger.completion',
  'danger.recheck',
  'danger.close',
  'duty.shift.create',
  'duty.shift.update',
  'duty.handover.create',
  'duty.log.create',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.locked',
  'org.create',
  'user.create',
  'user.update',
  'user.password_reset',
  'user.password_change',
  'user.disable',
] as const;

export const AUDIT_ENTITY_TYPES = [
  'accident',
  'duty_shift',
  'duty_handover',
  'duty_log',
  'user',
  'writeoff_request',
  'control_indicator',
  'accident_import',
  'bulletin',
  'enterprise',
  'enterprise_import',
  'licence',
  'hazard_unit',
  'hazard_census',
  'hidden_danger',
] as const;
