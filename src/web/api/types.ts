/** Shapes of the API's answers, as the web app uses them. */

import type { Role } from '../../contracts/policies.js';
import type { AccidentDomain, NodeKind } from '../../domain/direct-report.js';
import type { Grade } from '../../domain/grade.js';
import type { ChainLevel, DeadlineStatus } from '../../domain/reporting-chain.js';

export type { AccidentDomain, ChainLevel, DeadlineStatus, Grade, NodeKind, Role };
export type RegionLevel = 'national' | 'province' | 'city' | 'county' | 'town';
export type AccidentStatus = 'pending' | 'overdue' | 'done';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  org: { id: string; name: string; kind: 'bureau' | 'enterprise'; regionCode: string; level: RegionLevel };
  regionCode: string;
  regionLevel: RegionLevel;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** false when the server stopped counting at `total`. */
  totalExact?: boolean;
  page?: number;
  pageSize?: number;
}

export interface AccidentListItem {
  id: string;
  reportNo: string;
  regionCode: string;
  regionName: string;
  occurredAt: string;
  receivedAt: string;
  address: string;
  unitName: string;
  unitCreditCode: string | null;
  industryCode: string;
  accidentType: string;
  accidentTypeName: string;
  domain: AccidentDomain;
  deaths: number;
  missing: number;
  seriousInjuries: number;
  minorInjuries: number;
  directLossYuan: number;
  grade: Grade;
  gradeLabel: string;
  targetLevel: ChainLevel;
  holderLevel: ChainLevel;
  flags: string[];
  final: boolean;
  revisionCount: number;
  /** The earliest open deadline: a step of the chain (the holding level acts) or a direct-report node (续报). */
  nextDueKind: 'chain' | 'node' | null;
  nextDueAt: string | null;
  /** 核销: when a write-off was approved; the record then counts in no statistic. */
  writtenOffAt: string | null;
  status: AccidentStatus;
}

export interface ChainEntry {
  level: ChainLevel;
  regionCode: string;
  receivedAt: string | null;
  forwardedAt: string | null;
  dueAt: string | null;
  signedAt: string | null;
  skipped: boolean;
  isTarget: boolean;
  isHolder: boolean;
  /** This level filed the report itself: nothing to 签收 here. */
  originated: boolean;
  /** The level may 签收 now (received from below, neither signed nor forwarded). */
  signable: boolean;
  forwardNote?: string | null;
  status: DeadlineStatus;
}

export interface ReportNode {
  kind: NodeKind;
  dueAt: string | null;
  doneAt: string | null;
  status: DeadlineStatus;
}

export interface Revision {
  no: number;
  kind: 'initial' | 'followup' | 'no_change' | 'final';
  filedAt: string;
  filedBy: { id: string; name: string; org: string };
  note: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  changedFields: string[];
  outsideWindow: boolean;
  gradeBefore: Grade | null;
  gradeAfter: Grade | null;
}

export interface AccidentView extends Omit<AccidentListItem, 'nextDueKind'> {
  summary: string;
  measuresTaken: string;
  reporterName: string;
  reporterPhone: string;
  dutyLogId?: string | null;
  statistics: {
    deaths: number;
    missing: number;
    seriousInjuries: number;
    minorInjuries: number;
    directLossYuan: number;
  };
  chainLevels?: ChainLevel[];
  chain: ChainEntry[];
  nodes: ReportNode[];
  revisions: Revision[];
}

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  fullName: string;
}

export type {
  DutyChannel,
  DutyHandover as Handover,
  DutyLogEntry,
  DutyNowRow as DutyNow,
  DutyShift,
  ReportingContact,
} from '../../contracts/duty.js';

export type { LiveEvent, LiveEventType } from '../../contracts/events.js';
