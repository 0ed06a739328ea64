import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { daysOf, TOPIC_PERIOD_MAX_DAYS, TOPIC_SEASON_MAX_DAYS } from '../../../../shared/stats/topicStatsWire.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { downloadBlob, xlsxOf } from '../statsDownload.js';
import { csvOf, dayBefore, todayIn } from '../statsFormat.js';
import { SeasonChart } from './SeasonChart.js';
import {
  COMPARE_COLUMNS,
  compareRows,
  lastTwelveMonths,
  PERIOD_COLUMNS,
  periodRows,
  seasonRows,
  signed,
  topicLabel,
  type Cell,
  type TopicCompare,
  type TopicPeriod,
  type TopicSeason,
  type TopicWords,
} from './topicStatsTable.js';
import { loadTopicCompare, loadTopicPeriod, loadTopicSeason } from './topicStatsThunks.js';

type View = 'period' | 'season' | 'compare';
const VIEWS: readonly View[] = ['period', 'season', 'compare'];
type Problem = { problem: 'missing' | 'order' | 'tooLong'; max: number } | null;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function problemOf(from: string, to: string, max: number): Problem {
  if (!DAY.test(from) || !DAY.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
    return { problem: 'missing', max };
  }
  const days = daysOf(from, to);
  if (days < 1) return { problem: 'order', max };
  if (days > max) return { problem: 'tooLong', max };
  return null;
}

function daysBack(day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; i++) d = dayBefore(d);
  return d;
}

/** Loads through `load` whenever `key` changes (null: the input has a problem, nothing is sent). */
function useAnswer<T>(key: string | null, load: () => Promise<T>): { answer: T | null; failed: string | null } {
  const [state, setState] = useState<{ answer: T | null; failed: string | null }>({ answer: null, failed: null });
  useEffect(() => {
    if (key === null) return;
    let stopped = false;
    load()
      .then((answer) => {
        if (!stopped) setState({ answer, failed: null });
      })
      .catch((error: unknown) => {
        const detail = error && typeof error === 'object' && 'message' in error ? String(error.message) : String(error);
        if (!stopped) setState((s) => ({ answer: s.answer, failed: detail }));
      });
    return () => {
      stopped = true;
    };
    // `key` stands for what `load` sends (a new function each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

function DayInput({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} />
    </>
  );
}

function Table({
  caption,
  header,
  rows,
  render,
}: {
  caption: string;
  header: string[];
  rows: Cell[][];
  render?: (cell: Cell, column: number) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table className="stats-table topic-stats-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {header.map((h, i) => (
            <th key={`${i}-${h}`} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={header.length}>{t('stats.noData')}</td>
          </tr>
        ) : (
          rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i}>{(render ? render(cell, i) : cell) ?? t('stats.noData')}</td>
                ),
              )}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function Exports({ name, header, rows }: { name: string; header: string[]; rows: Cell[][] | null }) {
  const { t } = useTranslation();
  return (
    <div className="stats-actions">
      <button
        type="button"
        className="button"
        disabled={!rows}
        onClick={() => rows && downloadBlob(`${name}.csv`, new Blob([csvOf([header, ...rows])], { type: 'text/csv' }))}
      >
        {t('topicStats.exportCsv')}
      </button>
      <button
        type="button"
        className="button"
        disabled={!rows}
        onClick={() =>
          rows && void xlsxOf('topics', [header, ...rows]).then((blob) => downloadBlob(`${name}.xlsx`, blob))
        }
      >
        {t('topicStats.exportXlsx')}
      </button>
    </div>
  );
}

function Status({ problem, failed, showing }: { problem: Problem; failed: string | null; showing: string }) {
  const { t } = useTranslation();
  return (
    <p role="status">
      {problem
        ? t(`topicStats.problem_${problem.problem}`, { max: problem.max })
        : failed
          ? t('topicStats.failed', { detail: failed })
          : showing}
    </p>
  );
}

function PeriodView({ timeZone, today, words }: { timeZone: string; today: string; words: TopicWords }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [from, setFrom] = useState(daysBack(today, 6));
  const [to, setTo] = useState(today);
  const problem = problemOf(from, to, TOPIC_PERIOD_MAX_DAYS);
  const { answer, failed } = useAnswer<TopicPeriod>(problem ? null : `${from}/${to}/${timeZone}`, () =>
    dispatch(loadTopicPeriod({ from, to, timeZone })).unwrap(),
  );
  const header = PERIOD_COLUMNS.map((c) => t(`topicStats.col_${c}`));
  const rows = useMemo(() => (answer ? periodRows(answer, words, t('topicStats.total')) : []), [answer, words, t]);
  const exported = answer ? periodRows(answer, words, t('topicStats.total'), false) : null;
  return (
    <>
      <div className="stats-actions">
        <DayInput label={t('topicStats.from')} value={from} onChange={setFrom} />
        <DayInput label={t('topicStats.to')} value={to} onChange={setTo} />
      </div>
      <Exports name={`okno-topics-${from}-${to}`} header={header} rows={problem ? null : exported} />
      <Status problem={problem} failed={failed} showing={t('topicStats.showing', { from, to, zone: timeZone })} />
      <Table caption={t('topicStats.periodTable')} header={header} rows={rows} />
    </>
  );
}

function SeasonView({ timeZone, today, words }: { timeZone: string; today: string; words: TopicWords }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const span = lastTwelveMonths(today);
  const [from, setFrom] = useState(span.from);
  const [to, setTo] = useState(span.to);
  const [step, setStep] = useState<'month' | 'week'>('month');
  const problem = problemOf(from, to, TOPIC_SEASON_MAX_DAYS);
  const { answer, failed } = useAnswer<TopicSeason>(problem ? null : `${from}/${to}/${step}/${timeZone}`, () =>
    dispatch(loadTopicSeason({ from, to, step, timeZone })).unwrap(),
  );
  const header = [t('topicStats.col_topic'), ...(answer?.buckets ?? []), t('topicStats.col_total')];
  const rows = useMemo(() => (answer ? seasonRows(answer, words) : []), [answer, words]);
  // The chart draws the top-level topics and "No topic"; the table has every topic.
  const lines = useMemo(
    () =>
      (answer?.series ?? [])
        .filter((s) => s.depth === 0)
        .map((s) => ({ label: topicLabel(s, words, false), values: s.values })),
    [answer, words],
  );
  const buckets = useMemo(() => answer?.buckets ?? [], [answer]);
  return (
    <>
      <div className="stats-actions">
        <DayInput label={t('topicStats.from')} value={from} onChange={setFrom} />
        <DayInput label={t('topicStats.to')} value={to} onChange={setTo} />
        <label htmlFor={`${id}-step`}>{t('topicStats.step')}</label>
        <select id={`${id}-step`} value={step} onChange={(e) => setStep(e.target.value as 'month' | 'week')}>
          <option value="month">{t('topicStats.step_month')}</option>
          <option value="week">{t('topicStats.step_week')}</option>
        </select>
      </div>
      <Exports
        name={`okno-topics-season-${step}-${from}-${to}`}
        header={header}
        rows={problem || !answer ? null : seasonRows(answer, words, false)}
      />
      <Status problem={problem} failed={failed} showing={t('topicStats.showing', { from, to, zone: timeZone })} />
      <SeasonChart label={t('topicStats.seasonChart')} buckets={buckets} lines={lines} />
      <p>{t('topicStats.chartNote')}</p>
      <Table caption={t('topicStats.seasonTable')} header={header} rows={rows} />
    </>
  );
}

/** Columns of the comparison shown as a signed change (the rest as they are). */
const SIGNED: Partial<Record<(typeof COMPARE_COLUMNS)[number], string>> = {
  offeredChange: '',
  offeredPct: ' %',
  ahtPct: ' %',
  serviceLevelChange: '',
  abandonedPct: ' %',
};

function CompareView({ timeZone, today, words }: { timeZone: string; today: string; words: TopicWords }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [aFrom, setAFrom] = useState(daysBack(today, 13));
  const [aTo, setATo] = useState(daysBack(today, 7));
  const [bFrom, setBFrom] = useState(daysBack(today, 6));
  const [bTo, setBTo] = useState(today);
  const problem = problemOf(aFrom, aTo, TOPIC_PERIOD_MAX_DAYS) ?? problemOf(bFrom, bTo, TOPIC_PERIOD_MAX_DAYS);
  const { answer, failed } = useAnswer<TopicCompare>(
    problem ? null : `${aFrom}/${aTo}/${bFrom}/${bTo}/${timeZone}`,
    () => dispatch(loadTopicCompare({ a: { from: aFrom, to: aTo }, b: { from: bFrom, to: bTo }, timeZone })).unwrap(),
  );
  const header = COMPARE_COLUMNS.map((c) => t(`topicStats.col_${c}`));
  const rows = useMemo(() => (answer ? compareRows(answer, words) : []), [answer, words]);
  return (
    <>
      <fieldset className="stats-actions">
        <legend>{t('topicStats.periodA')}</legend>
        <DayInput label={t('topicStats.aFrom')} value={aFrom} onChange={setAFrom} />
        <DayInput label={t('topicStats.aTo')} value={aTo} onChange={setATo} />
      </fieldset>
      <fieldset className="stats-actions">
        <legend>{t('topicStats.periodB')}</legend>
        <DayInput label={t('topicStats.bFrom')} value={bFrom} onChange={setBFrom} />
        <DayInput label={t('topicStats.bTo')} value={bTo} onChange={setBTo} />
      </fieldset>
      <Exports
        name={`okno-topics-${aFrom}-${aTo}-vs-${bFrom}-${bTo}`}
        header={header}
        rows={problem || !answer ? null : compareRows(answer, words, false)}
      />
      <Status
        problem={problem}
        failed={failed}
        showing={t('topicStats.showingCompare', { aFrom, aTo, bFrom, bTo, zone: timeZone })}
      />
      <Table
        caption={t('topicStats.compareTable')}
        header={header}
        rows={rows}
        render={(cell, i) => {
          const unit = SIGNED[COMPARE_COLUMNS[i]!];
          return unit === undefined ? cell : signed(cell, unit);
        }}
      />
    </>
  );
}

/**
 * Stats by topic for leads (decision 0033): a period's figures per topic, the seasonality chart and
 * two periods compared, each exported to CSV or XLSX. Days are the hub's zone's (as the period report).
 */
export function TopicStatsReport({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [view, setView] = useState<View>('period');
  const today = todayIn(timeZone);
  const language = i18n.language;
  const words = useMemo<TopicWords>(
    () => ({ noTopic: t('topicStats.noTopic'), retired: t('topicStats.retired'), language }),
    [t, language],
  );
  return (
    <section className="stats-period topic-stats" aria-label={t('topicStats.title')}>
      <h3>{t('topicStats.title')}</h3>
      <div className="stats-actions">
        <label htmlFor={`${id}-view`}>{t('topicStats.view')}</label>
        <select id={`${id}-view`} value={view} onChange={(e) => setView(e.target.value as View)}>
          {VIEWS.map((v) => (
            <option key={v} value={v}>
              {t(`topicStats.view_${v}`)}
            </option>
          ))}
        </select>
      </div>
      <p>{t('topicStats.note')}</p>
      {view === 'period' ? (
        <PeriodView timeZone={timeZone} today={today} words={words} />
      ) : view === 'season' ? (
        <SeasonView timeZone={timeZone} today={today} words={words} />
      ) : (
        <CompareView timeZone={timeZone} today={today} words={words} />
      )}
    </section>
  );
}
