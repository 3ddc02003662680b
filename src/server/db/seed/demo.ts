/**
 * The demo province: 应急管理部 (000000), 山东省 (370000), 淄博市 (370300, every county) and 济南市 (370100,
 * three districts), one town office, a few enterprises, users for each bureau, and a deterministic history
 * of accident reports filed, forwarded, signed and closed through the real services.
 * All demo passwords: Anjian@2026 (users are marked is_demo; see README to disable them).
 */
import { uuidv7 } from 'uuidv7';
import type { Role } from '../../../contracts/policies.js';
import { type Actor, makeActor } from '../../auth/actor.js';
import { hashPassword } from '../../auth/password.js';
import { loadConfig } from '../../config.js';
import type { AppContext } from '../../context.js';
import { actorQuery } from '../../modules/auth/service.js';
import { EventBus } from '../../modules/events/bus.js';
import type { Db } from '../connection.js';
import { seedCaseDemo } from './cases.js';
import { seedDangerDemo } from './dangers.js';
import { seedDutyDemo } from './duty.js';
import { seedEmergencyPlanDemo } from './emergency-plans.js';
import { seedEnterpriseDemo } from './enterprises.js';
import { generateHistory } from './history.js';
import { seedIncidentDemo } from './incidents.js';
import { seedIndicatorDemo } from './indicators.js';
import { seedInspectionDemo } from './inspections.js';
import { seedRescueResourceDemo } from './rescue-resources.js';
import { seedSupervisionDemo } from './supervision.js';

export const DEMO_PASSWORD = 'Anjian@2026';

const JINAN_COUNTIES = ['370102', '370103', '370112'];
const TOWNS = [{ code: '370303001', name: '张店区车站街道安全生产监督管理办公室' }];
/** Each bureau's demo accounts: role and user name (two inspectors, so that a team of two can inspect). */
const BUREAU_ACCOUNTS: readonly [Role, string][] = [
  ['duty', 'duty'],
  ['stats', 'stats'],
  ['leader', 'leader'],
  ['admin', 'admin'],
  ['inspector', 'inspector'],
  ['inspector', 'inspector2'],
  // 协同部门: a guest of the bureau's incidents (公安, 消防, 卫健, 交通 …), invited one incident at a time.
  ['department', 'department'],
];
/** The city's departments that take part in incident command (issue 12 §3), as 协同部门 accounts of 淄博市. */
export const DEMO_DEPARTMENT_ACCOUNTS = [
  { username: 'fire.370300', department: 'fire', name: '淄博市消防救援支队' },
  { username: 'police.370300', department: 'public_security', name: '淄博市公安局' },
  { username: 'health.370300', department: 'health', name: '淄博市卫生健康委员会' },
  { username: 'transport.370300', department: 'transport', name: '淄博市交通运输局' },
] as const;

/** A demo 执法证号: the bureau's region code and a running number (the real ones follow each province's scheme). */
function enforcementCert(regionCode: string, n: number): string {
  return `${regionCode.slice(0, 6)}${String(n).padStart(5, '0')}`;
}

export const DEMO_ENTERPRISES = [
  {
    creditCode: '91370303MA3C4B2X1Y',
    name: '淄博鑫泰化工有限公司',
    regionCode: '370303',
    industryCode: 'C26',
    address: '淄博市张店区华光路168号',
  },
  {
    creditCode: '91370305MA3D7F5Q2H',
    name: '淄博齐鲁石化配套材料有限公司',
    regionCode: '370305',
    industryCode: 'C25',
    address: '淄博市临淄区辛店街道金岭路9号',
  },
  {
    creditCode: '91370304MA3E8H6R3M',
    name: '博山陶瓷制品有限公司',
    regionCode: '370304',
    industryCode: 'C30',
    address: '淄博市博山区域城镇工业园12号',
  },
  {
    creditCode: '91370112MA3F9J7T49',
    name: '济南历城建筑工程有限公司',
    regionCode: '370112',
    industryCode: 'E47',
    address: '济南市历城区工业北路88号',
  },
  {
    creditCode: '91370102MA3G1K8U5F',
    name: '济南泉城物流运输有限公司',
    regionCode: '370102',
    industryCode: 'G54',
    address: '济南市历下区经十路12111号',
  },
] as const;

interface BureauSpec {
  code: string;
  name: string;
}

async function bureauSpecs(db: Db): Promise<BureauSpec[]> {
  const zibo = await db.kysely
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('parent_code', '=', '370300')
    .orderBy('code')
    .execute();
  const jinan = await db.kysely
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', 'in', JINAN_COUNTIES)
    .orderBy('code')
    .execute();
  return [
    { code: '000000', name: '应急管理部' },
    { code: '370000', name: '山东省应急管理厅' },
    { code: '370300', name: '淄博市应急管理局' },
    ...zibo.map((r) => ({ code: r.code, name: `淄博市${r.name}应急管理局` })),
    { code: '370100', name: '济南市应急管理局' },
    ...jinan.map((r) => ({ code: r.code, name: `济南市${r.name}应急管理局` })),
    ...TOWNS,
  ];
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['建国', '海峰', '丽娟', '志强', '晓明', '秀英', '国庆', '春燕', '立新', '文静', '宏伟', '桂兰'];
const ROLE_TITLES: Record<Role, string> = {
  duty: '值班员',
  stats: '统计员',
  leader: '分管领导',
  admin: '系统管理员',
  inspector: '执法检查员',
  enterprise: '安全管理员',
  department: '协同部门',
};

function personName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
}

export async function seedDemo(db: Db, opts: { history?: boolean } = {}): Promise<string> {
  const bureaus = await bureauSpecs(db);
  const hash = (pw: string) => hashPassword(pw);
  let n = 0;
  const users: {
    id: string;
    region_code: string;
    org_id: string;
    username: string;
    display_name: string;
    role: string;
    password_hash: string;
    phone: string;
    is_demo: boolean;
    enforcement_cert?: string;
  }[] = [];
  const orgs: {
    id: string;
    region_code: string;
    kind: 'bureau' | 'enterprise';
    name: string;
    credit_code: string | null;
    industry_code: string | null;
    address: string | null;
    duty_phone: string | null;
  }[] = [];
  for (const b of bureaus) {
    const orgId = uuidv7();
    orgs.push({
      id: orgId,
      region_code: b.code,
      kind: 'bureau',
      name: b.name,
      credit_code: null,
      industry_code: null,
      address: null,
      duty_phone: `0533-${String(2_100_000 + n * 37).slice(0, 7)}`,
    });
    for (const [role, username] of BUREAU_ACCOUNTS) {
      users.push({
        id: uuidv7(),
        region_code: b.code,
        org_id: orgId,
        username: `${username}.${b.code}`,
        display_name: `${personName(n++)}（${ROLE_TITLES[role]}）`,
        role,
        password_hash: '',
        phone: `1380533${String(1000 + n).slice(-4)}`,
        is_demo: true,
        // 行政执法证号: a team of two certified officers inspects (行政处罚法 第四十二条).
        ...(role === 'inspector' ? { enforcement_cert: enforcementCert(b.code, n) } : {}),
      });
    }
  }
  const city = orgs.find((o) => o.region_code === '370300');
  for (const d of DEMO_DEPARTMENT_ACCOUNTS) {
    users.push({
      id: uuidv7(),
      region_code: '370300',
      org_id: city?.id as string,
      username: d.username,
      display_name: `${personName(n++)}（${d.name}）`,
      role: 'department',
      password_hash: '',
      phone: `1380533${String(1000 + n).slice(-4)}`,
      is_demo: true,
    });
  }
  for (const e of DEMO_ENTERPRISES) {
    const orgId = uuidv7();
    orgs.push({
      id: orgId,
      region_code: e.regionCode,
      kind: 'enterprise',
      name: e.name,
      credit_code: e.creditCode,
      industry_code: e.industryCode,
      address: e.address,
      duty_phone: null,
    });
    users.push({
      id: uuidv7(),
      region_code: e.regionCode,
      org_id: orgId,
      username: `ent.${e.creditCode}`,
      display_name: `${personName(n++)}（${e.name}）`,
      role: 'enterprise',
      password_hash: '',
      phone: `1390533${String(1000 + n).slice(-4)}`,
      is_demo: true,
    });
  }
  // Each user gets its own salt; scrypt runs on the libuv pool, so hash in parallel.
  await Promise.all(
    users.map(async (u) => {
      u.password_hash = await hash(DEMO_PASSWORD);
    }),
  );
  await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('organizations').values(orgs).execute();
    await trx.insertInto('users').values(users).execute();
  });
  const duty = opts.history === false ? '' : await seedDutyDemo(db, new Date());
  const accidents =
    opts.history === false ? 0 : await generateHistory(demoContext(db), (username) => actorByUsername(db, username));
  if (opts.history !== false) await seedIndicatorDemo(db, (username) => actorByUsername(db, username));
  const registry =
    opts.history === false ? 'no registry' : await seedEnterpriseDemo(db, (username) => actorByUsername(db, username));
  const hidden =
    opts.history === false
      ? 'no hidden dangers'
      : await seedDangerDemo(demoContext(db), (username) => actorByUsername(db, username));
  const actorOf = (username: string) => actorByUsername(db, username);
  const supervised = opts.history === false ? 'no plans' : await seedSupervisionDemo(demoContext(db), actorOf);
  const inspected = opts.history === false ? 'no inspections' : await seedInspectionDemo(demoContext(db), actorOf);
  const penalised = opts.history === false ? 'no penalty cases' : await seedCaseDemo(demoContext(db), actorOf);
  const rescue =
    opts.history === false ? 'no rescue resources' : await seedRescueResourceDemo(demoContext(db), actorOf);
  const commanded = opts.history === false ? 'no incidents' : await seedIncidentDemo(demoContext(db), actorOf);
  const planned = opts.history === false ? 'no emergency plans' : await seedEmergencyPlanDemo(demoContext(db), actorOf);
  return `${orgs.length} organisations, ${users.length} users, ${accidents} accident reports, ${duty || 'no duty data'}, ${registry}, ${hidden}, ${supervised}, ${inspected}, ${penalised}, ${rescue}, ${commanded}, ${planned}`;
}

export async function actorByUsername(db: Db, username: string): Promise<Actor> {
  return makeActor(await actorQuery(db).where('u.username', '=', username).executeTakeFirstOrThrow());
}

/** A context whose clock the history generator moves. */
export interface SeedContext extends AppContext {
  setNow(at: Date): void;
}

function demoContext(db: Db): SeedContext {
  let clock = new Date();
  return {
    db,
    config: loadConfig(),
    bus: new EventBus(),
    now: () => clock,
    setNow: (at) => {
      clock = at;
    },
  };
}
