/**
 * The knowledge base beside the conversation (a complementary landmark, not a dialog: the conversation
 * stays usable). A search box, the articles found, and the article read — opened for the conversation
 * on screen, so the core records the opening in that contact's history. Escape in the panel closes it.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { Article, KnowledgeSource, SearchResult } from '../../../shared/knowledge/knowledgeContract.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { selectOpenThreadId } from '../conversation/conversationSlice.js';
import { isWebUrl } from './articleLinks.js';
import { ArticleView } from './ArticleView.js';
import { DocumentList } from './DocumentList.js';
import { KNOWLEDGE_BUTTON_ID, KNOWLEDGE_PANEL_ID } from './KnowledgeButton.js';
import {
  articleClosed,
  articleShown,
  knowledgePanelClosed,
  knowledgeQueryChanged,
  selectKnowledge,
  type ReadingArticle,
} from './knowledgeSlice.js';
import { openArticle, searchArticles } from './knowledgeThunks.js';
import './knowledge.css';

/** Typing pauses this long before the search runs (Enter searches at once). */
export const SEARCH_DEBOUNCE_MS = 250;

const failure = (action: { payload?: ErrorInfo | undefined; error: { message?: string | undefined } }): ErrorInfo =>
  action.payload ?? { code: 'internal', message: action.error.message ?? '' };

export function KnowledgePanel() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { open, reading } = useAppSelector(selectKnowledge);
  const titleId = useId();
  if (!open) return null;

  // Closing puts the focus back on the top bar's button, so the keyboard is not left nowhere.
  const close = () => {
    dispatch(knowledgePanelClosed());
    document.getElementById(KNOWLEDGE_BUTTON_ID)?.focus();
  };

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  }

  return (
    <aside id={KNOWLEDGE_PANEL_ID} className="knowledge-panel" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <header className="knowledge-panel-header">
        <h2 id={titleId}>{t('knowledge.panel')}</h2>
        <button type="button" className="button subtle" onClick={close}>
          {t('knowledge.close')}
        </button>
      </header>
      {reading ? <ArticleReader reading={reading} /> : <KnowledgeSearch />}
    </aside>
  );
}

function KnowledgeSearch() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { query, revision } = useAppSelector(selectKnowledge);
  const threadId = useAppSelector(selectOpenThreadId);
  const [reply, setReply] = useState<{ query: string; results: SearchResult[]; source: KnowledgeSource } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  async function run(text: string) {
    const trimmed = text.trim();
    if (!trimmed) {
      setReply(null);
      setError(null);
      return;
    }
    setBusy(true);
    const action = await dispatch(searchArticles({ query: trimmed, limit: 20 }));
    setBusy(false);
    if (searchArticles.fulfilled.match(action)) {
      setError(null);
      setReply({ query: trimmed, ...action.payload });
    } else {
      setReply(null);
      setError(failure(action));
    }
  }

  // Search as the agent types (after a pause), and again when the core's copy changed.
  useEffect(() => {
    const timer = setTimeout(() => void run(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // run is re-created every render; the query and the revision are what matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, revision]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(query);
  }

  return (
    <div className="knowledge-search">
      <form role="search" aria-label={t('knowledge.search')} onSubmit={submit} className="knowledge-search-form">
        <input
          ref={inputRef}
          type="search"
          aria-label={t('knowledge.search')}
          placeholder={t('knowledge.searchPlaceholder')}
          value={query}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => dispatch(knowledgeQueryChanged(event.target.value))}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('knowledge.searching') : t('knowledge.searchButton')}
        </button>
      </form>
      <ErrorMessage error={error} />
      {reply ? (
        <section aria-label={t('knowledge.results')}>
          {reply.source === 'cache' ? (
            <p className="hint" role="status">
              {t('knowledge.fromCache')}
            </p>
          ) : null}
          {reply.results.length === 0 ? (
            <p role="status">{t('knowledge.none', { query: reply.query })}</p>
          ) : (
            <ul className="knowledge-results">
              {reply.results.map(({ article, snippet }) => (
                <li key={article.id}>
                  <button
                    type="button"
                    className="knowledge-result"
                    aria-label={t('knowledge.openInPanel', { title: article.title })}
                    onClick={() => dispatch(articleShown({ articleId: article.id, threadId }))}
                  >
                    <span className="knowledge-result-title">{article.title}</span>
                    <span className="knowledge-result-snippet">{snippet}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

function ArticleReader({ reading }: { reading: ReadingArticle }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { revision } = useAppSelector(selectKnowledge);
  const [loaded, setLoaded] = useState<{
    key: string;
    article: Article;
    source: KnowledgeSource;
    latestVersion: number;
  } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const key = `${reading.articleId}:${reading.threadId ?? ''}`;
  // The opening is recorded once per article and thread; a refresh after the cache changed is not an opening.
  const recorded = useRef<string | null>(null);
  const backRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    const record = recorded.current !== key;
    recorded.current = key;
    void dispatch(openArticle({ articleId: reading.articleId, threadId: record ? reading.threadId : null })).then(
      (action) => {
        if (!live) return;
        if (openArticle.fulfilled.match(action)) {
          setError(null);
          setLoaded({ key, ...action.payload });
        } else setError(failure(action));
      },
    );
    return () => {
      live = false;
    };
  }, [dispatch, key, reading.articleId, reading.threadId, revision]);

  useEffect(() => {
    backRef.current?.focus();
  }, [key]);

  const article = loaded?.key === key ? loaded.article : null;
  return (
    <div className="knowledge-reader">
      <button ref={backRef} type="button" className="button subtle" onClick={() => dispatch(articleClosed())}>
        {t('knowledge.back')}
      </button>
      <ErrorMessage error={error} />
      {!article && !error ? <p role="status">{t('knowledge.loading')}</p> : null}
      {article && loaded ? (
        <article className="knowledge-article" aria-labelledby="knowledge-article-title">
          <h3 id="knowledge-article-title">{article.title}</h3>
          <p className="knowledge-article-meta">
            <span className="tag subtle">{t(`knowledge.language.${article.language}`)}</span>{' '}
            <span>{t('knowledge.version', { version: article.version })}</span>{' '}
            <span>
              {t('knowledge.updated', {
                when: new Date(article.updatedAt).toLocaleString(i18n.language),
                who: article.updatedBy,
              })}
            </span>
          </p>
          {loaded.source === 'cache' ? (
            <p className="hint" role="status">
              {t('knowledge.articleFromCache')}
            </p>
          ) : null}
          {article.version !== loaded.latestVersion ? (
            <p className="hint">{t('knowledge.oldVersion', { version: article.version })}</p>
          ) : null}
          {reading.threadId ? <p className="hint">{t('knowledge.recordedInHistory')}</p> : null}
          <ArticleView doc={article.doc} documents={article.documents} />
          {article.links.length > 0 ? (
            <section aria-label={t('knowledge.links')}>
              <h4>{t('knowledge.links')}</h4>
              <ul className="knowledge-links">
                {article.links.map((link, index) => (
                  <li key={`${link.url}-${index}`}>
                    {isWebUrl(link.url) ? (
                      <a href={link.url.trim()} target="_blank" rel="noopener noreferrer" title={link.url}>
                        {link.title}
                        <span className="visually-hidden"> {t('knowledge.opensOutside')}</span>
                      </a>
                    ) : (
                      link.title
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {article.documents.length > 0 ? (
            <section aria-label={t('knowledge.documents')}>
              <h4>{t('knowledge.documents')}</h4>
              <DocumentList documents={article.documents} />
            </section>
          ) : null}
        </article>
      ) : null}
    </div>
  );
}
