/**
 * Bulletins over the API on both engines (issue 3, bar 2, 3 and 4):
 * - accidents whose statistical figures add up exactly to seed 004 (this year to date and the same dates of 2025)
 *   → the bulletin's text holds the quoted paragraph verbatim;
 * - the .docx opens in LibreOffice (converted to PDF and to text) and holds the figures, its two figures native Word
 *   charts (word/charts/chartN.xml with the data cached, their parts, relationships and content types);
 * - a written-off accident leaves the next bulletin's figures and its 较大及以上 list; an issued bulletin stays as issued;
 * - who may create and read, and bad input.
 */
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sofficePath } from '../../documents/soffice.js';
import { convertDocument, downloadRaw } from '../../documents/test-support.js';
import { type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const NOW = '2026-11-25T10:00:00+08:00';
const YEAR_START = '2026-01-01T00:00:00+08:00';

/** The issue's seed-004 paragraph, verbatim. */
const SEED_004 =
  '截至到目前，全省共发生各类事故3059起，死亡692人，受伤1649人，直接经济损失8047.5万元，同比减少122起、2人、77人和' +
  '增加2167万元，分别下降3.8%、0.3%、4.5%和上升36.9%。其中，发生较大事故35起，死亡150人，受伤57人，直接经济损失' +
  '1686.2万元，同比增加6起、47人、持平和1295.2万元，分别上升20.7%、45.6%、持平和331.3%。';

interface Block {
  tag: string;
  grade: 'general' | 'larger';
  n: number;
  deaths: number;
  injuries: number;
  lossYuan: number;
  /** First occurrence; row i occurs stepMinutes × i later. */
  start: string;
  stepMinutes: number;
}

/**
 * Seed 004 split into 一般 and 较大 blocks: current = 3059 起 / 692 人 / 1649 人 / 80,475,000 元, of which 较大 35 / 150 /
 * 57 / 16,862,000; previous (same dates of 2025) = 3181 / 694 / 1726 / 58,805,000, of which 较大 29 / 103 / 57 /
 * 3,910,000. Rows spread over the period (all before 25 November 10:00 of their year), the figures spread evenly
 * (every 一般 row stays under the 较大 thresholds, every 较大 row has 3–9 deaths).
 */
const BLOCKS: Block[] = [
  {
    tag: 'CG',
    grade: 'general',
    n: 3024,
    deaths: 542,
    injuries: 1592,
    lossYuan: 63_613_000,
    start: YEAR_START,
    stepMinutes: 150,
  },
  {
    tag: 'CL',
    grade: 'larger',
    n: 35,
    deaths: 150,
    injuries: 57,
    lossYuan: 16_862_000,
    start: YEAR_START,
    stepMinutes: 9000,
  },
  {
    tag: 'PG',
    grade: 'general',
    n: 3152,
    deaths: 591,
    injuries: 1669,
    lossYuan: 54_895_000,
    start: '2025-01-01T00:00:00+08:00',
    stepMinutes: 140,
  },
  {
    tag: 'PL',
    grade: 'larger',
    n: 29,
    deaths: 103,
    injuries: 57,
    lossYuan: 3_910_000,
    start: '2025-01-01T00:00:00+08:00',
    stepMinutes: 9000,
  },
];

/** Trusted constants (codes of our own) as a SQL array literal. */
const textArray = (xs: readonly string[]) => sql.raw(`ARRAY[${xs.map((x) => `'${x}'`).join(',')}]::text[]`);

const INDUSTRIES = ['C31', 'E47', 'G54', 'B06', 'C26'];
const TYPES = ['01', '02', '03', '09', '19'];
const DOMAINS = ['industrial', 'industrial', 'road_traffic', 'industrial', 'industrial'];

let t: TestApp;
let province: Client; // stats.370000
let counties: string[];
let userId: string;

/**
 * One INSERT … SELECT generate_series per block (columns as bench/fixture.ts). Row i gets ⌊total/n⌋ plus one for
 * the first total mod n rows, so the block adds up exactly; every fifth row reports one of its dead as missing
 * (死亡含失踪), injuries split into serious and minor.
 */
async function insertBlock(b: Block): Promise<void> {
  const share = (total: number) => ({ base: Math.floor(total / b.n), extra: total % b.n });
  const d = share(b.deaths);
  const inj = share(b.injuries);
  const loss = share(b.lossYuan);
  const target = b.grade === 'general' ? 'city' : 'province';
  await sql`
    WITH f AS (
      SELECT g.i,
        ${sql.lit(d.base)} + CASE WHEN g.i <= ${sql.lit(d.extra)} THEN 1 ELSE 0 END AS d,
        ${sql.lit(inj.base)} + CASE WHEN g.i <= ${sql.lit(inj.extra)} THEN 1 ELSE 0 END AS inj,
        ${sql.lit(loss.base)}::bigint + CASE WHEN g.i <= ${sql.lit(loss.extra)} THEN 1 ELSE 0 END AS loss,
        (${textArray(counties)})[1 + g.i % ${sql.lit(counties.length)}] AS county,
        1 + g.i % 5 AS k,
        ${b.start}::timestamptz + g.i * ${sql.lit(b.stepMinutes)} * interval '1 minute' AS occurred_at
      FROM generate_series(1, ${sql.lit(b.n)}) AS g(i)
    ), m AS (
      SELECT f.*, CASE WHEN f.i % 5 = 0 AND f.d > 0 THEN 1 ELSE 0 END AS missing FROM f
    )
    INSERT INTO accidents (
      id, region_code, report_no, occurred_at, received_at, address, unit_name, industry_code, accident_type, domain,
      deaths, missing, serious_injuries, minor_injuries, direct_loss_yuan,
      stat_deaths, stat_missing, stat_serious_injuries, stat_minor_injuries, stat_direct_loss_yuan,
      grade, target_level, holder_level, summary, revision_count, created_by, created_at, updated_at
    )
    SELECT gen_random_uuid(), m.county, ${b.tag} || '-' || lpad(m.i::text, 5, '0'), m.occurred_at,
      m.occurred_at + interval '20 minutes', '测试地址' || m.i || '号',
      ${b.grade === 'larger' ? '较大测试单位' : '一般测试单位'} || lpad(m.i::text, 3, '0') || ${b.tag},
      (${textArray(INDUSTRIES)})[m.k], (${textArray(TYPES)})[m.k], (${textArray(DOMAINS)})[m.k],
      m.d - m.missing, m.missing, m.inj / 2, m.inj - m.inj / 2, m.loss,
      m.d - m.missing, m.missing, m.inj / 2, m.inj - m.inj / 2, m.loss,
      ${b.grade}, ${target}, ${target}, '作业中发生事故，造成' || m.d || '人死亡', 1, ${userId}::uuid,
      m.occurred_at + interval '20 minutes', m.occurred_at + interval '20 minutes'
    FROM m`.execute(t.db.kysely);
}

async function createBulletin(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/bulletins', body);
  if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  province = await t.as('stats.370000');
  const rows = await t.db.kysely
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 'county')
    .where((eb) => eb.or([eb('code', 'like', '3703%'), eb('code', 'in', ['370102', '370103', '370112'])]))
    .orderBy('code')
    .execute();
  counties = rows.map((r) => r.code);
  userId = (
    await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'stats.370000').executeTakeFirstOrThrow()
  ).id;
  for (const b of BLOCKS) await insertBlock(b);
});

afterAll(async () => {
  await t?.close();
});

describe('seed 004 (bar 2)', () => {
  let id: string;

  it('the fixture adds up to the seed-004 figures', async () => {
    const s = (
      await province.get(
        `/api/stats/summary?regionCode=370000&from=${encodeURIComponent(YEAR_START)}&to=${encodeURIComponent(NOW)}`,
      )
    ).body;
    expect(s.current).toMatchObject({ accidents: 3059, deaths: 692, injuries: 1649, directLossYuan: 80_475_000 });
    expect(s.previous).toMatchObject({ accidents: 3181, deaths: 694, injuries: 1726, directLossYuan: 58_805_000 });
    expect(s.larger.current).toMatchObject({ accidents: 35, deaths: 150, injuries: 57, directLossYuan: 16_862_000 });
    expect(s.larger.previous).toMatchObject({ accidents: 29, deaths: 103, injuries: 57, directLossYuan: 3_910_000 });
  });

  it('a province bulletin over this year to date holds the quoted paragraph verbatim', async () => {
    id = await createBulletin(province, { kind: 'range', regionCode: '370000', from: YEAR_START, to: NOW });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/bulletins/${id}/text`,
      headers: { cookie: province.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const text = res.body;
    expect(text).toContain(SEED_004);
    expect(text).toContain('一、事故总体情况\n\u3000\u3000截至到目前，全省共发生各类事故3059起');
    expect(
      text.startsWith('山东省2026年1月1日至11月25日生产安全事故情况通报\n\n各市应急管理局，省安委会有关成员单位：'),
    ).toBe(true);
    expect(text).toContain('截至到目前，全省共发生较大及以上事故35起，死亡150人，受伤57人，具体如下：');
    expect(text.match(/发生一起较大/g)).toHaveLength(35);
    expect(text).toContain('淄博市');
    expect(text.endsWith('山东省应急管理厅\n2026年11月25日\n')).toBe(true);
  });

  it('reads back as JSON with its snapshot, lists, and is audited', async () => {
    const b = (await province.get(`/api/bulletins/${id}`)).body;
    expect(b).toMatchObject({
      id,
      regionCode: '370000',
      regionName: '山东省',
      kind: 'range',
      periodFrom: '2026-01-01T00:00:00.000+08:00',
      periodTo: '2026-11-25T10:00:00.000+08:00',
      previousFrom: '2025-01-01T00:00:00.000+08:00',
      previousTo: '2025-11-25T10:00:00.000+08:00',
      issuingOrgan: '山东省应急管理厅',
    });
    expect(b.body.summary.current.accidents).toBe(3059);
    expect(b.body.larger).toHaveLength(35);
    expect(b.body.trend.map((r: { key: string }) => r.key)).toEqual(
      Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    );
    const list = (await province.get('/api/bulletins?regionCode=370000')).body;
    expect(list.items.map((x: { id: string }) => x.id)).toContain(id);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'region_code'])
      .where('entity_id', '=', id)
      .execute();
    expect(audit).toEqual([{ action: 'bulletin.create', region_code: '370000' }]);
  });

  it('is immutable in the database', async () => {
    await expect(sql`UPDATE bulletins SET title = 'x' WHERE id = ${id}`.execute(t.db.kysely)).rejects.toThrow();
  });
});

const unescapeXml = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

/** The cached points (c:pt/c:v) of the first element `tag` in `xml`, in idx order. */
function cachedPoints(xml: string, tag: string): string[] {
  const inner = xml.match(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`))?.[1] ?? '';
  return [...inner.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)]
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => unescapeXml(m[2] ?? ''));
}

interface CachedSeries {
  name: string;
  categories: string[];
  values: number[];
}

/** A chart part's c:barChart direction and its series as cached (name, categories, values). */
function readChart(xml: string): { barDir: string | undefined; grouping: string | undefined; series: CachedSeries[] } {
  const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map(([, ser = '']) => ({
    name: cachedPoints(ser, 'c:tx')[0] ?? '',
    categories: cachedPoints(ser, 'c:cat'),
    values: cachedPoints(ser, 'c:val').map(Number),
  }));
  return {
    barDir: xml.match(/<c:barChart><c:barDir val="(\w+)"\/>/)?.[1],
    grouping: xml.match(/<c:grouping val="(\w+)"\/>/)?.[1],
    series,
  };
}

/** The text of each row of each table in document.xml, cell by cell. */
function docxTables(xml: string): string[][][] {
  const text = (cell: string) => [...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, tbl = '']) =>
    [...tbl.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map(([, tr = '']) =>
      [...tr.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, tc = '']) => text(tc)),
    ),
  );
}

describe('the .docx tables add up as printed (issue 14 item 2)', () => {
  it('every 万元 column, and its 同比, sums to the printed 合计; one decimal always', async () => {
    const id = await createBulletin(province, { kind: 'range', regionCode: '370000', from: YEAR_START, to: NOW });
    const res = await downloadRaw(t, province, `/api/bulletins/${id}/docx`);
    const xml = await (await JSZip.loadAsync(res.body)).file('word/document.xml')?.async('string');
    const tables = docxTables(xml ?? '').filter((rows) => rows[0]?.includes('直接经济损失(万元)'));
    expect(tables.length).toBeGreaterThanOrEqual(3);
    const tenths = (s: string) => Math.round(Number(s.replaceAll(',', '').replace('+', '')) * 10);
    for (const rows of tables) {
      const total = rows.at(-1) as string[];
      expect(total[0]).toBe('合计');
      const body = rows.slice(1, -1);
      for (const col of [7, 8]) {
        expect(body.every((r) => /^[+-]?[\d,]+\.\d$/.test(r[col] as string))).toBe(true);
        expect(body.reduce((n, r) => n + tenths(r[col] as string), 0)).toBe(tenths(total[col] as string));
      }
    }
  });
});

describe('the .docx figures are native Word charts', () => {
  it('chart1 the monthly trend, chart2 by industry: parts, relationships, content types, cached data, fonts', async () => {
    const id = await createBulletin(province, { kind: 'range', regionCode: '370000', from: YEAR_START, to: NOW });
    const body = (await province.get(`/api/bulletins/${id}`)).body.body;
    const res = await downloadRaw(t, province, `/api/bulletins/${id}/docx`);
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(res.body);
    const part = async (name: string) => {
      const file = zip.file(name);
      if (!file) throw new Error(`${name} is not in the .docx`);
      return file.async('string');
    };
    expect(Object.keys(zip.files).filter((n) => /^word\/charts\/chart\d+\.xml$/.test(n))).toEqual([
      'word/charts/chart1.xml',
      'word/charts/chart2.xml',
    ]);

    type Row = { key: string; label: string; current: { accidents: number }; previous: { accidents: number } };
    const trend = readChart(await part('word/charts/chart1.xml'));
    const months = Array.from({ length: 11 }, (_, i) => `${i + 1}月`);
    expect(trend).toEqual({
      barDir: 'col',
      grouping: 'clustered',
      series: [
        { name: '今年', categories: months, values: body.trend.map((r: Row) => r.current.accidents) },
        { name: '去年同期', categories: months, values: body.trend.map((r: Row) => r.previous.accidents) },
      ],
    });
    // The fixture: this year's 3059 accidents and last year's 3181 to date, all in the months shown.
    expect(trend.series[0]?.values.reduce((a, v) => a + v, 0)).toBe(3059);
    expect(trend.series[1]?.values.reduce((a, v) => a + v, 0)).toBe(3181);

    // Industries with accidents in either period, most this period first (as the text names them).
    const industries = (body.breakdowns.industry as Row[])
      .filter((r) => r.current.accidents > 0 || r.previous.accidents > 0)
      .toSorted((a, b) => b.current.accidents - a.current.accidents || b.previous.accidents - a.previous.accidents);
    const labels = industries.map((r) => r.label);
    expect(labels[0]).toBe('制造业');
    expect(labels).toEqual(expect.arrayContaining(['建筑业', '采矿业', '交通运输、仓储和邮政业']));
    const industry = readChart(await part('word/charts/chart2.xml'));
    expect(industry).toEqual({
      barDir: 'bar',
      grouping: 'clustered',
      series: [
        { name: '本期', categories: labels, values: industries.map((r) => r.current.accidents) },
        { name: '去年同期', categories: labels, values: industries.map((r) => r.previous.accidents) },
      ],
    });
    expect(industry.series[0]?.values.reduce((a, v) => a + v, 0)).toBe(3059);

    for (const n of [1, 2]) {
      const xml = await part(`word/charts/chart${n}.xml`);
      // East Asian text in the body font, Latin in Times New Roman; none left to the theme's font.
      expect(xml).toContain('<a:ea typeface="仿宋_GB2312"/>');
      expect(xml).not.toContain('+mn-ea');
      expect(xml).toContain('<a:latin typeface="Times New Roman"/>');
      expect(xml).toContain('<c:lang val="zh-CN"/>');
      // Its data also in an embedded workbook (Word's 编辑数据).
      const chartRels = await part(`word/charts/_rels/chart${n}.xml.rels`);
      const workbook = chartRels.match(/Target="\.\.\/(embeddings\/[^"]+\.xlsx)"/)?.[1];
      expect(workbook).toBeDefined();
      expect(zip.file(`word/${workbook}`)).not.toBeNull();
    }

    const types = await part('[Content_Types].xml');
    const rels = await part('word/_rels/document.xml.rels');
    const documentXml = await part('word/document.xml');
    const attr = (element: string | undefined, name: string) => element?.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];
    const chartIds: string[] = [];
    for (const n of [1, 2]) {
      const override = types.match(new RegExp(`<Override [^>]*PartName="/word/charts/chart${n}\\.xml"[^>]*/>`))?.[0];
      expect(attr(override, 'ContentType')).toBe('application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
      const rel = rels.match(new RegExp(`<Relationship [^>]*Target="charts/chart${n}\\.xml"[^>]*/>`))?.[0];
      expect(attr(rel, 'Type')).toBe('http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart');
      chartIds.push(attr(rel, 'Id') ?? '');
    }
    // Inline drawings in the text, the 版心's width (156 mm, 36000 EMU a millimetre), each referencing its chart by
    // that relationship, in order.
    const drawings = [
      ...documentXml.matchAll(
        /<wp:inline\b[^>]*>\s*<wp:extent cx="(\d+)" cy="(\d+)"\/>[\s\S]*?<a:graphicData uri="http:\/\/schemas\.openxmlformats\.org\/drawingml\/2006\/chart">\s*<c:chart [^>]*r:id="([^"]+)"/g,
      ),
    ];
    expect(drawings.map((d) => d[3])).toEqual(chartIds);
    for (const d of drawings) expect(Number(d[1])).toBe(156 * 36_000);
    // Each 图题 under its chart, then the table with the chart's figures and the deaths.
    const order = [
      '图1 事故起数月度趋势（今年与去年同期）',
      '表1 事故起数和死亡人数月度情况',
      '表2 分领域事故情况',
      '图2 分行业事故起数（本期与去年同期）',
      '表3 分行业事故情况',
      '表4 分地区事故情况',
    ].map((c) => documentXml.indexOf(`${c}</w:t>`)); // the text, not the charts' alt text
    expect(order.every((i, k) => i > 0 && (k === 0 || i > (order[k - 1] ?? 0)))).toBe(true);
    expect(documentXml.indexOf(`r:id="${chartIds[0]}"`)).toBeLessThan(order[0] ?? 0);
  });
});

describe.skipIf(!sofficePath())('the .docx opens in LibreOffice (bar 3)', () => {
  it('converts to PDF and its text holds the figures', async () => {
    const id = await createBulletin(province, { kind: 'range', regionCode: '370000', from: YEAR_START, to: NOW });
    const res = await downloadRaw(t, province, `/api/bulletins/${id}/docx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('山东省2026年1月1日至11月25日生产安全事故情况通报.docx')}`,
    );
    const pdf = await convertDocument(res.body, 'docx', 'pdf');
    expect(pdf.length).toBeGreaterThan(1000);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await convertDocument(res.body, 'docx', 'txt:Text')).toString('utf8');
    expect(text).toContain('山东省2026年1月1日至11月25日生产安全事故情况通报');
    expect(text).toContain(SEED_004);
    // Prose writes 8047.5万元; tables group thousands and keep one decimal (+2,167.0).
    for (const figure of ['3059', '8047.5', '8,047.5', '-122', '+2,167.0', '合计']) expect(text).toContain(figure);
    expect(text).toContain('2026年11月25日');
    // The charts' 图题 (the charts themselves are drawings, not text).
    expect(text).toContain('图1 事故起数月度趋势（今年与去年同期）');
    expect(text).toContain('图2 分行业事故起数（本期与去年同期）');
  }, 120_000);
});

if (!sofficePath()) {
  // CI installs LibreOffice; say loudly why the conversion test did not run here.
  console.warn('bulletins.test.ts: LibreOffice (soffice) is not installed — the .docx conversion test is skipped');
}

describe('monthly bulletin and write-off (bar 4)', () => {
  it('derives the calendar month and cuts a running one at now', async () => {
    const id = await createBulletin(province, {
      kind: 'monthly',
      regionCode: '370300',
      from: '2026-10-15T00:00:00+08:00',
    });
    const b = (await province.get(`/api/bulletins/${id}`)).body;
    expect(b.title).toBe('淄博市2026年10月生产安全事故情况通报');
    expect(b.periodFrom).toBe('2026-10-01T00:00:00.000+08:00');
    expect(b.periodTo).toBe('2026-11-01T00:00:00.000+08:00');
    expect(b.text).toContain('一、事故总体情况\n\u3000\u30002026年10月，全市共发生各类事故');
    expect(b.recipients).toBe('各区县应急管理局，市安委会有关成员单位：');
    const running = (await province.get(`/api/bulletins/${await createBulletin(province, { kind: 'monthly' })}`)).body;
    expect(running.periodFrom).toBe('2026-11-01T00:00:00.000+08:00');
    expect(running.periodTo).toBe('2026-11-25T10:00:00.000+08:00');
    expect(running.text).toContain('11月1日以来，全省');
  });

  it('a written-off accident leaves the next bulletin and its 较大及以上 list; the issued one stays', async () => {
    const before = await createBulletin(province, { kind: 'range', regionCode: '370000', from: YEAR_START, to: NOW });
    const target = await t.db.kysely
      .selectFrom('accidents')
      .select(['id', 'unit_name', 'stat_deaths', 'stat_missing', 'stat_serious_injuries', 'stat_minor_injuries'])
      .where('report_no', '=', 'CL-00001')
      .executeTakeFirstOrThrow();
    expect(target.unit_name).toBe('较大测试单位001CL');
    await sql`UPDATE accidents SET written_off_at = ${NOW}::timestamptz WHERE id = ${target.id}`.execute(t.db.kysely);

    const after = (
      await province.get(
        `/api/bulletins/${await createBulletin(province, { kind: 'range', regionCode: '370000', from: YEAR_START, to: NOW })}`,
      )
    ).body;
    const deaths = 692 - target.stat_deaths - target.stat_missing;
    const injuries = 1649 - target.stat_serious_injuries - target.stat_minor_injuries;
    expect(after.body.summary.current).toMatchObject({ accidents: 3058, deaths, injuries });
    expect(after.body.summary.larger.current.accidents).toBe(34);
    expect(after.body.larger).toHaveLength(34);
    expect(after.text).toContain(`截至到目前，全省共发生各类事故3058起，死亡${deaths}人，受伤${injuries}人`);
    expect(after.text).not.toContain('较大测试单位001CL');
    expect(after.text.match(/发生一起较大/g)).toHaveLength(34);

    const issued = (await province.get(`/api/bulletins/${before}`)).body;
    expect(issued.text).toContain(SEED_004);
    expect(issued.text).toContain('较大测试单位001CL');
    await sql`UPDATE accidents SET written_off_at = NULL WHERE id = ${target.id}`.execute(t.db.kysely);
  });
});

describe('permissions, jurisdiction and input', () => {
  let id: string;
  beforeAll(async () => {
    id = await createBulletin(province, { kind: 'quarterly', regionCode: '370300', from: '2026-08-01T00:00:00+08:00' });
  });

  it('a retry with the same Idempotency-Key issues no second bulletin; an unknown field is a 400', async () => {
    const body = { kind: 'monthly', regionCode: '370300', from: '2026-09-01T00:00:00+08:00' };
    const key = { 'idempotency-key': 'bulletin-retry-1' };
    const first = await province.post('/api/bulletins', body, key);
    const again = await province.post('/api/bulletins', body, key);
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM bulletins WHERE id = ${first.body.id}`.execute(t.db.kysely);
    expect(rows[0]?.n).toBe(1);
    const extra = await province.post('/api/bulletins', { ...body, foo: 1 });
    expect(extra.status).toBe(400);
  });

  it('an enterprise can neither create nor read (403)', async () => {
    const ent = await t.as('ent.91370303MA3C4B2X1Y');
    expect((await ent.post('/api/bulletins', { kind: 'monthly' })).status).toBe(403);
    expect((await ent.get('/api/bulletins')).status).toBe(403);
    expect((await ent.get(`/api/bulletins/${id}`)).status).toBe(403);
    expect((await ent.get(`/api/bulletins/${id}/docx`)).status).toBe(403);
  });

  it('a leader reads but does not write', async () => {
    const leader = await t.as('leader.370300');
    expect((await leader.get(`/api/bulletins/${id}`)).status).toBe(200);
    expect((await leader.post('/api/bulletins', { kind: 'monthly' })).status).toBe(403);
  });

  it('a foreign county neither creates for the region above it nor reads its bulletins', async () => {
    const jinan = await t.as('stats.370102');
    const res = await jinan.post('/api/bulletins', { kind: 'monthly', regionCode: '370300' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OUTSIDE_JURISDICTION');
    expect((await jinan.get(`/api/bulletins/${id}`)).status).toBe(404);
    expect((await jinan.get(`/api/bulletins/${id}/text`)).status).toBe(404);
    expect((await jinan.get(`/api/bulletins/${id}/docx`)).status).toBe(404);
    expect((await jinan.get('/api/bulletins?regionCode=370300')).status).toBe(404);
    expect((await jinan.get('/api/bulletins')).body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    const zibo = await t.as('stats.370303');
    expect((await zibo.get(`/api/bulletins/${id}`)).status).toBe(404);
  });

  it('a county writes its own bulletin', async () => {
    const county = await t.as('stats.370303');
    const own = await createBulletin(county, { kind: 'weekly', from: '2026-11-18T00:00:00+08:00' });
    const b = (await county.get(`/api/bulletins/${own}`)).body;
    expect(b.regionCode).toBe('370303');
    expect(b.periodFrom).toBe('2026-11-16T00:00:00.000+08:00');
    expect(b.periodTo).toBe('2026-11-23T00:00:00.000+08:00');
  });

  it.each([
    [{ kind: 'yearly' }, 'kind'],
    [{ kind: 'range' }, 'from'],
    [{ kind: 'range', from: YEAR_START }, 'to'],
    [{ kind: 'range', from: NOW, to: YEAR_START }, 'from'],
    [{ kind: 'monthly', from: '2026-12-05T00:00:00+08:00' }, 'from'],
    [{ kind: 'monthly', from: 'yesterday' }, 'from'],
    [{ kind: 'monthly', regionCode: '37' }, 'regionCode'],
  ])('400 on %j', async (body, field) => {
    const res = await province.post('/api/bulletins', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  });

  it('the routes are in the OpenAPI document', async () => {
    const paths = Object.keys((await province.get('/api/openapi.json')).body.paths);
    for (const p of [
      '/api/bulletins',
      '/api/bulletins/{id}',
      '/api/bulletins/{id}/text',
      '/api/bulletins/{id}/docx',
      '/api/stats/report',
    ]) {
      expect(paths).toContain(p);
    }
  });

  it('404 on an unknown id', async () => {
    expect((await province.get('/api/bulletins/0190b4c4-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
