import { describe, expect, it } from 'vitest';
import {
  asOfPhrase,
  type BreakdownLine,
  type BulletinFigures,
  breakdownClause,
  bulletinPeriod,
  bulletinText,
  bulletinTitle,
  chineseDate,
  composeBulletin,
  dateRangeLabel,
  defaultRecipients,
  periodName,
  scopeLabel,
} from './bulletin.js';
import { type Indicators, ZERO_INDICATORS } from './statistics.js';

const at = (s: string) => new Date(`${s}+08:00`);
const p = (from: string, to: string) => ({ from: at(from), to: at(to) });
const ind = (v: Partial<Indicators> = {}): Indicators => ({ ...ZERO_INDICATORS, ...v });

describe('dates and period names (Asia/Shanghai)', () => {
  it.each([
    ['2026-11-25T00:30:00', '2026年11月25日'],
    ['2026-01-01T00:00:00', '2026年1月1日'],
  ])('chineseDate %s → %s', (s, text) => {
    expect(chineseDate(at(s))).toBe(text);
  });

  it.each([
    [p('2026-10-01T00:00:00', '2026-11-01T00:00:00'), '2026年10月'],
    [p('2026-07-01T00:00:00', '2026-10-01T00:00:00'), '2026年第三季度'],
    [p('2026-01-01T00:00:00', '2027-01-01T00:00:00'), '2026年'],
    [p('2026-01-01T00:00:00', '2026-11-01T00:00:00'), '2026年1—10月'],
    [p('2026-11-16T00:00:00', '2026-11-23T00:00:00'), '2026年11月16日至22日'],
    [p('2026-03-05T00:00:00', '2026-04-11T00:00:00'), '2026年3月5日至4月10日'],
    [p('2025-12-01T00:00:00', '2026-01-16T00:00:00'), '2025年12月1日至2026年1月15日'],
    [p('2026-03-05T00:00:00', '2026-03-06T00:00:00'), '2026年3月5日'],
    [p('2026-01-01T00:00:00', '2026-11-25T10:00:00'), '2026年1月1日至11月25日'],
  ])('periodName %#', (period, name) => {
    expect(periodName(period)).toBe(name);
  });

  it('dateRangeLabel names the last day inside [from, to)', () => {
    expect(dateRangeLabel(p('2026-10-01T00:00:00', '2026-11-01T00:00:00'))).toBe('2026年10月1日至31日');
  });
});

describe('bulletinPeriod', () => {
  const now = at('2026-11-25T10:00:00');

  it.each([
    ['weekly', undefined, p('2026-11-23T00:00:00', '2026-11-25T10:00:00'), true],
    ['weekly', at('2026-11-18T12:00:00'), p('2026-11-16T00:00:00', '2026-11-23T00:00:00'), false],
    ['monthly', at('2026-10-15T00:00:00'), p('2026-10-01T00:00:00', '2026-11-01T00:00:00'), false],
    ['monthly', undefined, p('2026-11-01T00:00:00', '2026-11-25T10:00:00'), true],
    ['quarterly', at('2026-08-01T00:00:00'), p('2026-07-01T00:00:00', '2026-10-01T00:00:00'), false],
  ] as const)('%s from %s', (kind, from, period, ongoing) => {
    const bp = bulletinPeriod(kind, { from }, now);
    expect(bp).toMatchObject({ period, ongoing });
  });

  it('a range needs both ends in order, and a period that has not started is refused', () => {
    expect(bulletinPeriod('range', {}, now)).toEqual({ error: 'from_required', field: 'from' });
    expect(bulletinPeriod('range', { from: at('2026-01-01T00:00:00') }, now)).toEqual({
      error: 'to_required',
      field: 'to',
    });
    expect(bulletinPeriod('range', { from: now, to: at('2026-01-01T00:00:00') }, now)).toEqual({
      error: 'after_to',
      field: 'from',
    });
    expect(bulletinPeriod('monthly', { from: at('2026-12-01T00:00:00') }, now)).toEqual({
      error: 'not_started',
      field: 'from',
    });
  });

  it('a range running past now is cut at now', () => {
    const bp = bulletinPeriod('range', { from: at('2026-01-01T00:00:00'), to: at('2027-01-01T00:00:00') }, now);
    expect(bp).toMatchObject({ period: p('2026-01-01T00:00:00', '2026-11-25T10:00:00'), ongoing: true });
  });

  it.each([
    ['range', { from: at('2026-01-01T00:00:00'), to: now }, '截至到目前'],
    ['monthly', {}, '11月1日以来'],
    ['monthly', { from: at('2026-10-01T00:00:00') }, '2026年10月'],
    ['range', { from: at('2026-01-01T00:00:00'), to: at('2026-11-01T00:00:00') }, '2026年1—10月'],
  ] as const)('asOfPhrase %s %#', (kind, given, phrase) => {
    const bp = bulletinPeriod(kind, given, now);
    if ('error' in bp) throw new Error(bp.error);
    expect(asOfPhrase(bp)).toBe(phrase);
  });
});

describe('names', () => {
  it.each([
    ['national', '应急管理部', '全国'],
    ['province', '山东省', '全省'],
    ['province', '北京市', '全市'],
    ['province', '内蒙古自治区', '全区'],
    ['city', '淄博市', '全市'],
    ['city', '大兴安岭地区', '全地区'],
    ['county', '张店区', '全区'],
    ['county', '沂源县', '全县'],
    ['town', '湖田街道', '全街道'],
    ['town', '某某开发区管委会', '本辖区'],
  ])('scopeLabel %s %s → %s', (level, name, label) => {
    expect(scopeLabel(level, name)).toBe(label);
  });

  it('title and 主送', () => {
    expect(bulletinTitle('monthly', '山东省', p('2026-10-01T00:00:00', '2026-11-01T00:00:00'))).toBe(
      '山东省2026年10月生产安全事故情况通报',
    );
    expect(bulletinTitle('quarterly', '淄博市', p('2026-07-01T00:00:00', '2026-10-01T00:00:00'))).toBe(
      '淄博市2026年第三季度安全生产形势研判',
    );
    expect(defaultRecipients('province', '全省')).toBe('各市应急管理局，省安委会有关成员单位：');
    expect(defaultRecipients('county', '全县')).toBe('各乡镇（街道），县安委会有关成员单位：');
  });
});

describe('breakdownClause', () => {
  const row = (c: Partial<Indicators>, pr: Partial<Indicators>): BreakdownLine => ({
    key: 'x',
    label: 'x',
    current: ind(c),
    previous: ind(pr),
  });

  it.each([
    [
      row({ accidents: 12, deaths: 3 }, { accidents: 17, deaths: 3 }),
      '建筑业发生事故12起、死亡3人，起数同比减少5起、下降29.4%，死亡人数同比持平',
    ],
    [
      row({ accidents: 4, deaths: 2 }, { accidents: 0, deaths: 0 }),
      '建筑业发生事故4起、死亡2人，起数同比增加4起，死亡人数同比增加2人',
    ],
    [row({ accidents: 0 }, { accidents: 2, deaths: 1 }), '建筑业未发生事故（去年同期2起、死亡1人）'],
    [row({}, {}), null],
  ])('%#', (r, text) => {
    expect(breakdownClause('建筑业', '建筑业发生事故', r)).toBe(text);
  });

  it('a name that ends in 事故 is not doubled', () => {
    expect(breakdownClause('坍塌事故', '发生坍塌事故', row({ accidents: 0 }, { accidents: 2, deaths: 1 }))).toBe(
      '未发生坍塌事故（去年同期2起、死亡1人）',
    );
  });
});

describe('composeBulletin', () => {
  const figures: BulletinFigures = {
    summary: {
      current: ind({ accidents: 3059, deaths: 692, injuries: 1649, directLossYuan: 80_475_000 }),
      previous: ind({ accidents: 3181, deaths: 694, injuries: 1726, directLossYuan: 58_805_000 }),
      largerCurrent: ind({ accidents: 35, deaths: 150, injuries: 57, directLossYuan: 16_862_000 }),
      largerPrevious: ind({ accidents: 29, deaths: 103, injuries: 57, directLossYuan: 3_910_000 }),
    },
    byDomain: [
      {
        key: 'industrial',
        label: '工矿商贸',
        current: ind({ accidents: 3059, deaths: 692 }),
        previous: ind({ accidents: 3181, deaths: 694 }),
      },
      { key: 'fire', label: '火灾', current: ind(), previous: ind() },
    ],
    byIndustry: [],
    byRegion: [],
    byType: [{ key: '01', label: '物体打击', current: ind({ accidents: 1, deaths: 1 }), previous: ind() }],
    larger: [
      {
        occurredAt: at('2026-03-05T09:00:00'),
        regionName: '淄博市张店区',
        unitName: '淄博华光建筑工程有限公司',
        typeLabel: '高处坠落',
        gradeLabel: '较大事故',
        deaths: 3,
        injuries: 0,
        summary: '外墙作业人员从吊篮坠落',
      },
    ],
  };
  const now = at('2026-11-25T10:00:00');
  const bp = bulletinPeriod('range', { from: at('2026-01-01T00:00:00'), to: now }, now);
  if ('error' in bp) throw new Error(bp.error);
  const b = composeBulletin(
    {
      kind: 'range',
      regionName: '山东省',
      regionLevel: 'province',
      bulletinPeriod: bp,
      issuingOrgan: '山东省应急管理厅',
      date: now,
    },
    figures,
  );
  const text = bulletinText(b);

  it('has the seed-004 paragraph under 一、事故总体情况, exactly', () => {
    expect(text).toContain(
      '\u3000\u3000一、事故总体情况\n\u3000\u3000截至到目前，全省共发生各类事故3059起，死亡692人，受伤1649人，直接经济损失8047.5万元，' +
        '同比减少122起、2人、77人和增加2167万元，分别下降3.8%、0.3%、4.5%和上升36.9%。其中，发生较大事故35起，死亡150人，' +
        '受伤57人，直接经济损失1686.2万元，同比增加6起、47人、持平和1295.2万元，分别上升20.7%、45.6%、持平和331.3%。',
    );
  });

  it('title, 主送, sections in order, 署名 and 成文日期 last', () => {
    expect(
      text.startsWith('山东省2026年1月1日至11月25日生产安全事故情况通报\n\n各市应急管理局，省安委会有关成员单位：\n'),
    ).toBe(true);
    const order = [
      '一、事故总体情况',
      '二、分行业（领域）情况',
      '三、分地区情况',
      '四、分类型情况',
      '五、较大及以上事故情况',
      '六、下步工作要求',
    ];
    const positions = order.map((h) => text.indexOf(h));
    expect(positions.every((x, i) => x > 0 && (i === 0 || x > (positions[i - 1] as number)))).toBe(true);
    expect(text.endsWith('\n山东省应急管理厅\n2026年11月25日\n')).toBe(true);
  });

  it('breakdowns skip empty rows; the 较大 list has one item per accident', () => {
    expect(text).toContain(
      '工矿商贸领域发生事故3059起、死亡692人，起数同比减少122起、下降3.8%，死亡人数同比减少2人、下降0.3%。',
    );
    expect(text).not.toContain('火灾领域');
    expect(text).toContain('各行业均未发生生产安全事故。');
    expect(text).toContain('从事故类型看，物体打击事故1起、死亡1人，起数同比增加1起，死亡人数同比增加1人。');
    expect(text).toContain('截至到目前，全省共发生较大及以上事故35起，死亡150人，受伤57人，以下列出前1起：');
    expect(text).toContain(
      '1. 2026年3月5日，淄博市张店区淄博华光建筑工程有限公司发生一起较大高处坠落事故，造成3人死亡。外墙作业人员从吊篮坠落。',
    );
  });

  it('tables and charts are docx-only blocks', () => {
    expect(b.blocks.filter((x) => x.kind === 'chart').map((x) => (x as { ref: string }).ref)).toEqual([
      'trend',
      'industry',
    ]);
    expect(text).not.toContain('undefined');
  });
});
