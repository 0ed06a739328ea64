import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_STATUSES, ComplaintStatus } from '../../../shared/register/registerSchemas.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import { formatFullTime } from '../../i18n/format.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { downloadBlob } from '../stats/statsDownload.js';
import { AssigneeSelect } from './AssigneeSelect.js';
import { DeadlineBadge } from './DeadlineBadge.js';
import { settleRegister, useRegisterData } from './registerData.js';
import { blobOf, EMPTY_FILTERS, filtersInput, periodProblem, type FilterForm } from './registerModel.js';
import { RegisterReport } from './RegisterReport.js';
import { useTypeName } from './useTypeName.js';

/** How many complaints a page of the register shows. */
const PAGE = 50;

/**
 * The register: filters (status, type, assignee or group, overdue, period) and a search by number,
 * subject or customer name; the complaints with their deadline warnings, each opening its detail;
 * the filtered list as CSV or XLSX; and the report of received / resolved / overdue per type.
 */
export function RegisterView({ onOpen }: { onOpen: (complaintId: string) => void }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const typeName = useTypeName();
  const id = useId();
  const [form, setForm] = useState<FilterForm>(EMPTY_FILTERS);
  const [applied, setApplied] = useState<FilterForm>(EMPTY_FILTERS);
  const [offset, setOffset] = useState(0);
  const [exportError, setExportError] = useState<ErrorInfo | null>(null);
  const [exporting, setExporting] = useState(false);
  const types = useRegisterData('register.types', {});
  const filters = filtersInput(applied);
  const list = useRegisterData('register.list', { ...filters, offset, limit: PAGE });
  const typesById = new Map((types.data?.types ?? []).map((type) => [type.id, type]));
  const problem = periodProblem(form);

  const edit = (patch: Partial<FilterForm>) => setForm({ ...form, ...patch });

  function apply(event: FormEvent) {
    event.preventDefault();
    if (problem) return;
    setApplied(form);
    setOffset(0);
  }

  async function download(format: 'csv' | 'xlsx') {
    setExporting(true);
    const result = await settleRegister(dispatch, 'register.export', {
      filters,
      format,
      language: i18n.language === 'ru' ? 'ru' : 'en',
    });
    setExporting(false);
    if (!result.ok) return setExportError(result.error);
    setExportError(null);
    downloadBlob(result.value.name, blobOf(result.value));
  }

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  return (
    <div className="register-view">
      <form className="register-filters" aria-label={t('register.filters.label')} onSubmit={apply} noValidate>
        <div className="field register-search">
          <label htmlFor={`${id}-query`}>{t('register.filters.query')}</label>
          <input
            id={`${id}-query`}
            type="search"
            value={form.query}
            onChange={(e) => edit({ query: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('register.filters.status')}</label>
          <select
            id={`${id}-status`}
            value={form.status}
            onChange={(e) => edit({ status: e.target.value === '' ? '' : ComplaintStatus.parse(e.target.value) })}
          >
            <option value="">{t('register.filters.anyStatus')}</option>
            {COMPLAINT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`register.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('register.filters.type')}</label>
          <select id={`${id}-type`} value={form.typeId} onChange={(e) => edit({ typeId: e.target.value })}>
            <option value="">{t('register.filters.anyType')}</option>
            {(types.data?.types ?? []).map((type) => (
              <option key={type.id} value={type.id}>
                {typeName(type)}
              </option>
            ))}
          </select>
        </div>
        <AssigneeSelect
          id={`${id}-assignee`}
          label={t('register.filters.assignee')}
          emptyLabel={t('register.filters.anyone')}
          value={form.assignee}
          onChange={(assignee) => edit({ assignee })}
          extra={[{ value: 'mine', label: t('register.filters.mine') }]}
        />
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('register.filters.from')}</label>
          <input id={`${id}-from`} type="date" value={form.from} onChange={(e) => edit({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('register.filters.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={form.to}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-to-problem`}
            onChange={(e) => edit({ to: e.target.value })}
          />
        </div>
        <label className="register-check">
          <input type="checkbox" checked={form.overdue} onChange={(e) => edit({ overdue: e.target.checked })} />
          {t('register.filters.overdue')}
        </label>
        <div className="register-filter-actions">
          <button type="submit" className="button primary">
            {t('register.filters.apply')}
          </button>
          <button
            type="button"
            className="button subtle"
            onClick={() => {
              setForm(EMPTY_FILTERS);
              setApplied(EMPTY_FILTERS);
              setOffset(0);
            }}
          >
            {t('register.filters.reset')}
          </button>
        </div>
        <p className="field-error" id={`${id}-to-problem`} role={problem ? 'alert' : undefined}>
          {problem ? t('register.filters.order') : ''}
        </p>
      </form>

      <div className="register-list-head">
        <p role="status" aria-busy={list.loading || undefined}>
          {list.data ? t('register.list.total', { count: total }) : t('register.loading')}
        </p>
        <div className="register-list-tools">
          <button type="button" className="button subtle" onClick={list.reload}>
            {t('register.list.refresh')}
          </button>
          <div className="register-export" role="group" aria-label={t('register.export.label')}>
            <button type="button" className="button subtle" disabled={exporting} onClick={() => void download('csv')}>
              {t('register.export.csv')}
            </button>
            <button type="button" className="button subtle" disabled={exporting} onClick={() => void download('xlsx')}>
              {t('register.export.xlsx')}
            </button>
          </div>
        </div>
      </div>
      <ErrorMessage error={list.error} />
      <ErrorMessage error={exportError} />

      {list.data && items.length === 0 ? <p className="placeholder">{t('register.list.none')}</p> : null}
      {items.length > 0 ? (
        <table className="register-table" aria-label={t('register.list.label')}>
          <thead>
            <tr>
              <th scope="col">{t('register.list.number')}</th>
              <th scope="col">{t('register.list.subject')}</th>
              <th scope="col">{t('register.list.customer')}</th>
              <th scope="col">{t('register.list.type')}</th>
              <th scope="col">{t('register.list.status')}</th>
              <th scope="col">{t('register.list.assignee')}</th>
              <th scope="col">{t('register.list.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((complaint) => (
              <tr key={complaint.id} className={`register-row register-row-${complaint.warning}`}>
                <td>
                  <button
                    type="button"
                    className="button link"
                    aria-label={t('register.list.open', { number: complaint.number, subject: complaint.subject })}
                    onClick={() => onOpen(complaint.id)}
                  >
                    {t('register.number', { number: complaint.number })}
                  </button>
                </td>
                <td>{complaint.subject}</td>
                <td>{complaint.customerName ?? '—'}</td>
                <td>{typeName(typesById.get(complaint.typeId))}</td>
                <td>{t(`register.status.${complaint.status}`)}</td>
                <td>{complaint.assigneeAgentName ?? complaint.assigneeGroupName ?? '—'}</td>
                <td>
                  <time dateTime={new Date(complaint.deadlineAt).toISOString()}>
                    {formatFullTime(complaint.deadlineAt, i18n.language)}
                  </time>{' '}
                  <DeadlineBadge complaint={complaint} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {total > PAGE ? (
        <div className="register-pages" role="group" aria-label={t('register.list.pages')}>
          <button
            type="button"
            className="button subtle"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t('register.list.previous')}
          </button>
          <span>{t('register.list.range', { from: offset + 1, to: Math.min(total, offset + PAGE), total })}</span>
          <button
            type="button"
            className="button subtle"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t('register.list.next')}
          </button>
        </div>
      ) : null}

      <RegisterReport />
    </div>
  );
}
