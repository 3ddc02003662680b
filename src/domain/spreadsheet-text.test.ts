import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './spreadsheet-text.js';

describe('neutraliseFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://evil.example","点击")', '\'=HYPERLINK("http://evil.example","点击")'],
    ['+86 533 3100000', "'+86 533 3100000"],
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['-', "'-"],
    ['-34.0%', '-34.0%'],
    ['+12', '+12'],
    ['-1,885.1', '-1,885.1'],
    ['淄博鑫泰化工有限公司', '淄博鑫泰化工有限公司'],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
    ['＝1', '＝1'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });
});
