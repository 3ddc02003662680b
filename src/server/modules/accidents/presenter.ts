/** The only way accident data leaves the server: the accident view and the list item. */
import { ACCIDENT_TYPES } from '../../../domain/codes.js';
import { type AccidentDomain, directReportNodes } from '../../../domain/direct-report.js';
import { GRADE_LABELS, type Grade } from '../../../domain/grade.js';
import {
  type ChainEntryState,
  type ChainLevel,
  entryStatus,
  holderOf,
  levelsOf,
  signRefusal,
  visibleLevels,
} from '../../../domain/reporting-chain.js';
import { IMPORT_SOURCE, nodeFactsOf, toChainState } from './chain-state.js';
import type { AccidentRow, ChainRow, RevisionRow } from './repo.js';

const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);

export function accidentStatus(nextDue: Date | string | null, now: Date): 'pending' | 'overdue' | 'done' {
  if (!nextDue) return 'done';
  return new Date(nextDue).getTime() < now.getTime() ? 'overdue' : 'pending';
}

function currentFields(a: AccidentRow) {
  return {
    id: a.id,
    reportNo: a.report_no,
    regionCode: a.region_code,
    occurredAt: iso(a.occurred_at) as string,
    receivedAt: iso(a.received_at) as string,
    address: a.address,
    unitName: a.unit_name,
    unitCreditCode: a.unit_credit_code,
    industryCode: a.industry_code,
    accidentType: a.accident_type,
    accidentTypeName: ACCIDENT_TYPES[a.accident_type] ?? a.accident_type,
    domain: a.domain as AccidentDomain,
    deaths: a.deaths,
    missing: a.missing,
    seriousInjuries: a.serious_injuries,
    minorInjuries: a.minor_injuries,
    directLossYuan: Number(a.direct_loss_yuan),
    grade: a.grade as Grade,
    gradeLabel: GRADE_LABELS[a.grade as Grade],
    targetLevel: a.target_level as ChainLevel,
    holderLevel: a.holder_level as ChainLevel,
    flags: a.flags,
    final: a.final_at !== null,
    revisionCount: a.revision_count,
    nextDueAt: iso(a.next_due_at),
    /** 核销: when a write-off was approved (the record then counts in no statistic); null otherwise. */
    writtenOffAt: iso(a.written_off_at),
  };
}

export function presentListItem(a: AccidentRow, regionName: string, now: Date) {
  return {
    ...currentFields(a),
    regionName,
    status: accidentStatus(a.next_due_at, now),
    nextDueKind: nextDueKind(a, now),
  };
}

/**
 * What the earliest open deadline is: a step of the reporting chain (the holding level forwards or signs) or a
 * direct-report node (the county files the 续报 / 终报) — so a workbench lists what its level can act on.
 */
function nextDueKind(a: AccidentRow, now: Date): 'chain' | 'node' | null {
  if (!a.next_due_at) return null;
  const due = new Date(a.next_due_at).getTime();
  const node = directReportNodes(nodeFactsOf(a), now).some((n) => !n.doneAt && n.dueAt.getTime() === due);
  return node ? 'node' : 'chain';
}

export function presentAccident(
  a: AccidentRow,
  chainRows: ChainRow[],
  revisions: RevisionRow[],
  regionName: string,
  now: Date,
) {
  const target = a.target_level as ChainLevel;
  const states = new Map<ChainLevel, ChainEntryState & { row: ChainRow }>(
    chainRows.map((r) => [r.level as ChainLevel, { ...toChainState(r), row: r }]),
  );
  const holder = holderOf([...states.values()]);
  const chainLevels = levelsOf([...states.values()]);
  // A historical record (历史数据导入) never went up the chain: no level to show, nothing pending.
  const shown = a.source === IMPORT_SOURCE ? [] : visibleLevels(target, holder?.level, chainLevels);
  const chain = shown.flatMap((level) => {
    const s = states.get(level);
    if (!s) return [];
    return [
      {
        level,
        regionCode: s.row.level_region_code,
        receivedAt: iso(s.receivedAt),
        forwardedAt: iso(s.forwardedAt),
        dueAt: iso(s.dueAt),
        signedAt: iso(s.signedAt),
        skipped: s.skipped,
        isTarget: level === target,
        isHolder: level === holder?.level,
        /** This level filed the report itself: nothing to 签收 here. */
        originated: s.originated ?? false,
        /** The level may 签收 now: it received the report from below and has neither signed nor forwarded it. */
        signable: signRefusal(s) === undefined,
        forwardNote: s.row.forward_note,
        status: entryStatus(s, target, now),
      },
    ];
  });
  const nodes = directReportNodes(nodeFactsOf(a), now).map((n) => ({
    kind: n.kind,
    dueAt: iso(n.dueAt),
    doneAt: iso(n.doneAt),
    status: n.status,
  }));
  return {
    ...currentFields(a),
    regionName,
    summary: a.summary,
    measuresTaken: a.measures_taken,
    reporterName: a.reporter_name,
    reporterPhone: a.reporter_phone,
    source: a.source,
    dutyLogId: a.duty_log_id,
    status: accidentStatus(a.next_due_at, now),
    /** Figures that count for statistics and grading (补报 window applied). */
    statistics: {
      deaths: a.stat_deaths,
      missing: a.stat_missing,
      seriousInjuries: a.stat_serious_injuries,
      minorInjuries: a.stat_minor_injuries,
      directLossYuan: Number(a.stat_direct_loss_yuan),
    },
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
    /** The levels of government this place reports through (直辖市 have no city level, 东莞 no county). */
    chainLevels,
    chain,
    nodes,
    revisions: revisions.map((r) => ({
      no: r.no,
      kind: r.kind,
      filedAt: iso(r.filed_at),
      filedBy: { id: r.filed_by, name: r.filed_by_name, org: r.filed_by_org },
      note: r.note,
      changes: r.changes as Record<string, { from: unknown; to: unknown }>,
      changedFields: Object.keys(r.changes as object),
      outsideWindow: r.outside_window,
      gradeBefore: r.grade_before,
      gradeAfter: r.grade_after,
      snapshot: r.snapshot,
    })),
  };
}

export type AccidentView = ReturnType<typeof presentAccident>;
