import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportJobView } from '../../../../shared/hubApi/customerImportApi.js';
import { rowProblemText } from './problemText.js';

/** Where a job is: a progress bar while it runs, the summary once it ends, and the rows it refused. */
export function ImportStatus({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  const good = job.total - job.badRows;
  const progress: Record<string, [number, number] | null> = {
    reading: null,
    checking: [job.validated, job.total],
    writing: [job.written, good],
  };
  const bar = progress[job.state];
  return (
    <section className="admin-stack" aria-label={t('customerImport.progressLabel')}>
      {job.state === 'reading' || bar ? (
        <progress
          aria-label={t('customerImport.progressLabel')}
          max={bar ? Math.max(bar[1], 1) : undefined}
          value={bar ? bar[0] : undefined}
        />
      ) : null}
      <p role="status">{stateText(t, job)}</p>
      {job.problems.length > 0 ? (
        <>
          <h4>{t('customerImport.problemsTitle')}</h4>
          <ul className="customer-import-problems" aria-label={t('customerImport.problemsTitle')}>
            {job.problems.map((problem, i) => (
              <li key={i} title={problem.message}>
                {rowProblemText(t, problem)}
              </li>
            ))}
          </ul>
          {job.problemsTotal > job.problems.length ? (
            <p className="hint">
              {t('customerImport.problemsMore', { shown: job.problems.length, total: job.problemsTotal })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function stateText(t: TFunction, job: ImportJobView): string {
  const total = job.total;
  switch (job.state) {
    case 'reading':
      return t('customerImport.state.reading', { count: total });
    case 'checking':
      return t('customerImport.state.checking', { done: job.validated, total });
    case 'writing':
      return t('customerImport.state.writing', { done: job.written, total: total - job.badRows });
    case 'refused':
      return t('customerImport.state.refused', { bad: job.badRows });
    case 'checked':
      return job.badRows > 0
        ? t('customerImport.state.checked', { total, bad: job.badRows })
        : t('customerImport.state.checkedClean', { total });
    case 'done':
      return job.badRows > 0
        ? t('customerImport.state.doneSkipped', { created: job.created, updated: job.updated, bad: job.badRows })
        : t('customerImport.state.done', { created: job.created, updated: job.updated });
    case 'failed':
      return t('customerImport.state.failed', { error: job.error ?? '' });
  }
}
