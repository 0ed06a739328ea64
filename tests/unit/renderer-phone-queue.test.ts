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

describe('PhoneQueueReport', () => {
  it('renders the tables by line and by menu choice in Russian, and nothing for a hub without the queue', async () => {
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { createElement } = await import('react');
    const { I18nextProvider } = await import('react-i18next');
    const { createI18n } = await import('../../src/renderer/i18n/index.js');
    const { PhoneQueueReport } = await import('../../src/renderer/features/stats/PhoneQueueReport.js');
    const i18n = createI18n('ru');
    const queue: PhoneQueue = {
      total: figures,
      byLine: [row({})],
      byChoice: [row({ key: 'l1/cards', node: 'cards', topic: 'Cards' })],
      missedByAgent: [{ agentId: 'a2', missed: 2 }],
    };
    const render = (q: PhoneQueue | undefined) =>
      renderToStaticMarkup(
        createElement(
          I18nextProvider,
          { i18n },
          createElement(PhoneQueueReport, { queue: q, names: new Map([['a2', 'Bob']]), fileBase: 'okno' }),
        ),
      );
    const html = render(queue);
    expect(html).toContain('Очередь звонков по линиям');
    expect(html).toContain('Bank › cards (Cards)');
    expect(html).toContain('<td>Bob</td><td>2</td>');
    expect(render(undefined)).toBe('');
  });
});
