import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mappingProblems, type ImportMapping } from '../../../../shared/customers/customerImportFields.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import {
  FINISHED_JOB_STATES,
  type ImportJobView,
  type ImportMode,
  type ImportPreview,
} from '../../../../shared/hubApi/customerImportApi.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { settle } from '../adminThunks.js';
import { CustomerExport } from './CustomerExport.js';
import { sendFile } from './fileChunks.js';
import { ImportStatus } from './ImportStatus.js';
import { MappingTable } from './MappingTable.js';
import { readImportJob, sendImportChunk, startImportJob } from './importThunks.js';
import { encodingText, mappingProblemText } from './problemText.js';
import './customerImport.css';

const POLL_MS = 400;

/**
 * Team settings → Customers: choose the bank's file → preview and map its columns → check →
 * the bad rows named → import with progress → how many were created and updated; and exports.
 */
export function CustomerImportTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>([]);
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [note, setNote] = useState('');

  const running = job !== null && !FINISHED_JOB_STATES.includes(job.state);
  const jobId = running ? job.id : null;
  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    const timer = setInterval(() => {
      void settle(dispatch(readImportJob(jobId)).unwrap()).then((result) => {
        if (stopped) return;
        if (result.ok) setJob(result.value);
        else setError(result.error);
      });
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [dispatch, jobId]);

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setJob(null);
    setPreview(null);
    if (!file) return setNote(t('customerImport.chooseFile'));
    setNote('');
    setUploaded(0);
    const result = await settle(
      sendFile(
        file,
        (chunk) => dispatch(sendImportChunk(chunk)).unwrap(),
        (fraction) => setUploaded(fraction),
      ),
    );
    setUploaded(null);
    if (!result.ok) return setError(result.error);
    if (!result.value) return;
    setPreview(result.value);
    setMapping(result.value.guessed);
    setSkipBadRows(false);
  }

  async function start(mode: ImportMode) {
    if (!preview) return;
    setError(null);
    const result = await settle(
      dispatch(
        startImportJob({ uploadId: preview.uploadId, mapping, mode, skipBadRows: mode === 'import' && skipBadRows }),
      ).unwrap(),
    );
    if (!result.ok) return setError(result.error);
    setJob(result.value);
  }

  const problems = preview ? mappingProblems(mapping, preview.header) : [];
  // An imported file is gone from the hub (it held card numbers): read it again to import it again.
  const blocked = running || problems.length > 0 || job?.state === 'done';
  const encoding = encodingText(t, error);
  const hasBadRows = job !== null && job.badRows > 0;
  return (
    <div className="admin-stack customer-import">
      <section className="admin-stack" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{t('customerImport.title')}</h3>
        <p className="hint">{t('customerImport.intro')}</p>
        <form className="admin-row" onSubmit={(e) => void upload(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('customerImport.file')}</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <button
            type="submit"
            className="button primary"
            disabled={uploaded !== null || running}
            aria-busy={uploaded !== null || undefined}
          >
            {t('customerImport.upload')}
          </button>
        </form>
        {uploaded !== null ? (
          <p role="status">{t('customerImport.uploading', { percent: Math.round(uploaded * 100) })}</p>
        ) : null}
        {note ? <p role="status">{note}</p> : null}
        {encoding ? (
          <p className="error" role="alert" title={error?.message}>
            {encoding}
          </p>
        ) : (
          <ErrorMessage error={error} />
        )}
      </section>

      {preview ? (
        <section className="admin-stack" aria-labelledby={`${id}-preview`}>
          <h3 id={`${id}-preview`}>{t('customerImport.previewTitle')}</h3>
          <MappingTable
            preview={preview}
            mapping={mapping}
            onChange={(next) => {
              setMapping(next);
              setJob(null);
            }}
          />
          {problems.length > 0 ? (
            <ul className="error" role="alert">
              {problems.map((problem, i) => (
                <li key={i}>{mappingProblemText(t, problem)}</li>
              ))}
            </ul>
          ) : null}
          {hasBadRows ? (
            <label className="admin-check">
              <input type="checkbox" checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} />
              {t('customerImport.skipBadRows')}
            </label>
          ) : null}
          <div className="admin-actions start">
            <button type="button" className="button" disabled={blocked} onClick={() => void start('check')}>
              {t('customerImport.check')}
            </button>
            <button type="button" className="button primary" disabled={blocked} onClick={() => void start('import')}>
              {t('customerImport.import')}
            </button>
          </div>
          {job ? <ImportStatus job={job} /> : null}
        </section>
      ) : null}

      <CustomerExport />
    </div>
  );
}
