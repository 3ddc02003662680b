/**
 * The duties of a penalty case on the platform's clock engine (clock/registry.ts 'cases.alert'): each duty still open
 * with a known last day is alerted 3 days before it (09:00 Asia/Shanghai) and once it has passed (24:00 of the last day,
 * 民法典 第二百零三条). After every change of a case its alerts are put in line with its clocks in the same transaction
 * (syncCaseAlerts): a met duty's jobs are dropped, a moved one's moved. A job whose duty was met or moved since is a
 * no-op, so each alert goes out once, and only while it still holds.
 */
import type { Kysely } from 'kysely';
import { addCalendarDays, endOfDay, type LocalDate } from '../../../domain/calendar.js';
import {
  CASE_CLOCKS,
  type CaseClock,
  type CaseClockName,
  caseClocks,
  hasCalendarGap,
  nextDueOn,
} from '../../../domain/penalty-case.js';
import { HOUR_MS, shanghaiDate } from '../../../domain/time.js';
import { once as onceClock } from '../../clock/define.js';
import { cancelOnce, scheduleOnce } from '../../clock/schedule.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { workingCalendar } from '../calendar/service.js';
import { factsOf } from './facts.js';
import * as repo from './repo.js';

type Stage = 'soon' | 'passed';
const STAGES: readonly Stage[] = ['soon', 'passed'];
const SOON_DAYS = 3;

export interface CaseAlertPayload {
  caseId: string;
  clock: CaseClockName;
  stage: Stage;
  dueOn: LocalDate;
}

function alertAt(p: CaseAlertPayload): Date {
  if (p.stage === 'passed') return endOfDay(p.dueOn);
  return new Date(endOfDay(addCalendarDays(p.dueOn, -SOON_DAYS - 1)).getTime() + 9 * HOUR_MS);
}

export const CASE_ALERT_CLOCK = onceClock<CaseAlertPayload>({
  name: 'cases.alert',
  dueAt: alertAt,
  run: async ({ ctx, payload }) => sendAlert(ctx, payload),
});

async function sendAlert(ctx: AppContext, p: CaseAlertPayload): Promise<void> {
  const c = await repo.caseById(ctx.db.kysely, p.caseId);
  if (!c) return;
  const today = shanghaiDate(ctx.now());
  const clock = caseClocks(await workingCalendar(ctx), factsOf(c), today).find((k) => k.name === p.clock);
  if (!clock || clock.doneOn || clock.dueOn !== p.dueOn) return;
  ctx.bus.publish({
    type: 'case.alert',
    regionCode: c.region_code,
    at: ctx.now().toISOString(),
    // The party hears of its own payment; every other duty is the bureau's.
    unitCreditCode: p.clock === 'payment' ? c.party_credit_code : null,
    data: { id: c.id, partyName: c.party_name, cause: c.cause, clock: p.clock, stage: p.stage, dueOn: p.dueOn, today },
  });
}

/** The open duties with a known last day, by name. */
function openDuties(clocks: readonly CaseClock[]): Map<CaseClockName, LocalDate> {
  return new Map(
    clocks.filter((k) => k.kind === 'duty' && k.dueOn && !k.doneOn).map((k) => [k.name, k.dueOn as LocalDate]),
  );
}

/**
 * Puts the case's alert jobs in line with a change of its clocks: a duty newly open or moved is (re)scheduled, a duty
 * met or gone is dropped, an unchanged one is left alone (its alert may have gone out already: it is not sent twice).
 */
export async function syncCaseAlerts(
  trx: Kysely<Database>,
  c: { region_code: string; id: string },
  before: readonly CaseClock[],
  after: readonly CaseClock[],
): Promise<void> {
  const was = openDuties(before);
  const now = openDuties(after);
  for (const name of CASE_CLOCKS) {
    const dueOn = now.get(name);
    if (dueOn === was.get(name)) continue;
    for (const stage of STAGES) {
      const key = `${c.id}:${name}:${stage}`;
      if (dueOn) {
        await scheduleOnce(trx, CASE_ALERT_CLOCK, {
          regionCode: c.region_code,
          key,
          payload: { caseId: c.id, clock: name, stage, dueOn },
        });
      } else {
        await cancelOnce(trx, CASE_ALERT_CLOCK, { regionCode: c.region_code, key });
      }
    }
  }
}

/**
 * Cases with a clock that reached a year without an official calendar, looked at again: once the year is loaded
 * (PUT /api/calendar/:year) their last days are known, so the list's due dates and the alerts follow. Derived state
 * only (next due, the gap flag, the alert jobs): the case itself does not change.
 */
export async function resolveCalendarGaps(ctx: AppContext): Promise<number> {
  const cal = await workingCalendar(ctx);
  const today = shanghaiDate(ctx.now());
  let resolved = 0;
  for (const id of await repo.casesWithClockGap(ctx.db.kysely, 500)) {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const c = await repo.caseById(trx, id, true);
      if (!c?.clock_gap) return;
      const clocks = caseClocks(cal, factsOf(c), today);
      if (hasCalendarGap(clocks)) return;
      await repo.setClockState(trx, c, { next_due_on: nextDueOn(clocks), clock_gap: false });
      await syncCaseAlerts(trx, c, [], clocks);
      resolved++;
    });
  }
  return resolved;
}
