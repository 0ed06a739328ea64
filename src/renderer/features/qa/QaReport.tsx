import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { daysOf } from '../../../shared/stats/topicStatsWire.js';
import { QA_REPORT_MAX_DAYS } from '../../../shared/qa/qaForm.js';
import { useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { selectAgent } from '../session/sessionSlice.js';
import { downloadBlob, xlsxOf } from '../stats/statsDownload.js';
import { csvOf, dayBefore, todayIn } from '../stats/statsFormat.js';
import { useQaData } from './qaData.js';
import {
  agentHeader,
  agentRows,
  criterionHeader,
  criterionRows,
  exportRows,
  type Cell,
  type ReportWords,
} from './qaReportRows.js';
import { totalText } from './ScoreLine.js';
import './qa.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** In the lead panel: average scores per agent and per criterion for a period, CSV/XLSX (decision 0042). */
export function QaReport({ timeZone }: { timeZone: string }) {
  const agent = useAppSelector(selectAgent);
  if (!agent || agent.role === 'agent') return null;
  return <LeadReport timeZone={timeZone} />;
}

function daysBack(day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; i++) d = dayBefore(d);
  return d;
}

function LeadReport({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const id = useId();
  const today = todayIn(timeZone);
  const [from, setFrom] = useState(daysBack(today, 29));
  const [to, setTo] = useState(today);
  const days = DAY.test(from) && DAY.test(to) ? daysOf(from, to) : 0;
  const good = days >= 1 && days <= QA_REPORT_MAX_DAYS;
  const report = useQaData('qa.report', good ? { from, to, timeZone } : null);
  const data = good ? report.data : null;
  const words: ReportWords = {
    agent: t('qa.report.agent'),
    scores: t('qa.report.scores'),
    average: t('qa.report.average'),
    criticalFailures: t('qa.report.criticalFailures'),
    form: t('qa.report.form'),
    criterion: t('qa.report.criterion'),
    answers: t('qa.report.answers'),
    criterionAverage: t('qa.report.criterionAverage'),
  };
  const name = t('qa.report.file', { from, to });
  return (
    <section className="stats-period qa-report" aria-label={t('qa.report.title')}>
      <h3>{t('qa.report.title')}</h3>
      <div className="stats-actions">
        <label htmlFor={`${id}-from`}>{t('qa.report.from')}</label>
        <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor={`${id}-to`}>{t('qa.report.to')}</label>
        <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <button
          type="button"
          className="button"
          disabled={!data}
          onClick={() =>
            data && downloadBlob(`${name}.csv`, new Blob([csvOf(exportRows(data, words))], { type: 'text/csv' }))
          }
        >
          {t('qa.report.exportCsv')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!data}
          onClick={() =>
            data &&
            void xlsxOf(t('qa.report.sheet'), exportRows(data, words)).then((blob) =>
              downloadBlob(`${name}.xlsx`, blob),
            )
          }
        >
          {t('qa.report.exportXlsx')}
        </button>
      </div>
      {!good ? (
        <p role="alert">{t('qa.report.badPeriod')}</p>
      ) : (
        <p role="status">
          {data && data.scores > 0 && data.averageTotal !== null
            ? t('qa.report.summary', {
                count: data.scores,
                average: totalText(data.averageTotal),
                critical: data.criticalFailures,
              })
            : data
              ? t('qa.report.summaryNone')
              : t('qa.loading')}
        </p>
      )}
      <ErrorMessage error={report.error} />
      {data ? (
        <>
          <Table caption={t('qa.report.agents')} header={agentHeader(words)} rows={agentRows(data)} />
          <Table caption={t('qa.report.criteria')} header={criterionHeader(words)} rows={criterionRows(data)} />
        </>
      ) : null}
    </section>
  );
}

function Table({ caption, header, rows }: { caption: string; header: string[]; rows: Cell[][] }) {
  return (
    <table className="stats-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {header.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
