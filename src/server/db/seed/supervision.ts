/**
 * Demo supervision data (issue 10 bar 8): 山东省 adopts the shipped class table as its revision 1; 张店区 (370303) and
 * 淄博市 (370300) adopt their plans of the year on 5 January, so that by today some items are overdue and the rest
 * due; 淄博市 draws three enterprises at random for a 危险化学品 check and publishes the result. Written through the
 * services with the clock set back, so records and audit rows are what real use leaves.
 */
import { DEFAULT_CLASS_TABLE } from '../../../domain/supervision.js';
import { DAY_MS, shanghaiDate } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import * as supervision from '../../modules/supervision/service.js';
import { certifiedOfficers } from '../../modules/users/repo.js';
import type { SeedContext } from './demo.js';

export async function seedSupervisionDemo(
  ctx: SeedContext,
  actorOf: (username: string) => Promise<Actor>,
): Promise<string> {
  const now = ctx.now();
  const year = Number(shanghaiDate(now).slice(0, 4));
  const [province, county, city] = await Promise.all([
    actorOf('admin.370000'),
    actorOf('inspector.370303'),
    actorOf('inspector.370300'),
  ]);
  // Teams need two officers with 执法证号; without them there is nothing lawful to plan.
  for (const a of [county, city]) {
    if ((await certifiedOfficers(ctx.db.kysely, { orgId: a.orgId })).length < 2)
      return 'no supervision plans (no certified officers)';
  }
  ctx.setNow(new Date(`${year}-01-02T09:00:00+08:00`));
  await supervision.putClassRules(ctx, province, { ...DEFAULT_CLASS_TABLE, note: '采用平台默认的分类分级规则' });

  ctx.setNow(new Date(`${year}-01-05T09:30:00+08:00`));
  const countyPlan = await supervision.createPlan(ctx, county, { year, seed: `demo-${year}-370303-plan` });
  const linzi = await ctx.db.kysely
    .selectFrom('enterprises')
    .select('id')
    .where('region_code', 'like', '370305%')
    .where('status', '=', 'operating')
    .orderBy('id')
    .execute();
  const cityPlan =
    linzi.length > 0
      ? await supervision.createPlan(ctx, city, {
          year,
          enterpriseIds: linzi.map((e) => e.id),
          randomCount: 0,
          seed: `demo-${year}-370300-plan`,
        })
      : null;

  ctx.setNow(new Date(now.getTime() - 10 * DAY_MS));
  const draw = await supervision.createDraw(ctx, city, {
    subject: `${year}年危险化学品企业安全生产双随机抽查`,
    classes: ['A'],
    count: 3,
    seed: `demo-${shanghaiDate(ctx.now())}-370300-draw`,
    plannedOn: shanghaiDate(new Date(now.getTime() + 10 * DAY_MS)),
  });
  ctx.setNow(new Date(now.getTime() - 9 * DAY_MS));
  await supervision.publishDraw(ctx, city, draw.id);
  ctx.setNow(now);
  const items = countyPlan.items.length + (cityPlan?.items.length ?? 0);
  return `${cityPlan ? 2 : 1} supervision plans (${items} items), 1 published draw`;
}
