/**
 * Demo on-site inspections (issue 10 bar 8): 张店区 carries out the plan items of the months gone by — most of them,
 * so the plan shows done, due and overdue — and 淄博市 part of its own; 临淄区 and 博山区 make special checks. Each
 * inspection runs a template fitting the enterprise's sector, finds a 不符合 item now and then (a danger with its
 * order, some of them overdue by now, or a violation), carries two photos, and one unit's representative refuses to
 * sign. Written through the services with the clock set back, so records, documents and audit rows are real.
 */

import { createHash, randomUUID } from 'node:crypto';
import type { CreateInspectionInput } from '../../../contracts/inspections.js';
import { addCalendarDays } from '../../../domain/calendar.js';
import { CHECKLIST_TEMPLATES } from '../../../domain/checklist-library.js';
import { DAY_MS, shanghaiDate } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import * as inspections from '../../modules/inspections/service.js';
import type { ReceivedFile } from '../../uploads/files.js';
import type { SeedContext } from './demo.js';
import { plainPng } from './png.js';

/** Items of each plan the demo carries out (of those due by now). */
const PLAN_VISITS = 16;

const FINDINGS = [
  '消防通道被成品堆放占用',
  '特种作业人员操作证已过期',
  '可燃气体检测报警仪未定期检定',
  '安全警示标志缺失',
  '应急预案未按规定组织演练',
];

/** A real PNG (a plain 160×120 picture in one of a few colours): the demo's stand-in for a site photo. */
function demoPhoto(seed: number): ReceivedFile {
  const rgb = (
    [
      [120, 144, 156],
      [188, 170, 164],
      [165, 214, 167],
      [255, 204, 128],
    ] as const
  )[seed % 4] as readonly [number, number, number];
  const data = plainPng(160, 120, rgb);
  return {
    fileName: `现场照片${seed + 1}.png`,
    contentType: 'image/png',
    sha256: createHash('sha256').update(data).digest('hex'),
    size: data.length,
    data,
  };
}

function templateFor(industryCode: string | null): string {
  if (industryCode?.startsWith('C25') || industryCode?.startsWith('C26')) return 'T-HC';
  if (industryCode?.startsWith('B')) return 'T-NCM';
  if (industryCode?.startsWith('C')) return 'T-IT';
  return 'T-GEN';
}

interface Visit {
  enterprise: { id: string; industry_code: string | null; address: string | null };
  on: Date;
  kind: CreateInspectionInput['kind'];
  planItemId?: string;
  n: number;
}

async function record(ctx: SeedContext, actor: Actor, team: string[], v: Visit): Promise<void> {
  const template = CHECKLIST_TEMPLATES.find((t) => t.code === templateFor(v.enterprise.industry_code));
  const codes = (template?.itemCodes ?? []).slice(0, 6 + (v.n % 5));
  const bad = v.n % 3 === 0 ? codes[codes.length - 1] : undefined;
  const startedAt = new Date(v.on.getTime() + 9 * 3600_000);
  ctx.setNow(new Date(startedAt.getTime() + 30 * 60_000));
  const photos: string[] = [];
  for (const k of [0, 1]) {
    const id = randomUUID();
    await inspections.uploadEvidence(
      ctx,
      actor,
      { id, enterpriseId: v.enterprise.id, kind: 'photo', capturedAt: ctx.now().toISOString() },
      demoPhoto(v.n + k),
    );
    photos.push(id);
  }
  ctx.setNow(new Date(startedAt.getTime() + 90 * 60_000));
  const inspectedOn = shanghaiDate(startedAt);
  const finding = FINDINGS[v.n % FINDINGS.length] as string;
  await inspections.createInspection(ctx, actor, {
    enterpriseId: v.enterprise.id,
    kind: v.kind,
    ...(v.planItemId ? { planItemId: v.planItemId } : {}),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(startedAt.getTime() + 80 * 60_000).toISOString(),
    place: v.enterprise.address ?? '生产经营场所',
    team,
    items: codes.map((code) =>
      code === bad
        ? v.n % 2 === 0
          ? {
              code,
              result: 'nonconform' as const,
              note: finding,
              evidence: [photos[1] as string],
              disposition: 'danger' as const,
              danger: {
                level: 'general' as const,
                deadline: addCalendarDays(inspectedOn, 15),
                measures: '立即整改并书面报告',
              },
            }
          : {
              code,
              result: 'nonconform' as const,
              note: finding,
              disposition: 'violation' as const,
              violation: { description: finding },
            }
        : { code, result: 'conform' as const },
    ),
    findings: bad ? `共检查${codes.length}项，发现${finding}，已依法处理。` : `共检查${codes.length}项，未发现问题。`,
    evidence: [photos[0] as string],
    signature:
      v.n === 4
        ? { status: 'refused', representativeName: '刘志强', witness: '李娜（张店区车站街道安监办）' }
        : { status: 'signed', representativeName: '王建国' },
  });
}

async function officersOf(ctx: SeedContext, bureauCode: string): Promise<string[]> {
  const rows = await ctx.db.kysely
    .selectFrom('users')
    .select('id')
    .where('username', 'in', [`inspector.${bureauCode}`, `inspector2.${bureauCode}`])
    .where('enforcement_cert', 'is not', null)
    .orderBy('username')
    .execute();
  return rows.map((r) => r.id);
}

export async function seedInspectionDemo(
  ctx: SeedContext,
  actorOf: (username: string) => Promise<Actor>,
): Promise<string> {
  const now = new Date();
  const thisMonth = Number(shanghaiDate(now).slice(5, 7));
  const year = Number(shanghaiDate(now).slice(0, 4));
  let count = 0;
  // Plans: the items of past months, mostly done in their month.
  for (const bureau of ['370303', '370300']) {
    const team = await officersOf(ctx, bureau);
    if (team.length < 2) continue;
    const actor = await actorOf(`inspector.${bureau}`);
    const items = await ctx.db.kysely
      .selectFrom('supervision_plan_items as i')
      .innerJoin('supervision_plans as p', (j) =>
        j.onRef('p.region_code', '=', 'i.region_code').onRef('p.id', '=', 'i.plan_id'),
      )
      .innerJoin('enterprises as e', (j) =>
        j.onRef('e.region_code', '=', 'i.enterprise_region_code').onRef('e.id', '=', 'i.enterprise_id'),
      )
      .select(['i.id', 'i.month', 'e.id as enterprise_id', 'e.industry_code', 'e.address'])
      .where('p.region_code', '=', bureau)
      .where('p.year', '=', year)
      .where('i.month', '<=', thisMonth)
      .orderBy('i.month')
      .orderBy('i.id')
      .execute();
    // Enough to show a plan under way (the first PLAN_VISITS items of past months), not every visit of the year.
    for (const [n, item] of items.slice(0, PLAN_VISITS).entries()) {
      // Every fourth item is left undone: the plan's overdue ones.
      if (n % 4 === 3) continue;
      const day = Math.min(8 + (n % 15), item.month === thisMonth ? Number(shanghaiDate(now).slice(8, 10)) - 1 : 28);
      if (day < 1) continue;
      const on = new Date(
        `${year}-${String(item.month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00+08:00`,
      );
      await record(ctx, actor, team, {
        enterprise: { id: item.enterprise_id, industry_code: item.industry_code, address: item.address },
        on,
        kind: 'plan',
        planItemId: item.id,
        n: count,
      });
      count += 1;
    }
  }
  // Special checks in 临淄区 and 博山区 over the last weeks.
  for (const county of ['370305', '370304']) {
    const team = await officersOf(ctx, county);
    if (team.length < 2) continue;
    const actor = await actorOf(`inspector.${county}`);
    const enterprises = await ctx.db.kysely
      .selectFrom('enterprises')
      .select(['id', 'industry_code', 'address'])
      .where('region_code', 'like', `${county}%`)
      .orderBy('name')
      .limit(3)
      .execute();
    for (const [k, e] of enterprises.entries()) {
      const on = new Date(`${shanghaiDate(new Date(now.getTime() - (5 + k * 9) * DAY_MS))}T00:00:00+08:00`);
      await record(ctx, actor, team, { enterprise: e, on, kind: 'special', n: count });
      count += 1;
    }
  }
  ctx.setNow(now);
  return `${count} inspections`;
}
