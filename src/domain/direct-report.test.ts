/**
 * 统计直报 nodes (24 h / 7 d / 30 d) and the 补报 window (493号令 第十三条: 30日, 7日 for 道路交通 and 火灾):
 * inclusive at exactly the window's end, exclusive 1 ms after.
 */
import { describe, expect, it } from 'vitest';
import {
  type AccidentDomain,
  DOMAINS,
  directReportNodes,
  isCompleteReport,
  isDay7Report,
  isInsideWindow,
  type NodeFacts,
  type NodeKind,
  nodeDueAt,
  windowDays,
  windowEndsAt,
} from './direct-report.js';
import type { DeadlineStatus } from './reporting-chain.js';

const OCC = new Date('2026-11-25T09:30:00+08:00');
const DAY = 86_400_000;
const at = (ms: number) => new Date(OCC.getTime() + ms);

describe('windowDays / windowEndsAt', () => {
  it.each<[AccidentDomain, number]>([
    ['industrial', 30],
    ['other', 30],
    ['road_traffic', 7],
    ['fire', 7],
  ])('%s → %i days', (domain, days) => {
    expect(windowDays(domain)).toBe(days);
    expect(windowEndsAt(OCC, domain).toISOString()).toBe(at(days * DAY).toISOString());
  });

  it('every domain is one of the four', () => {
    expect(DOMAINS).toEqual(['industrial', 'road_traffic', 'fire', 'other']);
  });
});

describe('isDay7Report: the 7日 node counts follow-ups from the start of the 7th day (6 × 24 h)', () => {
  it.each<[number, boolean]>([
    [29 * 60_000, false],
    [2 * DAY, false],
    [6 * DAY - 1, false],
    [6 * DAY, true],
    [7 * DAY, true],
    [20 * DAY, true],
  ])('filed at occurrence + %i ms → %s', (offset, counts) => {
    expect(isDay7Report(OCC, at(offset))).toBe(counts);
  });
});

describe('isInsideWindow: inclusive at exactly the end, exclusive 1 ms later', () => {
  it.each<[AccidentDomain, number, boolean]>([
    ['industrial', 0, true],
    ['industrial', 7 * DAY + 1, true],
    ['industrial', 30 * DAY - 1, true],
    ['industrial', 30 * DAY, true],
    ['industrial', 30 * DAY + 1, false],
    ['other', 30 * DAY, true],
    ['other', 30 * DAY + 1, false],
    ['road_traffic', 7 * DAY, true],
    ['road_traffic', 7 * DAY + 1, false],
    ['road_traffic', 30 * DAY, false],
    ['fire', 7 * DAY - 1, true],
    ['fire', 7 * DAY, true],
    ['fire', 7 * DAY + 1, false],
  ])('%s, filed at occurrence + %i ms → inside %s', (domain, offset, inside) => {
    expect(isInsideWindow(OCC, domain, at(offset))).toBe(inside);
  });
});

describe('nodeDueAt', () => {
  it.each<[NodeKind, AccidentDomain, number]>([
    ['24h', 'industrial', DAY],
    ['24h', 'road_traffic', DAY],
    ['7d', 'industrial', 7 * DAY],
    ['7d', 'fire', 7 * DAY],
    ['30d', 'industrial', 30 * DAY],
    ['30d', 'other', 30 * DAY],
    ['30d', 'road_traffic', 7 * DAY],
    ['30d', 'fire', 7 * DAY],
  ])('%s for %s → occurrence + %i ms', (kind, domain, offset) => {
    expect(nodeDueAt(kind, OCC, domain).toISOString()).toBe(at(offset).toISOString());
  });
});

describe('directReportNodes', () => {
  const facts = (f: Partial<NodeFacts>): NodeFacts => ({
    occurredAt: OCC,
    domain: 'industrial',
    completeAt: null,
    day7ReportAt: null,
    finalAt: null,
    ...f,
  });
  const statuses = (f: Partial<NodeFacts>, now: Date) =>
    Object.fromEntries(directReportNodes(facts(f), now).map((n) => [n.kind, n.status])) as Record<
      NodeKind,
      DeadlineStatus
    >;

  it('lists 24h, 7d, 30d with due dates and what met them', () => {
    const nodes = directReportNodes(facts({ completeAt: at(3_600_000) }), at(2 * DAY));
    expect(nodes.map((n) => n.kind)).toEqual(['24h', '7d', '30d']);
    expect(nodes.map((n) => n.dueAt.toISOString())).toEqual([
      at(DAY).toISOString(),
      at(7 * DAY).toISOString(),
      at(30 * DAY).toISOString(),
    ]);
    expect(nodes[0]?.doneAt?.toISOString()).toBe(at(3_600_000).toISOString());
    expect(nodes.map((n) => n.status)).toEqual(['done', 'pending', 'pending']);
  });

  it.each<[string, Partial<NodeFacts>, number, Partial<Record<NodeKind, DeadlineStatus>>]>([
    ['complete exactly at 24 h', { completeAt: at(DAY) }, 2 * DAY, { '24h': 'done' }],
    ['complete 1 ms after 24 h', { completeAt: at(DAY + 1) }, 2 * DAY, { '24h': 'done_late' }],
    ['never complete, now exactly at 24 h', {}, DAY, { '24h': 'pending' }],
    ['never complete, now 24 h + 1 ms', {}, DAY + 1, { '24h': 'overdue' }],
    ['follow-up exactly on day 7', { day7ReportAt: at(7 * DAY) }, 8 * DAY, { '7d': 'done' }],
    ['follow-up 1 ms after day 7', { day7ReportAt: at(7 * DAY + 1) }, 8 * DAY, { '7d': 'done_late' }],
    ['no follow-up at 7 d + 1 ms', {}, 7 * DAY + 1, { '7d': 'overdue', '30d': 'pending' }],
    ['final exactly on day 30', { finalAt: at(30 * DAY) }, 40 * DAY, { '30d': 'done' }],
    ['final 1 ms after day 30', { finalAt: at(30 * DAY + 1) }, 40 * DAY, { '30d': 'done_late' }],
    ['no final at 30 d + 1 ms', {}, 30 * DAY + 1, { '30d': 'overdue' }],
    [
      'road traffic: final exactly on day 7',
      { domain: 'road_traffic', finalAt: at(7 * DAY) },
      9 * DAY,
      { '30d': 'done' },
    ],
    [
      'road traffic: final 1 ms after day 7',
      { domain: 'road_traffic', finalAt: at(7 * DAY + 1) },
      9 * DAY,
      { '30d': 'done_late' },
    ],
    ['fire: no final at 7 d + 1 ms', { domain: 'fire' }, 7 * DAY + 1, { '7d': 'overdue', '30d': 'overdue' }],
    ['fire: no final exactly at 7 d', { domain: 'fire' }, 7 * DAY, { '7d': 'pending', '30d': 'pending' }],
  ])('%s', (_label, f, now, expected) => {
    expect(statuses(f, at(now))).toMatchObject(expected);
  });

  it.each([0, DAY + 1, 40 * DAY])('a historical record (历史数据导入) owes no node, at occurrence + %i ms', (now) => {
    expect(directReportNodes(facts({ historical: true }), at(now))).toEqual([]);
    expect(directReportNodes(facts({ historical: false }), at(now))).toHaveLength(3);
  });
});

describe('isCompleteReport (第十二条 content)', () => {
  const full = { unitName: '某公司', address: '某路1号', summary: '经过', measuresTaken: '已封闭现场' };
  it.each<[string, Partial<typeof full> | Record<string, null | string>, boolean]>([
    ['all present', {}, true],
    ['no measures taken', { measuresTaken: null }, false],
    ['blank measures taken', { measuresTaken: '  ' }, false],
    ['no summary', { summary: null }, false],
    ['empty summary', { summary: '' }, false],
    ['no address', { address: null }, false],
    ['blank unit name', { unitName: '\t' }, false],
  ])('%s → %s', (_label, override, complete) => {
    expect(isCompleteReport({ ...full, ...override } as Parameters<typeof isCompleteReport>[0])).toBe(complete);
  });
});
