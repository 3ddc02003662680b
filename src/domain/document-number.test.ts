/** 文书编号: the issuer's abbreviation and the number's layout (boundary table). */
import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, issuerAbbreviation } from './document-number.js';

describe('issuerAbbreviation', () => {
  it.each([
    [{ regionCode: '370303', cityName: '淄博市', countyName: '张店区' }, '淄张'],
    [{ regionCode: '370305', cityName: '淄博市', countyName: '临淄区' }, '淄临'],
    [{ regionCode: '370300', cityName: '淄博市' }, '淄'],
    [{ regionCode: '370000' }, '鲁'],
    [{ regionCode: '110105', countyName: '朝阳区' }, '京朝'], // a municipality's district
    [{ regionCode: '441900', cityName: '东莞市' }, '东'],
  ])('%o → %s', (place, abbreviation) => {
    expect(issuerAbbreviation(place)).toBe(abbreviation);
  });
});

describe('formatDocumentNumber', () => {
  it('puts the abbreviation, the word, the year and the running number in place', () => {
    expect(formatDocumentNumber({ abbreviation: '淄张', kind: 'rectification_order', year: 2026, seq: 12 })).toBe(
      '（淄张）应急责改〔2026〕12号',
    );
    expect(formatDocumentNumber({ abbreviation: '鲁', kind: 'on_site_decision', year: 2027, seq: 1 })).toBe(
      '（鲁）应急现决〔2027〕1号',
    );
    expect(() => formatDocumentNumber({ abbreviation: '淄', kind: 'recheck_opinion', year: 2026, seq: 0 })).toThrow();
  });
});
