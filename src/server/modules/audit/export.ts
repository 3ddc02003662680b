/**
 * 操作留痕导出: the audit rows of the actor's jurisdiction as filtered on screen, as an .xlsx (newest first, at most
 * EXPORT_MAX_ROWS) — in the words of the screen: actions, records and fields named in Chinese, one change per line.
 */
import i18next, { type TFunction } from 'i18next';
import type { AuditQuery } from '../../../contracts/audit.js';
import { actionLabel, auditChanges, changeLine, entityLabel } from '../../../contracts/audit-text.js';
import { shanghaiDay, shanghaiMinute } from '../../../domain/time.js';
import { zhCN } from '../../../web/locales/zh-CN.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { ExportFile } from '../../documents/download.js';
import { buildWorkbook, type ColumnSpec } from '../../documents/xlsx.js';
import { listAudit } from './service.js';

export const EXPORT_MAX_ROWS = 10_000;

const COLUMNS: ColumnSpec[] = [
  { key: 'at', header: '操作时间', width: 20 },
  { key: 'actor', header: '操作人', width: 26 },
  { key: 'action', header: '操作', width: 16 },
  { key: 'entity', header: '对象', width: 12 },
  { key: 'entityId', header: '对象编号', width: 38 },
  { key: 'region', header: '地区代码', width: 11 },
  { key: 'changes', header: '变更内容', width: 60 },
  { key: 'clientAddr', header: '客户端地址', width: 18 },
  { key: 'hash', header: '摘要值（SHA-256）', width: 66 },
];

/** The server's translate function: the screen's zh-CN strings, so the file says what the page says. */
let zh: Promise<TFunction> | undefined;
function zhTranslate(): Promise<TFunction> {
  zh ??= (async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { 'zh-CN': { translation: zhCN } },
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    return i18n.t;
  })();
  return zh;
}

export async function exportAudit(ctx: AppContext, actor: Actor, q: AuditQuery): Promise<ExportFile> {
  const t = await zhTranslate();
  const page = await listAudit(ctx, actor, { ...q, page: 1, pageSize: EXPORT_MAX_ROWS + 1 });
  const truncated = page.items.length > EXPORT_MAX_ROWS;
  const items = page.items.slice(0, EXPORT_MAX_ROWS);
  const now = ctx.now();
  const data = await buildWorkbook(
    [
      {
        name: '操作留痕',
        title: `${actor.orgName}操作留痕`,
        lines: [
          `导出时间：${shanghaiMinute(now)}　共${items.length}条${truncated ? `（共${page.total}条，仅导出最新${EXPORT_MAX_ROWS}条）` : ''}`,
        ],
        columns: COLUMNS,
        rows: items.map((r) => ({
          at: shanghaiMinute(new Date(r.at)),
          actor: r.actorName,
          action: actionLabel(t, r.action),
          entity: entityLabel(t, r.entityType),
          entityId: r.entityId,
          region: r.regionCode,
          changes: auditChanges(r.before, r.after)
            .map((c) => changeLine(t, c))
            .join('\n'),
          clientAddr: r.clientAddr,
          hash: r.hash,
        })),
      },
    ],
    { creator: '安监', created: now },
  );
  return { fileName: `${actor.orgName}操作留痕_${shanghaiDay(now)}.xlsx`, data, rows: items.length, truncated };
}
