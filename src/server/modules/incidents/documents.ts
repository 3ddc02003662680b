/**
 * 生产安全事故应急处置情况报告: produced when an incident closes, in the official layout (documents/official-docx.ts,
 * GB/T 9704-2012) — the accident, the response levels, the timeline (the incident log), the resources used (the tasks
 * with their times) and the figures as the latest report gave them at closing. Rendered from the append-only record,
 * so the file reads the same whenever it is downloaded.
 */
import type { DocumentLayout, LayoutBlock } from '../../../contracts/documents.js';
import type { IncidentFigures, IncidentView } from '../../../contracts/incidents.js';
import { chineseDate } from '../../../domain/bulletin.js';
import { DOCUMENT_KINDS } from '../../../domain/document-number.js';
import { GRADE_LABELS, type Grade } from '../../../domain/grade.js';
import { LOG_KIND_LABELS, RESPONSE_LEVEL_LABELS, TASK_STATE_LABELS } from '../../../domain/incident.js';
import { TIME_ZONE } from '../../../domain/time.js';

const KIND_LABELS: Record<string, string> = { team: '救援队伍', equipment: '装备物资', expert: '专家' };

/** 2026-12-01 10:05 (Asia/Shanghai). */
function at(isoText: string | null): string {
  if (!isoText) return '—';
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(isoText));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

const minutes = (m: number | null) => (m === null ? '—' : `${m}分钟`);

export function incidentReportLayout(
  i: IncidentView,
  doc: { number: string; issuerOrg: string; issuedAt: string },
): DocumentLayout {
  const closing = [...i.log].reverse().find((e) => e.kind === 'closed');
  const figures = (closing?.data.figures as IncidentFigures | undefined) ?? i.accident.figures;
  const blocks: LayoutBlock[] = [
    { kind: 'h3', text: doc.number },
    {
      kind: 'p',
      text:
        `${at(i.accident.occurredAt)}，${i.regionName}${i.accident.unitName}（${i.accident.address}）发生` +
        `${GRADE_LABELS[i.accident.grade as Grade] ?? ''}（快报编号${i.accident.reportNo}）。` +
        `${at(i.openedAt)}启动${RESPONSE_LEVEL_LABELS[i.level]}应急处置，由${i.leadOrgName}牵头，` +
        `${at(i.closedAt)}响应终止。现将处置情况报告如下：`,
    },
    { kind: 'h1', text: '一、事故伤亡和损失情况' },
    {
      kind: 'p',
      text:
        `截至响应终止，事故造成死亡${figures.deaths}人、失踪${figures.missing}人、重伤${figures.seriousInjuries}人、` +
        `轻伤${figures.minorInjuries}人，直接经济损失${(figures.directLossYuan / 10_000).toFixed(2)}万元（以最近一次续报为准，` +
        `共报告${i.accident.revisionCount}次）。`,
    },
    { kind: 'h1', text: '二、应急响应' },
    {
      kind: 'table',
      title: '表1 响应级别及调整',
      header: [['时间', '响应级别', '牵头部门', '理由', '决定人']],
      rows: i.levels.map((l) => [at(l.at), RESPONSE_LEVEL_LABELS[l.level], l.leadOrgName, l.reason, l.actorName]),
      align: ['left', 'center', 'left', 'left', 'left'],
      widths: [2, 1.2, 2, 3, 1.5],
    },
    {
      kind: 'p',
      text:
        `响应时间：接报至首次调派${minutes(i.responseTimes.reportToDispatchMin)}，首次调派至首支力量到场` +
        `${minutes(i.responseTimes.dispatchToOnSiteMin)}，接报至首支力量到场${minutes(i.responseTimes.reportToOnSiteMin)}。`,
    },
    { kind: 'h1', text: '三、投入的救援力量' },
    i.tasks.length > 0
      ? {
          kind: 'table',
          title: '表2 救援力量调派',
          header: [['力量', '类别', '任务', '调派', '到场', '撤离']],
          rows: i.tasks.map((t) => [
            `${t.resourceName}${t.distanceKm !== null ? `（${t.distanceKm}公里）` : ''}`,
            KIND_LABELS[t.resourceKind] ?? t.resourceKind,
            t.assignment,
            at(t.dispatchedAt),
            at(t.onSiteAt),
            at(t.withdrawnAt),
          ]),
          align: ['left', 'center', 'left', 'left', 'left', 'left'],
          widths: [2.4, 1, 2.4, 1.7, 1.7, 1.7],
        }
      : { kind: 'p', text: '本次处置未调派救援力量。' },
    { kind: 'h1', text: '四、处置经过' },
    {
      kind: 'table',
      title: '表3 处置日志',
      header: [['时间', '类别', '单位（层级）', '内容']],
      rows: i.log.map((e) => [
        at(e.at),
        LOG_KIND_LABELS[e.kind] ?? e.kind,
        `${e.authorOrg}${e.authorName !== '系统' ? ` ${e.authorName}` : ''}`,
        e.text,
      ]),
      align: ['left', 'center', 'left', 'left'],
      widths: [1.7, 1.2, 2.2, 5],
    },
    { kind: 'h1', text: '五、处置结果' },
    { kind: 'p', text: i.closeSummary ?? '' },
  ];
  if (i.tasks.some((t) => t.events.length > 1)) {
    blocks.push({
      kind: 'p',
      text: `任务状态按“${Object.values(TASK_STATE_LABELS).join('→')}”记录，时间为各救援力量报告的时间。`,
    });
  }
  return {
    title: `${doc.issuerOrg}\n关于${i.accident.unitName}事故${DOCUMENT_KINDS.incident_report.title.replace('生产安全事故', '')}`,
    blocks,
    signature: doc.issuerOrg,
    date: chineseDate(new Date(doc.issuedAt)),
  };
}
