/**
 * Demo enterprise registry: the demo enterprises and about 170 generated ones in Zibo's counties and Jinan's
 * districts, their licences (some near expiry, some expired, a few missing), the hazard units of the chemical
 * enterprises with real Table-1 substances (so the register holds 重大危险源 of every grade), and a census campaign
 * of 淄博市 with part of the returns in. Everything goes through the real services (audited as a user's act), with
 * a deterministic generator; dates are relative to now so the expiry alerts always have something to show.
 */
import type { CreateEnterpriseInput, CreateLicenceInput } from '../../../contracts/enterprises.js';
import type { CreateUnitInput } from '../../../contracts/hazards.js';
import { COUNTY_SEATS } from '../../../domain/county-seats.js';
import { creditCodeCheckChar } from '../../../domain/credit-code.js';
import type { LicenceType, Sector } from '../../../domain/enterprise.js';
import { shanghaiDate } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import { loadConfig } from '../../config.js';
import type { AppContext } from '../../context.js';
import { createEnterprise, createLicence } from '../../modules/enterprises/service.js';
import { EventBus } from '../../modules/events/bus.js';
import { createCensus, createUnit, submitCensusReturn } from '../../modules/hazards/service.js';
import type { Db } from '../connection.js';

const WORDS = [
  '鑫源',
  '华泰',
  '金岭',
  '恒信',
  '宏达',
  '瑞丰',
  '东岳',
  '齐盛',
  '博远',
  '润华',
  '永安',
  '祥和',
  '泰丰',
  '海川',
  '万通',
];

interface Kind {
  sectors: Sector[];
  suffix: string;
  industry: string;
  licences: LicenceType[];
}

const KINDS: Kind[] = [
  { sectors: ['hazardous_chemicals'], suffix: '化工有限公司', industry: 'C26', licences: ['hc_production'] },
  { sectors: ['hazardous_chemicals'], suffix: '石化有限公司', industry: 'C25', licences: ['hc_production'] },
  { sectors: ['hazardous_chemicals'], suffix: '化学品经营有限公司', industry: 'F51', licences: ['hc_operation'] },
  { sectors: ['industry_trade'], suffix: '机械制造有限公司', industry: 'C34', licences: [] },
  { sectors: ['industry_trade'], suffix: '陶瓷有限公司', industry: 'C30', licences: [] },
  { sectors: ['non_coal_mines'], suffix: '矿业有限公司', industry: 'B10', licences: ['non_coal_mine'] },
  { sectors: ['fireworks'], suffix: '烟花爆竹批发有限公司', industry: 'F51', licences: ['fireworks_wholesale'] },
  {
    sectors: ['industry_trade', 'hazardous_chemicals'],
    suffix: '新材料有限公司',
    industry: 'C26',
    licences: ['hc_use'],
  },
];

const LICENCE_ISSUER: Record<LicenceType, string> = {
  hc_production: '山东省应急管理厅',
  hc_operation: '淄博市应急管理局',
  hc_use: '淄博市应急管理局',
  non_coal_mine: '山东省应急管理厅',
  fireworks_production: '山东省应急管理厅',
  fireworks_wholesale: '淄博市应急管理局',
  fireworks_retail: '区县应急管理局',
};

/** Units of the chemical enterprises: [name, kind, substances (name, t), people within 500 m]. */
const UNIT_PLANS: [string, 'production' | 'storage', [string, number][], number][] = [
  ['液氨储罐区', 'storage', [['液氨', 60]], 120],
  [
    '合成氨装置',
    'production',
    [
      ['液氨', 8],
      ['氢', 2],
    ],
    40,
  ],
  ['液氯库房', 'storage', [['液氯', 30]], 160],
  ['甲醇罐区', 'storage', [['甲醇', 800]], 20],
  ['汽油储罐区', 'storage', [['汽油', 260]], 0],
  ['液化石油气球罐区', 'storage', [['液化石油气', 90]], 55],
  ['苯储罐', 'storage', [['苯', 30]], 10],
  [
    '溶剂库',
    'storage',
    [
      ['甲苯', 120],
      ['丙酮', 80],
      ['乙酸乙酯', 60],
    ],
    35,
  ],
  ['光气合成装置', 'production', [['光气', 2]], 230],
  ['硫化氢回收装置', 'production', [['硫化氢', 3]], 12],
];

function creditCodeFor(county: string, i: number): string {
  const body = `9137${county.slice(2, 6)}MA3${String.fromCharCode(65 + (i % 8))}${String(100000 + i * 7919).slice(-5)}`;
  const first17 = body.slice(0, 17).replace(/[IOSVZ]/g, 'A');
  return `${first17}${creditCodeCheckChar(first17)}`;
}

function addDays(day: string, n: number): string {
  return shanghaiDate(new Date(Date.parse(`${day}T12:00:00+08:00`) + n * 86_400_000));
}

function seedContext(db: Db): AppContext {
  return { db, config: loadConfig(), bus: new EventBus(), now: () => new Date() };
}

interface Planned {
  actor: Actor;
  input: CreateEnterpriseInput;
  kind: Kind;
  index: number;
}

/** A name not taken yet in the registry being seeded (two enterprises of a county never share one). */
function uniqueName(taken: Set<string>, make: (k: number) => string): string {
  for (let k = 0; ; k++) {
    const name = make(k);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function plan(county: string, i: number, actor: Actor, taken: Set<string>): Planned {
  const seat = COUNTY_SEATS[county] as { name: string; lng: number; lat: number };
  const kind = KINDS[i % KINDS.length] as Kind;
  const city = county.startsWith('3701') ? '济南' : '淄博';
  const wordAt = (k: number) => WORDS[(i * 5 + county.charCodeAt(5) + k) % WORDS.length] as string;
  const name = uniqueName(
    taken,
    (k) => `${city}${seat.name.slice(0, 2)}${wordAt(k)}${k >= WORDS.length ? k : ''}${kind.suffix}`,
  );
  const word = wordAt(0);
  const jitter = (k: number) => Math.round(((((i * 9301 + k * 49297) % 233280) / 233280) * 0.12 - 0.06) * 1e6) / 1e6;
  return {
    actor,
    kind,
    index: i,
    input: {
      creditCode: creditCodeFor(county, i),
      name,
      regionCode: county,
      address: `${seat.name}${word}路${(i % 90) + 10}号`,
      longitude: Math.round((seat.lng + jitter(1)) * 1e6) / 1e6,
      latitude: Math.round((seat.lat + jitter(2)) * 1e6) / 1e6,
      industryCode: kind.industry,
      sectors: kind.sectors,
      scale: (['medium', 'small', 'small', 'micro', 'large'] as const)[i % 5],
      legalRepresentative: `${'王李张刘陈杨赵黄'[i % 8]}${'建国海峰志强晓明立新宏伟'.slice((i % 6) * 2, (i % 6) * 2 + 2)}`,
      principalPhone: `0533-${String(3_100_000 + i * 13).slice(0, 7)}`,
      safetyManagerName: `${'周吴徐孙胡朱高林'[i % 8]}${'丽娟秀英春燕文静桂兰'.slice((i % 5) * 2, (i % 5) * 2 + 2)}`,
      safetyManagerPhone: `1390533${String(5000 + i).slice(-4)}`,
      employees: 20 + ((i * 37) % 480),
      status: i % 23 === 7 ? 'suspended' : 'operating',
    },
  };
}

/** Valid for 3 years (397号令 第九条); the end spread so that some are within 90 / 30 days or just past. */
function licenceFor(kind: Kind, type: LicenceType, today: string, county: string, i: number): CreateLicenceInput {
  const offsets = [400, 75, 20, -10, 700, 200, 5, 900];
  const validTo = addDays(today, offsets[(i * 5 + Math.floor(i / 8)) % offsets.length] as number);
  return {
    type,
    number: `（鲁）${type.startsWith('hc') ? 'WH' : type === 'non_coal_mine' ? 'FM' : 'YH'}安许证字〔${county}〕${String(1000 + i)}号`,
    scope: kind.suffix.includes('经营') ? '危险化学品经营（不带储存设施）' : '生产、储存相关危险化学品',
    issuer: LICENCE_ISSUER[type],
    validFrom: addDays(validTo, -3 * 365),
    validTo,
    status: 'valid',
  };
}

function unitFor(i: number, j: number): CreateUnitInput {
  const [name, kind, substances, people] = UNIT_PLANS[
    (i + j * 3 + Math.floor(i / 8)) % UNIT_PLANS.length
  ] as (typeof UNIT_PLANS)[number];
  const scale = 0.8 + ((i * 7 + j * 5 + Math.floor(i / 10)) % 6) * 0.1;
  return {
    kind,
    name,
    substances: substances.map(([n, q]) => ({ name: n, quantityT: Math.round(q * scale * 100) / 100 })),
    exposedPeople: people,
    principalName: '厂长',
    technicalName: '技术负责人',
    operationName: '班组长',
    filingStatus: (i + j) % 3 === 0 ? 'unfiled' : 'filed',
    ...((i + j) % 3 === 0 ? {} : { filingNo: `淄危备〔2025〕${100 + i}号`, filedAt: '2025-06-30' }),
  };
}

const DEMO_REGISTRY: { creditCode: string; sectors: Sector[]; lng: number; lat: number }[] = [
  { creditCode: '91370303MA3C4B2X1Y', sectors: ['hazardous_chemicals'], lng: 118.035, lat: 36.79 },
  { creditCode: '91370305MA3D7F5Q2H', sectors: ['hazardous_chemicals'], lng: 118.285, lat: 36.812 },
  { creditCode: '91370304MA3E8H6R3M', sectors: ['industry_trade'], lng: 117.875, lat: 36.505 },
  { creditCode: '91370112MA3F9J7T49', sectors: ['other'], lng: 117.11, lat: 36.69 },
  { creditCode: '91370102MA3G1K8U5F', sectors: ['other'], lng: 117.07, lat: 36.66 },
];

/** Seeds the registry; returns a one-line account. Needs the demo bureaus, users and organisations. */
export async function seedEnterpriseDemo(
  db: Db,
  actorOf: (username: string) => Promise<Actor>,
  perCounty = 12,
): Promise<string> {
  const ctx = seedContext(db);
  const today = shanghaiDate(new Date());
  const orgs = await db.kysely
    .selectFrom('organizations')
    .select(['name', 'credit_code', 'region_code', 'industry_code', 'address'])
    .where('kind', '=', 'enterprise')
    .execute();
  const planned: Planned[] = [];
  const taken = new Set(orgs.map((o) => o.name));
  for (const d of DEMO_REGISTRY) {
    const org = orgs.find((o) => o.credit_code === d.creditCode);
    if (!org) continue;
    planned.push({
      actor: await actorOf(`admin.${org.region_code}`),
      kind: KINDS[0] as Kind,
      index: planned.length,
      input: {
        creditCode: d.creditCode,
        name: org.name,
        regionCode: org.region_code,
        address: org.address ?? org.name,
        industryCode: org.industry_code ?? 'C',
        sectors: d.sectors,
        longitude: d.lng,
        latitude: d.lat,
        scale: 'medium',
        employees: 180,
        status: 'operating',
      },
    });
  }
  for (const county of Object.keys(COUNTY_SEATS)) {
    const actor = await actorOf(`admin.${county}`);
    for (let i = 0; i < perCounty; i++) planned.push(plan(county, planned.length + i * 11, actor, taken));
  }
  let licences = 0;
  let units = 0;
  const chemical: { id: string; actor: Actor; regionCode: string }[] = [];
  for (const p of planned) {
    const created = await createEnterprise(ctx, p.actor, p.input);
    const id = (created.body as { id: string }).id;
    const hasLicensedSector = p.input.sectors.some((s) => s !== 'industry_trade' && s !== 'other');
    // Every 13th enterprise of a licensed sector has none (无证经营) — the list has something to show.
    if (hasLicensedSector && p.index % 13 !== 5) {
      for (const type of p.kind.licences.length ? p.kind.licences : (['hc_production'] as LicenceType[])) {
        await createLicence(ctx, p.actor, id, licenceFor(p.kind, type, today, p.input.regionCode, p.index));
        licences++;
      }
    }
    if (p.input.sectors.includes('hazardous_chemicals') && !p.kind.suffix.includes('经营')) {
      chemical.push({ id, actor: p.actor, regionCode: p.input.regionCode });
      for (let j = 0; j < 1 + (p.index % 3); j++) {
        await createUnit(ctx, p.actor, id, unitFor(p.index, j));
        units++;
      }
    }
  }
  const city = await actorOf('inspector.370300');
  const { body: census } = await createCensus(ctx, city, {
    name: `${today.slice(0, 4)}年度危险化学品重大危险源普查`,
    startsOn: addDays(today, -30),
    endsOn: addDays(today, 60),
    sectors: ['hazardous_chemicals'],
  });
  let returns = 0;
  for (const [k, c] of chemical.entries()) {
    if (!c.regionCode.startsWith('3703') || k % 3 === 2) continue;
    await submitCensusReturn(ctx, c.actor, (census as { id: string }).id, c.id);
    returns++;
  }
  return `${planned.length} enterprises, ${licences} licences, ${units} hazard units, 1 census (${returns} returns)`;
}
