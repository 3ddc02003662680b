/** 值班记录导出: the bureau's duty log as filtered on screen, as an .xlsx (newest first, at most EXPORT_MAX_ROWS). */
import { DUTY_CHANNEL_LABELS, type DutyLogQuery } from '../../../contracts/duty.js';
import { shanghaiDay, shanghaiMinute } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { ExportFile } from '../../documents/download.js';
import { buildWorkbook, type ColumnSpec } from '../../documents/xlsx.js';
import { listLog } from './service.js';

export const EXPORT_MAX_ROWS = 10_000;

const COLUMNS: ColumnSpec[] = [
  { key: 'receivedAt', header: '接报时间', width: 17 },
  { key: 'channel', header: '方式' },
  { key: 'callerUnit', header: '来电单位', width: 24 },
  { key: 'callerName', header: '来电人' },
  { key: 'callerPhone', header: '联系电话', width: 15 },
  { key: 'content', header: '内容', width: 60 },
  { key: 'converted', header: '转为快报' },
  { key: 'loggedBy', header: '记录人' },
];

const local = (iso: string) => shanghaiMinute(new Date(iso));

export async function exportLog(ctx: AppContext, actor: Actor, q: DutyLogQuery): Promise<ExportFile> {
  const page = await listLog(ctx, actor, { ...q, page: 1, pageSize: EXPORT_MAX_ROWS + 1 });
  const truncated = page.items.length > EXPORT_MAX_ROWS;
  const items = page.items.slice(0, EXPORT_MAX_ROWS);
  const now = ctx.now();
  const data = await buildWorkbook(
    [
      {
        name: '值班记录',
        title: `${actor.orgName}值班记录`,
        lines: [
          `导出时间：${shanghaiMinute(now)}　共${items.length}条${truncated ? `（仅导出最新${EXPORT_MAX_ROWS}条）` : ''}`,
        ],
        columns: COLUMNS,
        rows: items.map((e) => ({
          receivedAt: local(e.receivedAt),
          channel: DUTY_CHANNEL_LABELS[e.channel],
          callerUnit: e.callerUnit,
          callerName: e.callerName,
          callerPhone: e.callerPhone,
          content: e.content,
          converted: e.accidentId ? '是' : '否',
          loggedBy: e.loggedBy.name,
        })),
      },
    ],
    { creator: '安监', created: now },
  );
  return { fileName: `${actor.orgName}值班记录_${shanghaiDay(now)}.xlsx`, data, rows: items.length, truncated };
}
