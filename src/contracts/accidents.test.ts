/** The accident contracts alone (shared by server and web): what a quick report, follow-up and forward accept. */
import { describe, expect, it } from 'vitest';
import { createAccidentBody, followupBody, forwardBody, listAccidentsQuery, signBody } from './accidents.js';

const valid = {
  occurredAt: '2026-11-25T09:30:00+08:00',
  regionCode: '370303',
  address: '淄博市张店区华光路168号',
  unitName: '淄博某化工有限公司',
  industryCode: 'C26',
  accidentType: '19',
  domain: 'industrial',
  deaths: 0,
  missing: 0,
  seriousInjuries: 0,
  minorInjuries: 1,
  directLossYuan: 100_000,
  summary: '储罐检修作业中发生中毒窒息',
  measuresTaken: '已组织救援',
  reporterName: '张三',
  reporterPhone: '13800000000',
};

const pathsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.map(String).join('.'));

describe('createAccidentBody', () => {
  it('accepts a full quick report and fills the defaults', () => {
    const r = createAccidentBody.safeParse({ ...valid, deaths: undefined, domain: undefined });
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ deaths: 0, confirmNotDuplicate: false, domain: 'industrial' });
  });

  it.each(['summary', 'measuresTaken'])(
    'a 电话快报 may leave out %s (it is completed by a follow-up; the 24 h node waits for it)',
    (field) => {
      const r = createAccidentBody.safeParse({ ...valid, [field]: undefined });
      expect(pathsOf(r)).toEqual([]);
      expect(r.success).toBe(true);
    },
  );

  it.each([
    ['deaths', -1],
    ['deaths', 1.5],
    ['deaths', '1'],
    ['missing', -1],
    ['seriousInjuries', 2.5],
    ['directLossYuan', 0.5],
    ['directLossYuan', -1],
    ['regionCode', '37030'],
    ['regionCode', 370303],
    ['accidentType', '21'],
    ['accidentType', '00'],
    ['industryCode', 'C12'],
    ['industryCode', 'U'],
    ['domain', 'marine'],
    ['occurredAt', '2026-11-25 09:30'],
    ['occurredAt', '2026-11-25T09:30:00'],
    ['receivedAt', 'now'],
    ['summary', 'x'.repeat(10_001)],
    ['address', ''],
    ['unitName', '   '],
    ['unitCreditCode', '91370303MA3C4B2X1'],
    ['unitCreditCode', '91370303MA3C4B2XIO'],
    ['unitCreditCode', '91370303MA3C4B2X1K'], // check character wrong (GB 32100-2015)
  ])('rejects %s = %j, naming the field', (field, value) => {
    const r = createAccidentBody.safeParse({ ...valid, [field]: value });
    expect(r.success).toBe(false);
    expect(pathsOf(r)).toContain(field);
  });

  it('rejects an unknown field (strict)', () => {
    const r = createAccidentBody.safeParse({ ...valid, casualties: 3 });
    expect(r.success).toBe(false);
  });

  it('trims text and accepts a 10 000-character summary', () => {
    const r = createAccidentBody.safeParse({ ...valid, unitName: '  某公司  ', summary: 'x'.repeat(10_000) });
    expect(r.success).toBe(true);
    expect(r.data?.unitName).toBe('某公司');
  });
});

describe('followupBody / forwardBody / signBody / listAccidentsQuery', () => {
  it('a follow-up is any subset, defaults final and noChange to false', () => {
    expect(followupBody.parse({})).toEqual({ final: false, noChange: false });
    expect(followupBody.parse({ deaths: 3, note: '续报' })).toMatchObject({ deaths: 3, note: '续报' });
    expect(followupBody.safeParse({ deaths: -1 }).success).toBe(false);
    expect(followupBody.safeParse({ grade: 'larger' }).success).toBe(false);
  });

  it('forward takes an optional level above nothing else', () => {
    expect(forwardBody.parse({})).toEqual({});
    expect(forwardBody.parse({ toLevel: 'province' })).toEqual({ toLevel: 'province' });
    expect(forwardBody.safeParse({ toLevel: 'moon' }).success).toBe(false);
    expect(signBody.parse({ note: '签收' })).toEqual({ note: '签收' });
  });

  it('list query coerces paging and rejects bad filters', () => {
    expect(listAccidentsQuery.parse({ page: '2', pageSize: '50' })).toMatchObject({ page: 2, pageSize: 50 });
    expect(listAccidentsQuery.parse({})).toMatchObject({ page: 1, pageSize: 20 });
    expect(listAccidentsQuery.safeParse({ pageSize: '201' }).success).toBe(false);
    expect(listAccidentsQuery.safeParse({ grade: 'huge' }).success).toBe(false);
    expect(listAccidentsQuery.safeParse({ status: 'lost' }).success).toBe(false);
  });
});
