import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommercialView } from '../../../shared/hubApi/identificationApi.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { settle } from '../admin/adminThunks.js';
import { openCommercial } from './identificationThunks.js';
import { ProductsPanel } from './ProductsPanel.js';

/**
 * Full documents and complaints in progress of an identified contact, then the bank's products.
 * Held in this component's state only: gone when the card closes, never in the store or on disk.
 */
export function CommercialPanel({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [view, setView] = useState<CommercialView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const load = useCallback(async () => {
    const result = await settle(dispatch(openCommercial(threadId)).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    setView(result.value);
  }, [dispatch, threadId]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="commercial" aria-label={t('identification.commercial.title')}>
      <h4>{t('identification.commercial.title')}</h4>
      {!view && !error ? <p role="status">{t('identification.commercial.loading')}</p> : null}
      <ErrorMessage error={error} />
      {view ? (
        <>
          <h5>{t('identification.commercial.documents')}</h5>
          {view.documents.length === 0 ? (
            <p className="hint">{t('identification.commercial.noDocuments')}</p>
          ) : (
            <ul className="commercial-documents" aria-label={t('identification.commercial.documents')}>
              {view.documents.map((document) => (
                <li key={`${document.kind}:${document.shown}`}>
                  <span className="hint">{t(`identification.commercial.document.${document.kind}`)}</span>{' '}
                  <span className="commercial-number">{document.shown}</span>
                </li>
              ))}
            </ul>
          )}
          <h5>{t('identification.commercial.complaints')}</h5>
          {view.complaints.length === 0 ? (
            <p className="hint">{t('identification.commercial.noComplaints')}</p>
          ) : (
            <ul aria-label={t('identification.commercial.complaints')}>
              {view.complaints.map((complaint) => (
                <li key={complaint.id}>{complaint.subject}</li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <ProductsPanel threadId={threadId} />
    </section>
  );
}
