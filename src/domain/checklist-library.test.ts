/** The shipped 检查事项库: its shape, its codes, its templates and its links to the 判定标准 as boundary tables. */
import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_SECTOR_NAMES,
  CHECKLIST_SECTORS,
  CHECKLIST_TEMPLATES,
  type ChecklistSector,
  checklistItem,
} from './checklist-library.js';
import { DANGER_STANDARD_ITEMS, standardItem } from './danger-standards.js';

const PREFIX: Record<ChecklistSector, string> = {
  general: 'GEN',
  hazardous_chemicals: 'HC',
  industry_trade: 'IT',
  non_coal_mine: 'NCM',
};

/** 第N条 (optionally …款/项), or a standard's clause number such as 6.1.1.1. */
const LAW_ARTICLE = /^第[一二三四五六七八九十百零]+条/;
const CLAUSE = /^\d+(\.\d+)*$/;

describe('the library as a whole', () => {
  it('has at least 100 items (80 is the floor the product promises)', () => {
    expect(CHECKLIST_ITEMS.length).toBeGreaterThanOrEqual(100);
  });

  it('has no two items with the same code', () => {
    const codes = CHECKLIST_ITEMS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('names every sector, and only those', () => {
    expect(Object.keys(CHECKLIST_SECTOR_NAMES).sort()).toEqual([...CHECKLIST_SECTORS].sort());
    for (const s of CHECKLIST_SECTORS) expect(CHECKLIST_SECTOR_NAMES[s].length).toBeGreaterThan(0);
  });

  it.each(CHECKLIST_SECTORS)('sector %s has at least 15 items', (sector) => {
    expect(CHECKLIST_ITEMS.filter((i) => i.sector === sector).length).toBeGreaterThanOrEqual(15);
  });
});

describe('item codes', () => {
  it.each(CHECKLIST_ITEMS.map((i) => [i.code, i.sector] as const))('%s belongs to %s by its prefix', (code, sector) => {
    expect(code).toMatch(new RegExp(`^${PREFIX[sector]}-\\d{3}$`));
  });

  it.each(CHECKLIST_SECTORS)('sector %s is numbered 001… without gaps, in order', (sector) => {
    const numbers = CHECKLIST_ITEMS.filter((i) => i.sector === sector).map((i) => Number(i.code.split('-')[1]));
    expect(numbers).toEqual(numbers.map((_, k) => k + 1));
  });
});

describe('every item says what to check and on what basis', () => {
  it.each(CHECKLIST_ITEMS.map((i) => [i.code, i] as const))('%s', (_code, i) => {
    expect(i.group.trim()).not.toBe('');
    expect(i.requirement.trim()).not.toBe('');
    expect(i.basis.law.trim()).not.toBe('');
    expect(i.basis.text.trim()).not.toBe('');
    for (const s of [i.group, i.requirement, i.basis.law, i.basis.article, i.basis.text]) expect(s).toBe(s.trim());
    // A clause number only for a standard (GB …); laws and rules cite 第N条.
    if (CLAUSE.test(i.basis.article)) expect(i.basis.law).toMatch(/^GB \d+/);
    else expect(i.basis.article).toMatch(LAW_ARTICLE);
  });
});

describe('the article pattern', () => {
  it.each([
    ['第二十一条', true],
    ['第二十八条第二款、第三款', true],
    ['第三条第（一）项', true],
    ['第一百一十七条', true],
    ['6.1.1.1', true],
    ['4.2', true],
    ['第21条', false],
    ['二十一条', false],
    ['附录A', false],
    ['4.', false],
    ['', false],
  ])('%s → %s', (article, ok) => {
    expect(LAW_ARTICLE.test(article) || CLAUSE.test(article)).toBe(ok);
  });
});

describe('links to the 判定标准 (majorStandardItem)', () => {
  const linked = CHECKLIST_ITEMS.filter((i) => i.majorStandardItem !== undefined);

  it('are used', () => {
    expect(linked.length).toBeGreaterThanOrEqual(10);
  });

  it.each(linked.map((i) => [i.code, i.majorStandardItem, i.sector] as const))(
    '%s → %s exists and fits its sector',
    (_code, standard, sector) => {
      const s = standardItem(standard ?? '');
      expect(s).toBeDefined();
      expect(DANGER_STANDARD_ITEMS).toContain(s);
      // 工贸 items name the 工贸 standard, 危化 items the 化工 standard.
      expect(s?.standard).toBe(sector === 'industry_trade' ? 'gongmao2023' : 'huagong2017');
      expect(['industry_trade', 'hazardous_chemicals']).toContain(sector);
    },
  );

  it.each([
    ['IT-001', 'GM2023-3-1'],
    ['IT-002', 'GM2023-3-2'],
    ['IT-003', 'GM2023-3-3'],
    ['HC-004', 'HG2017-01'],
    ['HC-005', 'HG2017-02'],
    ['HC-009', 'HG2017-05'],
    ['HC-012', undefined],
    ['GEN-035', undefined], // the same duty for every unit: 重大 only under the 工贸 standard (IT-001)
  ])('%s → %s', (code, standard) => {
    expect(checklistItem(code)?.majorStandardItem).toBe(standard);
  });

  it('every 令第10号 第三条 situation has an item', () => {
    const gm = DANGER_STANDARD_ITEMS.filter((s) => s.standard === 'gongmao2023').map((s) => s.code);
    const used = new Set(linked.map((i) => i.majorStandardItem));
    for (const code of gm) expect(used).toContain(code);
  });
});

describe('anchors: codes stay on their rule', () => {
  it.each([
    ['GEN-001', '安全生产法', '第二十一条第（一）项'],
    ['GEN-030', '安全生产法', '第四十五条'],
    ['GEN-039', '安全生产法', '第八十一条'],
    ['GEN-042', '应急预案管理办法', '第三十三条'],
    ['HC-017', '危险化学品安全管理条例', '第二十四条'],
    ['HC-030', '重大危险源监督管理暂行规定', '第十三条第（一）项'],
    ['HC-045', 'GB 30871', '6.3'],
    ['IT-015', '粉尘防爆安全规定', '第十五条第一款'],
    ['IT-031', '工贸企业重大事故隐患判定标准', '第十三条第（一）项'],
    ['NCM-010', 'GB 16423', '6.1.1.1'],
    ['NCM-014', '非煤矿山外包工程安全管理暂行办法', '第八条'],
  ])('%s cites %s %s', (code, law, article) => {
    const i = checklistItem(code);
    expect(i?.basis.law).toContain(law);
    expect(i?.basis.article).toBe(article);
  });
});

describe('templates', () => {
  it('have unique codes', () => {
    const codes = CHECKLIST_TEMPLATES.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(['T-GEN', 'T-HC', 'T-IT', 'T-IT-DUST', 'T-IT-CONFINED', 'T-NCM'])('%s is shipped', (code) => {
    expect(CHECKLIST_TEMPLATES.map((t) => t.code)).toContain(code);
  });

  it.each(CHECKLIST_SECTORS)('sector %s has a template', (sector) => {
    expect(CHECKLIST_TEMPLATES.some((t) => t.sector === sector)).toBe(true);
  });

  it.each(CHECKLIST_TEMPLATES.map((t) => [t.code, t] as const))(
    '%s: 8–30 existing, distinct items of its sector or general',
    (_code, t) => {
      expect(t.name.trim()).not.toBe('');
      expect(t.itemCodes.length).toBeGreaterThanOrEqual(8);
      expect(t.itemCodes.length).toBeLessThanOrEqual(30);
      expect(new Set(t.itemCodes).size).toBe(t.itemCodes.length);
      for (const code of t.itemCodes) {
        const i = checklistItem(code);
        expect(i, code).toBeDefined();
        expect([t.sector, 'general']).toContain(i?.sector);
      }
      // A sector's template is about that sector: it carries some of its own items.
      if (t.sector !== 'general') expect(t.itemCodes.some((c) => checklistItem(c)?.sector === t.sector)).toBe(true);
    },
  );
});

describe('checklistItem', () => {
  it.each([
    ['GEN-001', true],
    ['HC-050', true],
    ['IT-033', true],
    ['NCM-021', true],
    ['NCM-022', false], // past the end
    ['GEN-000', false],
    ['gen-001', false], // codes are case-sensitive
    ['GEN-1', false],
    [' GEN-001', false],
    ['XX-001', false],
    ['', false],
  ])('%s → found %s', (code, found) => {
    const i = checklistItem(code);
    expect(i !== undefined).toBe(found);
    if (found) expect(i?.code).toBe(code);
  });
});
