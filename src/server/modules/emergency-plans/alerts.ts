/**
 * The clocks of emergency plans on the platform's clock engine (clock/registry.ts):
 * - 'emergency-plans.alert': the filing (to the enterprise and the bureau), the bureau's check of a submission, the next
 *   drill and the 3-yearly evaluation — each alerted 3 days before its last day (09:00 Asia/Shanghai) and once it has
 *   passed (24:00 of the last day, 民法典 第二百零三条). After every change of a plan its alerts are put in line with its
 *   clocks in the same transaction (syncPlanAlerts): a met clock's jobs are dropped, a moved one's moved; a job whose
 *   clock was met or moved since is a no-op, so each alert goes out once, and only while it still holds.
 * - 'emergency-plans.deem': a submission unanswered when the bureau's 5 working days end (24:00 of the 5th) is deemed
 *   filed (应急预案管理办法 第二十八条) — scheduled with the submission, dropped with the answer.
 */
import type { Kysely } from 'kysely';
import { addCalendarDays, endOfDay, type LocalDate } from '../../../domain/calendar.js';
import { HOUR_MS, shanghaiDate } from '../../../domain/time.js';
import { once as onceClock } from '../../clock/define.js';
import { cancelOnce, scheduleOnce } from '../../clock/schedule.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import * as repo from './repo.js';
import { deemFiling } from './service.js';

export const PLAN_CLOCKS = ['filing', 'check', 'drill', 'evaluation'] as const;
export type PlanClockName = (typeof PLAN_CLOCKS)[number];
type Stage = 'soon' | 'passed';
const STAGES: readonly Stage[] = ['soon', 'passed'];
const SOON_DAYS = 3;

export interface PlanAlertPayload {
  planId: string;
  clock: PlanClockName;
  stage: Stage;
  dueOn: LocalDate;
}

function alertAt(p: PlanAlertPayload): Date {
  if (p.stage === 'passed') return endOfDay(p.dueOn);
  return new Date(endOfDay(addCalendarDays(p.dueOn, -SOON_DAYS - 1)).getTime() + 9 * HOUR_MS);
}

/** The last day each clock of the plan runs to now; absent when it does not run (met, or unknown for a calendar gap). */
export function openClocks(p: repo.PlanRow | null): Map<PlanClockName, LocalDate> {
  const out = new Map<PlanClockName, LocalDate>();
  if (!p) return out;
  if (p.filing_open && p.filing_due_on) out.set('filing', p.filing_due_on);
  if (p.check_due_on) out.set('check', p.check_due_on);
  if (p.drill_due_on) out.set('drill', p.drill_due_on);
  if (p.evaluation_due_on) out.set('evaluation', p.evaluation_due_on);
  return out;
}

export const PLAN_ALERT_CLOCK = onceClock<PlanAlertPayload>({
  name: 'emergency-plans.alert',
  dueAt: alertAt,
  run: async ({ ctx, payload }) => sendAlert(ctx, payload),
});

async function sendAlert(ctx: AppContext, p: PlanAlertPayload): Promise<void> {
  const plan = await repo.planById(ctx.db.kysely, p.planId);
  if (!plan || openClocks(plan).get(p.clock) !== p.dueOn) return;
  ctx.bus.publish({
    type: 'emergency_plan.alert',
    regionCode: plan.region_code,
    at: ctx.now().toISOString(),
    // The enterprise hears of its own filing, drill and evaluation; the check is the bureau's.
    unitCreditCode: p.clock === 'check' ? null : plan.credit_code,
    data: {
      id: plan.id,
      unitName: plan.owner_name,
      title: plan.title,
      clock: p.clock,
      stage: p.stage,
      dueOn: p.dueOn,
      today: shanghaiDate(ctx.now()),
    },
  });
}

/** Puts the plan's alert jobs in line with a change of its clocks (before → after). */
export async function syncPlanAlerts(
  trx: Kysely<Database>,
  p: { region_code: string; id: string },
  before: Map<PlanClockName, LocalDate>,
  after: Map<PlanClockName, LocalDate>,
): Promise<void> {
  for (const clock of PLAN_CLOCKS) {
    const dueOn = after.get(clock);
    if (dueOn === before.get(clock)) continue;
    // The check's passing is the deeming (PLAN_DEEM_CLOCK), which says so itself.
    for (const stage of clock === 'check' ? (['soon'] as const) : STAGES) {
      const key = `${p.id}:${clock}:${stage}`;
      if (dueOn) {
        await scheduleOnce(trx, PLAN_ALERT_CLOCK, {
          regionCode: p.region_code,
          key,
          payload: { planId: p.id, clock, stage, dueOn },
        });
      } else {
        await cancelOnce(trx, PLAN_ALERT_CLOCK, { regionCode: p.region_code, key });
      }
    }
  }
}

export interface DeemPayload {
  filingId: string;
  checkDueOn: LocalDate;
}

export const PLAN_DEEM_CLOCK = onceClock<DeemPayload>({
  name: 'emergency-plans.deem',
  dueAt: (p) => endOfDay(p.checkDueOn),
  run: async ({ ctx, payload }) => deemFiling(ctx, payload.filingId),
});

export async function scheduleDeem(
  trx: Kysely<Database>,
  f: { region_code: string; id: string },
  checkDueOn: LocalDate,
) {
  await scheduleOnce(trx, PLAN_DEEM_CLOCK, {
    regionCode: f.region_code,
    key: f.id,
    payload: { filingId: f.id, checkDueOn },
  });
}

export async function cancelDeem(trx: Kysely<Database>, f: { region_code: string; id: string }) {
  await cancelOnce(trx, PLAN_DEEM_CLOCK, { regionCode: f.region_code, key: f.id });
}
