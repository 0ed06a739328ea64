/**
 * An article's document loaded from the core when a view needs it (a picture in the text, a preview).
 * Documents do not change once uploaded (a new upload is a new id), so a loaded one is kept for the
 * session in a small bounded cache instead of the store (it is bytes, not app state).
 */
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import { fetchDocument } from './knowledgeThunks.js';

export interface LoadedDocument {
  name: string;
  mime: string;
  dataBase64: string;
}

const CACHE_LIMIT = 40;
const cache = new Map<string, LoadedDocument>();

function remember(id: string, doc: LoadedDocument): void {
  cache.delete(id);
  cache.set(id, doc);
  while (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

export type DocumentState =
  { state: 'loading' } | { state: 'ready'; doc: LoadedDocument } | { state: 'failed'; error: ErrorInfo };

/** Loads the document when `documentId` is set; null leaves it unloaded. */
export function useArticleDocument(documentId: string | null): DocumentState | null {
  const dispatch = useAppDispatch();
  const [result, setResult] = useState<{ id: string; value: DocumentState } | null>(null);

  useEffect(() => {
    if (!documentId || cache.has(documentId)) return;
    let live = true;
    void dispatch(fetchDocument({ documentId })).then((action) => {
      if (!live) return;
      if (fetchDocument.fulfilled.match(action)) {
        remember(documentId, action.payload);
        setResult({ id: documentId, value: { state: 'ready', doc: action.payload } });
      } else {
        setResult({
          id: documentId,
          value: {
            state: 'failed',
            error: action.payload ?? { code: 'internal', message: action.error.message ?? '' },
          },
        });
      }
    });
    return () => {
      live = false;
    };
  }, [dispatch, documentId]);

  if (!documentId) return null;
  const cached = cache.get(documentId);
  if (cached) return { state: 'ready', doc: cached };
  if (result?.id === documentId) return result.value;
  return { state: 'loading' };
}

/** Fetches a document once (for a download button); cached like the others. */
export async function loadDocumentOnce(
  dispatch: ReturnType<typeof useAppDispatch>,
  documentId: string,
): Promise<{ ok: true; doc: LoadedDocument } | { ok: false; error: ErrorInfo }> {
  const cached = cache.get(documentId);
  if (cached) return { ok: true, doc: cached };
  const action = await dispatch(fetchDocument({ documentId }));
  if (fetchDocument.fulfilled.match(action)) {
    remember(documentId, action.payload);
    return { ok: true, doc: action.payload };
  }
  return { ok: false, error: action.payload ?? { code: 'internal', message: action.error.message ?? '' } };
}
