/**
 * Demo duty data (值班): for every bureau a 24-hour roster (08:30 to 08:30, Asia/Shanghai) from three days
 * before `now` to seven days after, staffed by its own duty and admin users under its leader; and, for the
 * Zibo bureaus, a few calls in the duty log and a handover note. Deterministic given `now`.
 */
import { uuidv7 } from 'uuidv7';
import { DAY_MS, HOUR_MS, MINUTE_MS, startOfShanghaiDay } from '../../../domain/time.js';
import type { Db } from '../connection.js';

const SHIFT_START_MS = 8.5 * HOUR_MS;
const DAYS_BACK = 3;
const DAYS_AHEAD = 7;
const LOG_REGIONS = ['370300', '370303', '370305'];

const CALLS = [
  {
    channel: 'phone',
    minutesAgo: 95,
    callerName: '刘先生',
    callerPhone: '13905331234',
    callerUnit: '华光路沿街商户',
    content: '反映华光路一化工企业院内有刺激性气味，未见明火，请核实。',
  },
  {
    channel: 'fax',
    minutesAgo: 260,
    callerName: null,
    callerPhone: '0533-2180000',
    callerUnit: '区消防救援大队',
    content: '传真：辖区一仓库夜间起火已扑灭，无人员伤亡，过火面积约20平方米。',
  },
  {
    channel: 'message',
    minutesAgo: 1500,
    callerName: '王主任',
    callerPhone: null,
    callerUnit: '市气象局',
    content: '寒潮蓝色预警：未来48小时气温下降8℃以上，请督促企业做好防冻防滑。',
  },
] as const;

interface Staff {
  org_id: string;
  region_code: string;
  role: string;
  id: string;
  display_name: string;
}

/** "王建国（值班员）" → "王建国". */
function personOf(displayName: string): string {
  return displayName.replace(/（.*）$/, '');
}

function rosterRows(orgId: string, regionCode: string, staff: Staff[], now: Date) {
  const officers = staff.filter((s) => s.role === 'duty' || s.role === 'admin');
  const leader = staff.find((s) => s.role === 'leader');
  const creator = officers[0] ?? staff[0];
  if (!creator) return [];
  const firstDay = startOfShanghaiDay(now).getTime() - DAYS_BACK * DAY_MS;
  return Array.from({ length: DAYS_BACK + DAYS_AHEAD + 1 }, (_, day) => {
    const startsAt = new Date(firstDay + day * DAY_MS + SHIFT_START_MS);
    // Officers take turns: day by day the first officer of the pair rotates.
    const pair = officers.length > 1 && day % 2 === 1 ? [...officers].reverse() : officers;
    return {
      id: uuidv7(),
      region_code: regionCode,
      org_id: orgId,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + DAY_MS),
      leader_name: leader ? personOf(leader.display_name) : null,
      officer_ids: pair.map((s) => s.id),
      officer_names: pair.map((s) => s.display_name),
      phone: null,
      created_by: creator.id,
      created_at: now,
    };
  });
}

function logRows(orgId: string, regionCode: string, duty: Staff, now: Date) {
  return CALLS.map((c) => {
    const receivedAt = new Date(now.getTime() - c.minutesAgo * MINUTE_MS);
    return {
      id: uuidv7(),
      region_code: regionCode,
      org_id: orgId,
      channel: c.channel,
      received_at: receivedAt,
      caller_name: c.callerName,
      caller_phone: c.callerPhone,
      caller_unit: c.callerUnit,
      content: c.content,
      accident_region_code: null,
      accident_id: null,
      logged_by: duty.id,
      logged_by_name: duty.display_name,
      created_at: new Date(receivedAt.getTime() + 2 * MINUTE_MS),
    };
  });
}

/** The latest 08:30 at or before `now`. */
function lastShiftChange(now: Date): Date {
  const today = startOfShanghaiDay(now).getTime() + SHIFT_START_MS;
  return new Date(today <= now.getTime() ? today : today - DAY_MS);
}

function handoverRow(orgId: string, regionCode: string, duty: Staff, now: Date) {
  return {
    id: uuidv7(),
    region_code: regionCode,
    org_id: orgId,
    shift_id: null,
    handed_by: duty.id,
    handed_by_name: duty.display_name,
    received_by_name: '接班值班员',
    notes: '本班次共接报3起，均已登记；寒潮预警已转发各区县。',
    pending_items: '华光路异味反映待属地核实后回复。',
    created_at: lastShiftChange(now),
  };
}

export async function seedDutyDemo(db: Db, now: Date): Promise<string> {
  const staff: Staff[] = await db.kysely
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .select(['u.org_id', 'o.region_code', 'u.role', 'u.id', 'u.display_name'])
    .where('o.kind', '=', 'bureau')
    .where('u.disabled', '=', false)
    .orderBy('o.region_code')
    .orderBy('u.username')
    .execute();
  const byOrg = new Map<string, Staff[]>();
  for (const s of staff) byOrg.set(s.org_id, [...(byOrg.get(s.org_id) ?? []), s]);
  const shifts = [...byOrg].flatMap(([orgId, people]) => rosterRows(orgId, people[0]?.region_code ?? '', people, now));
  const desks = [...byOrg.values()]
    .map((people) => people.find((s) => s.role === 'duty'))
    .filter((d): d is Staff => d !== undefined && LOG_REGIONS.includes(d.region_code));
  const logs = desks.flatMap((d) => logRows(d.org_id, d.region_code, d, now));
  const handovers = desks.map((d) => handoverRow(d.org_id, d.region_code, d, now));
  await db.kysely.transaction().execute(async (trx) => {
    if (shifts.length > 0) await trx.insertInto('duty_shifts').values(shifts).execute();
    if (logs.length > 0) await trx.insertInto('duty_log').values(logs).execute();
    if (handovers.length > 0) await trx.insertInto('duty_handovers').values(handovers).execute();
  });
  return `${shifts.length} duty shifts, ${logs.length} duty log entries, ${handovers.length} handovers`;
}
