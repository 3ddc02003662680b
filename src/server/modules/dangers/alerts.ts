/**
 * The legal clocks of a hidden danger on the platform's clock engine (clock/registry.ts 'dangers.alert'): the
 * rectification deadline (to the enterprise and the bureau), the 复查 (to the bureau) and the answer to an extension
 * request (to the bureau) — each alerted 3 days before its last day (09:00 Asia/Shanghai) and once it has passed
 * (00:00 the day after). Scheduled in the transaction of the write that sets the date; a job whose clock was met or
 * moved since is a no-op, so each alert goes out once, and only while it still holds.
 */
import type { Kysely } from 'kysely';
import { addCalendarDays, endOfDay, type LocalDate } from '../../../domain/calendar.js';
import { HOUR_MS, shanghaiDate } from '../../../domain/time.js';
import { once as onceClock } from '../../clock/define.js';
import { cancelOnce, scheduleOnce } from '../../clock/schedule.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import * as repo from './repo.js';

export type DangerClockKind = 'rectification' | 'recheck' | 'extension_answer';
type Stage = 'soon' | 'passed';

export interface DangerAlertPayload {
  dangerId: string;
  clock: DangerClockKind;
  stage: Stage;
  dueOn: LocalDate;
}

const SOON_DAYS = 3;
const STAGES: readonly Stage[] = ['soon', 'passed'];

/** 09:00 Shanghai, SOON_DAYS before the last day; the passing at 24:00 of the last day (民法典 第二百零三条). */
function alertAt(p: DangerAlertPayload): Date {
  if (p.stage === 'passed') return endOfDay(p.dueOn);
  return new Date(endOfDay(addCalendarDays(p.dueOn, -SOON_DAYS - 1)).getTime() + 9 * HOUR_MS);
}

/** The date the clock runs to now, or null when it no longer runs (met, closed, decided). */
function currentDue(
  d: repo.DangerRow,
  pending: repo.ExtensionRow | undefined,
  clock: DangerClockKind,
): LocalDate | null {
  if (d.closed_on) return null;
  if (clock === 'rectification') return d.completed_on ? null : d.deadline;
  if (clock === 'recheck') return d.completed_on ? d.recheck_due_on : null;
  return pending?.answer_due_on ?? null;
}

export const DANGER_ALERT_CLOCK = onceClock<DangerAlertPayload>({
  name: 'dangers.alert',
  dueAt: alertAt,
  run: async ({ ctx, payload }) => sendAlert(ctx, payload),
});

async function sendAlert(ctx: AppContext, p: DangerAlertPayload): Promise<void> {
  const d = await repo.dangerById(ctx.db.kysely, p.dangerId);
  if (!d) return;
  const pending = p.clock === 'extension_answer' ? await repo.pendingExtension(ctx.db.kysely, d) : undefined;
  if (currentDue(d, pending, p.clock) !== p.dueOn) return;
  ctx.bus.publish({
    type: 'danger.alert',
    regionCode: d.region_code,
    at: ctx.now().toISOString(),
    // The enterprise hears of its own deadline; the 复查 and the answer to an extension are the bureau's.
    unitCreditCode: p.clock === 'rectification' ? d.enterprise_credit_code : null,
    data: {
      id: d.id,
      unitName: d.enterprise_name,
      clock: p.clock,
      stage: p.stage,
      dueOn: p.dueOn,
      level: d.level,
      today: shanghaiDate(ctx.now()),
    },
  });
}

/** (Re)schedules both alerts of a clock for its new last day. */
export async function scheduleDangerClock(
  trx: Kysely<Database>,
  d: { region_code: string; id: string },
  clock: DangerClockKind,
  dueOn: LocalDate,
): Promise<void> {
  for (const stage of STAGES) {
    await scheduleOnce(trx, DANGER_ALERT_CLOCK, {
      regionCode: d.region_code,
      key: `${d.id}:${clock}:${stage}`,
      payload: { dangerId: d.id, clock, stage, dueOn },
    });
  }
}

/** The clock was met: its alerts are dropped. */
export async function cancelDangerClock(
  trx: Kysely<Database>,
  d: { region_code: string; id: string },
  clock: DangerClockKind,
): Promise<void> {
  for (const stage of STAGES) {
    await cancelOnce(trx, DANGER_ALERT_CLOCK, { regionCode: d.region_code, key: `${d.id}:${clock}:${stage}` });
  }
}
