/**
 * Issue 10, bar 1: on a phone-sized screen an inspector starts an inspection, loses the network, records 3 items with
 * 2 photos, and gets it back; the inspection reaches the server once, with both photos and their SHA-256; its
 * 不符合 item is a hidden danger with an order, and the enterprise sees it. Screenshots in e2e/artifacts.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainPng } from '../src/server/db/seed/png.js';
import { ARTIFACTS, hasChromium, PHONE, type Stack, signIn, startStack, UI_TIMEOUT } from './support.js';

const PLACE = '液氨罐区（离线检查测试）';

/** A real photo (a plain PNG of its own colour): the detail page shows it. */
function photo(n: number): { name: string; mimeType: string; buffer: Buffer } {
  return { name: `现场${n}.png`, mimeType: 'image/png', buffer: plainPng(160, 120, [60 * n, 140, 200 - 40 * n]) };
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function pickOption(page: Page, text: string): Promise<void> {
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

/**
 * Picks an option of a select and checks that it took. On a loaded 2-core machine a click can land while the
 * dropdown is still sliding in and select nothing; then it is opened and clicked again.
 */
async function pickFrom(page: Page, select: Locator, text: string): Promise<void> {
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text })
    .first();
  for (let attempt = 1; ; attempt++) {
    if (!(await option.isVisible())) await select.click();
    await option.click();
    try {
      await expect.poll(() => select.textContent(), { timeout: 3000 }).toContain(text);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

async function choose(card: Locator, label: string): Promise<void> {
  await card.getByText(label, { exact: true }).first().click();
}

/** A new inspection of 淄博鑫泰化工 at `place`, by a team of two certified officers, on the 危险化学品 template. */
async function openNewInspection(
  page: Page,
  baseUrl: string,
  place: string,
): Promise<{ form: Locator; codes: string[] }> {
  await page.goto(`${baseUrl}/inspections`);
  await page.locator('[data-testid=inspection-new]').click();
  await page.waitForURL(/\/inspections\/drafts\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
  const form = page.locator('[data-testid=inspection-form]');
  await form.waitFor({ timeout: UI_TIMEOUT });

  // Online at the gate: the unit, the place, the team of two certified officers and a template.
  await page.locator('#inspection-enterprise').fill('鑫泰');
  const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  await expect
    .poll(async () => {
      const names = await options.allTextContents();
      return names.length > 0 && names.every((n) => n.includes('鑫泰'));
    })
    .toBe(true);
  await pickOption(page, '鑫泰');
  await page.locator('[data-testid=inspection-place]').fill(place);
  await page.locator('[data-testid=inspection-team]').click();
  const officers = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
    hasText: '执法证号',
  });
  await officers.first().waitFor({ timeout: UI_TIMEOUT });
  await officers.nth(0).click();
  await officers.nth(1).click();
  await page.locator('[data-testid=inspection-place]').click(); // closes the team's dropdown
  await expect.poll(() => page.locator('[data-testid=inspection-team] .ant-select-selection-item').count()).toBe(2);
  await pickFrom(page, page.locator('[data-testid=inspection-template]'), '危险化学品企业检查');
  const cards = form.locator('[data-testid^="item-"]');
  await expect.poll(() => cards.count(), { timeout: UI_TIMEOUT }).toBeGreaterThanOrEqual(3);
  const codes = await Promise.all(
    [0, 1, 2].map(async (i) => ((await cards.nth(i).getAttribute('data-testid')) ?? '').slice('item-'.length)),
  );
  return { form, codes };
}

describe.skipIf(!hasChromium)('on-site inspection on a phone, offline', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ history: true });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('records 3 items and 2 photos offline, syncs once online, and the 不符合 item is a danger the enterprise sees', async () => {
    const ctx = await stack.newContext(PHONE);
    await ctx.grantPermissions(['geolocation']);
    await ctx.setGeolocation({ latitude: 36.8131, longitude: 118.0549, accuracy: 12 });
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'inspector.370303');
    const { form, codes } = await openNewInspection(page, stack.baseUrl, PLACE);

    // The plant has no network.
    await ctx.setOffline(true);
    await page.locator('[data-testid=outbox]', { hasText: '离线' }).waitFor({ timeout: UI_TIMEOUT });
    const [first, second, third] = codes.map((c) => form.locator(`[data-testid="item-${c}"]`)) as [
      Locator,
      Locator,
      Locator,
    ];
    const photos = [photo(1), photo(2)];
    await choose(first, '符合');
    await first.locator(`[data-testid="photo-input-${codes[0]}"]`).setInputFiles(photos[0] as never);
    await choose(second, '不涉及');
    await choose(third, '不符合');
    await third.locator(`[data-testid="note-${codes[2]}"]`).fill('液氨储罐区紧急切断阀未投用');
    await choose(third, '列为隐患');
    await third.locator(`[data-testid="deadline-${codes[2]}"]`).fill('2030-06-30');
    await third.locator(`[data-testid="photo-input-${codes[2]}"]`).setInputFiles(photos[1] as never);
    await expect.poll(() => form.locator('[data-testid=draft-photo]').count()).toBe(2);
    await page.locator('[data-testid=inspection-findings]').fill('检查3项，1项不符合，已责令限期整改。');
    await page.locator('[data-testid=inspection-representative]').fill('王建国');
    // 王建国 signs on the screen with a finger (one stroke).
    const pad = page.locator('[data-testid=signature-pad]');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error('no signature pad');
    await page.mouse.move(box.x + 30, box.y + 120);
    await page.mouse.down();
    for (const [dx, dy] of [
      [60, -60],
      [120, 20],
      [180, -40],
      [260, 30],
    ] as const) {
      await page.mouse.move(box.x + 30 + dx, box.y + 120 + dy, { steps: 5 });
    }
    await page.mouse.up();
    await expect.poll(() => pad.getAttribute('data-signed')).toBe('true');
    const before = await countInspections(stack);
    await page.locator('[data-testid=inspection-submit]').click();

    // Queued on the device, and the screen says what is not yet synced.
    await page.locator('[data-testid=draft-state][data-state=queued]').waitFor({ timeout: UI_TIMEOUT });
    const outbox = page.locator('[data-testid=outbox]');
    await expect.poll(() => outbox.getAttribute('data-pending')).toBe('1');
    expect(await outbox.textContent()).toContain('1 份检查记录未同步（照片/录音 2 份）');
    await page.screenshot({ path: join(ARTIFACTS, 'inspection-offline-390.png'), fullPage: true });
    expect(await countInspections(stack)).toBe(before);

    // The network is back: the outbox sends it, once.
    await ctx.setOffline(false);
    await page.locator('[data-testid=draft-state][data-state=synced]').waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => outbox.getAttribute('data-pending')).toBe('0');
    expect(await countInspections(stack)).toBe(before + 1);
    const rows = await sql<{ id: string; nonconforming: number; item_count: number; signature_image: string }>`
      SELECT id, nonconforming, item_count, signature_image FROM inspections WHERE place = ${PLACE}`.execute(
      stack.db.kysely,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ item_count: 3, nonconforming: 1 });
    expect(rows.rows[0]?.signature_image).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    const id = rows.rows[0]?.id as string;
    const evidence = await sql<{ sha256: string; latitude: number | null }>`
      SELECT sha256, latitude FROM evidence WHERE inspection_id = ${id}`.execute(stack.db.kysely);
    expect(evidence.rows.map((e) => e.sha256).sort()).toEqual(photos.map((p) => sha256(p.buffer)).sort());
    expect(evidence.rows.every((e) => e.latitude !== null)).toBe(true);

    // The record: the danger and its order, the 现场检查记录.
    await page.getByText('查看').first().click();
    await page.locator('[data-testid=inspection-detail]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=inspection-document]').textContent()).toMatch(
      /（淄张）应急检记〔\d{4}〕\d+号/,
    );
    // The photos and the signature as drawn, served by the platform.
    const shown = page.locator('[data-testid=inspection-detail] img[src^="/api/evidence/"]');
    await expect
      .poll(() => shown.evaluateAll((imgs: HTMLImageElement[]) => imgs.filter((i) => i.naturalWidth > 0).length))
      .toBe(2);
    const drawn = page.locator('[data-testid=inspection-signature]');
    await expect
      .poll(() => drawn.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    const dangers = await sql<{ id: string; deadline: string; source: string }>`
      SELECT id, deadline::text AS deadline, source FROM hidden_dangers WHERE inspection_id = ${id}`.execute(
      stack.db.kysely,
    );
    expect(dangers.rows).toEqual([{ id: expect.any(String), deadline: '2030-06-30', source: 'inspection' }]);
    await page.screenshot({ path: join(ARTIFACTS, 'inspection-detail-390.png'), fullPage: true });

    // The enterprise sees the danger and its order.
    const entCtx = await stack.newContext(PHONE);
    const ent = await entCtx.newPage();
    await signIn(ent, stack.baseUrl, 'ent.91370303MA3C4B2X1Y', '事故报告电话');
    await ent.goto(`${stack.baseUrl}/hidden-dangers/${dangers.rows[0]?.id}`);
    await ent.locator('[data-testid=danger-title]').waitFor({ timeout: UI_TIMEOUT });
    expect(await ent.locator('body').textContent()).toContain('液氨储罐区紧急切断阀未投用');
    expect(await ent.locator('[data-testid=danger-documents]').textContent()).toMatch(/责令限期整改指令书/);
    await ent.goto(`${stack.baseUrl}/inspections`);
    await ent.getByText('淄博鑫泰化工有限公司').first().waitFor({ timeout: UI_TIMEOUT });

    // Installable, and a start without network still opens the inspector's screens: the service worker keeps the
    // shell, the device keeps the user, the drafts and the checklist.
    const manifest = await page.request.get(`${stack.baseUrl}/manifest.webmanifest`);
    expect((await manifest.json()) as { display: string }).toMatchObject({
      display: 'standalone',
      start_url: '/inspections',
    });
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).active))).toBe(true);
    await page.goto(`${stack.baseUrl}/inspections`);
    await page.locator('[data-testid=device-drafts]').waitFor({ timeout: UI_TIMEOUT });
    await ctx.setOffline(true);
    await page.reload();
    await page.locator('[data-testid=device-drafts]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=outbox]').textContent()).toContain('离线');
    expect(await page.locator('[data-testid=device-drafts]').textContent()).toContain('淄博鑫泰化工有限公司');
    await ctx.setOffline(false);

    expect(stack.pageErrors).toEqual([]);
    await Promise.all([ctx.close(), entCtx.close()]);
  });
  it('records a voice memo in the page with the microphone; it syncs as audio evidence and plays on the record', async () => {
    const ctx = await stack.newContext(PHONE);
    await ctx.grantPermissions(['microphone']);
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'inspector.370303');
    const place = '配电室（录音测试）';
    const { form, codes } = await openNewInspection(page, stack.baseUrl, place);
    const first = form.locator(`[data-testid="item-${codes[0]}"]`);
    await choose(first, '符合');
    await first.locator(`[data-testid="record-${codes[0]}"]`).click();
    const stop = first.locator(`[data-testid="record-${codes[0]}-stop"]`);
    await stop.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => stop.textContent(), { timeout: UI_TIMEOUT }).toContain('0:02');
    await stop.click();
    await first.locator('[data-testid=draft-audio]').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid=inspection-findings]').fill('配电室检查1项，符合。');
    await page.locator('[data-testid=inspection-representative]').fill('李明');
    await page.locator('[data-testid=inspection-submit]').click();
    await page.locator('[data-testid=draft-state][data-state=synced]').waitFor({ timeout: UI_TIMEOUT });

    const evidence = await sql<{ kind: string; content_type: string; size: number }>`
      SELECT e.kind, e.content_type, e.size FROM evidence e
      JOIN inspections i ON i.region_code = e.region_code AND i.id = e.inspection_id
      WHERE i.place = ${place}`.execute(stack.db.kysely);
    expect(evidence.rows).toHaveLength(1);
    expect(evidence.rows[0]).toMatchObject({ kind: 'audio', content_type: 'audio/webm' });
    expect(Number(evidence.rows[0]?.size)).toBeGreaterThan(1000);

    await page.getByText('查看').first().click();
    const played = page.locator('[data-testid=inspection-evidence] audio');
    await played.waitFor({ timeout: UI_TIMEOUT });
    await expect
      .poll(() => played.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: UI_TIMEOUT })
      .toBeGreaterThan(0);
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });
  it('an enterprise checks itself from a template; its 不符合 item is its own danger, and the county sees the record', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'ent.91370303MA3C4B2X1Y', '事故报告电话');
    await page.goto(`${stack.baseUrl}/self-inspections`);
    await page.locator('[data-testid=self-inspection-new]').click();
    await page.locator('[data-testid=self-inspection-form]').waitFor({ timeout: UI_TIMEOUT });
    await pickFrom(page, page.locator('[data-testid=self-template]'), '危险化学品企业检查');
    const cards = page.locator('[data-testid^="self-item-"]');
    await expect.poll(() => cards.count(), { timeout: UI_TIMEOUT }).toBeGreaterThanOrEqual(3);
    const n = await cards.count();
    for (let i = 0; i < n; i++) await choose(cards.nth(i), i === 0 ? '不符合' : '符合');
    const first = cards.first();
    const code = ((await first.getAttribute('data-testid')) ?? '').slice('self-item-'.length);
    await first.locator(`[data-testid="self-deadline-${code}"]`).fill('2030-06-30');
    await first.locator(`[data-testid="self-deadline-${code}"]`).press('Enter');
    await first.getByPlaceholder('整改措施').fill('完善制度并组织培训');
    await page.locator('[data-testid=self-inspector]').fill('安全员 赵强');
    await page.locator('[data-testid=self-submit]').click();
    await page.locator('[data-testid=self-inspection-detail]').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid=self-inspection-dangers] a').first().waitFor({ timeout: UI_TIMEOUT });

    const rows = await sql<{ id: string; item_count: number; nonconforming: number }>`
      SELECT id, item_count, nonconforming FROM self_inspections WHERE inspector_name = '安全员 赵强'`.execute(
      stack.db.kysely,
    );
    expect(rows.rows).toEqual([{ id: expect.any(String), item_count: n, nonconforming: 1 }]);
    const dangers = await sql<{ source: string; deadline: string }>`
      SELECT source, deadline::text AS deadline FROM hidden_dangers WHERE measures = '完善制度并组织培训'`.execute(
      stack.db.kysely,
    );
    expect(dangers.rows).toEqual([{ source: 'self_check', deadline: '2030-06-30' }]);

    // The county's inspector finds it among the enterprises' self-inspections.
    const bureau = await stack.newContext();
    const officer = await bureau.newPage();
    await signIn(officer, stack.baseUrl, 'inspector.370303');
    await officer.goto(`${stack.baseUrl}/self-inspections`);
    await officer
      .locator('[data-testid=self-inspection-list] .ant-table-row', { hasText: '安全员 赵强' })
      .waitFor({ timeout: UI_TIMEOUT });
    expect(stack.pageErrors).toEqual([]);
    await bureau.close();
    await ctx.close();
  });
});

async function countInspections(stack: Stack): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM inspections`.execute(stack.db.kysely);
  return Number(r.rows[0]?.n);
}
