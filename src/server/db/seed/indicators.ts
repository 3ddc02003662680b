/**
 * Demo control indicators (控制指标) for 2025 and 2026: 山东省 (set by the ministry), its cities (set by the
 * province) and 淄博市's counties (set by the city), through the real service, so each is audited like a user's.
 * The province's and cities' caps are of a realistic order; Zibo's and its counties' are sized to the demo
 * accident history (about 16 accidents, 22 deaths and 2 较大 a county a year), so the board shows every colour. Idempotent: the
 * service writes nothing when the figures are already the same.
 */
import type { IndicatorInput } from '../../../contracts/indicators.js';
import type { Actor } from '../../auth/actor.js';
import { loadConfig } from '../../config.js';
import type { AppContext } from '../../context.js';
import { EventBus } from '../../modules/events/bus.js';
import { setIndicator } from '../../modules/indicators/service.js';
import type { Db } from '../connection.js';

type Caps = [deaths: number, accidents: number, larger: number];

const YEAR = 2026;
/** Last year's caps were this much higher (each year's are cut). */
const LAST_YEAR_FACTOR = 1.06;

const PROVINCE: Caps = [1320, 1700, 28];

/** 2026 caps per city; a city not listed (should the region data hold more) gets DEFAULT_CITY. */
const CITIES: Record<string, Caps> = {
  '370100': [110, 140, 3], // 济南
  '370200': [115, 150, 1], // 青岛
  '370300': [175, 130, 15], // 淄博: sized to the demo history
  '370400': [50, 65, 1], // 枣庄
  '370500': [45, 60, 1], // 东营
  '370600': [95, 125, 1], // 烟台
  '370700': [105, 135, 1], // 潍坊
  '370800': [90, 115, 1], // 济宁
  '370900': [60, 80, 1], // 泰安
  '371000': [35, 45, 0], // 威海
  '371100': [40, 55, 0], // 日照
  '371300': [115, 150, 1], // 临沂
  '371400': [70, 90, 1], // 德州
  '371500': [70, 90, 0], // 聊城
  '371600': [50, 65, 0], // 滨州
  '371700': [80, 105, 0], // 菏泽
};
const DEFAULT_CITY: Caps = [50, 65, 0];

/** Zibo's counties, 2026 (sums 170 / 127 / 14, within Zibo's 175 / 130 / 15). */
const ZIBO_COUNTIES: Record<string, Caps> = {
  '370302': [22, 16, 2], // 淄川区
  '370303': [26, 19, 2], // 张店区
  '370304': [20, 15, 2], // 博山区
  '370305': [26, 19, 2], // 临淄区
  '370306': [20, 15, 2], // 周村区
  '370321': [20, 15, 2], // 桓台县
  '370322': [18, 14, 1], // 高青县
  '370323': [18, 14, 1], // 沂源县
};
/** 张店区 also carries a reduction target, to show one on the board. */
const REDUCTIONS: Record<string, Partial<IndicatorInput>> = { '370303': { deathReductionPct: 10 } };

function inputOf(code: string, caps: Caps, year: number): IndicatorInput {
  const f = year === YEAR ? 1 : LAST_YEAR_FACTOR;
  const [deaths, accidents, larger] = caps.map((v) => Math.round(v * f)) as Caps;
  return {
    deathCap: deaths,
    accidentCap: accidents,
    largerAccidentCap: larger,
    ...(year === YEAR ? REDUCTIONS[code] : {}),
    note: `${year}年度安全生产控制指标（演示数据）`,
  };
}

/** Sets the demo figures; returns how many were written (0 when they are all there already). */
export async function seedIndicatorDemo(db: Db, actorOf: (username: string) => Promise<Actor>): Promise<number> {
  const ctx: AppContext = { db, config: loadConfig(), bus: new EventBus(), now: () => new Date() };
  const cities = await db.kysely
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', '370000')
    .where('level', '=', 'city')
    .orderBy('code')
    .execute();
  const plan: [username: string, code: string, caps: Caps][] = [
    ['stats.000000', '370000', PROVINCE],
    ...cities.map((c): [string, string, Caps] => ['stats.370000', c.code, CITIES[c.code] ?? DEFAULT_CITY]),
    ...Object.entries(ZIBO_COUNTIES).map(([code, caps]): [string, string, Caps] => ['stats.370300', code, caps]),
  ];
  let written = 0;
  for (const [username, code, caps] of plan) {
    const actor = await actorOf(username);
    for (const year of [YEAR - 1, YEAR]) {
      const { changed } = await setIndicator(ctx, actor, year, code, inputOf(code, caps, year));
      if (changed) written++;
    }
  }
  return written;
}
