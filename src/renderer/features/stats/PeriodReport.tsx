import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '../../app/hooks.js';
import { csvOf, todayIn } from './statsFormat.js';
import { downloadBlob, xlsxOf } from './statsDownload.js';
import {
  intervalLabel,
  PERIOD_COLUMNS,
  PERIOD_TABLES,
  periodRows,
  type PeriodStats,
  type PeriodTable,
} from './periodTable.js';
import { PhoneQueueReport } from './PhoneQueueReport.js';
import { PERIOD_CHOICES, periodRange, type PeriodChoice } from './statsPeriod.js';
import { loadStatsPeriod } from './statsThunks.js';

/**
 * Any table of a chosen period (today, yesterday, the last 7 days, or from–to), shown and exported
 * to CSV or XLSX. Days are the hub's zone's (`timeZone`, from the floor snapshot).
 */
export function PeriodReport({ timeZone, names }: { timeZone: string; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const today = todayIn(timeZone);
  const [choice, setChoice] = useState<PeriodChoice>('today');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [table, setTable] = useState<PeriodTable>('byAgent');
  const [period, setPeriod] = useState<PeriodStats | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const range = periodRange(choice, today, from, to);
  const rangeKey = range.ok ? `${range.day}/${range.days}` : null;

  useEffect(() => {
    if (!range.ok) return;
    let stopped = false;
    setFailed(null);
    dispatch(loadStatsPeriod({ day: range.day, days: range.days, timeZone }))
      .unwrap()
      .then((answer) => {
        if (!stopped) setPeriod(answer);
      })
      .catch((error: unknown) => {
        if (!stopped) setFailed(error instanceof Error ? error.message : String(error));
      });
    return () => {
      stopped = true;
    };
    // rangeKey stands for range (a new object each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dispatch, rangeKey, timeZone]);

  const rows = useMemo(() => {
    if (!period) return [];
    return periodRows(period, table, (tbl, key) => {
      if (key === 'none') return t('stats.none');
      if (tbl === 'byAgent') return names.get(key) ?? key;
      if (tbl === 'byChannel') return t(`channel.${key}`, { defaultValue: key });
      if (tbl === 'by15min' || tbl === 'byHour') return intervalLabel(key, period.timeZone);
      return key;
    });
  }, [period, table, names, t]);
  const header = PERIOD_COLUMNS.map((c) => t(`stats.period.col_${c}`));
  const fileName = (ext: string) => `okno-${table}-${range.ok ? `${range.day}-${range.days}d` : 'period'}.${ext}`;

  return (
    <section className="stats-period" aria-label={t('stats.period.title')}>
      <h3>{t('stats.period.title')}</h3>
      <div className="stats-actions">
        <label htmlFor={`${id}-choice`}>{t('stats.period.choose')}</label>
        <select id={`${id}-choice`} value={choice} onChange={(e) => setChoice(e.target.value as PeriodChoice)}>
          {PERIOD_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`stats.period.choice_${c}`)}
            </option>
          ))}
        </select>
        {choice === 'custom' ? (
          <>
            <label htmlFor={`${id}-from`}>{t('stats.period.from')}</label>
            <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            <label htmlFor={`${id}-to`}>{t('stats.period.to')}</label>
            <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </>
        ) : null}
        <label htmlFor={`${id}-table`}>{t('stats.period.table')}</label>
        <select id={`${id}-table`} value={table} onChange={(e) => setTable(e.target.value as PeriodTable)}>
          {PERIOD_TABLES.map((x) => (
            <option key={x} value={x}>
              {t(`stats.period.table_${x}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!range.ok || !period}
          onClick={() => downloadBlob(fileName('csv'), new Blob([csvOf([header, ...rows])], { type: 'text/csv' }))}
        >
          {t('stats.period.exportCsv')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!range.ok || !period}
          onClick={() => void xlsxOf(table, [header, ...rows]).then((blob) => downloadBlob(fileName('xlsx'), blob))}
        >
          {t('stats.period.exportXlsx')}
        </button>
      </div>
      <p role="status">
        {!range.ok
          ? t(`stats.period.problem_${range.problem}`)
          : failed
            ? t('stats.period.failed', { detail: failed })
            : t('stats.period.showing', { from: range.day, days: range.days, zone: timeZone })}
      </p>
      <table className="stats-table">
        <caption>{t(`stats.period.table_${table}`)}</caption>
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
          {rows.length === 0 ? (
            <tr>
              <td colSpan={header.length}>{t('stats.noData')}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={String(row[0])}>
                {row.map((cell, i) => (
                  <td key={PERIOD_COLUMNS[i]}>{cell ?? t('stats.noData')}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
      <PhoneQueueReport
        queue={period?.phoneQueue}
        names={names}
        fileBase={`okno-${range.ok ? `${range.day}-${range.days}d` : 'period'}`}
      />
    </section>
  );
}
