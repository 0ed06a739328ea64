import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { ImportFormat } from '../../../../shared/hubApi/customerImportApi.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { downloadBlob } from '../../stats/statsDownload.js';
import { settle } from '../adminThunks.js';
import { receiveFile } from './fileChunks.js';
import { createCustomerExport, readExportChunk } from './importThunks.js';

const TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Export buttons: the hub makes the file (documents masked, the export audited), the app saves it. */
export function CustomerExport() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);

  async function exportAs(format: ImportFormat) {
    setBusy(true);
    setError(null);
    setStatus(t('customerImport.exporting'));
    const result = await settle(
      (async () => {
        const made = await dispatch(createCustomerExport({ format })).unwrap();
        const blob = await receiveFile((offset) =>
          dispatch(readExportChunk({ exportId: made.exportId, offset })).unwrap(),
        );
        downloadBlob(made.fileName, new Blob([blob], { type: TYPES[format] }));
        return made;
      })(),
    );
    setBusy(false);
    if (!result.ok) {
      setStatus('');
      return setError(result.error);
    }
    setStatus(t('customerImport.exported', { rows: result.value.rows }));
  }

  return (
    <section className="admin-stack" aria-labelledby="customer-export-title">
      <h3 id="customer-export-title">{t('customerImport.exportTitle')}</h3>
      <p className="hint">{t('customerImport.exportHint')}</p>
      <div className="admin-actions start">
        <button type="button" className="button" disabled={busy} onClick={() => void exportAs('csv')}>
          {t('customerImport.exportCsv')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void exportAs('xlsx')}>
          {t('customerImport.exportXlsx')}
        </button>
      </div>
      <ErrorMessage error={error} />
      <p role="status">{status}</p>
    </section>
  );
}
