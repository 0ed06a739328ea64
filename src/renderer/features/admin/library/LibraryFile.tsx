import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { exportFileName, importFormatOf, placeProblem } from '../adminForms.js';
import { ProblemText } from '../AdminParts.js';
import { exportLibrary, importLibrary, settle } from '../adminThunks.js';

/** Export the shared library as JSON or CSV; import such a file, adding to the library or replacing it. */
export function LibraryFile({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  async function download(format: 'json' | 'csv') {
    const result = await settle(dispatch(exportLibrary(format)).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json';
    const url = URL.createObjectURL(new Blob([result.value.content], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(format, Date.now());
    link.click();
    // The click has started the download; the object URL is not needed after this task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus(null);
    const format = file ? importFormatOf(file.name) : null;
    if (!file || !format) {
      setError(null);
      setStatus(t('admin.file.chooseFile'));
      return;
    }
    setBusy(true);
    const result = await settle(dispatch(importLibrary({ format, source: await file.text(), replace })).unwrap());
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setStatus(t('admin.file.imported', { count: result.value.imported }));
    onImported();
  }

  // A file the hub refused names its line; say that rather than only "not accepted".
  const where = error?.issues?.[0];
  const detail =
    error && error.code === 'bad_request'
      ? placeProblem(where ? `${where.path}: ${where.message}` : stripWhat(error.message))
      : null;

  return (
    <section className="admin-file" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('admin.file.title')}</h3>
      <div className="admin-actions start">
        <button type="button" className="button" onClick={() => void download('json')}>
          {t('admin.file.exportJson')}
        </button>
        <button type="button" className="button" onClick={() => void download('csv')}>
          {t('admin.file.exportCsv')}
        </button>
      </div>
      <form className="admin-row" onSubmit={(e) => void upload(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('admin.file.choose')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <label className="admin-check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          {t('admin.file.replace')}
        </label>
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
          {t('admin.file.import')}
        </button>
      </form>
      {detail && detail.line !== null ? (
        <p className="error" role="alert">
          {t('admin.file.refused')} <ProblemText problem={detail} />
        </p>
      ) : (
        <ErrorMessage error={error} />
      )}
      <p role="status">{status ?? ''}</p>
    </section>
  );
}

/** "template library: line 3: …" → "line 3: …" (the core names which service answered). */
function stripWhat(message: string): string {
  const at = message.search(/line \d/);
  return at >= 0 ? message.slice(at) : message;
}
