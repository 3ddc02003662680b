/**
 * Every clock of the platform, in one list: what runs when, on whichever instance claims it (engine.ts). A new timed
 * duty is one entry here — recurring (`every`) or one-off per subject (`dueAt`, scheduled with
 * schedule.ts scheduleOnce in the module's write). Handlers must be idempotent: a run can be repeated (define.ts).
 */
import { HOUR_MS } from '../../domain/time.js';
import { checkDeadlines } from '../modules/accidents/deadline-watcher.js';
import { purgeExpiredIdempotencyKeys } from '../modules/accidents/housekeeping.js';
import { SEAL_EVERY_MS, sealAuditLog } from '../modules/audit/sealer.js';
import { purgeLoginThrottle } from '../modules/auth/service.js';
import { CASE_ALERT_CLOCK, resolveCalendarGaps } from '../modules/cases/alerts.js';
import { DANGER_ALERT_CLOCK } from '../modules/dangers/alerts.js';
import { PLAN_ALERT_CLOCK, PLAN_DEEM_CLOCK } from '../modules/emergency-plans/alerts.js';
import { resolveCalendarGaps as resolvePlanCalendarGaps } from '../modules/emergency-plans/service.js';
import { openMissing } from '../modules/incidents/service.js';
import { type Clock, recurring } from './define.js';

export const PLATFORM_CLOCKS: readonly Clock[] = [
  recurring({
    // 留痕: chains the audit rows written since the last seal (audit/sealer.ts); a fresh row is protected by its own
    // hash only until then.
    name: 'audit.seal',
    every: SEAL_EVERY_MS,
    run: ({ ctx }) => sealAuditLog(ctx.db, ctx.now()),
  }),
  recurring({
    // "Due within 15 min" / "passed" alerts of the reporting chain and the direct-report nodes (deadline_alerts ledger).
    name: 'accidents.deadline-alerts',
    every: 30_000,
    run: ({ ctx }) => checkDeadlines(ctx),
  }),
  recurring({
    // Idempotency keys are honoured for 7 days, then forgotten.
    name: 'accidents.purge-idempotency-keys',
    every: HOUR_MS,
    run: ({ ctx }) => purgeExpiredIdempotencyKeys(ctx),
  }),
  recurring({
    // Sign-in throttle rows whose window and lock have both ended.
    name: 'auth.purge-login-throttle',
    every: HOUR_MS,
    run: ({ ctx }) => purgeLoginThrottle(ctx.db, ctx.now()),
  }),
  // 隐患: 整改期限, 复查 and 延期答复 — 3 days before and when passed, per danger (modules/dangers/alerts.ts).
  DANGER_ALERT_CLOCK as Clock,
  // 行政处罚案件: each open duty (决定, 听证, 送达, 缴纳, 备案, 申请强制执行) 3 days before and when passed (cases/alerts.ts).
  CASE_ALERT_CLOCK as Clock,
  recurring({
    // Cases whose clocks reached a year without an official calendar: computed again (a year may have been loaded).
    name: 'cases.resolve-calendar-gaps',
    every: HOUR_MS,
    run: ({ ctx }) => resolveCalendarGaps(ctx),
  }),
  recurring({
    // 应急处置: a 较大 or higher quick report whose incident was not opened after its filing committed (incidents/service.ts).
    name: 'incidents.open-missing',
    every: 60_000,
    run: ({ ctx }) => openMissing(ctx),
  }),
  // 应急预案: 备案, 备案审核, 演练 and 评估 — 3 days before and when passed, per plan (emergency-plans/alerts.ts).
  PLAN_ALERT_CLOCK as Clock,
  // 应急预案 第二十八条: a filing unanswered after the bureau's 5 working days is deemed filed.
  PLAN_DEEM_CLOCK as Clock,
  recurring({
    // Plans whose clocks reached a year without an official calendar: computed again (a year may have been loaded).
    name: 'emergency-plans.resolve-calendar-gaps',
    every: HOUR_MS,
    run: ({ ctx }) => resolvePlanCalendarGaps(ctx),
  }),
];
