/** The audit trail in words: which fields changed, named and valued as a reader expects (screen and export alike). */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../web/locales/zh-CN.js';
import { auditChanges, changeLine } from './audit-text.js';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN } },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
});

describe('auditChanges', () => {
  it.each([
    ['a changed figure', { deaths: 0 }, { deaths: 1 }, ['死亡人数：0 → 1']],
    [
      'a created record: set values only, empty ones left out',
      null,
      { unitName: '某公司', note: '' },
      ['事故发生单位：某公司'],
    ],
    ['identifiers and unchanged fields left out', { id: 'x', grade: 'general' }, { id: 'y', grade: 'general' }, []],
    ['codes named', { grade: 'general' }, { grade: 'larger' }, ['事故等级：一般事故 → 较大事故']],
    [
      'registry rows as stored (snake_case) get the same label',
      { credit_code: 'A' },
      { credit_code: 'B' },
      ['统一社会信用代码：A → B'],
    ],
    ['a time in Asia/Shanghai', null, { occurredAt: '2026-11-25T02:00:00.000Z' }, ['事故发生时间：2026-11-25 10:00']],
    ['a removed field', { note: '旧' }, {}, ['说明：旧 → —']],
  ])('%s', (_, before, after, lines) => {
    expect(auditChanges(before, after).map((c) => changeLine(i18n.t, c))).toEqual(lines);
  });
});
