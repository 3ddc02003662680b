/**
 * Demo emergency plans (issue 12 bar 5): plans of the demo enterprises in every filing state — not yet filed, filed and
 * awaiting the bureau's check, filed with its 备案登记表 number, answered with the notice of what is missing, deemed
 * filed by the clock, and overdue —; drills with their 评估报告 (one problem leading to a revision that is filed again),
 * overdue drills and an overdue 3-yearly evaluation; plans of generated enterprises of 淄博市 and 济南市 entered by the
 * county bureaus (so the overdue lists have something to show); and a 专项应急预案 of 淄博市应急管理局.
 *
 * Written through the services with the clock set back, in date order, relative to today: deterministic for a given
 * day. A step the calendar cannot carry (a year without its 节假日安排) is left out instead of failing the seed.
 */
import { sql } from 'kysely';
import type { CreatePlanInput, DrillInput } from '../../../contracts/emergency-plans.js';
import { addCalendarDays, CalendarGapError, type LocalDate, type WorkingCalendar } from '../../../domain/calendar.js';
import { checkDueOn } from '../../../domain/emergency-plan.js';
import { shanghaiDate } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import { AppError } from '../../errors.js';
import { workingCalendar } from '../../modules/calendar/service.js';
import * as plans from '../../modules/emergency-plans/service.js';
import type { SeedContext } from './demo.js';

const XINTAI = '91370303MA3C4B2X1Y'; // 淄博鑫泰化工 (张店区, 危险化学品)
const QILU = '91370305MA3D7F5Q2H'; // 淄博齐鲁石化配套材料 (临淄区, 危险化学品)
const BOSHAN = '91370304MA3E8H6R3M'; // 博山陶瓷制品 (博山区, 工贸)
const LICHENG = '91370112MA3F9J7T49'; // 济南历城建筑工程 (历城区, 建筑施工)
const QUANCHENG = '91370102MA3G1K8U5F'; // 济南泉城物流运输 (历下区)

type FilingPlan = 'none' | 'awaiting' | 'complete' | 'incomplete' | 'deemed';

interface Spec {
  creditCode: string;
  kind: CreatePlanInput['kind'];
  title: string;
  risks: string[];
  /** Working days before today it was published. */
  publishedAgo: number;
  /** Working days before today it was filed (after publication). */
  filedAgo?: number;
  filing: FilingPlan;
  /** Calendar days before today of each drill, with an evaluation when it has problems or `evaluated`. */
  drills?: { ago: number; form: DrillInput['form']; scenario: string; problems?: string[]; evaluated?: boolean }[];
  /** A revision after the first drill with a problem (re-filed: it changes the procedures). */
  reviseAfterDrill?: boolean;
}

const SPECS: Spec[] = [
  // 鑫泰化工: 登记表 numbered; one awaiting the check; one with the notice of what is missing; a drill with its report.
  {
    creditCode: XINTAI,
    kind: 'comprehensive',
    title: '淄博鑫泰化工有限公司生产安全事故综合应急预案',
    risks: ['火灾', '爆炸', '中毒窒息', '危险化学品泄漏'],
    publishedAgo: 80,
    filedAgo: 70,
    filing: 'complete',
    drills: [
      {
        ago: 60,
        form: 'live',
        scenario: '液氨储罐区法兰泄漏，启动二级响应，组织堵漏、疏散和洗消',
        problems: ['应急广播覆盖不到包装车间', '堵漏器材取用路线过长，处置程序需调整'],
      },
    ],
    reviseAfterDrill: true,
  },
  {
    creditCode: XINTAI,
    kind: 'special',
    title: '液氨泄漏事故专项应急预案',
    risks: ['液氨泄漏', '中毒窒息'],
    publishedAgo: 12,
    filedAgo: 2,
    filing: 'awaiting',
  },
  {
    creditCode: XINTAI,
    kind: 'onsite',
    title: '合成氨装置区火灾现场处置方案',
    risks: ['火灾'],
    publishedAgo: 30,
    filedAgo: 20,
    filing: 'incomplete',
    drills: [{ ago: 25, form: 'tabletop', scenario: '合成氨装置区管线起火，初期处置与报警', evaluated: true }],
  },
  // 齐鲁石化配套材料: deemed filed; overdue for filing; one just published; an onsite plan with its drill overdue.
  {
    creditCode: QILU,
    kind: 'comprehensive',
    title: '淄博齐鲁石化配套材料有限公司生产安全事故综合应急预案',
    risks: ['火灾', '爆炸', '危险化学品泄漏'],
    publishedAgo: 60,
    filedAgo: 45,
    filing: 'deemed',
  },
  {
    creditCode: QILU,
    kind: 'special',
    title: '甲醇罐区火灾爆炸专项应急预案',
    risks: ['火灾', '爆炸'],
    publishedAgo: 45,
    filing: 'none',
  },
  {
    creditCode: QILU,
    kind: 'special',
    title: '停电停汽事故专项应急预案',
    risks: ['装置停车', '超压'],
    publishedAgo: 4,
    filing: 'none',
  },
  {
    creditCode: QILU,
    kind: 'onsite',
    title: '装车站台泄漏现场处置方案',
    risks: ['危险化学品泄漏'],
    publishedAgo: 170,
    filedAgo: 160,
    filing: 'complete',
  },
  // 博山陶瓷 (not of the 第二十六条 classes): no filing; its comprehensive plan's yearly drill is overdue.
  {
    creditCode: BOSHAN,
    kind: 'comprehensive',
    title: '博山陶瓷制品有限公司生产安全事故综合应急预案',
    risks: ['窑炉爆炸', '机械伤害', '粉尘'],
    publishedAgo: 290,
    filing: 'none',
  },
  // 历城建筑 (建筑施工): filed; drills every half year reported; a plan past its 3-yearly evaluation.
  {
    creditCode: LICHENG,
    kind: 'comprehensive',
    title: '济南历城建筑工程有限公司生产安全事故综合应急预案',
    risks: ['高处坠落', '坍塌', '起重伤害'],
    publishedAgo: 800,
    filedAgo: 790,
    filing: 'complete',
    drills: [
      { ago: 400, form: 'live', scenario: '深基坑局部坍塌人员被埋，组织搜救', evaluated: true },
      { ago: 150, form: 'tabletop', scenario: '塔吊倾覆应急处置桌面推演', problems: ['与医院的联络方式未更新'] },
    ],
  },
  {
    creditCode: QUANCHENG,
    kind: 'onsite',
    title: '仓库叉车伤害现场处置方案',
    risks: ['车辆伤害'],
    publishedAgo: 40,
    filing: 'none',
    drills: [{ ago: 10, form: 'live', scenario: '叉车撞伤人员，现场急救与送医', evaluated: true }],
  },
];

/** The day `n` working days before `today` (never counted on a day without a calendar). */
function workingDaysBefore(cal: WorkingCalendar, today: LocalDate, n: number): LocalDate {
  let day = today;
  for (let left = n; left > 0; ) {
    day = addCalendarDays(day, -1);
    if (cal.isWorkingDay(day)) left--;
  }
  return day;
}

interface Step {
  on: LocalDate;
  order: number;
  what: string;
  exec: () => Promise<unknown>;
}

async function enterpriseIds(ctx: SeedContext): Promise<Map<string, { id: string; region_code: string }>> {
  const rows = await ctx.db.kysely
    .selectFrom('enterprises')
    .select(['id', 'credit_code', 'region_code'])
    .where('credit_code', 'in', [XINTAI, QILU, BOSHAN, LICHENG, QUANCHENG])
    .execute();
  return new Map(rows.map((r) => [r.credit_code, { id: r.id, region_code: r.region_code }]));
}

const reviewOf = (publishedOn: LocalDate) => ({
  reviewKind: 'review' as const,
  reviewedOn: addCalendarDays(publishedOn, -7),
  reviewSummary: '评审专家组听取编制情况汇报，审阅预案文本，一致同意通过评审，按评审意见修改完善后发布实施。',
});

export async function seedEmergencyPlanDemo(
  ctx: SeedContext,
  actorOf: (username: string) => Promise<Actor>,
): Promise<string> {
  const now = new Date();
  const today = shanghaiDate(now);
  const cal = await workingCalendar(ctx);
  const ids = await enterpriseIds(ctx);
  const steps: Step[] = [];
  let order = 0;
  const planIds = new Map<Spec, string>();
  const latestFiling = async (planId: string, as: Actor) =>
    (await plans.getPlan(ctx, as, planId)).filings.at(-1)?.id as string;

  for (const spec of SPECS) {
    const e = ids.get(spec.creditCode);
    if (!e) continue;
    let publishedOn: LocalDate;
    try {
      publishedOn = workingDaysBefore(cal, today, spec.publishedAgo);
    } catch (err) {
      if (err instanceof CalendarGapError) continue;
      throw err;
    }
    const ent = await actorOf(`ent.${spec.creditCode}`);
    const bureau = await actorOf(`inspector.${e.region_code}`);
    steps.push({
      on: publishedOn,
      order: order++,
      what: `plan ${spec.title}`,
      exec: async () => {
        const p = await plans.createPlan(ctx, ent, {
          ownerKind: 'enterprise',
          enterpriseId: e.id,
          kind: spec.kind,
          title: spec.title,
          risks: spec.risks,
          publishedOn,
          signer: '主要负责人',
          ...reviewOf(publishedOn),
        });
        planIds.set(spec, p.id);
      },
    });
    if (spec.filedAgo !== undefined && spec.filing !== 'none') {
      const filedOn = workingDaysBefore(cal, today, spec.filedAgo);
      const complete = spec.filing !== 'incomplete';
      steps.push({
        on: filedOn,
        order: order++,
        what: `filing ${spec.title}`,
        exec: () =>
          plans.submitFiling(ctx, ent, planIds.get(spec) as string, {
            materials: complete
              ? ['application', 'review_opinion', 'plan_document', 'risk_and_resources']
              : ['application', 'plan_document'],
          }),
      });
      const checkOn = checkDueOn(cal, filedOn);
      if (spec.filing === 'complete' || spec.filing === 'incomplete') {
        const answerOn = workingDaysBefore(cal, today, Math.max(0, spec.filedAgo - 2));
        steps.push({
          on: answerOn <= checkOn ? answerOn : checkOn,
          order: order++,
          what: `answer ${spec.title}`,
          exec: async () =>
            plans.decideFiling(
              ctx,
              bureau,
              await latestFiling(planIds.get(spec) as string, bureau),
              complete
                ? { complete: true }
                : { complete: false, missing: ['应急预案评审意见（书面评审纪要）', '风险评估结果和应急资源调查清单'] },
            ),
        });
      }
      if (spec.filing === 'deemed') {
        steps.push({
          on: addCalendarDays(checkOn, 1),
          order: order++,
          what: `deemed ${spec.title}`,
          // What the clock does at 24:00 of the 5th working day.
          exec: async () => plans.deemFiling(ctx, await latestFiling(planIds.get(spec) as string, bureau)),
        });
      }
    }
    for (const [i, d] of (spec.drills ?? []).entries()) {
      const drilledOn = addCalendarDays(today, -d.ago);
      if (drilledOn < publishedOn) continue;
      const evaluatedOn = addCalendarDays(drilledOn, 3) < today ? addCalendarDays(drilledOn, 3) : drilledOn;
      steps.push({
        on: evaluatedOn,
        order: order++,
        what: `drill ${i} ${spec.title}`,
        exec: () =>
          plans.recordDrill(ctx, ent, planIds.get(spec) as string, {
            drilledOn,
            form: d.form,
            participants: d.form === 'live' ? 46 : 15,
            participantUnits: d.form === 'live' ? '本单位应急救援队、属地消防救援站' : '本单位各部门负责人',
            scenario: d.scenario,
            ...(d.problems || d.evaluated
              ? {
                  evaluation: {
                    evaluatedOn,
                    summary: '演练达到预期目的，响应启动及时，各小组职责清楚；发现的问题已明确整改责任人和期限。',
                    problems: (d.problems ?? []).map((description, j) => ({
                      description,
                      revisionNeeded: Boolean(spec.reviseAfterDrill) && j === (d.problems?.length ?? 0) - 1,
                    })),
                  },
                }
              : {}),
            reportedOn: evaluatedOn,
          }),
      });
      if (spec.reviseAfterDrill && d.problems?.length && i === 0) {
        const revisedOn = addCalendarDays(evaluatedOn, 10) < today ? addCalendarDays(evaluatedOn, 10) : today;
        steps.push({
          on: revisedOn,
          order: order++,
          what: `revision ${spec.title}`,
          exec: async () => {
            const p = await plans.getPlan(ctx, ent, planIds.get(spec) as string);
            return plans.revisePlan(ctx, ent, p.id, {
              trigger: 'drill_problem',
              triggerNote: d.problems?.at(-1),
              sourceDrillId: p.drills.at(-1)?.id,
              changes: ['procedures', 'contacts'],
              publishedOn: revisedOn,
              signer: '主要负责人',
              ...reviewOf(revisedOn),
            });
          },
        });
      }
    }
  }

  // Plans of generated enterprises (the county bureaus enter the paper plans): a spread of publication days, so the
  // overdue lists of filings and drills have rows in every county.
  const generated = await sql<{ id: string; region_code: string; credit_code: string; name: string }>`
    SELECT id, region_code, credit_code, name FROM (
      SELECT id, region_code, credit_code, name,
        row_number() OVER (PARTITION BY region_code ORDER BY credit_code) AS n
      FROM enterprises
      WHERE credit_code NOT IN (${sql.join([XINTAI, QILU, BOSHAN, LICHENG, QUANCHENG])})
        AND (region_code LIKE '3703%' OR region_code LIKE '3701%')) g
    WHERE n <= 3 ORDER BY region_code, credit_code`.execute(ctx.db.kysely);
  for (const [i, g] of generated.rows.entries()) {
    let publishedOn: LocalDate;
    try {
      publishedOn = workingDaysBefore(cal, today, 15 + ((i * 37) % 260));
    } catch (err) {
      if (err instanceof CalendarGapError) continue;
      throw err;
    }
    const kind = (['comprehensive', 'special', 'onsite'] as const)[i % 3] ?? 'onsite';
    steps.push({
      on: publishedOn,
      order: order++,
      what: `generated plan ${g.name}`,
      exec: async () =>
        plans.createPlan(ctx, await actorOf(`inspector.${g.region_code}`), {
          ownerKind: 'enterprise',
          enterpriseId: g.id,
          kind,
          title: `${g.name}${kind === 'comprehensive' ? '生产安全事故综合应急预案' : kind === 'special' ? '火灾事故专项应急预案' : '岗位现场处置方案'}`,
          risks: kind === 'onsite' ? ['火灾'] : ['火灾', '机械伤害'],
          publishedOn,
          signer: '主要负责人',
          ...reviewOf(publishedOn),
        }),
    });
  }

  // 淄博市应急管理局's own 专项应急预案 (第二十五条: filed with the city government, off the platform).
  const govOn = addCalendarDays(today, -400);
  steps.push({
    on: govOn,
    order: order++,
    what: 'government plan',
    exec: async () =>
      plans.createPlan(ctx, await actorOf('admin.370300'), {
        ownerKind: 'government',
        kind: 'special',
        title: '淄博市危险化学品生产安全事故应急预案',
        risks: ['危险化学品泄漏', '火灾', '爆炸'],
        publishedOn: govOn,
        signer: '淄博市人民政府',
        reviewKind: 'demonstration',
      }),
  });

  steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.order - b.order));
  let done = 0;
  for (const [i, step] of steps.entries()) {
    ctx.setNow(new Date(Math.min(Date.parse(`${step.on}T09:00:00+08:00`) + i * 60_000, now.getTime())));
    try {
      await step.exec();
      done++;
    } catch (e) {
      if (e instanceof CalendarGapError || (e instanceof AppError && e.code === 'CALENDAR_YEAR_MISSING')) continue;
      const details = e instanceof AppError ? ` ${JSON.stringify(e.details)}` : '';
      throw new Error(`demo emergency plan, ${step.what} on ${step.on}: ${(e as Error).message}${details}`, {
        cause: e,
      });
    }
  }
  ctx.setNow(now);
  const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM emergency_plans`.execute(ctx.db.kysely);
  return `${count.rows[0]?.n ?? 0} emergency plans (${done} steps)`;
}
