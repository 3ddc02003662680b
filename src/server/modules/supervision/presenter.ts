/** The only way supervision records leave the server; the public views carry nothing internal (no ids of people). */
import type {
  ClassReasonView,
  DrawSummary,
  DrawView,
  PlanItemView,
  PublicDraw,
  PublicDrawSummary,
  TeamMember,
} from '../../../contracts/supervision.js';
import type { ItemStatus, SupervisionClass } from '../../../domain/supervision.js';
import type { DrawAssignment } from '../../../domain/supervision-draw.js';
import { toShanghaiIso } from '../../../domain/time.js';
import type * as repo from './repo.js';

/** What a draw records besides the ids the algorithm uses: who and what they are. */
export interface RecordedInputs {
  count: number;
  teamSize: number;
  waiveConflicts?: boolean;
  enterprises: { id: string; name: string; regionCode: string; lastTeam: string[] }[];
  inspectors: TeamMember[];
}

export function inputsOf(d: repo.DrawRow): RecordedInputs {
  return d.inputs as RecordedInputs;
}

export function resultOf(d: repo.DrawRow): DrawAssignment[] {
  return d.result as DrawAssignment[];
}

/** The result with the names of enterprises and officers, as recorded in the inputs. */
function namedResult(d: repo.DrawRow) {
  const inputs = inputsOf(d);
  const enterprises = new Map(inputs.enterprises.map((e) => [e.id, e]));
  const officers = new Map(inputs.inspectors.map((i) => [i.userId, i]));
  return resultOf(d).map((r) => {
    const e = enterprises.get(r.enterpriseId);
    return {
      enterpriseId: r.enterpriseId,
      enterpriseName: e?.name ?? '',
      regionCode: e?.regionCode ?? '',
      team: r.team.map((u) => officers.get(u) ?? { userId: u, name: '', cert: '' }),
    };
  });
}

export function presentDraw(d: repo.DrawRow): DrawView {
  const inputs = inputsOf(d);
  return {
    id: d.id,
    regionCode: d.region_code,
    bureauName: d.bureau_name,
    subject: d.subject,
    planId: d.plan_id,
    plannedOn: d.planned_on,
    drawnOn: d.drawn_on,
    algorithm: d.algorithm,
    seed: d.seed,
    inputs: {
      count: inputs.count,
      teamSize: inputs.teamSize,
      enterprises: inputs.enterprises,
      inspectors: inputs.inspectors,
    },
    result: namedResult(d),
    resultHash: d.result_hash,
    createdBy: d.created_by_name,
    createdAt: toShanghaiIso(new Date(d.created_at)),
    published: d.published_on ? { on: d.published_on, by: d.published_by_name ?? '' } : null,
  };
}

export function presentDrawSummary(d: repo.DrawListRow, regionName: string): DrawSummary {
  return {
    id: d.id,
    regionCode: d.region_code,
    regionName,
    bureauName: d.bureau_name,
    subject: d.subject,
    planId: d.plan_id,
    plannedOn: d.planned_on,
    drawnOn: d.drawn_on,
    enterprises: Number(d.enterprises),
    createdBy: d.created_by_name,
    createdAt: toShanghaiIso(new Date(d.created_at)),
    published: d.published_on ? { on: d.published_on, by: d.published_by_name ?? '' } : null,
  };
}

export function presentPublicSummary(d: repo.DrawRow, regionName: string): PublicDrawSummary {
  return {
    id: d.id,
    bureauName: d.bureau_name,
    regionName,
    subject: d.subject,
    drawnOn: d.drawn_on,
    plannedOn: d.planned_on,
    publishedOn: d.published_on ?? '',
    enterprises: resultOf(d).length,
  };
}

/** 一公开: the enterprises' names and the officers' names and 执法证号 — no ids, no seed, no roster. */
export function presentPublic(d: repo.DrawRow, regionName: string): PublicDraw {
  const { enterprises: _count, ...summary } = presentPublicSummary(d, regionName);
  return {
    ...summary,
    items: namedResult(d).map((r) => ({
      enterpriseName: r.enterpriseName,
      inspectors: r.team.map((m) => ({ name: m.name, cert: m.cert })),
    })),
  };
}

export function presentItem(
  i: repo.ItemRow,
  status: ItemStatus,
  done: { id: string; inspectedOn: string } | undefined,
): PlanItemView {
  return {
    id: i.id,
    enterpriseId: i.enterprise_id,
    enterpriseName: i.enterprise_name,
    regionCode: i.enterprise_region_code,
    class: i.class as SupervisionClass,
    reasons: i.reasons as ClassReasonView[],
    source: i.source as 'key' | 'random',
    month: i.month,
    team: i.team as TeamMember[],
    conflictWaived: i.conflict_waived,
    status,
    inspectionId: done?.id ?? null,
    inspectedOn: done?.inspectedOn ?? null,
  };
}
