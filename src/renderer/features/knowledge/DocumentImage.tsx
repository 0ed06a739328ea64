import { useTranslation } from 'react-i18next';
import { imageDataUrl } from './documentFiles.js';
import { useArticleDocument } from './useArticleDocument.js';

/** A picture of the article: one of its uploaded documents, shown from a data: URL (never an outside address). */
export function DocumentImage({ documentId, name }: { documentId: string; name: string }) {
  const { t } = useTranslation();
  const loaded = useArticleDocument(documentId);
  if (!loaded || loaded.state === 'loading') {
    return <span className="article-image loading" role="img" aria-label={t('knowledge.loading')} aria-busy="true" />;
  }
  const url = loaded.state === 'ready' ? imageDataUrl(loaded.doc.mime, loaded.doc.dataBase64) : null;
  if (!url || loaded.state !== 'ready') {
    return (
      <span className="article-image missing" role="img" aria-label={t('knowledge.imageMissing')}>
        {t('knowledge.imageMissing')}
      </span>
    );
  }
  return <img className="article-image" src={url} alt={t('knowledge.imageAlt', { name: name || loaded.doc.name })} />;
}
