import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualitySummaryReply } from '../../../shared/callQuality/callQuality.js';
import { useAppDispatch } from '../../app/hooks.js';
import { loadQualitySummary } from './callQualityThunks.js';
import './callQuality.css';

const PERIODS = { day: 1, week: 7, month: 30 } as const;
type PeriodName = keyof typeof PERIODS;
const DAY_MS = 86_400_000;

/** In the lead panel (leads only, as the panel): call quality per agent for the last day, week or month. */
export function QualitySummary({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const periodId = useId();
  const [period, setPeriod] = useState<PeriodName>('week');
  const [reply, setReply] = useState<QualitySummaryReply | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const to = Date.now();
    dispatch(loadQualitySummary({ from: to - PERIODS[period] * DAY_MS, to }))
      .unwrap()
      .then((answer) => {
        if (!stopped) {
          setReply(answer);
          setFailed(null);
        }
      })
      .catch((error: unknown) => {
        const detail = error && typeof error === 'object' && 'message' in error ? String(error.message) : String(error);
        if (!stopped) setFailed(detail);
      });
    return () => {
      stopped = true;
    };
  }, [dispatch, period]);

  const when = new Intl.DateTimeFormat(i18n.language, { timeZone, dateStyle: 'short', timeStyle: 'short' });
  const figure = (value: number | null, digits: number) =>
    value === null ? t('callQuality.summary.noData') : value.toFixed(digits);

  return (
    <section className="quality-summary" aria-label={t('callQuality.summary.caption')}>
      <h3>{t('callQuality.summary.caption')}</h3>
      <label htmlFor={periodId}>{t('callQuality.summary.period')}</label>{' '}
      <select id={periodId} value={period} onChange={(e) => setPeriod(e.target.value as PeriodName)}>
        {(Object.keys(PERIODS) as PeriodName[]).map((p) => (
          <option key={p} value={p}>
            {t(`callQuality.summary.periods.${p}`)}
          </option>
        ))}
      </select>
      {failed ? <p role="alert">{t('callQuality.summary.failed', { detail: failed })}</p> : null}
      {reply ? (
        <>
          <p>{t('callQuality.summary.range', { from: when.format(reply.from), to: when.format(reply.to) })}</p>
          {reply.agents.length === 0 ? (
            <p>{t('callQuality.summary.none')}</p>
          ) : (
            <table>
              <caption>{t('callQuality.summary.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('callQuality.summary.agent')}</th>
                  <th scope="col">{t('callQuality.summary.calls')}</th>
                  <th scope="col">{t('callQuality.summary.mos')}</th>
                  <th scope="col">{t('callQuality.summary.poorShare')}</th>
                  <th scope="col">{t('callQuality.summary.jitter')}</th>
                  <th scope="col">{t('callQuality.summary.loss')}</th>
                  <th scope="col">{t('callQuality.summary.rtt')}</th>
                  <th scope="col">{t('callQuality.summary.engineLoss')}</th>
                </tr>
              </thead>
              <tbody>
                {reply.agents.map((a) => (
                  <tr key={a.agentId}>
                    <th scope="row">{a.agentName}</th>
                    <td className="number">{a.calls}</td>
                    <td className="number">{figure(a.mosAvg, 2)}</td>
                    <td className="number">
                      {a.calls === 0 ? t('callQuality.summary.noData') : `${Math.round(a.poorShare * 100)} %`}
                    </td>
                    <td className="number">{figure(a.jitterMs, 1)}</td>
                    <td className="number">{figure(a.lossPercent, 2)}</td>
                    <td className="number">{figure(a.rttMs, 0)}</td>
                    <td className="number">{figure(a.engineLossPercent, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
