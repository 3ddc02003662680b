/**
 * Browser tests of issue 14 on the demo history, as the users who found the defects: figures that add up on every
 * screen and file (the bulletin's tables, the cockpit against the report table, the .xlsx columns), the 7日 node, the
 * print views of 通报 and 报表, the audit trail's client address and export, and English mode.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../src/server/documents/xlsx.js';
import { buildAccident } from '../src/server/testing/harness.js';
import { ARTIFACTS, hasChromium, type Stack, signIn, startStack, UI_TIMEOUT } from './support.js';

/** "−11,126.5" / "-11126.5" / "+3" → a number. */
const num = (s: string) => Number(s.replace(/[,\s+万元%（）()]/g, '').replace('−', '-'));

/** A figure in tenths printed with one decimal: "186.0", "-0.3", "+12.5", "1,885.1". */
const TENTHS = /^[+-]?[\d,]+\.\d$/;

async function saveDownload(page: Page, click: () => Promise<void>, name: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: UI_TIMEOUT }), click()]);
  const file = join(ARTIFACTS, name);
  await download.saveAs(file);
  return readFile(file);
}

/** The cells of a sheet as text, 1-based rows and columns made dense. */
async function sheetText(bytes: Buffer): Promise<string[][]> {
  const [sheet] = await readWorkbook(bytes);
  return Array.from(sheet?.rows ?? [], (r) =>
    Array.from(r ?? [], (c) => (c === null || c === undefined ? '' : String(c))),
  );
}

describe.skipIf(!hasChromium)('what the duty officer, statistician and leader hit', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ history: true });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('通报 prints as the official document, and every 万元 column of its tables adds up to its 合计', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'stats.370000');
    await page.goto(`${stack.baseUrl}/bulletins`);
    await page.locator('[data-testid=bulletin-generate]').click();
    await page.locator('[data-testid=bulletin-generated]').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid=bulletin-print]').first().click();
    const doc = page.locator('[data-testid=official-document]');
    await doc.waitFor({ timeout: UI_TIMEOUT });
    expect(await doc.locator('h1').textContent()).toMatch(/生产安全事故情况通报$/);
    expect(await page.locator('[data-testid=official-date]').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);

    const tables = await page.locator('[data-testid=official-table] table').evaluateAll((els) =>
      els.map((t) => ({
        header: [...t.querySelectorAll('thead th')].map((c) => c.textContent ?? ''),
        rows: [...t.querySelectorAll('tbody tr')].map((r) =>
          [...r.querySelectorAll('td')].map((c) => c.textContent ?? ''),
        ),
      })),
    );
    const withLoss = tables.filter((t) => t.header.some((h) => h.includes('万元')));
    expect(withLoss.length).toBeGreaterThanOrEqual(3); // by domain, region, type (and industry when it has any)
    for (const t of withLoss) {
      const loss = t.header.findIndex((h) => h.includes('万元'));
      const total = t.rows.at(-1) ?? [];
      expect(total[0]).toBe('合计');
      const body = t.rows.slice(0, -1);
      for (const col of [loss, loss + 1]) {
        // Tenths everywhere ("186" prints "186.0"), and the rows add up to the printed 合计 to the tenth.
        for (const r of t.rows) expect(r[col]).toMatch(TENTHS);
        const sum = body.reduce((a, r) => a + Math.round(num(r[col] ?? '') * 10), 0);
        expect(sum).toBe(Math.round(num(total[col] ?? '') * 10));
      }
    }
    await page.locator('[data-testid=official-chart] canvas').first().waitFor({ timeout: UI_TIMEOUT });
    await page.screenshot({ path: join(ARTIFACTS, 'bulletin-print-1366.png'), fullPage: true });
    // What the printer gets: the sheet alone (no menu, no toolbar), as a PDF of A4 pages.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=bulletin-print-now]').isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('the cockpit and the report table print the same loss change and percentage; the .xlsx shows every value', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'leader.370000');
    // Both default to this year so far.
    await page.goto(`${stack.baseUrl}/cockpit`);
    const kpi = page.locator('[data-testid=kpi-loss]');
    await kpi.waitFor({ timeout: UI_TIMEOUT });
    const kpiText = (await kpi.textContent()) ?? '';
    const m = /([上下][升降]|增加|减少)\s*([\d,]+\.\d)万元（(\d+\.\d)%）/.exec(kpiText);
    expect(m, kpiText).not.toBeNull();

    await page.goto(`${stack.baseUrl}/reports`);
    const total = page.locator('[data-testid=report-table] tbody tr').last();
    await total.getByText('合计').waitFor({ timeout: UI_TIMEOUT });
    const cells = (await total.locator('td').allTextContents()).map((c) => c.trim());
    // Columns: label, then 4 per indicator; 直接经济损失 is the fifth indicator: 本期, 去年同期, 增减, 增减率.
    const [change, pct] = [cells[1 + 4 * 4 + 2] ?? '', cells[1 + 4 * 4 + 3] ?? ''];
    expect(change).toMatch(TENTHS);
    expect(pct).toMatch(/^[+-]?\d+\.\d$/);
    expect(Math.abs(num(change))).toBe(num(m?.[2] ?? ''));
    expect(Math.abs(num(pct))).toBe(num(m?.[3] ?? ''));

    // The .xlsx: every column at least as wide as its widest value (no "###"), 合计 included.
    const bytes = await saveDownload(
      page,
      () => page.locator('[data-testid=report-export-xlsx]').click(),
      'report-table.xlsx',
    );
    const wb = await import('exceljs');
    const book = new wb.default.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const text = await sheetText(bytes);
    const totalAt = text.findIndex((r) => r[1] === '合计');
    expect(totalAt).toBeGreaterThan(4);
    for (let col = 1; col <= (sheet?.columnCount ?? 0); col++) {
      // A column the file gives no width is Excel's default, 8.43 characters.
      const width = sheet?.getColumn(col).width ?? 8.43;
      // The table's own cells: the header row under the merged group cells, down to 合计 (the notes are merged across).
      for (const row of text.slice(5, totalAt + 1)) {
        const v = row[col] ?? '';
        // A number printed with its grouping and one decimal is at most this many characters; CJK count double.
        const printed = /^-?\d/.test(v) ? Number(v).toLocaleString('en', { maximumFractionDigits: 1 }).length + 2 : 0;
        const cjk = [...v].reduce((a, ch) => a + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1), 0);
        expect(width, `column ${col}: "${v}"`).toBeGreaterThanOrEqual(Math.max(printed, /^-?\d/.test(v) ? 0 : cjk));
      }
    }
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('报表 prints on A4 landscape with its title, 合计 and the signature lines; the screen controls stay off paper', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'stats.370000');
    await page.goto(`${stack.baseUrl}/reports`);
    await page.locator('[data-testid=report-table] tbody tr').last().getByText('合计').waitFor({ timeout: UI_TIMEOUT });
    const sheet = page.locator('[data-testid=report-print-sheet]');
    expect(await sheet.isVisible()).toBe(false); // print only
    await page.emulateMedia({ media: 'print' });
    expect(await sheet.isVisible()).toBe(true);
    expect(await page.locator('[data-testid=report-table]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=report-print]').isVisible()).toBe(false);
    const printed = (await sheet.textContent()) ?? '';
    expect(printed).toMatch(/山东省生产安全事故统计表（分领域）/);
    expect(printed).toContain('单位：起、人、万元');
    for (const line of ['单位负责人', '统计负责人', '填表人', '制表单位：山东省应急管理厅'])
      expect(printed).toContain(line);
    const rows = await sheet.locator('tbody tr').count();
    expect(await sheet.locator('tbody tr').last().locator('td').first().textContent()).toBe('合计');
    expect(rows).toBeGreaterThan(1);
    await page.screenshot({ path: join(ARTIFACTS, 'report-print-media.png'), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Landscape: the first page's MediaBox is wider than high.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(Number(box?.[1])).toBeGreaterThan(Number(box?.[2]));
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('a 续报 29 minutes after the accident leaves the 7日 node open', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'duty.370303');
    const created = await page.request.post(`${stack.baseUrl}/api/accidents`, {
      data: buildAccident({ unitName: '七日节点测试有限公司' }),
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const followup = await page.request.post(`${stack.baseUrl}/api/accidents/${id}/followups`, {
      data: { minorInjuries: 2, note: '又发现一名轻伤人员' },
    });
    expect(followup.status()).toBe(201);
    await page.goto(`${stack.baseUrl}/accidents/${id}`);
    const node7 = page.locator('[data-testid=node-7d]');
    await node7.waitFor({ timeout: UI_TIMEOUT });
    const text = (await node7.textContent()) ?? '';
    expect(text).not.toContain('完成时间');
    expect(text).toMatch(/剩余/);
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('the audit trail shows where each write came from, and exports what it shows', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'admin.370300');
    await page.goto(`${stack.baseUrl}/audit`);
    const addr = page.locator('[data-testid=audit-client-addr]').first();
    await addr.waitFor({ timeout: UI_TIMEOUT });
    expect(await addr.textContent()).toBe('127.0.0.1'); // the admin's own sign-in, just now
    const bytes = await saveDownload(page, () => page.locator('[data-testid=audit-export]').click(), 'audit.xlsx');
    const rows = await sheetText(bytes);
    const header = rows.find((r) => r.includes('客户端地址')) ?? [];
    expect(header).toEqual(expect.arrayContaining(['操作时间', '操作人', '操作', '变更内容']));
    const login = rows.find((r) => r.includes('登录') && r.includes('127.0.0.1'));
    expect(login, JSON.stringify(rows.slice(0, 6))).toBeDefined();

    // Filtered by operator: the list and its export hold that operator's rows only.
    await page
      .locator('input[data-testid=audit-actor-filter], [data-testid=audit-actor-filter] input')
      .first()
      .fill('duty.370303');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('[data-testid=audit-table] .ant-table-row')];
        return rows.length > 0 && rows.every((r) => r.textContent?.includes('duty.370303'));
      },
      undefined,
      { timeout: UI_TIMEOUT },
    );
    const filtered = await sheetText(
      await saveDownload(page, () => page.locator('[data-testid=audit-export]').click(), 'audit-duty.xlsx'),
    );
    const actorCol = (filtered.find((r) => r.includes('操作人')) ?? []).indexOf('操作人');
    const body = filtered.filter((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[1] ?? ''));
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((r) => r[actorCol]?.includes('duty.370303'))).toBe(true);
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('in English the report table, units, roles and code labels are English, and no menu label is cut off', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'stats.370000');
    await page.getByText('EN', { exact: true }).first().click();
    await page.getByText('Statistical reports').first().waitFor({ timeout: UI_TIMEOUT });

    const labels = await page
      .locator('.ant-menu-item .ant-menu-title-content')
      .evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', cut: e.scrollWidth > e.clientWidth + 1 })));
    expect(labels.length).toBeGreaterThan(5);
    await page.screenshot({ path: join(ARTIFACTS, 'english-menu-1366.png') });
    expect(labels.filter((l) => l.cut)).toEqual([]);
    expect(await page.locator('[data-testid=user-name]').textContent()).toMatch(/ · Statistician$/);

    await page.goto(`${stack.baseUrl}/reports`);
    const table = page.locator('[data-testid=report-table]');
    await table.getByText('Total').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=report-title]').textContent()).toMatch(
      /work-safety accidents \(By domain\)/,
    );
    expect(await page.getByText('Units: accidents, persons, 10k yuan').count()).toBeGreaterThan(0);
    const head = (await table.locator('thead').textContent()) ?? '';
    expect(head).not.toMatch(/\p{Script=Han}/u);
    const firstColumn = await table.locator('tbody tr td:first-child').allTextContents();
    expect(firstColumn.join('|')).not.toMatch(/\p{Script=Han}/u);
    await page.locator('[data-testid=report-by]').getByText('By industry').click();
    await table.getByText('Manufacturing').first().waitFor({ timeout: UI_TIMEOUT });

    await page.goto(`${stack.baseUrl}/accidents`);
    await page.locator('.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    const types = (await page.locator('.ant-table-tbody').textContent()) ?? '';
    expect(types).toMatch(/Poisoning and asphyxiation|Fall from height|Struck by object|Vehicle injury|Other injury/);
    await page.screenshot({ path: join(ARTIFACTS, 'english-accidents-1366.png') });
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it("the city's 待办 puts a new report above old overdue ones; an enterprise sees whom to call", async () => {
    const ctx = await stack.newContext();
    const county = await ctx.newPage();
    await signIn(county, stack.baseUrl, 'duty.370303');
    const unitName = '待办排序测试有限公司';
    const created = await county.request.post(`${stack.baseUrl}/api/accidents`, {
      data: buildAccident({ unitName, deaths: 1 }),
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await county.request.post(`${stack.baseUrl}/api/accidents/${id}/forward`, { data: {} })).status()).toBe(
      200,
    );
    // The county forwarded it: nothing left for the county to do on it, so its 待办 does not list it.
    await county.goto(`${stack.baseUrl}/`);
    await county.locator('[data-testid=deadlines] .ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    expect(await county.locator('[data-testid=deadlines]').textContent()).not.toContain(unitName);

    const cityCtx = await stack.newContext();
    const city = await cityCtx.newPage();
    await signIn(city, stack.baseUrl, 'duty.370300');
    const first = city.locator('[data-testid=deadlines] .ant-table-row').first();
    await first.waitFor({ timeout: UI_TIMEOUT });
    expect(await city.locator('[data-testid=deadlines] .row-overdue').count()).toBeGreaterThan(0); // the demo's old ones
    expect(await first.textContent()).toContain(unitName);

    const entCtx = await stack.newContext();
    const ent = await entCtx.newPage();
    await signIn(ent, stack.baseUrl, 'ent.91370303MA3C4B2X1Y', '事故报告电话');
    // The card shows a skeleton until the contacts arrive, never "暂无" meanwhile.
    await ent
      .locator('[data-testid=reporting-contacts]', { hasText: '张店区应急管理局' })
      .waitFor({ timeout: UI_TIMEOUT });
    const contacts = (await ent.locator('[data-testid=reporting-contacts]').textContent()) ?? '';
    expect(contacts).toContain('张店区应急管理局');
    expect(contacts).toMatch(/\d{3,4}-?\d{7,8}/);
    expect(stack.pageErrors).toEqual([]);
    await Promise.all([ctx.close(), cityCtx.close(), entCtx.close()]);
  });

  it('exports the accident list, the hazard register and the duty log as filtered on screen', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'admin.370300');
    await page.goto(`${stack.baseUrl}/accidents?grade=larger`);
    await page.locator('.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    const accidents = await sheetText(
      await saveDownload(page, () => page.locator('[data-testid=accident-export-xlsx]').click(), 'accidents.xlsx'),
    );
    const gradeCol = (accidents.find((r) => r.includes('事故等级')) ?? []).indexOf('事故等级');
    const body = accidents.filter((r) => /^\d{6}-\d{8}-\d{3}$/.test(r[1] ?? ''));
    expect(body.length).toBeGreaterThan(0);
    expect(new Set(body.map((r) => r[gradeCol]))).toEqual(new Set(['较大事故']));

    await page.goto(`${stack.baseUrl}/hazards`);
    await page.locator('.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    const hazards = await sheetText(
      await saveDownload(page, () => page.locator('[data-testid=hazard-export-xlsx]').click(), 'hazards.xlsx'),
    );
    expect(hazards.some((r) => r.some((c) => /^[一二三四]级$/.test(c)))).toBe(true);

    await page.goto(`${stack.baseUrl}/duty`);
    await page.getByText('值班记录').first().click();
    const log = await sheetText(
      await saveDownload(page, () => page.locator('[data-testid=duty-log-export]').click(), 'duty-log.xlsx'),
    );
    expect(log.find((r) => r.includes('接报时间'))).toEqual(expect.arrayContaining(['来电单位', '内容', '记录人']));
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });
});
