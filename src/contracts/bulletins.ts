/** Bulletins (事故情况通报) contracts, shared by server and web. */
import { z } from 'zod';
import { BULLETIN_KINDS, type BulletinKind, type ComposedBulletin } from '../domain/bulletin.js';
import { isoDateTime, pageQuery, regionCode, text } from './common.js';
import type { StatsBreakdownRow, StatsSummary } from './stats.js';

export { BULLETIN_KIND_LABELS, BULLETIN_KINDS, type BulletinKind } from '../domain/bulletin.js';

/**
 * weekly / monthly / quarterly: the calendar week (Monday first), month or quarter containing `from` (default now);
 * range: [from, to), both required. A period still running is cut at the moment of writing.
 */
export const createBulletinBody = z
  .object({
    kind: z.enum(BULLETIN_KINDS, { message: `须为 ${BULLETIN_KINDS.join('、')} 之一` }),
    /** The region reported on; default the actor's own. */
    regionCode: regionCode.optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    /** 主送; default by the region's level (各市应急管理局，省安委会有关成员单位：…). */
    recipients: text(300).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.kind !== 'range') return;
    if (!b.from) ctx.addIssue({ code: 'custom', path: ['from'], message: '任意时段通报须填写开始时间' });
    if (!b.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '任意时段通报须填写结束时间' });
  });
export type CreateBulletinInput = z.infer<typeof createBulletinBody>;

export const bulletinListQuery = z.object({
  /** Bulletins on this region and its subtree; default the actor's jurisdiction. */
  regionCode: regionCode.optional(),
  kind: z.enum(BULLETIN_KINDS, { message: `须为 ${BULLETIN_KINDS.join('、')} 之一` }).optional(),
  ...pageQuery,
});
export type BulletinListQuery = z.infer<typeof bulletinListQuery>;

export interface BulletinSummary {
  id: string;
  regionCode: string;
  regionName: string;
  kind: BulletinKind;
  /** ISO 8601 with +08:00; [periodFrom, periodTo) and the 同比 period. */
  periodFrom: string;
  periodTo: string;
  previousFrom: string;
  previousTo: string;
  title: string;
  issuingOrgan: string;
  recipients: string;
  createdByName: string;
  createdAt: string;
}

export interface LargerAccidentItem {
  id: string;
  regionCode: string;
  regionName: string;
  occurredAt: string;
  unitName: string;
  accidentType: string;
  typeLabel: string;
  grade: string;
  gradeLabel: string;
  deaths: number;
  injuries: number;
  directLossYuan: number;
  summary: string;
}

/** The figures a bulletin was written from, as they were at that moment (the snapshot in bulletins.body). */
export interface BulletinBody {
  version: 1;
  regionName: string;
  regionLevel: string;
  summary: StatsSummary;
  breakdowns: Record<'domain' | 'industry' | 'region' | 'type', StatsBreakdownRow[]>;
  /** Month by month from 1 January of the period's last year to its end, with last year's same months. */
  trend: StatsBreakdownRow[];
  /** 较大及以上 accidents of the period in time order (at most LARGER_LIST_LIMIT; summary.larger has the count). */
  larger: LargerAccidentItem[];
  composed: ComposedBulletin;
}

export interface Bulletin extends BulletinSummary {
  body: BulletinBody;
  text: string;
}

export interface BulletinPage {
  items: BulletinSummary[];
  total: number;
}
