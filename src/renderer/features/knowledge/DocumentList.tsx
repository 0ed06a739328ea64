/**
 * An article's documents: each can be downloaded (PDF, DOCX, XLSX open in the system's viewer — the
 * app's CSP lets no frame or plugin show them in the page); pictures can also be shown inline.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { ArticleDocument } from '../../../shared/knowledge/knowledgeContract.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { DocumentImage } from './DocumentImage.js';
import { bytesOf, isInlineImage, sizeText } from './documentFiles.js';
import { loadDocumentOnce } from './useArticleDocument.js';

export function DocumentList({ documents }: { documents: readonly ArticleDocument[] }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<ErrorInfo | null>(null);
  if (documents.length === 0) return null;

  async function download(doc: ArticleDocument) {
    const result = await loadDocumentOnce(dispatch, doc.id);
    if (!result.ok) return setError(result.error);
    setError(null);
    downloadDocument({ ...result.doc, name: doc.name });
  }

  const toggle = (id: string) =>
    setShown((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <ul className="knowledge-documents">
        {documents.map((doc) => (
          <li key={doc.id}>
            <span className="knowledge-document-name">{doc.name}</span>{' '}
            <span className="hint">{sizeText(doc.size)}</span>{' '}
            {isInlineImage(doc.mime) ? (
              <button
                type="button"
                className="button subtle"
                aria-expanded={shown.has(doc.id)}
                onClick={() => toggle(doc.id)}
              >
                {shown.has(doc.id)
                  ? t('knowledge.hidePreview', { name: doc.name })
                  : t('knowledge.preview', { name: doc.name })}
              </button>
            ) : null}{' '}
            <button type="button" className="button subtle" onClick={() => void download(doc)}>
              {t('knowledge.download', { name: doc.name })}
            </button>
            {shown.has(doc.id) ? (
              <div className="knowledge-document-preview">
                <DocumentImage documentId={doc.id} name={doc.name} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} />
    </>
  );
}

/** Saves a document through the browser's download (a link with `download`; the page never navigates). */
function downloadDocument(doc: { name: string; mime: string; dataBase64: string }): void {
  const url = URL.createObjectURL(new Blob([bytesOf(doc.dataBase64)], { type: doc.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = doc.name;
  link.rel = 'noopener';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
