/**
 * POST /api/accidents/import (历史数据导入) on both engines: .xlsx (Date cells, serial numbers, text times, names for
 * codes), .csv (UTF-8 with BOM, GBK), JSON; per-row errors with field names; importing again adds nothing; a row
 * outside the jurisdiction; dry run; Idempotency-Key and importId; progress; bad files (400/413, never 500); roles;
 * imported accidents count in /api/stats/summary and have no chain deadline, node or alert; the template downloads
 * and its example row (marked （示例）) is refused, yet imports once the mark is removed.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccident, type Client, type Res, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { decodeText } from '../../uploads/table-worker.js';
import { checkDeadlines } from '../accidents/deadline-watcher.js';
import { verifyAudit } from '../audit/verify.js';
import type { RawCell } from './columns.js';
import { excelSerialToIso, textToIso } from './columns.js';

const NOW = '2026-11-25T10:00:00+08:00';

const HEADERS = [
  '事故发生时间',
  '行政区划代码',
  '事故单位',
  '统一社会信用代码',
  '行业代码',
  '事故类别',
  '领域',
  '死亡人数',
  '失踪人数',
  '重伤人数',
  '轻伤人数',
  '直接经济损失（元）',
  '事故地点',
  '简要经过',
  '已采取措施',
  '报告人',
  '联系电话',
] as const;
type Header = (typeof HEADERS)[number];

let t: TestApp;
let stats: Client; // stats.370300 (淄博市 统计员)
let admin: Client; // admin.370300
let unitSeq = 0;

/** One sheet row in HEADERS order; a valid 一般事故 in 张店区 unless overridden. */
function sheetRow(over: Partial<Record<Header, RawCell>> = {}): RawCell[] {
  unitSeq += 1;
  const base: Record<Header, RawCell> = {
    事故发生时间: '2025-03-04 08:30',
    行政区划代码: '370303',
    事故单位: `导入测试化工有限公司${unitSeq}号厂`,
    统一社会信用代码: null,
    行业代码: 'C26',
    事故类别: '19',
    领域: '工矿商贸',
    死亡人数: 1,
    失踪人数: 0,
    重伤人数: 0,
    轻伤人数: 2,
    '直接经济损失（元）': 1_500_000,
    事故地点: '淄博市张店区化工园区',
    简要经过: '储罐检修时发生中毒窒息',
    已采取措施: '已组织救援',
    报告人: '张三',
    联系电话: '0533-1234567',
  };
  const merged = { ...base, ...over };
  return HEADERS.map((h) => merged[h]);
}

async function xlsxOf(rows: RawCell[][], sheet = '事故数据'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvOf(rows: RawCell[][]): string {
  const cell = (v: RawCell) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** GBK bytes, by inverting Node's GBK decoder over the two-byte range (Node has no GBK encoder). */
let gbkTable: Map<string, Buffer> | undefined;
function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const bytes = Buffer.from([lead, trail]);
        const ch = decoder.decode(bytes);
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, bytes);
      }
    }
  }
  return Buffer.concat(
    [...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? Buffer.from(ch) : (gbkTable?.get(ch) ?? Buffer.from('?')))),
  );
}

function upload(
  c: Client,
  fileName: string,
  data: Buffer,
  query = '',
  headers: Record<string, string> = {},
): Promise<Res> {
  return c.upload(`/api/accidents/import${query}`, {}, { name: fileName, data }, headers);
}

// biome-ignore lint/suspicious/noExplicitAny: per-row results are inspected field by field
const rowOf = (body: any, row: number) => body.rows.find((r: { row: number }) => r.row === row);
// biome-ignore lint/suspicious/noExplicitAny: per-row results
const fieldsOf = (body: any, row: number) => (rowOf(body, row)?.errors ?? []).map((e: { field: string }) => e.field);

async function accidentCount(): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM accidents`.execute(t.db.kysely);
  return rows[0]?.n ?? 0;
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  [stats, admin] = await Promise.all([t.as('stats.370300'), t.as('admin.370300')]);
});
afterAll(() => t.close());

describe('cells', () => {
  it('times: Excel serials and text in Asia/Shanghai; offsets kept; nonsense refused', () => {
    expect(excelSerialToIso(45720.5)).toBe('2025-03-04T12:00:00+08:00');
    expect(excelSerialToIso(45720 + 8.5 / 24 - 1e-9)).toBe('2025-03-04T08:30:00+08:00');
    expect(textToIso('2025-03-04 08:30')).toBe('2025-03-04T08:30:00+08:00');
    expect(textToIso('2025/3/4 8:30:15')).toBe('2025-03-04T08:30:15+08:00');
    expect(textToIso('2025年3月4日8时30分')).toBe('2025-03-04T08:30:00+08:00');
    expect(textToIso('2025-03-04')).toBe('2025-03-04T00:00:00+08:00');
    expect(textToIso('2025-03-04T08:30:00Z')).toBe('2025-03-04T08:30:00Z');
    expect(textToIso('2025-02-30 08:30')).toBeNull();
    expect(textToIso('2025-03-04 24:10')).toBeNull();
    expect(textToIso('去年三月')).toBeNull();
  });

  it('CSV text: UTF-8 with and without BOM, GBK', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('事故单位')]))).toBe('事故单位');
    expect(decodeText(Buffer.from('事故单位'))).toBe('事故单位');
    expect(decodeText(gbk('事故单位,淄博'))).toBe('事故单位,淄博');
  });
});

describe('xlsx', () => {
  it('imports valid rows and reports invalid ones by row number and field; stats and no deadlines', async () => {
    const before = await accidentCount();
    const file = await xlsxOf([
      [...HEADERS],
      // row 2: an Excel date cell (wall clock 14:20 Beijing), names for type, industry section and domain
      sheetRow({
        事故发生时间: new Date(Date.UTC(2024, 0, 5, 14, 20)),
        事故类别: '中毒和窒息',
        行业代码: '制造业',
        领域: '工矿商贸',
        死亡人数: 2,
        失踪人数: 1,
        重伤人数: 4,
        '直接经济损失（元）': 3_200_000,
      }),
      // row 3: an Excel serial number, type "02 车辆伤害", 大类 without the letter, road traffic
      sheetRow({
        事故发生时间: 45720.5 - 365,
        事故类别: '02 车辆伤害',
        行业代码: 54,
        领域: '道路交通',
        行政区划代码: 370305,
        死亡人数: 0,
        轻伤人数: 1,
        '直接经济损失（元）': '12,000',
      }),
      [], // row 4: blank, skipped
      // row 5: several problems at once
      sheetRow({ 事故发生时间: '去年三月', 死亡人数: '两人', 统一社会信用代码: 'ABC', 事故地点: null }),
      // row 6: unknown region, unknown type code
      sheetRow({ 行政区划代码: '379999', 事故类别: '99' }),
      // row 7: in the future
      sheetRow({ 事故发生时间: '2027-01-01 08:00' }),
      // row 8: a town of Zhangdian, a 较大 accident by deaths (3)
      sheetRow({ 事故发生时间: '2024-06-01 09:00', 行政区划代码: '370303001', 死亡人数: 3, 轻伤人数: 0 }),
    ]);
    const res = await upload(stats, '2024年事故台账.xlsx', file);
    expect(res.status).toBe(201);
    const b = res.body;
    expect(b).toMatchObject({
      status: 'done',
      dryRun: false,
      format: 'xlsx',
      fileName: '2024年事故台账.xlsx',
      total: 6,
      processed: 6,
      created: 3,
      duplicates: 0,
      invalid: 3,
      ignoredColumns: [],
    });
    expect(b.rows.map((r: { row: number }) => r.row)).toEqual([2, 3, 5, 6, 7, 8]);
    expect(rowOf(b, 2)).toMatchObject({ status: 'created', id: expect.any(String) });
    expect(rowOf(b, 3)).toMatchObject({ status: 'created' });
    expect(rowOf(b, 8)).toMatchObject({ status: 'created' });
    expect(rowOf(b, 5).status).toBe('invalid');
    expect(fieldsOf(b, 5).sort()).toEqual(['address', 'deaths', 'occurredAt', 'unitCreditCode']);
    const occurred = rowOf(b, 5).errors.find((e: { field: string }) => e.field === 'occurredAt');
    expect(occurred).toMatchObject({ code: 'invalid_datetime', column: '事故发生时间' });
    expect(rowOf(b, 5).errors.find((e: { field: string }) => e.field === 'address')).toMatchObject({
      code: 'required',
      message: '不能为空',
      column: '事故地点',
    });
    expect(fieldsOf(b, 6).sort()).toEqual(['accidentType']);
    expect(fieldsOf(b, 7)).toEqual(['occurredAt']);
    expect(rowOf(b, 7).errors[0].code).toBe('in_future');
    expect(await accidentCount()).toBe(before + 3);

    // The stored accident: figures, grade and code as a quick report's; historical semantics.
    const a = (await stats.get(`/api/accidents/${rowOf(b, 2).id}`)).body;
    expect(a).toMatchObject({
      occurredAt: '2024-01-05T06:20:00.000Z',
      industryCode: 'C',
      accidentType: '19',
      domain: 'industrial',
      deaths: 2,
      missing: 1,
      seriousInjuries: 4,
      grade: 'larger',
      source: 'import',
      status: 'done',
      nextDueAt: null,
      final: true,
      chain: [],
      nodes: [],
      flags: [],
      statistics: { deaths: 2, missing: 1, seriousInjuries: 4, minorInjuries: 2, directLossYuan: 3_200_000 },
    });
    expect(a.reportNo).toMatch(/^370303-20240105-\d{3}$/);
    expect(a.revisions).toHaveLength(1);
    expect(a.revisions[0].note).toBe('历史数据导入');
    const road = (await stats.get(`/api/accidents/${rowOf(b, 3).id}`)).body;
    expect(road).toMatchObject({
      occurredAt: '2024-03-04T04:00:00.000Z',
      regionCode: '370305',
      industryCode: 'G54',
      accidentType: '02',
      domain: 'road_traffic',
      directLossYuan: 12_000,
    });
    const town = (await stats.get(`/api/accidents/${rowOf(b, 8).id}`)).body;
    expect(town).toMatchObject({ regionCode: '370303001', grade: 'larger', targetLevel: 'province' });

    // No chain clock: nothing due, no alert even long after.
    const ids = [2, 3, 8].map((r) => rowOf(b, r).id);
    const chain = await t.db.kysely
      .selectFrom('accident_chain')
      .select(['received_at', 'due_at'])
      .where('accident_id', 'in', ids)
      .execute();
    expect(chain.length).toBeGreaterThan(0);
    expect(chain.every((c) => c.received_at === null && c.due_at === null)).toBe(true);
    await checkDeadlines(t.ctx);
    const alerts = await t.db.kysely
      .selectFrom('deadline_alerts')
      .select('accident_id')
      .where('accident_id', 'in', ids)
      .execute();
    expect(alerts).toEqual([]);

    // Statistics: exactly these three in 2024 in Zibo (no other data there then).
    const q = `regionCode=370300&from=${encodeURIComponent('2024-01-01T00:00:00+08:00')}&to=${encodeURIComponent('2025-01-01T00:00:00+08:00')}`;
    const s = (await stats.get(`/api/stats/summary?${q}`)).body;
    expect(s.current).toEqual({
      accidents: 3,
      deaths: 2 + 1 + 0 + 3,
      injuries: 4 + 2 + 1,
      seriousInjuries: 4,
      directLossYuan: 3_200_000 + 12_000 + 1_500_000,
    });
    expect(s.larger.current.accidents).toBe(2);

    // Audit: each accident and the import, and the chains still verify.
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'after'])
      .where((eb) => eb.or([eb('entity_id', 'in', ids), eb('entity_id', '=', b.importId)]))
      .execute();
    expect(
      audit
        .filter((r) => r.action === 'accident.import')
        .map((r) => r.entity_id)
        .sort(),
    ).toEqual([...ids].sort());
    const importAudit = audit.find((r) => r.action === 'accident_import.create');
    expect(importAudit?.after).toMatchObject({ total: 6, created: 3, invalid: 3, duplicates: 0, dryRun: false });
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('importing the same file again adds nothing: every row a duplicate of its accident', async () => {
    const file = await xlsxOf([[...HEADERS], sheetRow(), sheetRow({ 统一社会信用代码: '91370303MA3TEXTQ0J' })]);
    const first = await upload(stats, 'a.xlsx', file);
    expect(first.body).toMatchObject({ created: 2, duplicates: 0 });
    const before = await accidentCount();
    const again = await upload(stats, 'a-copy.xlsx', file);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ total: 2, created: 0, duplicates: 2, invalid: 0 });
    expect(again.body.importId).not.toBe(first.body.importId);
    expect(rowOf(again.body, 2)).toMatchObject({ status: 'duplicate', id: rowOf(first.body, 2).id });
    expect(rowOf(again.body, 3)).toMatchObject({ status: 'duplicate', id: rowOf(first.body, 3).id });
    expect(rowOf(again.body, 2).errors[0].code).toBe('already_imported');
    expect(await accidentCount()).toBe(before);
  });

  it('a row repeated in the file, a report number kept and recognised, a live report matched (杜绝重报)', async () => {
    const repeated = sheetRow();
    const live = await stats.post(
      '/api/accidents',
      buildAccident({ occurredAt: '2026-11-25T08:00:00+08:00', unitName: '现场报送有限公司' }, t.clock.now()),
    );
    expect(live.status).toBe(201);
    const withNo = sheetRow({ 事故发生时间: '2023-02-02 10:00' });
    const file = await xlsxOf([
      [...HEADERS, '报告编号', '确认非重复'],
      [...repeated, null, null],
      [...repeated, null, null],
      [...withNo, 'ZB-2023-0001', null],
      [...sheetRow({ 事故发生时间: '2026-11-25 08:30', 事故单位: '现场报送有限公司' }), null, null],
      [...sheetRow({ 事故发生时间: '2026-11-25 08:40', 事故单位: '现场报送有限公司', 事故类别: '01' }), null, '是'],
      // Re-importing the live report under its own number (an export of this system brought back).
      [...sheetRow({ 事故单位: '另一名称' }), live.body.reportNo, null],
    ]);
    const res = await upload(stats, 'b.xlsx', file);
    expect(res.status).toBe(201);
    const b = res.body;
    expect(rowOf(b, 2).status).toBe('created');
    expect(rowOf(b, 3)).toMatchObject({ status: 'duplicate', id: rowOf(b, 2).id });
    expect(rowOf(b, 3).errors[0]).toMatchObject({
      code: 'duplicate_in_file',
      message: '与第2行为同一起事故，未再录入',
    });
    expect(rowOf(b, 4).status).toBe('created');
    expect((await stats.get(`/api/accidents/${rowOf(b, 4).id}`)).body.reportNo).toBe('ZB-2023-0001');
    expect(rowOf(b, 5)).toMatchObject({ status: 'duplicate', id: live.body.id });
    expect(rowOf(b, 5).errors[0].code).toBe('possible_duplicate');
    expect(rowOf(b, 6).status).toBe('created');
    expect(rowOf(b, 7)).toMatchObject({ status: 'duplicate', id: live.body.id });

    // The same report number again (with other figures) is the same accident.
    const again = await upload(
      stats,
      'c.xlsx',
      await xlsxOf([
        [...HEADERS, '报告编号'],
        [...sheetRow({ 事故发生时间: '2023-02-03 10:00', 死亡人数: 0 }), 'ZB-2023-0001'],
      ]),
    );
    expect(rowOf(again.body, 2)).toMatchObject({ status: 'duplicate', id: rowOf(b, 4).id });
  });

  it('a row outside the jurisdiction is refused alone (OUTSIDE_JURISDICTION); the rest is imported', async () => {
    const file = await xlsxOf([
      [...HEADERS],
      sheetRow({ 行政区划代码: '370102' }), // 济南市历下区, not Zibo's
      sheetRow(),
    ]);
    const res = await upload(stats, 'd.xlsx', file);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: 1, invalid: 1 });
    expect(rowOf(res.body, 2).errors).toEqual([
      {
        field: 'regionCode',
        code: 'OUTSIDE_JURISDICTION',
        message: '370102 不在本单位管辖范围内',
        column: '行政区划代码',
      },
    ]);
  });

  it('dry run validates everything and writes no accident; the same file then imports as the dry run said', async () => {
    const file = await xlsxOf([[...HEADERS], sheetRow(), sheetRow({ 死亡人数: -1 }), sheetRow()]);
    const before = await accidentCount();
    const dry = await upload(stats, 'e.xlsx', file, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, status: 'done', total: 3, created: 2, invalid: 1, duplicates: 0 });
    expect(rowOf(dry.body, 2)).toEqual({ row: 2, status: 'created' });
    expect(fieldsOf(dry.body, 3)).toEqual(['deaths']);
    expect(await accidentCount()).toBe(before);
    const real = await upload(stats, 'e.xlsx', file);
    expect(real.body).toMatchObject({ dryRun: false, created: 2, invalid: 1 });
    expect(await accidentCount()).toBe(before + 2);
  });

  it('unknown columns are ignored and named; a missing required column refuses the file', async () => {
    const ok = await upload(
      stats,
      'f.xlsx',
      await xlsxOf([
        [...HEADERS, '序号', '备注'],
        [...sheetRow(), 1, '无'],
      ]),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.ignoredColumns).toEqual(['序号', '备注']);
    const missing = await upload(
      stats,
      'g.xlsx',
      await xlsxOf([HEADERS.filter((h) => h !== '事故单位' && h !== '事故类别'), sheetRow().slice(0, 15)]),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('IMPORT_MISSING_COLUMNS');
    expect(missing.body.error.message).toBe('缺少必需的列：事故单位、事故类别（请使用导入模板）');
  });
});

describe('csv and JSON', () => {
  it('CSV as UTF-8 with BOM and as GBK (what Excel in China saves) import the same way', async () => {
    const rows = [[...HEADERS], sheetRow({ 事故发生时间: '2023/5/6 7:08' })];
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvOf(rows))]);
    const a = await upload(stats, '台账.csv', utf8);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ format: 'csv', created: 1, invalid: 0 });
    const gbkRows = [[...HEADERS], sheetRow({ 事故发生时间: '2023/5/6 9:08', 事故单位: '淄博鲁泰纺织有限公司' })];
    const b = await upload(stats, 'gbk.csv', gbk(csvOf(gbkRows)));
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({ created: 1, invalid: 0 });
    const stored = (await stats.get(`/api/accidents/${rowOf(b.body, 2).id}`)).body;
    expect(stored.unitName).toBe('淄博鲁泰纺织有限公司');
    expect(stored.occurredAt).toBe('2023-05-06T01:08:00.000Z');
  });

  it('a JSON array of POST /api/accidents records, validated by the same schema', async () => {
    const good = buildAccident({ occurredAt: '2022-08-08T08:08:00+08:00', deaths: 10 });
    const res = await stats.post('/api/accidents/import', [
      good,
      { ...buildAccident({ occurredAt: '2022-08-09T08:00:00+08:00' }), accidentType: '中毒和窒息', extra: 1 },
      'not a record',
      buildAccident({ occurredAt: '2022-08-10 08:00' }),
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'json', fileName: 'JSON', total: 4, created: 1, invalid: 3 });
    expect(rowOf(res.body, 1).status).toBe('created');
    expect(fieldsOf(res.body, 2).sort()).toEqual(['accidentType', 'extra']);
    expect(rowOf(res.body, 3).errors[0].code).toBe('not_object');
    expect(fieldsOf(res.body, 4)).toEqual(['occurredAt']);
    expect(rowOf(res.body, 2).errors[0].column).toBeUndefined();
    const a = (await stats.get(`/api/accidents/${rowOf(res.body, 1).id}`)).body;
    expect(a).toMatchObject({ grade: 'major', targetLevel: 'national', source: 'import', chain: [], nodes: [] });
  });
});

describe('idempotency and progress', () => {
  it('the same Idempotency-Key answers the stored result; with another file it is refused (422)', async () => {
    const key = randomUUID();
    const file = await xlsxOf([[...HEADERS], sheetRow({ 事故发生时间: '2022-01-02 03:04' })]);
    const first = await upload(admin, 'h.xlsx', file, '', { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const retry = await upload(admin, 'h.xlsx', file, '', { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const other = await xlsxOf([[...HEADERS], sheetRow({ 事故发生时间: '2022-01-02 05:04' })]);
    const reused = await upload(admin, 'h2.xlsx', other, '', { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a client-chosen importId shows progress while the upload runs, then the per-row results', async () => {
    const importId = randomUUID();
    const records = Array.from({ length: 1_100 }, (_, i) =>
      buildAccident({
        occurredAt: new Date(Date.UTC(2021, 0, 1) + i * 3 * 3_600_000).toISOString(),
        unitName: `进度测试有限公司${i}`,
        regionCode: i % 2 ? '370303' : '370302',
      }),
    );
    const pending = stats.post(`/api/accidents/import?importId=${importId}`, records);
    const seen: { status: string; processed: number }[] = [];
    for (;;) {
      const res = await stats.get(`/api/accidents/imports/${importId}`);
      if (res.status === 200) {
        seen.push({ status: res.body.status, processed: res.body.processed });
        if (res.body.status !== 'running') break;
        expect(res.body.rows).toEqual([]);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const done = await pending;
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ importId, total: 1_100, created: 1_100, processed: 1_100 });
    expect(seen.some((s) => s.status === 'running')).toBe(true);
    const final = await stats.get(`/api/accidents/imports/${importId}`);
    expect(final.body).toMatchObject({
      status: 'done',
      processed: 1_100,
      created: 1_100,
      createdBy: expect.any(String),
    });
    expect(final.body.rows).toHaveLength(1_100);
    // The same importId again: the stored answer, nothing new.
    const before = await accidentCount();
    const again = await stats.post(`/api/accidents/import?importId=${importId}`, records);
    expect(again.status).toBe(201);
    expect(again.body.created).toBe(1_100);
    expect(await accidentCount()).toBe(before);
    // Listed among the city's imports; another bureau does not see it.
    const list = await stats.get('/api/accidents/imports?pageSize=100');
    expect(list.body.items.some((i: { importId: string }) => i.importId === importId)).toBe(true);
    const jinan = await t.as('stats.370100');
    expect((await jinan.get(`/api/accidents/imports/${importId}`)).status).toBe(404);
  });
});

describe('an import cut off', () => {
  it('while it runs a retry is 409 IMPORT_IN_PROGRESS; without progress for 10 min it shows as failed', async () => {
    const importId = randomUUID();
    const records = [buildAccident({ occurredAt: '2020-05-05T05:05:00+08:00' })];
    expect((await stats.post(`/api/accidents/import?importId=${importId}`, records)).status).toBe(201);
    // As a server stopped mid-import leaves it.
    const cutOff = (at: Date) =>
      t.db.kysely
        .updateTable('accident_imports')
        .set({ status: 'running', updated_at: at, finished_at: null })
        .where('id', '=', importId)
        .execute();
    await cutOff(t.clock.now());
    const busy = await stats.post(`/api/accidents/import?importId=${importId}`, records);
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'IMPORT_IN_PROGRESS', details: { importId } });
    await cutOff(new Date(t.clock.now().getTime() - 11 * 60_000));
    const stale = await stats.get(`/api/accidents/imports/${importId}`);
    expect(stale.body.status).toBe('failed');
    expect(stale.body.error).toContain('导入中断');
    const retry = await stats.post(`/api/accidents/import?importId=${importId}`, records);
    expect(retry.body.status).toBe('failed');
  });

  it('the routes are in the OpenAPI document', async () => {
    const res = await stats.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/accidents/import',
        '/api/accidents/import/template',
        '/api/accidents/imports',
        '/api/accidents/imports/{id}',
      ]),
    );
  });
});

describe('bad files: a clear 400 / 413, never a 500', () => {
  it.each([
    ['an empty file', 'x.csv', Buffer.alloc(0), 400, 'IMPORT_EMPTY'],
    ['a header without rows', 'x.csv', Buffer.from(`${HEADERS.join(',')}\r\n\r\n`), 400, 'IMPORT_EMPTY'],
    ['a PDF', 'x.pdf', Buffer.from('%PDF-1.4 ...'), 400, 'IMPORT_UNSUPPORTED_FORMAT'],
    [
      'an old .xls',
      'x.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      400,
      'IMPORT_UNSUPPORTED_FORMAT',
    ],
    [
      'a corrupt .xlsx',
      'x.xlsx',
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300, 7)]),
      400,
      'IMPORT_FILE_UNREADABLE',
    ],
    ['text named .xlsx', 'x.xlsx', Buffer.from('hello'), 400, 'IMPORT_FILE_UNREADABLE'],
    ['an unclosed CSV quote', 'x.csv', Buffer.from(`${HEADERS.join(',')}\r\n"abc,1`), 400, 'IMPORT_FILE_UNREADABLE'],
    [
      'CSV content named .txt',
      'x.txt',
      Buffer.from(csvOf([[...HEADERS], sheetRow()])),
      400,
      'IMPORT_UNSUPPORTED_FORMAT',
    ],
    [
      'a workbook named without an extension',
      'x',
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      400,
      'IMPORT_UNSUPPORTED_FORMAT',
    ],
  ] as const)('%s', async (_label, name, data, status, code) => {
    const res = await upload(stats, name, data);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the extension decides, in any case: .CSV and .XLSX are read, a .txt is not', async () => {
    const before = await accidentCount();
    const csv = await upload(stats, '台账.CSV', Buffer.from(csvOf([[...HEADERS], sheetRow()])));
    expect(csv.status).toBe(201);
    expect(csv.body).toMatchObject({ format: 'csv', created: 1, invalid: 0 });
    const xlsx = await upload(stats, '台账.XLSX', await xlsxOf([[...HEADERS], sheetRow()]));
    expect(xlsx.status).toBe(201);
    expect(xlsx.body).toMatchObject({ format: 'xlsx', created: 1, invalid: 0 });
    const txt = await upload(stats, '台账.txt', Buffer.from(csvOf([[...HEADERS], sheetRow()])), '?dryRun=true');
    expect(txt.status).toBe(400);
    expect(txt.body.error.code).toBe('IMPORT_UNSUPPORTED_FORMAT');
    expect(txt.body.error.details[0].message).toContain('.txt');
    expect(await accidentCount()).toBe(before + 2);
  });

  it('more rows than the limit (413), a file over the size limit (413)', async () => {
    const line = csvOf([sheetRow()]);
    const many = Buffer.from(`${HEADERS.join(',')}\r\n${line.repeat(50_001)}`);
    const rows = await upload(stats, 'many.csv', many);
    expect(rows.status).toBe(413);
    expect(rows.body.error.code).toBe('IMPORT_TOO_MANY_ROWS');
    const big = Buffer.alloc(21 * 1024 * 1024, 0x61);
    const size = await upload(stats, 'big.csv', big);
    expect(size.status).toBe(413);
    expect(size.body.error.code).toBe('IMPORT_FILE_TOO_LARGE');
  });

  it('no file, another form field, a JSON object, another content type, a bad query', async () => {
    const noFile = await t.app.inject({
      method: 'POST',
      url: '/api/accidents/import',
      headers: { cookie: stats.cookie },
    });
    expect(noFile.statusCode).toBe(400);
    expect(JSON.parse(noFile.body).error.code).toBe('IMPORT_NO_FILE');
    const wrongField = await stats.upload(
      '/api/accidents/import',
      {},
      {
        name: 'a.xlsx',
        data: Buffer.from('x'),
        field: 'attachment',
      },
    );
    expect(wrongField.body.error.code).toBe('IMPORT_NO_FILE');
    const object = await stats.post('/api/accidents/import', { rows: [] });
    expect(object.status).toBe(400);
    expect(object.body.error.details[0].code).toBe('not_array');
    const empty = await stats.post('/api/accidents/import', []);
    expect(empty.body.error.code).toBe('IMPORT_EMPTY');
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/accidents/import',
      headers: { cookie: stats.cookie, 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(text.statusCode).toBe(400);
    expect(JSON.parse(text.body).error.code).toBe('IMPORT_UNSUPPORTED_FORMAT');
    const query = await stats.post('/api/accidents/import?dryRun=yes', [buildAccident()]);
    expect(query.status).toBe(400);
    expect(query.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('the JSON route keeps its limits elsewhere: an oversized quick report is still 413', async () => {
    const res = await stats.post('/api/accidents', { ...buildAccident(), summary: 'x'.repeat(9 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('roles', () => {
  it.each(['leader.370300', 'duty.370300', 'inspector.370300', 'ent.91370303MA3C4B2X1Y'])(
    '%s may neither import nor download the template nor read imports (403)',
    async (username) => {
      const c = await t.as(username);
      expect((await c.post('/api/accidents/import', [buildAccident()])).status).toBe(403);
      expect((await upload(c, 'a.csv', Buffer.from('x'))).status).toBe(403);
      expect((await c.get('/api/accidents/import/template')).status).toBe(403);
      expect((await c.get('/api/accidents/imports')).status).toBe(403);
      expect((await c.get(`/api/accidents/imports/${randomUUID()}`)).status).toBe(403);
    },
  );

  it('signed out: 401', async () => {
    expect((await t.anonymous().post('/api/accidents/import', [])).status).toBe(401);
  });
});

describe('template', () => {
  it('downloads as .xlsx with headers, instructions, drop-downs, and a marked example row that is never imported', async () => {
    const county = await t.as('stats.370303');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/accidents/import/template',
      headers: { cookie: county.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    const file = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['事故数据', '说明', '代码表']);
    const sheet = wb.getWorksheet('事故数据') as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    for (const h of HEADERS) expect(header).toContain(h);
    expect(sheet.getRow(2).getCell(header.indexOf('行政区划代码') + 1).value).toBe('370303');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, { type: string }> } })
      .dataValidations.model;
    const typeColumn = String.fromCharCode(65 + header.indexOf('事故类别'));
    expect(validations[`${typeColumn}2`]?.type).toBe('list');
    const help = wb.getWorksheet('说明') as ExcelJS.Worksheet;
    expect(String(help.getCell('A1').value)).toContain('导入说明');
    const unitCell = sheet.getRow(2).getCell(header.indexOf('事故单位') + 1);
    expect(String(unitCell.value)).toMatch(/^（示例）/);
    const helpText = help
      .getColumn(1)
      .values.map((v) => String(v ?? ''))
      .join('\n');
    expect(helpText).toContain('示例行（事故单位以“（示例）”开头），示例行不会被导入');

    // Uploaded as it stands — checked or imported — the example row is refused and nothing is written.
    const before = await accidentCount();
    const refusal = {
      row: 2,
      status: 'invalid',
      errors: [
        {
          field: 'unitName',
          column: '事故单位',
          code: 'template_example',
          message: '这是模板中的示例行，请删除或替换为实际数据后再导入',
        },
      ],
    };
    const dry = await upload(county, '事故历史数据导入模板.xlsx', file, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ total: 1, created: 0, invalid: 1 });
    expect(dry.body.rows).toEqual([refusal]);
    const unchanged = await upload(county, '事故历史数据导入模板.xlsx', file);
    expect(unchanged.status).toBe(201);
    expect(unchanged.body).toMatchObject({ total: 1, created: 0, invalid: 1 });
    expect(unchanged.body.rows).toEqual([refusal]);
    expect(await accidentCount()).toBe(before);

    // Without its mark the example is a valid row: the template teaches the right format.
    unitCell.value = String(unitCell.value).replace('（示例）', '淄博');
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const checked = await upload(county, '事故历史数据.xlsx', filled, '?dryRun=true');
    expect(checked.status).toBe(200);
    expect(checked.body.rows).toEqual([{ row: 2, status: 'created' }]);
    const imported = await upload(county, '事故历史数据.xlsx', filled);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ total: 1, created: 1, invalid: 0, fileName: '事故历史数据.xlsx' });
    const a = (await county.get(`/api/accidents/${rowOf(imported.body, 2).id}`)).body;
    expect(a).toMatchObject({
      occurredAt: '2025-03-04T00:30:00.000Z',
      regionCode: '370303',
      unitName: '淄博某某化工有限公司',
      unitCreditCode: '91370303MA3EXAMPLY',
      accidentType: '19',
      deaths: 1,
      minorInjuries: 2,
      directLossYuan: 1_500_000,
      grade: 'general',
    });
    // The city's template names one of its counties.
    const city = await t.app.inject({
      method: 'GET',
      url: '/api/accidents/import/template',
      headers: { cookie: stats.cookie },
    });
    const cityWb = new ExcelJS.Workbook();
    await cityWb.xlsx.load(city.rawPayload as unknown as ArrayBuffer);
    const code = String((cityWb.getWorksheet('事故数据') as ExcelJS.Worksheet).getRow(2).getCell(2).value);
    expect(code).toMatch(/^3703\d\d$/);
  });

  it('a JSON record marked as the example is refused the same way; the rest of the array imports', async () => {
    const res = await stats.post('/api/accidents/import', [
      buildAccident({ occurredAt: '2022-09-01T08:00:00+08:00', unitName: '(示例) 某某化工有限公司' }),
      buildAccident({ occurredAt: '2022-09-02T08:00:00+08:00', unitName: '淄博示例路化工有限公司' }),
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ total: 2, created: 1, invalid: 1 });
    expect(rowOf(res.body, 1).errors).toEqual([
      { field: 'unitName', code: 'template_example', message: '这是模板中的示例行，请删除或替换为实际数据后再导入' },
    ]);
    expect(rowOf(res.body, 2).status).toBe('created');
  });
});
