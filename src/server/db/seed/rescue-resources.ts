/**
 * Demo rescue resources (issue 12 bar 5): the province's rescue force as seed 004 describes it — 8 provincial teams
 * (山东省…) and city teams scaled to the demo province's two cities (18 for a province of 16 cities: 淄博 and 济南
 * have 3), a team per 淄博 county, enterprise teams of the large chemical and mining enterprises, equipment and
 * stockpiles (some past their maintenance date), experts of every specialty, and 救助协议 between teams and the
 * high-risk enterprises without a team — some valid, some expired — leaving others uncovered, as the list shows.
 *
 * Deterministic (no randomness: offsets and choices follow the index), placed at the county seats of
 * domain/county-seats.ts; written through the service (each record audited with its first revision), dates relative
 * to today (Asia/Shanghai) so that valid and expired agreements always exist.
 */
import { sql } from 'kysely';
import type { CreateAgreementInput, CreateResourceInput, Specialty } from '../../../contracts/rescue-resources.js';
import { addCalendarDays } from '../../../domain/calendar.js';
import { COUNTY_SEATS } from '../../../domain/county-seats.js';
import { isHighRisk } from '../../../domain/rescue-coverage.js';
import { shanghaiDate } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import { createAgreement, createResource } from '../../modules/rescue-resources/service.js';
import type { SeedContext } from './demo.js';

const seat = (code: string) => COUNTY_SEATS[code] as { name: string; lng: number; lat: number };

/** A deterministic small offset (about ±2 km) so that records of one county do not sit on one point. */
function near(code: string, i: number): { lng: number; lat: number } {
  const s = seat(code);
  const dx = (((i * 37) % 11) - 5) * 0.004;
  const dy = (((i * 53) % 9) - 4) * 0.004;
  return { lng: Math.round((s.lng + dx) * 1e6) / 1e6, lat: Math.round((s.lat + dy) * 1e6) / 1e6 };
}

interface TeamSpec {
  by: string;
  region: string;
  at: string;
  name: string;
  level: 'provincial' | 'city' | 'county';
  specialties: Specialty[];
  members: number;
}

/** 8 provincial teams (seed 004), based where their hazards are. */
const PROVINCIAL: TeamSpec[] = [
  { name: '山东省危险化学品应急救援淄博基地', at: '370305', specialties: ['hazchem', 'fire'], members: 120 },
  { name: '山东省矿山应急救援淄博队', at: '370304', specialties: ['mine'], members: 96 },
  { name: '山东省油气管道应急救援队', at: '370112', specialties: ['oil_gas', 'hazchem'], members: 80 },
  { name: '山东省水上应急救援队（高青黄河）', at: '370322', specialties: ['water_rescue'], members: 60 },
  { name: '山东省建筑施工应急救援队', at: '370102', specialties: ['construction'], members: 70 },
  { name: '山东省电力应急抢修队', at: '370103', specialties: ['power'], members: 90 },
  { name: '山东省紧急医学救援队', at: '370102', specialties: ['medical'], members: 50 },
  { name: '山东省消防救援机动支队', at: '370303', specialties: ['fire', 'water_rescue'], members: 150 },
].map((t) => ({ ...t, by: 'admin.370000', region: '370000', level: 'provincial' as const }) as TeamSpec);

const CITY: TeamSpec[] = [
  {
    by: 'admin.370300',
    region: '370300',
    at: '370303',
    name: '淄博市危险化学品应急救援队',
    level: 'city',
    specialties: ['hazchem'],
    members: 60,
  },
  {
    by: 'admin.370300',
    region: '370300',
    at: '370302',
    name: '淄博市矿山救护大队',
    level: 'city',
    specialties: ['mine'],
    members: 48,
  },
  {
    by: 'admin.370100',
    region: '370100',
    at: '370112',
    name: '济南市综合应急救援队',
    level: 'city',
    specialties: ['fire', 'construction', 'other'],
    members: 55,
  },
];

const ZIBO_COUNTIES = ['370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323'];
const COUNTY_SPECIALTY: Record<string, Specialty[]> = {
  '370302': ['mine'],
  '370303': ['hazchem', 'fire'],
  '370304': ['mine', 'construction'],
  '370305': ['hazchem', 'oil_gas'],
  '370306': ['fire'],
  '370321': ['hazchem', 'water_rescue'],
  '370322': ['water_rescue'],
  '370323': ['mine'],
};

interface EquipmentSpec {
  at: string;
  by: string;
  region: string;
  name: string;
  type: string;
  category: 'equipment' | 'stockpile';
  quantity: number;
  unit: string;
  owner: string;
  specialties: Specialty[];
  /** Months since the last maintenance (the next is due 6 months after: above 6 it is overdue). */
  maintainedMonthsAgo?: number;
}

const EQUIPMENT: EquipmentSpec[] = [
  {
    at: '370305',
    by: 'admin.370000',
    region: '370000',
    name: '大型泡沫消防车',
    type: '泡沫消防车（8吨）',
    category: 'equipment',
    quantity: 4,
    unit: '台',
    owner: '山东省危险化学品应急救援淄博基地',
    specialties: ['hazchem', 'fire'],
    maintainedMonthsAgo: 2,
  },
  {
    at: '370305',
    by: 'admin.370300',
    region: '370305',
    name: '危化品堵漏器材',
    type: '磁压堵漏、注胶堵漏工具组',
    category: 'equipment',
    quantity: 12,
    unit: '套',
    owner: '临淄区应急管理局',
    specialties: ['hazchem'],
    maintainedMonthsAgo: 8,
  },
  {
    at: '370303',
    by: 'admin.370300',
    region: '370303',
    name: '便携式气体检测仪',
    type: '四合一气体检测仪',
    category: 'equipment',
    quantity: 40,
    unit: '台',
    owner: '张店区应急管理局',
    specialties: ['hazchem', 'mine'],
    maintainedMonthsAgo: 1,
  },
  {
    at: '370303',
    by: 'admin.370300',
    region: '370300',
    name: '正压式空气呼吸器',
    type: '正压式空气呼吸器（6.8L）',
    category: 'equipment',
    quantity: 60,
    unit: '具',
    owner: '淄博市应急管理局',
    specialties: ['hazchem', 'fire'],
    maintainedMonthsAgo: 4,
  },
  {
    at: '370304',
    by: 'admin.370000',
    region: '370000',
    name: '矿山大流量排水系统',
    type: '潜水泵（500m³/h）',
    category: 'equipment',
    quantity: 6,
    unit: '台',
    owner: '山东省矿山应急救援淄博队',
    specialties: ['mine'],
    maintainedMonthsAgo: 7,
  },
  {
    at: '370302',
    by: 'admin.370300',
    region: '370300',
    name: '矿用救生舱',
    type: '可移动式救生舱',
    category: 'equipment',
    quantity: 2,
    unit: '台',
    owner: '淄博市矿山救护大队',
    specialties: ['mine'],
    maintainedMonthsAgo: 3,
  },
  {
    at: '370322',
    by: 'admin.370300',
    region: '370322',
    name: '冲锋舟',
    type: '橡皮冲锋舟（带40马力挂机）',
    category: 'equipment',
    quantity: 8,
    unit: '艘',
    owner: '高青县应急管理局',
    specialties: ['water_rescue'],
    maintainedMonthsAgo: 5,
  },
  {
    at: '370323',
    by: 'admin.370300',
    region: '370323',
    name: '生命探测仪',
    type: '雷达生命探测仪',
    category: 'equipment',
    quantity: 2,
    unit: '台',
    owner: '沂源县应急管理局',
    specialties: ['construction', 'mine'],
    maintainedMonthsAgo: 10,
  },
  {
    at: '370103',
    by: 'admin.370000',
    region: '370000',
    name: '应急发电车',
    type: '移动应急电源车（500kW）',
    category: 'equipment',
    quantity: 3,
    unit: '台',
    owner: '山东省电力应急抢修队',
    specialties: ['power'],
    maintainedMonthsAgo: 2,
  },
  {
    at: '370112',
    by: 'admin.370100',
    region: '370112',
    name: '大型破拆工具组',
    type: '液压破拆工具组',
    category: 'equipment',
    quantity: 10,
    unit: '套',
    owner: '历城区应急管理局',
    specialties: ['construction', 'fire'],
    maintainedMonthsAgo: 6,
  },
  {
    at: '370303',
    by: 'admin.370300',
    region: '370300',
    name: '市级应急物资储备库（防汛）',
    type: '编织袋',
    category: 'stockpile',
    quantity: 50000,
    unit: '条',
    owner: '淄博市应急管理局',
    specialties: ['water_rescue'],
  },
  {
    at: '370303',
    by: 'admin.370300',
    region: '370300',
    name: '市级应急物资储备库（救灾）',
    type: '救灾帐篷',
    category: 'stockpile',
    quantity: 800,
    unit: '顶',
    owner: '淄博市应急管理局',
    specialties: ['other'],
  },
  {
    at: '370305',
    by: 'admin.370300',
    region: '370305',
    name: '化工园区消防泡沫储备',
    type: '抗溶性水成膜泡沫液',
    category: 'stockpile',
    quantity: 120,
    unit: '吨',
    owner: '齐鲁化学工业区管委会',
    specialties: ['hazchem', 'fire'],
  },
  {
    at: '370102',
    by: 'admin.370000',
    region: '370000',
    name: '省级医疗救援物资储备',
    type: '急救药品器械包',
    category: 'stockpile',
    quantity: 2000,
    unit: '套',
    owner: '山东省紧急医学救援队',
    specialties: ['medical'],
  },
  {
    at: '370321',
    by: 'admin.370300',
    region: '370321',
    name: '吸附材料储备',
    type: '化学品吸附棉',
    category: 'stockpile',
    quantity: 15.5,
    unit: '吨',
    owner: '桓台县应急管理局',
    specialties: ['hazchem'],
  },
];

const EXPERTS: {
  at: string;
  by: string;
  region: string;
  name: string;
  org: string;
  title: string;
  specialties: Specialty[];
  availability: 'available' | 'limited' | 'unavailable';
}[] = [
  {
    at: '370305',
    by: 'admin.370000',
    region: '370000',
    name: '孙立新',
    org: '齐鲁石化研究院',
    title: '正高级工程师',
    specialties: ['hazchem', 'oil_gas'],
    availability: 'available',
  },
  {
    at: '370303',
    by: 'admin.370300',
    region: '370300',
    name: '赵春燕',
    org: '淄博市化工行业协会',
    title: '高级工程师',
    specialties: ['hazchem'],
    availability: 'available',
  },
  {
    at: '370304',
    by: 'admin.370300',
    region: '370300',
    name: '刘国庆',
    org: '淄博矿业集团',
    title: '高级工程师',
    specialties: ['mine'],
    availability: 'limited',
  },
  {
    at: '370302',
    by: 'admin.370300',
    region: '370302',
    name: '周志强',
    org: '淄川区应急管理局',
    title: '工程师',
    specialties: ['mine', 'construction'],
    availability: 'available',
  },
  {
    at: '370102',
    by: 'admin.370000',
    region: '370000',
    name: '陈海峰',
    org: '山东大学',
    title: '教授',
    specialties: ['construction'],
    availability: 'limited',
  },
  {
    at: '370103',
    by: 'admin.370000',
    region: '370000',
    name: '杨丽娟',
    org: '国网山东省电力公司',
    title: '高级工程师',
    specialties: ['power'],
    availability: 'available',
  },
  {
    at: '370112',
    by: 'admin.370100',
    region: '370100',
    name: '黄宏伟',
    org: '济南市消防救援支队',
    title: '高级专业技术职务',
    specialties: ['fire'],
    availability: 'available',
  },
  {
    at: '370102',
    by: 'admin.370000',
    region: '370000',
    name: '吴秀英',
    org: '山东省立医院',
    title: '主任医师',
    specialties: ['medical'],
    availability: 'unavailable',
  },
  {
    at: '370322',
    by: 'admin.370300',
    region: '370322',
    name: '徐文静',
    org: '高青县水利局',
    title: '工程师',
    specialties: ['water_rescue'],
    availability: 'available',
  },
  {
    at: '370305',
    by: 'admin.370300',
    region: '370305',
    name: '胡建国',
    org: '临淄区应急管理局',
    title: '高级工程师',
    specialties: ['oil_gas', 'hazchem'],
    availability: 'limited',
  },
  {
    at: '370321',
    by: 'admin.370300',
    region: '370321',
    name: '朱桂兰',
    org: '桓台县化工园区',
    title: '工程师',
    specialties: ['hazchem', 'fire'],
    availability: 'available',
  },
  {
    at: '370323',
    by: 'admin.370300',
    region: '370323',
    name: '高立新',
    org: '沂源县应急管理局',
    title: '工程师',
    specialties: ['mine', 'other'],
    availability: 'available',
  },
];

interface EnterpriseRow {
  id: string;
  name: string;
  region_code: string;
  sectors: string[];
  industry_code: string;
  status: string;
  lng: number | null;
  lat: number | null;
}

/** Seeds the rescue resources; returns a one-line account. Needs the demo bureaus, users and the registry. */
export async function seedRescueResourceDemo(
  ctx: SeedContext,
  actorOf: (username: string) => Promise<Actor>,
): Promise<string> {
  ctx.setNow(new Date());
  const today = shanghaiDate(ctx.now());
  const actors = new Map<string, Actor>();
  const as = async (username: string) => {
    let a = actors.get(username);
    if (!a) {
      a = await actorOf(username);
      actors.set(username, a);
    }
    return a;
  };
  const create = async (username: string, input: CreateResourceInput): Promise<string> => {
    const res = await createResource(ctx, await as(username), input);
    return (res.body as { id: string }).id;
  };

  // Teams: provincial, city, county — with where each stands, for the agreements.
  const teams: { id: string; region: string; lng: number; lat: number }[] = [];
  const countyTeams: TeamSpec[] = ZIBO_COUNTIES.map((code) => ({
    by: 'admin.370300',
    region: code,
    at: code,
    name: `${seat(code).name}应急救援大队`,
    level: 'county',
    specialties: COUNTY_SPECIALTY[code] as Specialty[],
    members: 20 + (Number(code.slice(4)) % 7) * 3,
  }));
  for (const [i, t] of [...PROVINCIAL, ...CITY, ...countyTeams].entries()) {
    const at = near(t.at, i);
    const id = await create(t.by, {
      kind: 'team',
      name: t.name,
      regionCode: t.region,
      specialties: t.specialties,
      ...at,
      address: `${seat(t.at).name}（驻地）`,
      level: t.level,
      members: t.members,
      dutyPhone: `0533-${String(2_180_000 + i * 17)}`,
      readiness: i % 9 === 4 ? 'limited' : 'ready',
      contactName: `${'王李张刘陈杨赵黄'[i % 8]}队长`,
      contactPhone: `1390533${String(2000 + i).slice(-4)}`,
    });
    teams.push({ id, region: t.region, ...at });
  }

  for (const [i, e] of EQUIPMENT.entries()) {
    const maintained =
      e.maintainedMonthsAgo === undefined ? undefined : addCalendarDays(today, -30 * e.maintainedMonthsAgo);
    await create(e.by, {
      kind: 'equipment',
      name: e.name,
      regionCode: e.region,
      specialties: e.specialties,
      ...near(e.at, i + 3),
      address: `${seat(e.at).name}应急物资仓库`,
      category: e.category,
      equipmentType: e.type,
      quantity: e.quantity,
      unit: e.unit,
      ownerName: e.owner,
      ...(maintained ? { maintainedOn: maintained, nextMaintenanceOn: addCalendarDays(maintained, 182) } : {}),
    });
  }

  for (const [i, x] of EXPERTS.entries()) {
    await create(x.by, {
      kind: 'expert',
      name: x.name,
      regionCode: x.region,
      specialties: x.specialties,
      ...near(x.at, i + 5),
      address: x.org,
      contactPhone: `1380533${String(3000 + i * 7).slice(-4)}`,
      organization: x.org,
      title: x.title,
      availability: x.availability,
    });
  }

  // The registry's high-risk enterprises (应急条例 第十条), in a fixed order.
  const { rows } = await sql<EnterpriseRow>`SELECT id, name, region_code, sectors, industry_code, status,
      longitude::float8 AS lng, latitude::float8 AS lat FROM enterprises ORDER BY credit_code`.execute(ctx.db.kysely);
  const highRisk = rows.filter(
    (e) => e.status === 'operating' && isHighRisk({ sectors: e.sectors, industryCode: e.industry_code }),
  );
  let own = 0;
  let valid = 0;
  let expired = 0;
  for (const [i, e] of highRisk.entries()) {
    const city = e.region_code.startsWith('3701') ? 'admin.370100' : 'admin.370300';
    const lng = e.lng ?? seat(e.region_code.slice(0, 6))?.lng ?? 118;
    const lat = e.lat ?? seat(e.region_code.slice(0, 6))?.lat ?? 36.8;
    // Every fifth has its own team (the large ones of seed 004); of the rest, about half have a valid agreement, a
    // sixth an expired one only, and the others nothing: the uncovered list.
    if (i % 5 === 0) {
      const isMine = e.sectors.includes('non_coal_mines') || e.industry_code.startsWith('B');
      await create(city, {
        kind: 'team',
        name: `${e.name}专职救援队`,
        enterpriseId: e.id,
        specialties: isMine ? ['mine'] : ['hazchem', 'fire'],
        lng: Math.min(136, Math.max(73, lng + 0.002)),
        lat: Math.min(54, Math.max(3, lat + 0.001)),
        address: '企业厂区内',
        level: 'enterprise',
        members: 15 + (i % 4) * 5,
        dutyPhone: `0533-${String(2_300_000 + i * 13)}`,
        readiness: 'ready',
      });
      own++;
      continue;
    }
    const slot = i % 6;
    if (slot === 2 || slot === 5) continue;
    // the nearest public team of the enterprise's city or province
    const candidates = teams.filter((t) => t.region === '370000' || e.region_code.startsWith(t.region.slice(0, 4)));
    const nearest = candidates
      .map((t) => ({ t, d: (t.lng - lng) ** 2 + (t.lat - lat) ** 2 }))
      .sort((a, b) => a.d - b.d)[0]?.t;
    if (!nearest) continue;
    const isExpired = slot === 4;
    const input: CreateAgreementInput = {
      enterpriseId: e.id,
      teamId: nearest.id,
      number: `JZXY-${today.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`,
      signedOn: addCalendarDays(today, isExpired ? -800 : -200 - i),
      validFrom: addCalendarDays(today, isExpired ? -790 : -190 - i),
      validTo: addCalendarDays(today, isExpired ? -60 - i : 540 - i),
      scope: '事故应急救援、应急演练指导',
    };
    await createAgreement(ctx, await as(city), input);
    if (isExpired) expired++;
    else valid++;
  }
  return `${teams.length + own} rescue teams (${PROVINCIAL.length} provincial, ${CITY.length} city, ${own} enterprise), ${EQUIPMENT.length} equipment and stockpiles, ${EXPERTS.length} experts, ${valid + expired} agreements (${expired} expired), ${highRisk.length - own - valid} high-risk enterprises uncovered`;
}
