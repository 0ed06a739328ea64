import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamMember } from '../../../../shared/contract.js';
import {
  auditCsv,
  auditTable,
  type AuditEntryView,
  type AuditExportFormat,
} from '../../../../shared/customers/identificationAudit.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { formatFullTime } from '../../../i18n/format.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { exportAudit, loadAudit } from '../../identification/identificationThunks.js';
import { downloadBlob, xlsxOf } from '../../stats/statsDownload.js';
import { loadTeam, settle } from '../adminThunks.js';
import { auditActionLabel } from './auditActionLabel.js';
import { dayOf, periodOf } from './auditPeriod.js';

const DAY = 24 * 60 * 60 * 1000;

/** Leads and admins: who opened which customer's data, from which contact; filtered, shown, exported. */
export function AuditTab() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [fromDay, setFromDay] = useState(() => dayOf(Date.now() - 7 * DAY));
  const [toDay, setToDay] = useState(() => dayOf(Date.now()));
  const [customerId, setCustomerId] = useState('');
  const [agentId, setAgentId] = useState('');
  const [team, setTeam] = useState<TeamMember[]>([]);
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const filter = useCallback(() => {
    const period = periodOf(fromDay, toDay);
    if (!period) return null;
    return {
      ...period,
      ...(customerId.trim() ? { customerId: customerId.trim() } : {}),
      ...(agentId ? { agentId } : {}),
    };
  }, [fromDay, toDay, customerId, agentId]);

  const show = useCallback(async () => {
    const query = filter();
    if (!query) return setError({ code: 'bad_request', message: t('identification.audit.badPeriod') });
    const result = await settle(dispatch(loadAudit({ ...query, limit: 1000 })).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    setEntries(result.value.entries);
    setTruncated(result.value.truncated);
  }, [dispatch, filter, t]);

  useEffect(() => {
    void settle(dispatch(loadTeam()).unwrap()).then((result) => {
      if (result.ok) setTeam(result.value.agents);
    });
    void show();
    // The first page loads once; later ones when the lead presses Show.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function download(format: AuditExportFormat) {
    const query = filter();
    if (!query) return setError({ code: 'bad_request', message: t('identification.audit.badPeriod') });
    const result = await settle(dispatch(exportAudit({ ...query, format })).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    const name = `okno-audit-${fromDay}-${toDay}.${format}`;
    const blob =
      format === 'csv'
        ? new Blob([auditCsv(result.value.entries)], { type: 'text/csv;charset=utf-8' })
        : await xlsxOf('audit', auditTable(result.value.entries));
    downloadBlob(name, blob);
    setNote(t('identification.audit.exported', { count: result.value.entries.length }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNote(null);
    void show();
  }

  return (
    <div className="admin-stack">
      <form className="admin-form" onSubmit={submit} noValidate aria-label={t('identification.audit.title')}>
        <h3>{t('identification.audit.title')}</h3>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('identification.audit.from')}</label>
          <input id={`${id}-from`} type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('identification.audit.to')}</label>
          <input id={`${id}-to`} type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-customer`}>{t('identification.audit.customer')}</label>
          <input id={`${id}-customer`} value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-agent`}>{t('identification.audit.agent')}</label>
          <select id={`${id}-agent`} value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            <option value="">{t('identification.audit.anyAgent')}</option>
            {team.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
        <div className="identification-buttons">
          <button type="submit" className="button">
            {t('identification.audit.show')}
          </button>
          <button type="button" className="button subtle" onClick={() => void download('csv')}>
            {t('identification.audit.exportCsv')}
          </button>
          <button type="button" className="button subtle" onClick={() => void download('xlsx')}>
            {t('identification.audit.exportXlsx')}
          </button>
        </div>
        <ErrorMessage error={error} />
        <p role="status">{note ?? ''}</p>
      </form>
      {entries === null ? null : entries.length === 0 ? (
        <p className="placeholder">{t('identification.audit.none')}</p>
      ) : (
        <>
          {truncated ? <p className="hint">{t('identification.audit.truncated', { count: entries.length })}</p> : null}
          <table className="audit-table" aria-label={t('identification.audit.table')}>
            <thead>
              <tr>
                <th scope="col">{t('identification.audit.column.time')}</th>
                <th scope="col">{t('identification.audit.column.agent')}</th>
                <th scope="col">{t('identification.audit.column.action')}</th>
                <th scope="col">{t('identification.audit.column.customer')}</th>
                <th scope="col">{t('identification.audit.column.contact')}</th>
                <th scope="col">{t('identification.audit.column.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatFullTime(entry.at, i18n.language)}</td>
                  <td>{entry.agentName}</td>
                  <td>{auditActionLabel(entry.action, t)}</td>
                  <td title={entry.customerId ?? undefined}>{entry.customerName ?? entry.customerId ?? ''}</td>
                  <td title={entry.threadId ?? undefined}>
                    {entry.threadNumber !== null ? `#${entry.threadNumber}` : (entry.threadId ?? '')}
                  </td>
                  <td>
                    {Object.entries(entry.detail)
                      .map(([key, value]) => `${key}: ${detailValue(key, value, i18n.language)}`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** Times in a row's facts (a lock's end, an export's period) read as times, not epoch milliseconds. */
const TIME_KEYS = new Set(['from', 'to', 'lockedUntil']);

function detailValue(key: string, value: unknown, language: string): string {
  return TIME_KEYS.has(key) && typeof value === 'number' ? formatFullTime(value, language) : String(value);
}
