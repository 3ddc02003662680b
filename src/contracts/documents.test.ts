/** GB/T 9704-2012 7.3.5.2: where 署名 and 成文日期 sit on a document without a seal (boundary table). */
import { describe, expect, it } from 'vitest';
import { signatureIndents, textWidthInChars } from './documents.js';

describe('signatureIndents', () => {
  it.each([
    // 署名 (width), 成文日期 (width), right indents in characters
    ['淄博市张店区应急管理局', '2026年1月5日', { signature: 2, date: 5 }], // 11 vs 6: 署名 右空二字, the date 2 further in
    ['山东省安全生产委员会办公室', '2026年1月5日', { signature: 2, date: 7 }], // 13 vs 6
    ['淄博市应急管理局', '2026年1月5日', { signature: 2, date: 2 }], // 8 vs 6: exactly two apart
    ['山东省应急管理厅', '2026年11月25日', { signature: 3, date: 2 }], // 8 vs 7: the date 右空二字, 署名 moves left
    ['应急局', '2026年12月31日', { signature: 8, date: 2 }], // 3 vs 7
  ])('%s / %s', (signature, date, expected) => {
    const got = signatureIndents(signature, date);
    expect(got).toEqual(expected);
    // The date starts two characters right of the 署名 in every case.
    expect(textWidthInChars(signature) + got.signature).toBe(textWidthInChars(date) + got.date + 2);
  });

  it('counts CJK as one character and ASCII digits as half', () => {
    expect(textWidthInChars('2026年11月25日')).toBe(7);
    expect(textWidthInChars('应急管理局')).toBe(5);
  });
});
