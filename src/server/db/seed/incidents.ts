/**
 * Demo incident command (issue 12 bar 5), after the rescue resources. Through the real services, with the clock set:
 * - the incidents the history's 较大 and higher reports opened: each had the nearest free team dispatched, en route and
 *   on site, and was closed a few hours later with its 处置情况报告 (so the statistics have response times);
 * - one closed incident shown in full: a 较大 leak at 淄博鑫泰化工 ten days ago — levels, the log of the county, the city
 *   and the invited fire brigade, two teams and an expert, a follow-up's figures — and its report;
 * - one open incident with tasks: a 较大 fire at 淄博齐鲁石化配套材料 two hours ago, a team on site, one en route, the
 *   fire brigade invited with the comment right and the police with the read right.
 * Deterministic: the same steps at the same offsets from the seeding time.
 */
import type { CreateAccidentInput } from '../../../contracts/accidents.js';
import { HOUR_MS, MINUTE_MS } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import { createAccident, fileFollowup } from '../../modules/accidents/service.js';
import * as incidents from '../../modules/incidents/service.js';
import { findNearestResources } from '../../modules/rescue-resources/service.js';
import type { SeedContext } from './demo.js';

const at = (base: number, minutes: number) => new Date(base + minutes * MINUTE_MS).toISOString();

export async function seedIncidentDemo(
  ctx: SeedContext,
  actorOf: (username: string) => Promise<Actor>,
): Promise<string> {
  const actors = new Map<string, Actor>();
  const as = async (username: string) => {
    let a = actors.get(username);
    if (!a) {
      a = await actorOf(username);
      actors.set(username, a);
    }
    return a;
  };
  const q = ctx.db.kysely;
  const t0 = Date.now();
  const set = (ms: number) => ctx.setNow(new Date(ms));

  /** The nearest team (or expert) not committed elsewhere. */
  const nearestFree = async (incidentId: string, kind: 'team' | 'expert', skip: readonly string[] = []) => {
    const i = await q
      .selectFrom('incidents')
      .select(['lng', 'lat'])
      .where('id', '=', incidentId)
      .executeTakeFirstOrThrow();
    if (i.lng === null || i.lat === null) return undefined;
    const rows = await findNearestResources(q, { lng: i.lng, lat: i.lat, kind, regionPrefix: '', limit: 20 });
    const busy = new Set(
      (
        await q
          .selectFrom('incident_tasks')
          .select('resource_id')
          .where('resource_id', 'in', rows.map((r) => r.id).concat(['00000000-0000-7000-8000-000000000000']))
          .where('state', '<>', 'withdrawn')
          .execute()
      ).map((r) => r.resource_id),
    );
    return rows.find((r) => !busy.has(r.id) && !skip.includes(r.id));
  };

  // ————— the history's incidents: dispatched, on site, closed
  const history = await q
    .selectFrom('incidents')
    .select(['id', 'opened_at', 'lead_region_code'])
    .where('status', '=', 'open')
    .orderBy('opened_at')
    .execute();
  let closedHistory = 0;
  for (const [n, h] of history.entries()) {
    const lead = await actorOf(`duty.${h.lead_region_code}`).catch(() => null);
    if (!lead) continue;
    const opened = new Date(h.opened_at).getTime();
    const team = await nearestFree(h.id, 'team');
    if (team) {
      const dispatchAt = opened + (8 + (n % 5) * 6) * MINUTE_MS;
      set(dispatchAt + MINUTE_MS);
      const v = await incidents.dispatch(ctx, lead, h.id, {
        resourceId: team.id,
        assignment: '赶赴现场开展抢险救援',
        at: new Date(dispatchAt).toISOString(),
      });
      const task = v.tasks[0];
      if (task) {
        set(dispatchAt + 4 * MINUTE_MS);
        await incidents.moveTask(ctx, lead, h.id, task.id, { state: 'en_route' });
        set(dispatchAt + (25 + (n % 4) * 10) * MINUTE_MS);
        await incidents.moveTask(ctx, lead, h.id, task.id, { state: 'on_site' });
      }
    }
    set(opened + 6 * HOUR_MS);
    await incidents.close(ctx, lead, h.id, {
      summary: '现场险情排除，伤员已送医救治，转入事故调查和善后处置，应急响应终止。',
    });
    closedHistory++;
  }

  const file = async (username: string, input: CreateAccidentInput, key: string) => {
    const res = await createAccident(ctx, await as(username), input, key);
    return (res.body as { id: string }).id;
  };
  const incidentOf = async (accidentId: string) =>
    (await q.selectFrom('incidents').select('id').where('accident_id', '=', accidentId).executeTakeFirstOrThrow()).id;

  const city = await as('duty.370300');
  const county = await as('duty.370303');
  const fire = await as('fire.370300');
  const ids = await q
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', ['fire.370300', 'police.370300'])
    .execute();
  const userId = (u: string) => ids.find((r) => r.username === u)?.id as string;

  // ————— the closed incident shown in full: 10 days ago, 淄博鑫泰化工 (张店区)
  const c0 = t0 - 10 * 24 * HOUR_MS;
  set(c0 + 12 * MINUTE_MS);
  const closedAccident = await file(
    'duty.370303',
    {
      occurredAt: at(c0, 0),
      receivedAt: at(c0, 8),
      regionCode: '370303',
      address: '淄博市张店区华光路168号',
      unitName: '淄博鑫泰化工有限公司',
      unitCreditCode: '91370303MA3C4B2X1Y',
      industryCode: 'C26',
      accidentType: '19',
      domain: 'industrial',
      deaths: 3,
      missing: 1,
      seriousInjuries: 2,
      minorInjuries: 4,
      directLossYuan: 6_800_000,
      summary: '氯化反应釜检修作业中管线破裂，氯气泄漏，造成3人死亡、1人失踪、2人重伤、4人轻伤。',
      measuresTaken: '企业已紧急停车，切断泄漏源，疏散周边人员，伤员送医救治。',
      reporterName: '王海峰',
      reporterPhone: '0533-3100000',
      confirmNotDuplicate: true,
    },
    'seed-incident-closed',
  );
  const closedId = await incidentOf(closedAccident);
  set(c0 + 15 * MINUTE_MS);
  await incidents.addLogEntry(ctx, county, closedId, {
    kind: 'situation',
    text: '区应急局已到场，现场设置警戒区，下风向500米内人员正在疏散。',
  });
  set(c0 + 18 * MINUTE_MS);
  await incidents.addLogEntry(ctx, city, closedId, {
    kind: 'order',
    text: '启动Ⅲ级应急响应，市危化救援力量立即出动，市卫健、公安、消防协同处置。',
  });
  set(c0 + 19 * MINUTE_MS);
  await incidents.invite(ctx, city, closedId, {
    userId: userId('fire.370300'),
    department: 'fire',
    departmentName: '淄博市消防救援支队',
    access: 'comment',
  });
  const usedTeams: string[] = [];
  for (const [k, minutes] of [
    [0, 20],
    [1, 24],
  ] as const) {
    const team = await nearestFree(closedId, 'team', usedTeams);
    if (!team) continue;
    usedTeams.push(team.id);
    set(c0 + minutes * MINUTE_MS);
    const v = await incidents.dispatch(ctx, city, closedId, {
      resourceId: team.id,
      assignment: k === 0 ? '堵漏、洗消，搜救失踪人员' : '外围警戒和环境监测',
    });
    const task = v.tasks.find((t) => t.resourceId === team.id);
    if (!task) continue;
    set(c0 + (minutes + 3) * MINUTE_MS);
    await incidents.moveTask(ctx, city, closedId, task.id, { state: 'en_route' });
    set(c0 + (minutes + 28 + k * 9) * MINUTE_MS);
    await incidents.moveTask(ctx, city, closedId, task.id, { state: 'on_site' });
  }
  const expert = await nearestFree(closedId, 'expert');
  if (expert) {
    set(c0 + 30 * MINUTE_MS);
    await incidents.dispatch(ctx, city, closedId, { resourceId: expert.id, assignment: '危化品处置技术指导' });
  }
  set(c0 + 55 * MINUTE_MS);
  await incidents.addLogEntry(ctx, fire, closedId, {
    kind: 'situation',
    text: '消防救援支队3车15人到场，开展稀释和关阀堵漏。',
  });
  set(c0 + 2 * HOUR_MS);
  await incidents.addLogEntry(ctx, city, closedId, {
    kind: 'decision',
    text: '泄漏点已封堵，继续搜寻失踪人员，环境监测每30分钟报告一次。',
  });
  set(c0 + 5 * HOUR_MS);
  await fileFollowup(ctx, county, closedAccident, {
    deaths: 4,
    missing: 0,
    note: '失踪人员已找到，确认死亡',
    final: false,
    noChange: false,
  });
  set(c0 + 9 * HOUR_MS);
  await incidents.close(ctx, city, closedId, {
    summary:
      '泄漏点封堵完毕，失踪人员已找到，现场环境监测数据恢复正常，伤员均在医院救治。经市政府同意，终止Ⅲ级应急响应，转入事故调查和善后处置。',
  });

  // ————— the open incident: 2 hours ago, 淄博齐鲁石化配套材料 (临淄区)
  const o0 = t0 - 2 * HOUR_MS;
  set(o0 + 10 * MINUTE_MS);
  const openAccident = await file(
    'duty.370305',
    {
      occurredAt: at(o0, 0),
      receivedAt: at(o0, 6),
      regionCode: '370305',
      address: '淄博市临淄区辛店街道金岭路9号',
      unitName: '淄博齐鲁石化配套材料有限公司',
      unitCreditCode: '91370305MA3D7F5Q2H',
      industryCode: 'C25',
      accidentType: '16',
      domain: 'industrial',
      deaths: 3,
      missing: 2,
      seriousInjuries: 1,
      minorInjuries: 3,
      directLossYuan: 3_000_000,
      summary: '储罐区发生火灾，造成3人死亡、2人失踪、1人重伤、3人轻伤，火势仍在蔓延。',
      measuresTaken: '企业启动应急预案，消防力量正在扑救，周边企业已停产疏散。',
      reporterName: '李志强',
      reporterPhone: '0533-7100000',
      confirmNotDuplicate: true,
    },
    'seed-incident-open',
  );
  const openId = await incidentOf(openAccident);
  const linzi = await as('duty.370305');
  set(o0 + 14 * MINUTE_MS);
  await incidents.addLogEntry(ctx, linzi, openId, {
    kind: 'situation',
    text: '储罐区西侧2号罐着火，已疏散厂区人员，2人失联。',
  });
  set(o0 + 16 * MINUTE_MS);
  await incidents.invite(ctx, city, openId, {
    userId: userId('fire.370300'),
    department: 'fire',
    departmentName: '淄博市消防救援支队',
    access: 'comment',
  });
  await incidents.invite(ctx, city, openId, {
    userId: userId('police.370300'),
    department: 'public_security',
    departmentName: '淄博市公安局',
    access: 'read',
  });
  const openTeams: string[] = [];
  for (const [k, minutes] of [
    [0, 18],
    [1, 40],
  ] as const) {
    const team = await nearestFree(openId, 'team', openTeams);
    if (!team) continue;
    openTeams.push(team.id);
    set(o0 + minutes * MINUTE_MS);
    const v = await incidents.dispatch(ctx, city, openId, {
      resourceId: team.id,
      assignment: k === 0 ? '灭火、冷却相邻储罐' : '搜救失联人员',
    });
    const task = v.tasks.find((t) => t.resourceId === team.id);
    if (!task) continue;
    set(o0 + (minutes + 4) * MINUTE_MS);
    await incidents.moveTask(ctx, city, openId, task.id, { state: 'en_route' });
    if (k === 0) {
      set(o0 + (minutes + 26) * MINUTE_MS);
      await incidents.moveTask(ctx, city, openId, task.id, { state: 'on_site' });
    }
  }
  set(o0 + 50 * MINUTE_MS);
  await incidents.addLogEntry(ctx, fire, openId, {
    kind: 'situation',
    text: '消防救援支队5车26人到场，正在冷却2号罐及相邻储罐。',
  });
  set(o0 + 70 * MINUTE_MS);
  await incidents.addLogEntry(ctx, city, openId, {
    kind: 'decision',
    text: '划定1公里警戒区，金岭路实行交通管制，市卫健委调派3辆救护车待命。',
  });
  ctx.setNow(new Date(t0));
  return `${closedHistory + 2} incidents (${closedHistory} from the history's 较大 reports), one closed in full with its report, one open with tasks`;
}
