/** Stats by topic, the shared formulas and the renderer's rows (decision 0033), on hand-computed fixtures. */
import { describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../src/shared/stats/contact.js';
import {
  changeOf,
  compareByTopic,
  seasonBucket,
  seasonBuckets,
  seasonByTopic,
  summarizeByTopic,
  topicOrder,
  type TopicNode,
} from '../../src/shared/stats/topicStats.js';
import {
  lastTwelveMonths,
  periodRows,
  signed,
  topicLabel,
} from '../../src/renderer/features/stats/topics/topicStatsTable.js';

const node = (id: string, parentId: string | null, position: number, retired = false): TopicNode => ({
  id,
  parentId,
  name: { en: id.toUpperCase(), ru: `ru-${id}` },
  position,
  retired,
});

const T0 = Date.UTC(2026, 10, 25, 9);
const contact = (id: string, wait: number | null, talkS = 0, abandonAfter: number | null = null): ContactRecord => ({
  id,
  channel: 'phone',
  agentId: null,
  groupId: null,
  offeredAt: T0,
  answeredAt: wait === null ? null : T0 + wait * 1000,
  abandonedAt: abandonAfter === null ? null : T0 + abandonAfter * 1000,
  talkMs: talkS * 1000,
  holdMs: 0,
  afterCallWorkMs: 0,
  transfers: 0,
  csat: null,
});

const TREE = [
  node('b', null, 1),
  node('a', null, 0),
  node('a2', 'a', 1),
  node('a1', 'a', 0),
  node('r', null, 2, true),
  node('r0', null, 3, true),
];

describe('topic tree order', () => {
  it('depth first, siblings by position; a parent loop is cut, not lost', () => {
    expect(topicOrder(TREE).map((o) => [o.node.id, o.depth])).toEqual([
      ['a', 0],
      ['a1', 1],
      ['a2', 1],
      ['b', 0],
      ['r', 0],
      ['r0', 0],
    ]);
    const loop = [node('x', 'y', 0), node('y', 'x', 1)];
    expect(
      topicOrder(loop)
        .map((o) => o.node.id)
        .sort(),
    ).toEqual(['x', 'y']);
    // A topic in the loop never counts a contact twice.
    const period = summarizeByTopic(loop, [{ contact: contact('c', 5, 10), topicIds: ['x'] }]);
    expect(period.rows.find((r) => r.topicId === 'y')?.summary.offered).toBe(1);
    expect(period.rows.find((r) => r.topicId === 'x')?.summary.offered).toBe(1);
  });
});

describe('summarizeByTopic', () => {
  it('parents roll up (a contact once), two topics count in each, retired kept only with contacts, "No topic" last', () => {
    const period = summarizeByTopic(TREE, [
      { contact: contact('1', 5, 100), topicIds: ['a1', 'a2'] },
      { contact: contact('2', 30, 200), topicIds: ['a1'] },
      { contact: contact('3', null, 0, 40), topicIds: ['r'] },
      { contact: contact('4', 10, 50), topicIds: [] },
    ]);
    expect(period.total.offered).toBe(4);
    expect(period.rows.map((r) => [r.topicId, r.summary.offered])).toEqual([
      ['a', 2],
      ['a1', 2],
      ['a2', 1],
      ['b', 0],
      ['r', 1],
      [null, 1],
    ]);
    const a = period.rows[0]!.summary;
    expect(a.serviceLevel).toBe(0.5);
    expect(a.averageHandleTimeMs).toBe(150_000);
    expect(period.rows[4]!.summary).toMatchObject({ abandoned: 1, abandonRate: 1, serviceLevel: 0 });
    expect(period.rows[3]!.summary).toMatchObject({ serviceLevel: null, averageHandleTimeMs: null });
  });
});

describe('seasonality', () => {
  it('months and Monday weeks, empty buckets included, across a year end', () => {
    expect(seasonBuckets('2026-11-15', '2027-02-01', 'month')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(seasonBucket('2026-11-29', 'week')).toBe('2026-11-23'); // a Sunday belongs to the Monday before
    expect(seasonBucket('2026-11-30', 'week')).toBe('2026-11-30');
    expect(seasonBuckets('2026-12-30', '2027-01-12', 'week')).toEqual(['2026-12-28', '2027-01-04', '2027-01-11']);
    const buckets = seasonBuckets('2026-11-01', '2026-12-31', 'month');
    const series = seasonByTopic(
      TREE,
      [
        { day: '2026-11-03', contact: contact('1', 5), topicIds: ['a1'] },
        { day: '2026-12-03', contact: contact('2', 5), topicIds: ['a2', 'a1'] },
        { day: '2026-12-04', contact: { ...contact('3', 5), offeredAt: null }, topicIds: ['a2'] },
      ],
      buckets,
      'month',
    );
    expect(series.find((s) => s.topicId === 'a')).toMatchObject({ values: [1, 1], total: 2 });
    expect(series.find((s) => s.topicId === 'a2')).toMatchObject({ values: [0, 1] });
  });
});

describe('comparison', () => {
  it('change is B − A; the percentage is null where A is zero or has no data', () => {
    expect(changeOf(4, 6)).toEqual({ delta: 2, pct: 0.5 });
    expect(changeOf(0, 3)).toEqual({ delta: 3, pct: null });
    expect(changeOf(null, 0.5)).toEqual({ delta: null, pct: null });
    const a = summarizeByTopic(TREE, [{ contact: contact('1', 5, 100), topicIds: ['a1'] }]);
    const b = summarizeByTopic(TREE, [
      { contact: contact('2', 30, 50), topicIds: ['a1'] },
      { contact: contact('3', 5, 50), topicIds: ['r'] },
    ]);
    const rows = compareByTopic(TREE, a, b);
    const a1 = rows.find((r) => r.topicId === 'a1')!;
    expect(a1.change.offered).toEqual({ delta: 0, pct: 0 });
    expect(a1.change.averageHandleTimeMs).toEqual({ delta: -50_000, pct: -0.5 });
    expect(a1.change.serviceLevel).toEqual({ delta: -1, pct: -1 });
    expect(rows.find((r) => r.topicId === 'r')?.change.offered).toEqual({ delta: 1, pct: null });
  });
});

describe('renderer rows', () => {
  const words = { noTopic: 'No topic', retired: '(retired)', language: 'ru' };
  it('names in the reader language, indented, retired marked; percentages and seconds; the total last', () => {
    const period = summarizeByTopic(TREE, [{ contact: contact('1', 5, 100), topicIds: ['a1'] }]);
    const rows = periodRows({ from: 0, to: 1, fromDay: 'x', toDay: 'y', timeZone: 'UTC', ...period }, words, 'All');
    expect(rows[1]).toEqual(['\u2003ru-a1', 1, 1, 100, 100, 0, 0]);
    expect(rows.at(-2)).toEqual(['No topic', 0, 0, null, null, 0, null]);
    expect(rows.at(-1)?.[0]).toBe('All');
    expect(topicLabel({ topicId: 'r', depth: 0, name: { en: 'Old', ru: '' }, retired: true }, words)).toBe(
      'Old (retired)',
    );
    expect(signed(3)).toBe('+3');
    expect(signed(-12.5, ' %')).toBe('\u221212.5 %');
    expect(signed(null)).toBeNull();
    expect(lastTwelveMonths('2026-12-07')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(lastTwelveMonths('2026-03-15')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });
});
