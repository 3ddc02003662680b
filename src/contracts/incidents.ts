/** 应急处置 (issue 12 §3) contracts, shared by server and web. Rules: domain/incident.ts. */
import { z } from 'zod';
import {
  LOG_KINDS,
  type LogKind,
  RESPONSE_LEVELS,
  type ResponseLevel,
  type ResponseTimes,
  type SystemLogKind,
  TASK_STATES,
  type TaskState,
} from '../domain/incident.js';
import { datesInOrder, isoDateTime, localDate, pageQuery, regionCode, requiredText, text } from './common.js';
import { type Availability, RESOURCE_KINDS, type Readiness, SPECIALTIES } from './rescue-resources.js';

export { LOG_KINDS, RESPONSE_LEVELS, TASK_STATES };

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `须为 ${values.join('、')} 之一` });
const uuid = (message = '编号格式不正确') => z.uuid({ message });

/** 协同部门 kinds: 公安, 消防, 卫健, 交通, others. */
export const DEPARTMENTS = ['public_security', 'fire', 'health', 'transport', 'other'] as const;
export type Department = (typeof DEPARTMENTS)[number];
export const DEPARTMENT_LABELS: Record<Department, string> = {
  public_security: '公安',
  fire: '消防救援',
  health: '卫生健康',
  transport: '交通运输',
  other: '其他部门',
};
export const INVITATION_ACCESS = ['read', 'comment'] as const;
export type InvitationAccess = (typeof INVITATION_ACCESS)[number];

export const INCIDENT_STATUSES = ['open', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const openIncidentBody = z
  .object({
    accidentId: uuid('事故编号格式不正确'),
    /** The response level; by default the one the accident's grade calls for (较大 → Ⅲ级 …). */
    level: oneOf(RESPONSE_LEVELS).optional(),
  })
  .strict();
export type OpenIncidentInput = z.infer<typeof openIncidentBody>;

export const levelChangeBody = z.object({ level: oneOf(RESPONSE_LEVELS), reason: requiredText(500) }).strict();
export type LevelChangeInput = z.infer<typeof levelChangeBody>;

export const logEntryBody = z.object({ kind: oneOf(LOG_KINDS), text: requiredText(4000) }).strict();
export type LogEntryInput = z.infer<typeof logEntryBody>;

export const dispatchBody = z
  .object({
    resourceId: uuid('救援力量编号格式不正确'),
    /** 任务: what the team is to do. */
    assignment: requiredText(500),
    /** When it was dispatched (default: now). */
    at: isoDateTime.optional(),
  })
  .strict();
export type DispatchInput = z.infer<typeof dispatchBody>;

export const taskMoveBody = z
  .object({
    state: oneOf(['en_route', 'on_site', 'withdrawn'] as const),
    /** When it happened, as the team reported it (default: now). */
    at: isoDateTime.optional(),
    note: text(500).optional(),
  })
  .strict();
export type TaskMoveInput = z.infer<typeof taskMoveBody>;

export const invitationBody = z
  .object({
    userId: uuid('用户编号格式不正确'),
    department: oneOf(DEPARTMENTS),
    /** The department's name as the log shows it (淄博市消防救援支队). */
    departmentName: requiredText(60),
    access: oneOf(INVITATION_ACCESS),
  })
  .strict();
export type InvitationInput = z.infer<typeof invitationBody>;

export const closeBody = z.object({ summary: requiredText(4000) }).strict();
export type CloseInput = z.infer<typeof closeBody>;

export const incidentListQuery = z
  .object({
    regionCode: regionCode.optional(),
    status: oneOf(INCIDENT_STATUSES).optional(),
    level: oneOf(RESPONSE_LEVELS).optional(),
    /** Opened on or after / on or before (Asia/Shanghai dates). */
    from: localDate.optional(),
    to: localDate.optional(),
    ...pageQuery,
  })
  .strict()
  .refine(...datesInOrder);
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export const incidentViewQuery = z.object({ view: oneOf(['detail', 'wall'] as const).default('detail') }).strict();

export const nearestForIncidentQuery = z
  .object({
    kind: oneOf(RESOURCE_KINDS).optional(),
    specialty: oneOf(SPECIALTIES).optional(),
    limit: z.coerce.number({ message: '须为数字' }).int({ message: '须为整数' }).min(1).max(50).default(10),
  })
  .strict();
export type NearestForIncidentQuery = z.infer<typeof nearestForIncidentQuery>;

export const incidentStatsQuery = z
  .object({ regionCode: regionCode.optional(), from: localDate, to: localDate })
  .strict()
  .refine(...datesInOrder);
export type IncidentStatsQuery = z.infer<typeof incidentStatsQuery>;

export const taskParams = z.object({ id: uuid(), taskId: uuid() });
export const invitationParams = z.object({ id: uuid(), invitationId: uuid() });

// ————————————————————————————————————————— answers

export interface IncidentFigures {
  deaths: number;
  missing: number;
  seriousInjuries: number;
  minorInjuries: number;
  directLossYuan: number;
}

export interface IncidentLogEntry {
  seq: number;
  kind: LogKind | SystemLogKind;
  at: string;
  authorName: string;
  authorOrg: string;
  /** national | province | city | county | town | department | system */
  authorLevel: string;
  text: string;
  data: Record<string, unknown>;
}

export interface IncidentTaskEvent {
  seq: number;
  state: TaskState;
  at: string;
  actorName: string;
  note: string | null;
}

export interface IncidentTask {
  id: string;
  resourceId: string;
  resourceKind: string;
  resourceName: string;
  resourceRegionCode: string;
  distanceKm: number | null;
  assignment: string;
  state: TaskState;
  dispatchedAt: string;
  enRouteAt: string | null;
  onSiteAt: string | null;
  withdrawnAt: string | null;
  dispatchedByName: string;
  events: IncidentTaskEvent[];
}

export interface IncidentInvitation {
  id: string;
  userId: string;
  userName: string;
  username: string;
  department: Department;
  departmentName: string;
  access: InvitationAccess;
  invitedAt: string;
  invitedByName: string;
  revokedAt: string | null;
}

export interface IncidentLevelChange {
  seq: number;
  level: ResponseLevel;
  leadRegionCode: string;
  leadOrgName: string;
  reason: string;
  at: string;
  actorName: string;
}

export interface IncidentView {
  id: string;
  regionCode: string;
  regionName: string;
  status: IncidentStatus;
  level: ResponseLevel;
  leadRegionCode: string;
  leadOrgName: string;
  autoOpened: boolean;
  reportedAt: string;
  openedAt: string;
  openedByName: string;
  closedAt: string | null;
  closedByName: string | null;
  closeSummary: string | null;
  location: { lng: number; lat: number; source: 'enterprise' | 'county_seat' } | null;
  accident: {
    id: string;
    reportNo: string;
    unitName: string;
    address: string;
    occurredAt: string;
    grade: string;
    accidentType: string;
    /** The latest reported figures (from the latest follow-up). */
    figures: IncidentFigures;
    /** When the figures were last reported (the latest follow-up, or the quick report). */
    figuresAt: string;
    revisionCount: number;
  };
  responseTimes: ResponseTimes;
  firstDispatchAt: string | null;
  firstOnSiteAt: string | null;
  levels: IncidentLevelChange[];
  /** The level the accident's current grade calls for (levelForGrade), and whether the incident's level is below it
   * (a follow-up raised the grade): the leading bureau is prompted to raise it, with a reason. */
  gradeLevel: ResponseLevel;
  levelBelowGrade: boolean;
  log: IncidentLogEntry[];
  tasks: IncidentTask[];
  /** Bureaus only: the invited department users, and who of them viewed the incident. */
  invitations: IncidentInvitation[];
  views: { userName: string; departmentName: string; what: string; at: string }[];
  report: { documentId: string; number: string } | null;
  /** What the reader may do here. */
  may: { command: boolean; lead: boolean; log: boolean; dispatch: boolean };
  /** Present for an invited department user: the invitation it reads under. */
  invitedAs: { departmentName: string; access: InvitationAccess } | null;
  version: number;
}

export interface IncidentSummary {
  id: string;
  regionCode: string;
  regionName: string;
  accidentId: string;
  reportNo: string;
  unitName: string;
  grade: string;
  status: IncidentStatus;
  level: ResponseLevel;
  leadOrgName: string;
  autoOpened: boolean;
  reportedAt: string;
  openedAt: string;
  closedAt: string | null;
  committed: number;
}

export interface IncidentPage {
  items: IncidentSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface NearbyResource {
  id: string;
  kind: string;
  name: string;
  regionCode: string;
  specialties: string[];
  lng: number;
  lat: number;
  distanceKm: number;
  /** A team's 战备状态 and duty phone, an expert's availability (null for the other kinds). */
  readiness: Readiness | null;
  availability: Availability | null;
  dutyPhone: string | null;
  contactPhone: string | null;
  /** Whether it may be dispatched: not 不可用 (domain/incident.ts isDispatchable). */
  dispatchable: boolean;
  /** Committed to an open incident (a task not withdrawn), and to which (null for a department user not invited to
   * that incident). */
  busy: boolean;
  busyIncidentId: string | null;
  /** Committed to this incident. */
  committedHere: boolean;
}

export interface IncidentStatsRow {
  regionCode: string;
  regionName: string;
  level: ResponseLevel;
  incidents: number;
  open: number;
  /** Incidents with a dispatch / with a resource on site. */
  dispatched: number;
  onSite: number;
  /** Average and median minutes of report → first dispatch, first dispatch → first on site, report → on site. */
  avgReportToDispatchMin: number | null;
  medianReportToDispatchMin: number | null;
  avgDispatchToOnSiteMin: number | null;
  avgReportToOnSiteMin: number | null;
  medianReportToOnSiteMin: number | null;
}

export interface IncidentStats {
  regionCode: string;
  regionName: string;
  from: string;
  to: string;
  rows: IncidentStatsRow[];
  /** The whole scope by level. */
  totals: IncidentStatsRow[];
}

export interface InvitableUser {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
}
