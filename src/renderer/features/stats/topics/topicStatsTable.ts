/**
 * Stats by topic as table rows (decision 0033): shown in the panel and exported to CSV / XLSX as the
 * same cells. Percentages with one decimal, durations in whole seconds; null is "no data".
 */
import type { RequestOutput } from '../../../../shared/contract.js';

export type TopicPeriod = RequestOutput<'topicStats.period'>;
export type TopicSeason = RequestOutput<'topicStats.season'>;
export type TopicCompare = RequestOutput<'topicStats.compare'>;
export type Cell = string | number | null;

/** What a row needs to be named: its topic (null: "No topic"), depth and whether it is retired. */
export interface RowHead {
  topicId: string | null;
  depth: number;
  name: { en: string; ru: string } | null;
  retired: boolean;
}

export interface TopicWords {
  /** The "No topic" row's name. */
  noTopic: string;
  /** "(retired)" after a retired topic's name. */
  retired: string;
  language: string;
}

/** The topic's name in the reader's language, indented by its depth (two spaces a level), "(retired)" marked. */
export function topicLabel(head: RowHead, words: TopicWords, indent = true): string {
  if (head.name === null) return head.topicId === null ? words.noTopic : head.topicId;
  const name = words.language.startsWith('ru') ? head.name.ru || head.name.en : head.name.en || head.name.ru;
  const text = head.retired ? `${name} ${words.retired}` : name;
  return indent ? `${'\u2003'.repeat(head.depth)}${text}` : text;
}

const round = (value: number | null, factor: number) => (value === null ? null : Math.round(value * factor) / factor);
const pct = (ratio: number | null) => round(ratio === null ? null : ratio * 100, 10);
const seconds = (ms: number | null) => round(ms === null ? null : ms / 1000, 1);

export const PERIOD_COLUMNS = [
  'topic',
  'offered',
  'answered',
  'aht',
  'serviceLevel',
  'abandoned',
  'abandonRate',
] as const;

type Summary = TopicPeriod['total'];
const figures = (s: Summary): Cell[] => [
  s.offered,
  s.answered,
  seconds(s.averageHandleTimeMs),
  pct(s.serviceLevel),
  s.abandoned,
  pct(s.abandonRate),
];

/** One row per topic (tree order, "No topic" last), then the total (every contact once). */
export function periodRows(period: TopicPeriod, words: TopicWords, totalLabel: string, indent = true): Cell[][] {
  return [
    ...period.rows.map((r) => [topicLabel(r, words, indent), ...figures(r.summary)]),
    [totalLabel, ...figures(period.total)],
  ];
}

export const COMPARE_COLUMNS = [
  'topic',
  'offeredA',
  'offeredB',
  'offeredChange',
  'offeredPct',
  'ahtA',
  'ahtB',
  'ahtPct',
  'serviceLevelA',
  'serviceLevelB',
  'serviceLevelChange',
  'abandonedA',
  'abandonedB',
  'abandonedPct',
] as const;

/** Both periods' figures per topic with the change B − A (service level in points) and the % change. */
export function compareRows(compare: TopicCompare, words: TopicWords, indent = true): Cell[][] {
  return compare.rows.map((r) => [
    topicLabel(r, words, indent),
    r.a.offered,
    r.b.offered,
    r.change.offered.delta,
    pct(r.change.offered.pct),
    seconds(r.a.averageHandleTimeMs),
    seconds(r.b.averageHandleTimeMs),
    pct(r.change.averageHandleTimeMs.pct),
    pct(r.a.serviceLevel),
    pct(r.b.serviceLevel),
    pct(r.change.serviceLevel.delta),
    r.a.abandoned,
    r.b.abandoned,
    pct(r.change.abandoned.pct),
  ]);
}

/** Volume per topic (rows) per month or week (columns), with each topic's total. */
export function seasonRows(season: TopicSeason, words: TopicWords, indent = true): Cell[][] {
  return season.series.map((s) => [topicLabel(s, words, indent), ...s.values, s.total]);
}

/** A signed change for the screen: "+3", "−2", "+12.5 %"; null stays null. */
export function signed(value: Cell, unit = ''): string | null {
  if (value === null || typeof value === 'string') return value;
  const sign = value > 0 ? '+' : value < 0 ? '\u2212' : '±';
  return `${sign}${Math.abs(value)}${unit}`;
}

/** A default span for seasonality: the last 12 whole months up to the month of `today` (YYYY-MM-DD). */
export function lastTwelveMonths(today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const start = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: start, to: end };
}
