/** The only way duty data leaves the server. */
import type {
  DutyChannel,
  DutyHandover,
  DutyLogEntry,
  DutyNowRow,
  DutyShift,
  DutyStaff,
  PersonRef,
} from '../../../contracts/duty.js';
import type { Role } from '../../../contracts/policies.js';
import { levelOfCode } from '../../../domain/region-code.js';
import type { HandoverRow, LogRow, OnDutyRow, ShiftRow } from './repo.js';

const iso = (v: Date | string) => new Date(v).toISOString();

/** Starts inclusive, ends exclusive. */
export function isOnDuty(shift: { starts_at: Date | string; ends_at: Date | string }, now: Date): boolean {
  const t = now.getTime();
  return new Date(shift.starts_at).getTime() <= t && t < new Date(shift.ends_at).getTime();
}

function people(ids: string[] | null, names: string[] | null): PersonRef[] {
  return (ids ?? []).map((id, i) => ({ id, name: names?.[i] ?? '' }));
}

export function presentShift(s: ShiftRow, now: Date): DutyShift {
  return {
    id: s.id,
    orgId: s.org_id,
    orgName: s.org_name,
    regionCode: s.region_code,
    startsAt: iso(s.starts_at),
    endsAt: iso(s.ends_at),
    leaderName: s.leader_name,
    officers: people(s.officer_ids, s.officer_names),
    phone: s.phone ?? s.org_duty_phone,
    onDutyNow: isOnDuty(s, now),
  };
}

function currentShift(r: OnDutyRow): DutyShift | null {
  if (!r.shift_id || !r.starts_at || !r.ends_at) return null;
  return {
    id: r.shift_id,
    orgId: r.org_id,
    orgName: r.org_name,
    regionCode: r.region_code,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    leaderName: r.leader_name,
    officers: people(r.officer_ids, r.officer_names),
    phone: r.phone ?? r.org_duty_phone,
    onDutyNow: true,
  };
}

export function presentOnDuty(r: OnDutyRow): DutyNowRow {
  const shift = currentShift(r);
  return {
    orgId: r.org_id,
    orgName: r.org_name,
    regionCode: r.region_code,
    level: levelOfCode(r.region_code),
    shift,
    officers: shift?.officers ?? [],
    leaderName: shift?.leaderName ?? null,
    phone: shift?.phone ?? r.org_duty_phone,
  };
}

export function presentHandover(h: HandoverRow): DutyHandover {
  return {
    id: h.id,
    orgId: h.org_id,
    shiftId: h.shift_id,
    handedBy: { id: h.handed_by, name: h.handed_by_name },
    receivedByName: h.received_by_name,
    notes: h.notes,
    pendingItems: h.pending_items,
    createdAt: iso(h.created_at),
  };
}

export function presentLog(l: LogRow): DutyLogEntry {
  return {
    id: l.id,
    channel: l.channel as DutyChannel,
    receivedAt: iso(l.received_at),
    callerName: l.caller_name,
    callerPhone: l.caller_phone,
    callerUnit: l.caller_unit,
    content: l.content,
    accidentRegionCode: l.accident_region_code,
    accidentId: l.accident_id,
    loggedBy: { id: l.logged_by, name: l.logged_by_name },
    createdAt: iso(l.created_at),
  };
}

export function presentStaff(u: { id: string; display_name: string; role: string }): DutyStaff {
  return { id: u.id, displayName: u.display_name, role: u.role as Role };
}
