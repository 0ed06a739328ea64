/** The stats panel's phone queue tables: cells as shown and exported (percent, seconds, "no data"), line labels. */
import { describe, expect, it } from 'vitest';
import { lineLabel, queueRows, type PhoneQueue } from '../../src/renderer/features/stats/phoneQueueTable.js';

const figures = {
  offered: 3,
  answered: 1,
  answeredWithinThreshold: 1,
  lost: 1,
  short: 1,
  callbacks: 0,
  missed: 1,
  serviceLevel: 1 / 3,
  abandonRate: 1 / 2,
  averageSpeedOfAnswerMs: 20_000,
};
const row = (over: Partial<PhoneQueue['byLine'][number]>): PhoneQueue['byLine'][number] => ({
  key: 'l1',
  lineId: 'l1',
  lineName: 'Bank',
  node: null,
  topic: null,
  figures,
  ...over,
});

describe('phone queue rows', () => {
  it('percentages with one decimal, speed of answer in seconds, null stays "no data"', () => {
    expect(queueRows([row({})], (r) => lineLabel(r, '(none)'))).toEqual([['Bank', 3, 1, 33.3, 20, 50, 1, 1, 0, 1]]);
    const empty = row({ figures: { ...figures, serviceLevel: null, abandonRate: null, averageSpeedOfAnswerMs: null } });
    expect(queueRows([empty], () => 'x')[0]!.slice(3, 6)).toEqual([null, null, null]);
  });

  it('a line is named by its name, else its id (removed since), else "none"', () => {
    expect(lineLabel(row({}), '(none)')).toBe('Bank');
    expect(lineLabel(row({ lineName: null }), '(none)')).toBe('l1');
    expect(lineLabel(row({ lineName: null, lineId: null, key: 'none' }), '(none)')).toBe('(none)');
  });
});
