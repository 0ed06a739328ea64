import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleSummary, KnowledgeSource } from '../../../shared/knowledge/knowledgeContract.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { selectMessages } from '../conversation/conversationSlice.js';
import { articleShown, selectKnowledge } from './knowledgeSlice.js';
import { suggestArticles } from './knowledgeThunks.js';
import './knowledge.css';

/**
 * Articles suggested for the customer's last message, under the reply box next to the template
 * suggestions. A click opens the article in the side panel for this thread (the core records it).
 */
export function KnowledgeSuggestions({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { revision } = useAppSelector(selectKnowledge);
  const messages = useAppSelector(selectMessages);
  const lastInbound = [...messages].reverse().find((m) => m.threadId === threadId && m.direction === 'in')?.id ?? null;
  const [found, setFound] = useState<{ threadId: string; articles: ArticleSummary[]; source: KnowledgeSource } | null>(
    null,
  );

  useEffect(() => {
    let live = true;
    void dispatch(suggestArticles({ threadId })).then((action) => {
      if (!live) return;
      if (suggestArticles.fulfilled.match(action)) setFound({ threadId, ...action.payload });
      else setFound(null);
    });
    return () => {
      live = false;
    };
  }, [dispatch, threadId, lastInbound, revision]);

  const articles = found?.threadId === threadId ? found.articles : [];
  if (articles.length === 0) return null;
  return (
    <section className="knowledge-suggestions" aria-label={t('knowledge.suggestions')}>
      <h3 className="visually-hidden">{t('knowledge.suggestions')}</h3>
      <ul>
        {articles.map((article) => (
          <li key={article.id}>
            <button
              type="button"
              className="button subtle"
              onClick={() => dispatch(articleShown({ articleId: article.id, threadId }))}
            >
              {t('knowledge.suggestionOpen', { title: article.title })}
            </button>
          </li>
        ))}
      </ul>
      {found?.source === 'cache' ? <p className="hint">{t('knowledge.fromCache')}</p> : null}
    </section>
  );
}
