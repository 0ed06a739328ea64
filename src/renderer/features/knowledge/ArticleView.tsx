/** An article's body in the page: its JSON document drawn as React elements (articleElements.ts), pictures from its documents. */
import { useTranslation } from 'react-i18next';
import { articleElements } from './articleElements.js';
import type { DocNode } from './docNode.js';
import { DocumentImage } from './DocumentImage.js';

export interface ArticleDocumentInfo {
  id: string;
  name: string;
}

export function ArticleView({ doc, documents }: { doc: DocNode; documents: readonly ArticleDocumentInfo[] }) {
  const { t } = useTranslation();
  return (
    <div className="article-body">
      {articleElements(doc, {
        opensOutside: t('knowledge.opensOutside'),
        image: (documentId, key) => (
          <DocumentImage
            key={key}
            documentId={documentId}
            name={documents.find((d) => d.id === documentId)?.name ?? ''}
          />
        ),
      })}
    </div>
  );
}
