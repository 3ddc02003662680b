/**
 * Demo hidden dangers (issue 10 bar 8): in 张店区, 临淄区 and 博山区, every state of the closed loop — ordered and
 * running, overdue, reported fixed and awaiting the 复查, closed, fixed on the spot, 重大 under 督办 with or without a
 * 治理方案, 重大 销号, an enterprise's own report, a pending extension — written through the service with the clock set
 * back, so histories, audit rows and clocks are what real use leaves.
 */
import type { LocalDate } from '../../../domain/calendar.js';
import { addCalendarDays } from '../../../domain/calendar.js';
import { DAY_MS, shanghaiDate } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import * as dangers from '../../modules/dangers/service.js';
import type { SeedContext } from './demo.js';

const COUNTIES = ['370303', '370305', '370304'];
const OWN = '91370303MA3C4B2X1Y';

const GENERAL = [
  '配电室门口堆放杂物，影响应急疏散',
  '车间安全出口标志灯损坏',
  '叉车司机未佩戴安全带作业',
  '有限空间作业未设置警示标识',
  '动火作业票证审批签字不全',
  '消防栓被货物遮挡',
  '员工三级安全教育培训记录不全',
  '危险化学品仓库未张贴安全周知卡',
];

const PLAN = {
  goals: '年内消除重大事故隐患，恢复罐区正常运行',
  methods: '加装气动紧急切断阀并接入安全仪表系统，完成联锁调试',
  funds: '专项资金48万元，设备已订货',
  organisation: '设备部牵头，主要负责人督办，安全科跟踪验收',
  timeLimit: '期限内完成安装、调试和验收',
  safetyMeasures: '治理期间相关储罐停用、清空并设警戒区，落实应急预案和专人值守',
};

interface Step {
  daysAgo: number;
  act: (ctx: SeedContext, id: string) => Promise<unknown>;
}

export async function seedDangerDemo(ctx: SeedContext, actorOf: (username: string) => Promise<Actor>): Promise<string> {
  const db = ctx.db;
  const now = new Date();
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const dayOf = (daysAgo: number): LocalDate => shanghaiDate(at(daysAgo));
  const ent = await actorOf(`ent.${OWN}`);
  let count = 0;
  for (const county of COUNTIES) {
    const inspector = await actorOf(`inspector.${county}`);
    const rows = await db.kysely
      .selectFrom('enterprises')
      .select(['id', 'credit_code'])
      .where('region_code', 'like', `${county}%`)
      .orderBy('name')
      .limit(8)
      .execute();
    for (const [i, e] of rows.entries()) {
      const found = 3 + ((i * 7) % 50);
      const deadline = addCalendarDays(dayOf(found), [25, 12, 40, 20][i % 4] as number);
      const isMajor = i === 2 || i === 5;
      ctx.setNow(at(found));
      const d = await dangers.createDanger(ctx, inspector, {
        enterpriseId: e.id,
        level: isMajor ? 'major' : 'general',
        description: isMajor ? '液氨储罐区未实现紧急切断功能' : (GENERAL[(i + count) % GENERAL.length] as string),
        ...(isMajor ? { standardItem: 'HG2017-05', immediateMeasures: ['stop_equipment' as const] } : {}),
        ...(i === 6 ? { rectification: 'immediate' as const } : { deadline }),
        measures: '立即组织整改，整改完成后书面报告',
      });
      count += 1;
      const steps: Step[] = [];
      if (i === 1 || i === 3)
        steps.push({
          daysAgo: Math.max(found - 6, 0),
          act: (c) =>
            dangers.reportCompletion(c, inspector, d.id, { note: '企业报告已整改完毕', evidence: ['整改照片2张'] }),
        });
      if (i === 3)
        steps.push({
          daysAgo: Math.max(found - 9, 0),
          act: (c) => dangers.recheck(c, inspector, d.id, { passed: true, note: '复查合格' }),
        });
      if (isMajor)
        steps.push({ daysAgo: Math.max(found - 2, 0), act: (c) => dangers.filePlan(c, inspector, d.id, PLAN) });
      if (i === 5 && found > 12) {
        steps.push({
          daysAgo: found - 10,
          act: (c) => dangers.reportCompletion(c, inspector, d.id, { note: '切断阀已安装投用', evidence: [] }),
        });
        steps.push({
          daysAgo: found - 12,
          act: (c) => dangers.recheck(c, inspector, d.id, { passed: true, note: '复查合格，建议销号' }),
        });
        steps.push({ daysAgo: found - 12, act: (c) => dangers.closeDanger(c, inspector, d.id, { note: '同意销号' }) });
      }
      for (const s of steps) {
        ctx.setNow(at(s.daysAgo));
        await s.act(ctx, d.id);
      }
    }
  }
  // The demo enterprise: its own report (自查自报) and an order it asked to extend.
  const own = await db.kysely.selectFrom('enterprises').select('id').where('credit_code', '=', OWN).executeTakeFirst();
  if (own) {
    ctx.setNow(at(2));
    await dangers.createDanger(ctx, ent, {
      enterpriseId: own.id,
      level: 'general',
      description: '自查发现：洗眼器水压不足',
      deadline: dayOf(-10),
    });
    const inspector = await actorOf('inspector.370303');
    ctx.setNow(at(4));
    const ordered = await dangers.createDanger(ctx, inspector, {
      enterpriseId: own.id,
      level: 'general',
      description: '储罐区防火堤排水阀常开',
      deadline: dayOf(-20),
    });
    ctx.setNow(at(1));
    await dangers.requestExtension(ctx, ent, ordered.id, {
      newDeadline: dayOf(-40),
      reason: '排水阀需更换为带锁闭装置的型号，到货需要时间',
    });
    count += 2;
  }
  return `${count} hidden dangers`;
}
