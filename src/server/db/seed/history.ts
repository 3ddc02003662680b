/**
 * A deterministic history of accident reports (same PRNG seed → same reports, relative to the day the
 * database is created), driven through the real services with a moving clock, so revisions, chains,
 * deadlines and the audit log are exactly what users would have produced.
 */
import type { CreateAccidentInput } from '../../../contracts/accidents.js';
import type { DOMAINS } from '../../../domain/direct-report.js';
import { gradeOf } from '../../../domain/grade.js';
import { ancestorAt } from '../../../domain/region-code.js';
import { targetLevelOf } from '../../../domain/reporting-chain.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import { createAccident, fileFollowup, forwardAccident, signAccident } from '../../modules/accidents/service.js';
import type { SeedContext } from './demo.js';

const COUNT = 320;
const DAYS = 730;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const COUNTIES = [
  '370302',
  '370303',
  '370304',
  '370305',
  '370306',
  '370321',
  '370322',
  '370323',
  '370102',
  '370103',
  '370112',
];
const SCENES = [
  {
    type: '01',
    industry: 'E47',
    domain: 'industrial',
    unit: '建筑工程有限公司',
    what: '施工现场脚手架上坠落的钢管击中作业人员',
  },
  { type: '03', industry: 'C34', domain: 'industrial', unit: '机械制造有限公司', what: '作业人员在清理冲床时被卷入' },
  { type: '04', industry: 'C31', domain: 'industrial', unit: '钢铁有限公司', what: '行车吊运钢卷时吊索断裂' },
  { type: '05', industry: 'E48', domain: 'industrial', unit: '电力安装工程有限公司', what: '检修人员误触带电线路' },
  { type: '09', industry: 'E47', domain: 'industrial', unit: '建设集团有限公司', what: '外墙作业人员从吊篮坠落' },
  { type: '10', industry: 'E48', domain: 'industrial', unit: '市政工程有限公司', what: '管沟开挖时沟壁坍塌' },
  { type: '19', industry: 'C26', domain: 'industrial', unit: '化工有限公司', what: '进入储罐检修时发生中毒窒息' },
  { type: '17', industry: 'C26', domain: 'industrial', unit: '精细化工有限公司', what: '反应釜超压发生容器爆炸' },
  { type: '02', industry: 'G54', domain: 'road_traffic', unit: '物流运输有限公司', what: '重型货车与小型客车相撞' },
  { type: '08', industry: 'F52', domain: 'fire', unit: '商贸有限公司', what: '仓库电气线路短路引发火灾' },
  { type: '07', industry: 'C30', domain: 'industrial', unit: '陶瓷制品有限公司', what: '窑炉高温物料喷溅造成灼烫' },
  { type: '20', industry: 'H62', domain: 'other', unit: '餐饮管理有限公司', what: '后厨燃气灶具操作不当造成人员受伤' },
] as const;
const PLACE = ['华光', '金岭', '鲁泰', '齐都', '博山', '周村', '桓台', '高青', '沂源', '泉城', '历山', '舜耕'];

export async function generateHistory(ctx: SeedContext, actor: (username: string) => Promise<Actor>): Promise<number> {
  const rand = prng(20_261_125);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const actors = new Map<string, Actor>();
  const as = async (username: string) => {
    let a = actors.get(username);
    if (!a) {
      a = await actor(username);
      actors.set(username, a);
    }
    return a;
  };
  const today = new Date();
  const t0 = today.getTime();
  const plans = Array.from({ length: COUNT }, () => t0 - Math.floor(rand() * DAYS * DAY_MS) - 2 * HOUR_MS).sort(
    (a, b) => a - b,
  );
  let created = 0;
  for (const [i, occurred] of plans.entries()) {
    const county = pick(COUNTIES);
    const scene = pick(SCENES);
    const severe = rand();
    const deaths =
      severe > 0.985
        ? 10 + Math.floor(rand() * 3)
        : severe > 0.93
          ? 3 + Math.floor(rand() * 4)
          : severe > 0.45
            ? 1 + Math.floor(rand() * 2)
            : 0;
    const seriousInjuries = Math.floor(rand() * (deaths > 2 ? 8 : 3));
    const minorInjuries = Math.floor(rand() * 6);
    const directLossYuan = Math.round((deaths * 1_500_000 + seriousInjuries * 300_000 + rand() * 800_000) / 100) * 100;
    const receivedAt = occurred + (15 + Math.floor(rand() * 55)) * MINUTE_MS + (rand() > 0.93 ? 50 * MINUTE_MS : 0);
    const input: CreateAccidentInput = {
      occurredAt: new Date(occurred).toISOString(),
      receivedAt: new Date(receivedAt).toISOString(),
      regionCode: county,
      address: `${pick(PLACE)}路${1 + Math.floor(rand() * 300)}号`,
      unitName: `淄博${pick(PLACE)}${scene.unit}`.replace(/^淄博/, county.startsWith('3701') ? '济南' : '淄博'),
      industryCode: scene.industry,
      accidentType: scene.type,
      domain: scene.domain as (typeof DOMAINS)[number],
      deaths,
      missing: 0,
      seriousInjuries,
      minorInjuries,
      directLossYuan,
      summary: `${scene.what}，造成${deaths}人死亡、${seriousInjuries}人重伤、${minorInjuries}人轻伤。`,
      measuresTaken: '已组织救援，伤员送医救治，现场已封闭，相关设备已停用。',
      reporterName: '值班员',
      reporterPhone: '0533-12350',
      confirmNotDuplicate: true,
    };
    const step = async (at: number, fn: () => Promise<unknown>) => {
      if (at > t0) return false;
      ctx.setNow(new Date(at));
      await fn();
      return true;
    };
    let clock = receivedAt + (5 + Math.floor(rand() * 25)) * MINUTE_MS;
    let id = '';
    await step(clock, async () => {
      const res = await createAccident(ctx, await as(`duty.${county}`), input, `seed-${i}`);
      id = (res.body as { id: string }).id;
    });
    if (!id) continue;
    created++;
    const target = targetLevelOf(gradeOf(input as Required<typeof input>));
    const ladder = (['county', 'city', 'province', 'national'] as const).slice(
      0,
      ['county', 'city', 'province', 'national'].indexOf(target) + 1,
    );
    let reached = true;
    for (const [k, level] of ladder.entries()) {
      const code = ancestorAt(county, level);
      const who = await as(`duty.${code}`);
      if (k > 0) {
        clock += (3 + Math.floor(rand() * 20)) * MINUTE_MS;
        if (!(await step(clock, () => signAccident(ctx, who, id)))) reached = false;
      }
      if (!reached || k === ladder.length - 1) break;
      clock += (20 + Math.floor(rand() * 80)) * MINUTE_MS + (rand() > 0.95 ? 90 * MINUTE_MS : 0);
      if (!(await step(clock, () => forwardAccident(ctx, who, id, {})))) reached = false;
    }
    const countyDuty = await as(`duty.${county}`);
    const followAt = occurred + (1 + Math.floor(rand() * 4)) * DAY_MS + Math.floor(rand() * 8) * HOUR_MS;
    const worse = rand() > 0.85 && seriousInjuries > 0;
    await step(followAt, () =>
      fileFollowup(ctx, countyDuty, id, {
        ...(worse ? { deaths: deaths + 1, seriousInjuries: seriousInjuries - 1 } : {}),
        note: worse ? '一名重伤人员经抢救无效死亡' : '伤亡人数无变化，善后工作有序进行',
        noChange: !worse,
        final: false,
      }),
    );
    const window = scene.domain === 'road_traffic' || scene.domain === 'fire' ? 6 : 10 + Math.floor(rand() * 18);
    // The 7日 node: a confirmation on the 7th day where the final report comes later (a few bureaus miss it).
    if (window > 7 && rand() > 0.05) {
      const day7At = occurred + 6 * DAY_MS + Math.floor(rand() * 20) * HOUR_MS;
      await step(day7At, () =>
        fileFollowup(ctx, countyDuty, id, { note: '7日续报：伤亡人数无变化', noChange: true, final: false }),
      );
    }
    const finalAt = occurred + window * DAY_MS + Math.floor(rand() * 8) * HOUR_MS;
    const stats = await as(`stats.${county}`);
    if (rand() > 0.03) {
      await step(finalAt, () =>
        fileFollowup(ctx, stats, id, { note: '伤亡人数已核实，终报', final: true, noChange: true }),
      );
    }
  }
  return created;
}
