import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { csvOf, localTimeZone, todayIn } from '../stats/statsFormat.js';
import { downloadBlob } from '../stats/statsDownload.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { useRegisterData } from './registerData.js';
import { reportRows, startOfMonth } from './registerReportRows.js';
import { useTypeName } from './useTypeName.js';

/**
 * The register's report for a period (days in the agent's own zone, both ends included): per type, the
 * complaints received, resolved and overdue, with their total; as a table and a CSV.
 */
export function RegisterReport() {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const id = useId();
  const timeZone = localTimeZone();
  const today = todayIn(timeZone);
  const [from, setFrom] = useState(startOfMonth(today));
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const report = useRegisterData('register.report', period ? { ...period, timeZone } : null);
  const order = from !== '' && to !== '' && from > to;

  function show(event: FormEvent) {
    event.preventDefault();
    if (order || from === '' || to === '') return;
    setPeriod({ from, to });
  }

  const headers = [
    t('register.report.type'),
    t('register.report.received'),
    t('register.report.resolved'),
    t('register.report.overdue'),
  ];
  const rows = report.data
    ? reportRows(report.data, (row) => typeName({ name: row.typeName }), t('register.report.total'))
    : [];

  return (
    <section className="register-report" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('register.report.title')}</h3>
      <form className="register-filters" aria-label={t('register.report.period')} onSubmit={show} noValidate>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('register.report.from')}</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('register.report.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={to}
            aria-invalid={order ? true : undefined}
            aria-describedby={`${id}-problem`}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <div className="register-filter-actions">
          <button type="submit" className="button">
            {t('register.report.show')}
          </button>
          {report.data ? (
            <button
              type="button"
              className="button subtle"
              onClick={() =>
                downloadBlob(
                  `okno-register-report-${period!.from}-${period!.to}.csv`,
                  new Blob([csvOf([headers, ...rows])], { type: 'text/csv;charset=utf-8' }),
                )
              }
            >
              {t('register.report.csv')}
            </button>
          ) : null}
        </div>
        <p className="field-error" id={`${id}-problem`} role={order ? 'alert' : undefined}>
          {order ? t('register.filters.order') : ''}
        </p>
      </form>
      <ErrorMessage error={report.error} />
      {report.data ? (
        report.data.rows.length === 0 ? (
          <p className="placeholder">{t('register.report.none')}</p>
        ) : (
          <table className="register-table" aria-label={t('register.report.title')}>
            <thead>
              <tr>
                {headers.map((header) => (
                  <th key={header} scope="col">
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index} className={index === rows.length - 1 ? 'register-total' : undefined}>
                  <th scope="row">{row[0]}</th>
                  <td>{row[1]}</td>
                  <td>{row[2]}</td>
                  <td>{row[3]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}
