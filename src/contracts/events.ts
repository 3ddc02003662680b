/** Live events (SSE on GET /api/events): the same names on the server and in the web app. */

export const LIVE_EVENT_TYPES = [
  'accident.created',
  'accident.forwarded',
  'accident.signed',
  'accident.followup',
  'accident.regraded',
  'deadline.soon',
  'deadline.passed',
  'duty.log',
  /** A hidden danger's clock (整改期限, 复查, 延期答复) about to pass or passed. */
  'danger.alert',
  /** A penalty case's duty (决定, 送达, 缴纳, 备案, 听证, 申请强制执行) about to pass or passed. */
  'case.alert',
  /** An emergency plan's clock (备案, 备案审核, 演练, 评估) about to pass or passed, or a filing deemed filed. */
  'emergency_plan.alert',
  /** 应急处置: an incident opened, or its level, log, tasks, invitations or closing changed (data.id). */
  'incident.changed',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** What a subscriber receives. */
export interface LiveEvent {
  type: LiveEventType;
  regionCode: string;
  at: string;
  /** The user whose act it is (none for the clock's deadline alerts): their own screens do not alarm them. */
  actorId?: string;
  data: { id?: string; reportNo?: string; unitName?: string; [k: string]: unknown };
}
