/**
 * Registry import and export over HTTP on both engines: the template (its example rows, marked （示例）, are refused,
 * yet import once the mark is removed); an .xlsx of 200 enterprises and their licences with bad rows of every kind —
 * each reported with its sheet, line and field, the good rows stored and audited, the same file again adds nothing;
 * GBK CSV; dry run; Idempotency-Key; bad files (400 / 413, never 500; the extension decides); roles; exports of the filtered lists within the jurisdiction, read back with
 * exceljs, and an export imported again (all duplicates).
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../../domain/credit-code.js';
import { buildEnterprise, type Client, type Res, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { verifyAudit } from '../audit/verify.js';
import type { RawCell } from '../imports/columns.js';

/** 2026-12-01 10:00 in Shanghai: "today" is 2026-12-01. */
const NOW = '2026-12-01T10:00:00+08:00';
const DEMO_CODE = '91370303MA3C4B2X1Y'; // 淄博鑫泰化工有限公司 (张店区): the demo enterprise user's unit
const LINZI_CODE = '91370305MA3D7F5Q2H'; // 淄博齐鲁石化配套材料有限公司 (临淄区)

const ENTERPRISE_HEADERS = [
  '统一社会信用代码',
  '企业名称',
  '所在地区代码',
  '详细地址',
  '经度',
  '纬度',
  '行业代码',
  '监管行业',
  '规模',
  '法定代表人',
  '主要负责人',
  '主要负责人电话',
  '安全管理人员',
  '安全管理人员电话',
  '从业人员数',
  '经营状态',
] as const;
type EnterpriseHeader = (typeof ENTERPRISE_HEADERS)[number];

const LICENCE_HEADERS = [
  '统一社会信用代码',
  '许可证类型',
  '许可证编号',
  '许可范围',
  '发证机关',
  '有效期起',
  '有效期至',
  '状态',
] as const;
type LicenceHeader = (typeof LICENCE_HEADERS)[number];

let t: TestApp;
let inspector: Client; // inspector.370303 (张店区)
let seq = 0;

/**
 * A valid credit code registered in `county`, unique in this file (the harness's newCreditCode keeps only four
 * random digits and cuts its counter short, so a few hundred of them collide now and then).
 */
function newCode(county = '370303'): string {
  seq += 1;
  const first17 = `91${county}MB${String(seq).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

function enterpriseRow(over: Partial<Record<EnterpriseHeader, RawCell>> = {}): RawCell[] {
  seq += 1;
  const base: Record<EnterpriseHeader, RawCell> = {
    统一社会信用代码: newCode('370303'),
    企业名称: `导入测试企业${seq}有限公司`,
    所在地区代码: '370303',
    详细地址: `淄博市张店区导入路${seq}号`,
    经度: 118.03,
    纬度: 36.8,
    行业代码: 'C26',
    监管行业: '危险化学品',
    规模: '小型',
    法定代表人: '王建国',
    主要负责人: '王建国',
    主要负责人电话: '0533-3100000',
    安全管理人员: '李丽娟',
    安全管理人员电话: 13905335000,
    从业人员数: 50,
    经营状态: '正常生产经营',
  };
  const merged = { ...base, ...over };
  return ENTERPRISE_HEADERS.map((h) => merged[h]);
}

function licenceRow(creditCode: string, over: Partial<Record<LicenceHeader, RawCell>> = {}): RawCell[] {
  seq += 1;
  const base: Record<LicenceHeader, RawCell> = {
    统一社会信用代码: creditCode,
    许可证类型: '危险化学品安全生产许可证',
    许可证编号: `（鲁）WH安许证字〔2024〕导入${seq}号`,
    许可范围: '化工产品生产',
    发证机关: '山东省应急管理厅',
    有效期起: '2024-01-01',
    有效期至: new Date(Date.UTC(2027, 0, 1)),
    状态: '有效',
  };
  const merged = { ...base, ...over };
  return LICENCE_HEADERS.map((h) => merged[h]);
}

async function xlsxOf(sheets: Record<string, RawCell[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvOf(rows: RawCell[][]): string {
  const cell = (v: RawCell) => {
    const s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** GBK bytes, by inverting Node's GBK decoder over the two-byte range (Node has no GBK encoder). */
function gbk(text: string): Buffer {
  const table = new Map<string, Buffer>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const bytes = Buffer.from([lead, trail]);
      const ch = decoder.decode(bytes);
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, bytes);
    }
  }
  return Buffer.concat(
    [...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? Buffer.from(ch) : (table.get(ch) ?? Buffer.from('?')))),
  );
}

function upload(
  c: Client,
  fileName: string,
  data: Buffer,
  query = '',
  headers: Record<string, string> = {},
): Promise<Res> {
  return c.upload(`/api/enterprises/import${query}`, {}, { name: fileName, data }, headers);
}

async function download(c: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
  return { status: res.statusCode, headers: res.headers, data: res.rawPayload, body: res.body };
}

/** The sheet's table below its header row (the row starting with 统一社会信用代码), as header → value records. */
async function readTable(data: Buffer, sheet: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet) as ExcelJS.Worksheet;
  let header: string[] | undefined;
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    if (!header) {
      if (values[0] === '统一社会信用代码') header = values.map(String);
      return;
    }
    if (values.length > 1) out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

type Row = { line: number; sheet: string; status: string; id?: string; problems?: { field: string }[] };
// biome-ignore lint/suspicious/noExplicitAny: per-row results are inspected field by field
const rowOf = (body: any, sheet: string, line: number): Row =>
  body.rows.find((r: Row) => r.sheet === sheet && r.line === line);
// biome-ignore lint/suspicious/noExplicitAny: per-row results
const fieldsOf = (body: any, sheet: string, line: number) =>
  (rowOf(body, sheet, line)?.problems ?? []).map((p) => p.field).sort();

async function countOf(table: 'enterprises' | 'licences'): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db.kysely);
  return rows[0]?.n ?? 0;
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  inspector = await t.as('inspector.370303');
  // The two demo enterprises the file refers to, registered through the form (the test database has no registry).
  const registered = [
    await inspector.post('/api/enterprises', buildEnterprise({ creditCode: DEMO_CODE, name: '淄博鑫泰化工有限公司' })),
    await (await t.as('inspector.370305')).post(
      '/api/enterprises',
      buildEnterprise({ creditCode: LINZI_CODE, regionCode: '370305', name: '淄博齐鲁石化配套材料有限公司' }),
    ),
  ];
  expect(registered.map((r) => r.status)).toEqual([201, 201]);
});
afterAll(() => t.close());

describe('template', () => {
  it('has 企业 and 许可证 with notes and drop-downs, instructions, and marked example rows that are never imported', async () => {
    const res = await download(inspector, '/api/enterprises/import/template');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['企业', '许可证', '说明', '代码表']);
    const ent = wb.getWorksheet('企业') as ExcelJS.Worksheet;
    expect((ent.getRow(1).values as unknown[]).slice(1)).toEqual([...ENTERPRISE_HEADERS]);
    expect(JSON.stringify(ent.getCell('A1').note)).toContain('必填');
    expect(ent.getRow(2).getCell(3).value).toBe('370303');
    const validations = (ws: ExcelJS.Worksheet) =>
      (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } })
        .dataValidations.model;
    const scale = String.fromCharCode(65 + ENTERPRISE_HEADERS.indexOf('规模'));
    expect(validations(ent)[`${scale}2`]).toMatchObject({ type: 'list', formulae: ['"大型,中型,小型,微型"'] });
    const lic = wb.getWorksheet('许可证') as ExcelJS.Worksheet;
    expect((lic.getRow(1).values as unknown[]).slice(1)).toEqual([...LICENCE_HEADERS]);
    expect(validations(lic).B2?.type).toBe('list');
    const help = wb.getWorksheet('说明') as ExcelJS.Worksheet;
    expect(String(help.getCell('A1').value)).toContain('导入说明');
    expect(String(help.getCell('A2').value)).toContain(
      '第2行为示例行（企业名称、许可证编号以“（示例）”开头），示例行不会被导入',
    );
    const nameCell = ent.getRow(2).getCell(ENTERPRISE_HEADERS.indexOf('企业名称') + 1);
    const numberCell = lic.getRow(2).getCell(LICENCE_HEADERS.indexOf('许可证编号') + 1);
    expect(String(nameCell.value)).toMatch(/^（示例）/);
    expect(String(numberCell.value)).toMatch(/^（示例）/);

    // Uploaded as it stands — checked or imported — both example rows are refused and nothing is written.
    const message = '这是模板中的示例行，请删除或替换为实际数据后再导入';
    const refused = [
      {
        sheet: '企业',
        line: 2,
        status: 'invalid',
        problems: [{ field: 'name', header: '企业名称', code: 'template_example', message }],
      },
      {
        sheet: '许可证',
        line: 2,
        status: 'invalid',
        problems: [{ field: 'number', header: '许可证编号', code: 'template_example', message }],
      },
    ];
    const [enterprisesBefore, licencesBefore] = [await countOf('enterprises'), await countOf('licences')];
    const dry = await upload(inspector, '企业档案和许可证导入模板.xlsx', res.data, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ total: 2, created: 0, invalid: 2, rows: refused });
    const unchanged = await upload(inspector, '企业档案和许可证导入模板.xlsx', res.data);
    expect(unchanged.status).toBe(201);
    expect(unchanged.body).toMatchObject({ total: 2, created: 0, invalid: 2, rows: refused });
    expect([await countOf('enterprises'), await countOf('licences')]).toEqual([enterprisesBefore, licencesBefore]);

    // Without their marks the examples are valid rows: the template teaches the right format. The enterprise
    // renamed alone is created, its licence still marked is refused.
    nameCell.value = String(nameCell.value).replace('（示例）', '淄博');
    const half = await upload(inspector, '企业档案.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), '?dryRun=true');
    expect(half.status).toBe(200);
    expect(half.body).toMatchObject({ created: 1, invalid: 1, rows: [{ status: 'created' }, refused[1]] });
    numberCell.value = String(numberCell.value).replace('（示例）', '（鲁）');
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const imported = await upload(inspector, '企业档案和许可证.xlsx', filled);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      total: 2,
      created: 2,
      invalid: 0,
      enterprises: { sheets: ['企业'], created: 1 },
      licences: { sheets: ['许可证'], created: 1 },
    });
    const e = (await inspector.get(`/api/enterprises/${rowOf(imported.body, '企业', 2).id}`)).body;
    expect(e).toMatchObject({
      name: '淄博某某化工有限公司',
      regionCode: '370303',
      sectors: ['hazardous_chemicals', 'industry_trade'],
      scale: 'small',
      status: 'operating',
      employees: 120,
      safetyManagerPhone: '13800000000',
    });
    expect(e.licences).toMatchObject([
      {
        type: 'hc_production',
        number: '（鲁）WH安许证字〔2025〕370303号',
        validFrom: '2025-01-01',
        validTo: '2027-12-31',
      },
    ]);
    // A city's template names one of its counties.
    const city = await download(await t.as('admin.370300'), '/api/enterprises/import/template');
    const cityWb = new ExcelJS.Workbook();
    await cityWb.xlsx.load(city.data as unknown as ArrayBuffer);
    expect(String((cityWb.getWorksheet('企业') as ExcelJS.Worksheet).getCell('C2').value)).toMatch(/^3703\d\d$/);
  });
});

describe('xlsx with bad rows', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the response of the first import, inspected in the next tests
  let first: any;
  let file: Buffer;
  const codes: string[] = [];

  it('reports every bad row with its sheet, line and field; stores and audits the good rows', async () => {
    const [enterprisesBefore, licencesBefore] = [await countOf('enterprises'), await countOf('licences')];
    const rows: RawCell[][] = [];
    for (let i = 0; i < 200; i++) {
      const line = i + 2;
      const code = newCode('370303');
      codes.push(code);
      const over: Partial<Record<EnterpriseHeader, RawCell>> = {
        统一社会信用代码: code,
        ...(i % 3 === 0 ? { 所在地区代码: '370303001' } : {}),
        ...(i % 4 === 0 ? { 监管行业: '工贸、危险化学品' } : {}),
      };
      if (line === 5) {
        const wrong = code.endsWith('0') ? '1' : '0';
        over.统一社会信用代码 = `${code.slice(0, 17)}${wrong}`; // check character wrong
        codes[i] = over.统一社会信用代码;
      }
      if (line === 10) over.监管行业 = '危化品';
      if (line === 20) over.企业名称 = null;
      if (line === 30) over.所在地区代码 = '370305001'; // a town of 临淄区
      if (line === 40) over.统一社会信用代码 = DEMO_CODE; // registered already
      if (line === 50) over.统一社会信用代码 = codes[4] as string; // as line 6
      if (line === 60) over.行业代码 = 'Z99';
      rows.push(enterpriseRow(over));
    }
    const good = [0, 1, 2, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16].map((i) => codes[i] as string);
    const licences = [
      ...good.map((c) => licenceRow(c)), // lines 2–16
      licenceRow(codes[20] as string, { 有效期起: '2024-13-45' }), // 17: no such date
      licenceRow(newCode('370303')), // 18: nobody has this code
      licenceRow(LINZI_CODE), // 19: a neighbour county's enterprise
      licenceRow(codes[18] as string), // 20: its enterprise (line 20) is invalid
      licenceRow(codes[21] as string, { 有效期起: '2026-01-01', 有效期至: '2025-01-01' }), // 21
      licenceRow(DEMO_CODE, { 许可证类型: 'hc_use' }), // 22: a registered enterprise of 张店区, the type by code
    ];
    file = await xlsxOf({ 企业: [[...ENTERPRISE_HEADERS], ...rows], 许可证: [[...LICENCE_HEADERS], ...licences] });
    const res = await upload(inspector, '张店区企业名录.xlsx', file);
    expect(res.status).toBe(201);
    first = res.body;
    expect(first).toMatchObject({
      dryRun: false,
      format: 'xlsx',
      fileName: '张店区企业名录.xlsx',
      total: 221,
      created: 193 + 16,
      duplicates: 2,
      invalid: 5 + 5,
      enterprises: { total: 200, created: 193, duplicates: 2, invalid: 5, ignoredColumns: [] },
      licences: { total: 21, created: 16, duplicates: 0, invalid: 5 },
    });
    expect(fieldsOf(first, '企业', 5)).toEqual(['creditCode']);
    expect(rowOf(first, '企业', 5).problems).toEqual([
      {
        field: 'creditCode',
        header: '统一社会信用代码',
        code: 'custom',
        message: '统一社会信用代码校验码不正确，请核对',
      },
    ]);
    expect(rowOf(first, '企业', 10).problems).toMatchObject([
      { field: 'sectors', header: '监管行业', code: 'unknown_sector' },
    ]);
    expect(rowOf(first, '企业', 20).problems).toEqual([
      { field: 'name', header: '企业名称', code: 'required', message: '不能为空' },
    ]);
    expect(rowOf(first, '企业', 30).problems).toEqual([
      {
        field: 'regionCode',
        header: '所在地区代码',
        code: 'OUTSIDE_JURISDICTION',
        message: '370305001 不在本单位管辖范围内',
      },
    ]);
    expect(fieldsOf(first, '企业', 60)).toEqual(['industryCode']);
    expect(rowOf(first, '企业', 40)).toMatchObject({ status: 'duplicate', id: expect.any(String) });
    expect(rowOf(first, '企业', 50)).toMatchObject({
      status: 'duplicate',
      id: rowOf(first, '企业', 6).id,
      problems: [{ code: 'duplicate_in_file' }],
    });
    expect(rowOf(first, '许可证', 17).problems).toMatchObject([
      { field: 'validFrom', header: '有效期起', code: 'invalid_date' },
    ]);
    expect(rowOf(first, '许可证', 18).problems).toMatchObject([{ field: 'creditCode', code: 'unknown_enterprise' }]);
    expect(rowOf(first, '许可证', 19).problems).toMatchObject([{ field: 'creditCode', code: 'OUTSIDE_JURISDICTION' }]);
    expect(rowOf(first, '许可证', 20).problems).toMatchObject([{ field: 'creditCode', code: 'enterprise_invalid' }]);
    expect(fieldsOf(first, '许可证', 21)).toEqual(['validTo']);
    expect(rowOf(first, '许可证', 22).status).toBe('created');
    const invalidLines = first.rows
      .filter((r: Row) => r.status === 'invalid')
      .map((r: Row) => `${r.sheet}${r.line}`)
      .sort();
    expect(invalidLines).toEqual(
      [
        '企业5',
        '企业10',
        '企业20',
        '企业30',
        '企业60',
        '许可证17',
        '许可证18',
        '许可证19',
        '许可证20',
        '许可证21',
      ].sort(),
    );
    expect(await countOf('enterprises')).toBe(enterprisesBefore + 193);
    expect(await countOf('licences')).toBe(licencesBefore + 16);

    // Stored as the form stores it: labels to codes, a town, several sectors, the Excel date of 有效期至.
    const town = (await inspector.get(`/api/enterprises/${rowOf(first, '企业', 2).id}`)).body;
    expect(town).toMatchObject({
      regionCode: '370303001',
      sectors: ['industry_trade', 'hazardous_chemicals'],
      scale: 'small',
      safetyManagerPhone: '13905335000',
      licences: [
        { typeName: '危险化学品安全生产许可证', validFrom: '2024-01-01', validTo: '2027-01-01', daysLeft: 31 },
      ],
    });

    // Audit: each enterprise and licence, and the import once; the chains still verify.
    const ids = first.rows.filter((r: Row) => r.status === 'created').map((r: Row) => r.id as string);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'after'])
      .where((eb) => eb.or([eb('entity_id', 'in', ids), eb('entity_id', '=', first.importId)]))
      .execute();
    expect(audit.filter((a) => a.action === 'enterprise.create')).toHaveLength(193);
    expect(audit.filter((a) => a.action === 'licence.create')).toHaveLength(16);
    expect(audit.find((a) => a.action === 'enterprise_import.create')?.after).toMatchObject({
      total: 221,
      created: 209,
      invalid: 10,
      dryRun: false,
    });
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('importing the same file again adds nothing: every good row a duplicate', async () => {
    const [enterprisesBefore, licencesBefore] = [await countOf('enterprises'), await countOf('licences')];
    const again = await upload(inspector, 'copy.xlsx', file);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      created: 0,
      enterprises: { created: 0, duplicates: 195, invalid: 5 },
      licences: { created: 0, duplicates: 16, invalid: 5 },
    });
    expect(rowOf(again.body, '企业', 2)).toMatchObject({ status: 'duplicate', id: rowOf(first, '企业', 2).id });
    expect(rowOf(again.body, '许可证', 2)).toMatchObject({ status: 'duplicate', id: rowOf(first, '许可证', 2).id });
    expect(await countOf('enterprises')).toBe(enterprisesBefore);
    expect(await countOf('licences')).toBe(licencesBefore);
  });

  it('exports the filtered list with labels; a neighbour county gets none of it; the export imports back', async () => {
    const res = await download(inspector, `/api/enterprises/export?q=${encodeURIComponent('导入测试企业')}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''.*%E4%BC%81%E4%B8%9A.*\.xlsx/);
    const table = await readTable(res.data, '企业');
    const stored = await t.db.kysely
      .selectFrom('enterprises')
      .select('credit_code')
      .where('name', 'like', '导入测试企业%')
      .where('region_code', 'like', '370303%')
      .execute();
    expect(table.map((r) => r.统一社会信用代码).sort()).toEqual(stored.map((s) => s.credit_code).sort());
    const row2 = table.find((r) => r.统一社会信用代码 === codes[0]);
    expect(row2).toMatchObject({
      所在地区代码: '370303001',
      监管行业: '工贸、危险化学品',
      规模: '小型',
      经营状态: '正常生产经营',
      从业人员数: 50,
      重大危险源数: 0,
    });
    const bySector = await readTable(
      (await download(inspector, '/api/enterprises/export?sector=fireworks&status=operating')).data,
      '企业',
    );
    expect(bySector.every((r) => String(r.监管行业).includes('烟花爆竹'))).toBe(true);

    const linzi = await t.as('inspector.370305');
    const theirs = await readTable((await download(linzi, '/api/enterprises/export')).data, '企业');
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((r) => String(r.所在地区代码).startsWith('370305'))).toBe(true);
    expect(theirs.some((r) => codes.includes(String(r.统一社会信用代码)))).toBe(false);
    expect((await download(linzi, '/api/enterprises/export?regionCode=370303')).status).toBe(404);
    const own = await readTable(
      (await download(await t.as(`ent.${DEMO_CODE}`), '/api/enterprises/export')).data,
      '企业',
    );
    expect(own.map((r) => r.统一社会信用代码)).toEqual([DEMO_CODE]);

    // The exported file (title lines above its header) imports back: nothing new.
    const back = await upload(inspector, '导出.xlsx', res.data);
    expect(back.status).toBe(201);
    expect(back.body.enterprises).toMatchObject({
      total: table.length,
      created: 0,
      duplicates: table.length,
      invalid: 0,
      ignoredColumns: ['所在地区', '重大危险源数', '最高级别'],
    });
  });

  it('exports licences with their state today and days left, within the jurisdiction', async () => {
    const res = await download(inspector, '/api/licences/export');
    expect(res.status).toBe(200);
    const table = await readTable(res.data, '许可证');
    const mine = table.filter((r) => String(r.许可证编号).includes('导入'));
    expect(mine).toHaveLength(16);
    expect(mine.find((r) => r.统一社会信用代码 === codes[0])).toMatchObject({
      许可证类型: '危险化学品安全生产许可证',
      有效期至: '2027-01-01',
      状态: '有效',
      当前状态: '有效',
      剩余天数: 31,
    });
    expect(table.every((r) => String(r.所在地区代码).startsWith('370303'))).toBe(true);
    const expired = await readTable((await download(inspector, '/api/licences/export?state=expired')).data, '许可证');
    expect(expired.every((r) => r.当前状态 === '过期' && Number(r.剩余天数) < 0)).toBe(true);
    const linzi = await t.as('inspector.370305');
    const theirs = await readTable((await download(linzi, '/api/licences/export')).data, '许可证');
    expect(theirs.some((r) => String(r.许可证编号).includes('导入'))).toBe(false);
    // The ledger imports back: the holders are known, every licence a duplicate.
    const back = await upload(inspector, '许可证台账.xlsx', res.data);
    expect(back.body.licences).toMatchObject({
      total: table.length,
      created: 0,
      duplicates: table.length,
      invalid: 0,
      ignoredColumns: ['企业名称', '所在地区代码', '当前状态', '剩余天数'],
    });
  });
});

describe('csv, dry run, Idempotency-Key', () => {
  it('a GBK CSV of enterprises and a UTF-8 CSV of their licences', async () => {
    const a = enterpriseRow({ 企业名称: '淄博鲁泰纺织有限公司', 监管行业: '工贸', 经营状态: '停产停业' });
    const b = enterpriseRow({ 企业名称: '淄博金岭矿业有限公司', 监管行业: '非煤矿山', 行业代码: 'B10' });
    const res = await upload(inspector, '企业.csv', gbk(csvOf([[...ENTERPRISE_HEADERS], a, b])));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      format: 'csv',
      created: 2,
      invalid: 0,
      enterprises: { sheets: ['企业'], created: 2 },
    });
    const stored = (await inspector.get(`/api/enterprises/${rowOf(res.body, '企业', 2).id}`)).body;
    expect(stored).toMatchObject({ name: '淄博鲁泰纺织有限公司', status: 'suspended', sectors: ['industry_trade'] });
    const licences = csvOf([
      [...LICENCE_HEADERS],
      licenceRow(String(b[0]), { 许可证类型: '非煤矿山安全生产许可证', 有效期至: '2026/12/20' }),
    ]);
    const lic = await upload(
      inspector,
      '许可证.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(licences)]),
    );
    expect(lic.body).toMatchObject({ created: 1, licences: { sheets: ['许可证'], created: 1 } });
    const mine = (await inspector.get(`/api/enterprises/${rowOf(res.body, '企业', 3).id}`)).body;
    expect(mine.licences).toMatchObject([{ type: 'non_coal_mine', validTo: '2026-12-20', alert: 'd30' }]);
  });

  it('dry run checks everything, licences of the file’s own enterprises included, and writes nothing', async () => {
    const e = enterpriseRow();
    const file = await xlsxOf({
      企业: [[...ENTERPRISE_HEADERS], e, enterpriseRow({ 经度: '东经118度' })],
      许可证: [[...LICENCE_HEADERS], licenceRow(String(e[0]))],
    });
    const before: [number, number] = [await countOf('enterprises'), await countOf('licences')];
    const dry = await upload(inspector, 'dry.xlsx', file, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, created: 2, invalid: 1 });
    expect(fieldsOf(dry.body, '企业', 3)).toEqual(['longitude']);
    expect(rowOf(dry.body, '许可证', 2)).toEqual({
      line: 2,
      sheet: '许可证',
      status: 'created',
      creditCode: String(e[0]),
    });
    expect([await countOf('enterprises'), await countOf('licences')]).toEqual(before);
    const real = await upload(inspector, 'dry.xlsx', file);
    expect(real.body).toMatchObject({ dryRun: false, created: 2, invalid: 1 });
    expect([await countOf('enterprises'), await countOf('licences')]).toEqual([before[0] + 1, before[1] + 1]);
  });

  it('the same Idempotency-Key answers the stored result; with another file it is refused (422)', async () => {
    const key = randomUUID();
    const file = await xlsxOf({ 企业: [[...ENTERPRISE_HEADERS], enterpriseRow()] });
    const one = await upload(inspector, 'k.xlsx', file, '', { 'idempotency-key': key });
    expect(one.status).toBe(201);
    const before = await countOf('enterprises');
    const retry = await upload(inspector, 'k.xlsx', file, '', { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(one.body);
    expect(await countOf('enterprises')).toBe(before);
    const other = await upload(
      inspector,
      'k2.xlsx',
      await xlsxOf({ 企业: [[...ENTERPRISE_HEADERS], enterpriseRow()] }),
      '',
      {
        'idempotency-key': key,
      },
    );
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('bad files: a clear 400 / 413, never a 500', () => {
  it.each([
    ['a PDF', 'x.pdf', Buffer.from('%PDF-1.4 ...'), 400, 'IMPORT_UNSUPPORTED_FORMAT'],
    ['text named .xlsx', 'x.xlsx', Buffer.from('hello'), 400, 'IMPORT_FILE_UNREADABLE'],
    [
      'CSV content named .txt',
      'x.txt',
      Buffer.from(`${ENTERPRISE_HEADERS.join(',')}\r\n${enterpriseRow().join(',')}\r\n`),
      400,
      'IMPORT_UNSUPPORTED_FORMAT',
    ],
    ['an empty file', 'x.csv', Buffer.alloc(0), 400, 'IMPORT_EMPTY'],
    ['a CSV of something else', 'x.csv', Buffer.from('序号,备注\r\n1,无\r\n'), 400, 'IMPORT_MISSING_COLUMNS'],
    [
      'enterprises without 企业名称',
      'x.csv',
      Buffer.from('统一社会信用代码,所在地区代码,详细地址,行业代码,监管行业\r\n1,2,3,4,5\r\n'),
      400,
      'IMPORT_MISSING_COLUMNS',
    ],
    [
      'more rows than the limit',
      'x.csv',
      Buffer.from(`${ENTERPRISE_HEADERS.join(',')}\r\n${'a,b,c,d,,,e,f\r\n'.repeat(50_001)}`),
      413,
      'IMPORT_TOO_MANY_ROWS',
    ],
  ] as const)('%s', async (_label, name, data, status, code) => {
    const res = await upload(inspector, name, data);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    if (_label === 'enterprises without 企业名称') expect(res.body.error.message).toContain('企业名称');
  });

  it('the extension decides, in any case: a .CSV is read, the same text as .txt is not', async () => {
    const before = await countOf('enterprises');
    const csv = Buffer.from(`${ENTERPRISE_HEADERS.join(',')}\r\n${enterpriseRow().join(',')}\r\n`);
    const upper = await upload(inspector, '企业.CSV', csv);
    expect(upper.status).toBe(201);
    expect(upper.body).toMatchObject({ format: 'csv', created: 1, invalid: 0 });
    const txt = await upload(inspector, '企业.txt', csv, '?dryRun=true');
    expect(txt.status).toBe(400);
    expect(txt.body.error.code).toBe('IMPORT_UNSUPPORTED_FORMAT');
    expect(await countOf('enterprises')).toBe(before + 1);
  });

  it('no file, a JSON body', async () => {
    const json = await inspector.post('/api/enterprises/import', [{ creditCode: DEMO_CODE }]);
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('IMPORT_NO_FILE');
  });
});

describe('roles', () => {
  it.each(['leader.370300', 'duty.370300', 'stats.370300', `ent.${DEMO_CODE}`])(
    '%s may neither import nor download the template (403)',
    async (username) => {
      const c = await t.as(username);
      expect((await upload(c, 'a.csv', Buffer.from('x'))).status).toBe(403);
      expect((await c.get('/api/enterprises/import/template')).status).toBe(403);
    },
  );

  it('signed out: 401', async () => {
    expect((await t.anonymous().get('/api/enterprises/export')).status).toBe(401);
    expect((await t.anonymous().post('/api/enterprises/import', [])).status).toBe(401);
  });
});
