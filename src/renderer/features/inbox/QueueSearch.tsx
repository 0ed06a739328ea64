import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { searchCleared, searchMessages, selectSearch, threadSelected } from './inboxSlice.js';

/**
 * Full-text search over every cached message (the core's FTS index, Russian and English stems).
 * A hit opens its thread; clearing the field brings the queue back.
 */
export function QueueSearch() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const search = useAppSelector(selectSearch);
  const [text, setText] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const query = text.trim();
    if (query) void dispatch(searchMessages(query));
    else dispatch(searchCleared());
  }

  return (
    <div className="queue-search">
      <form role="search" onSubmit={submit}>
        <input
          type="search"
          aria-label={t('queueViews.searchLabel')}
          placeholder={t('queueViews.searchPlaceholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) dispatch(searchCleared());
          }}
        />
      </form>
      <ErrorMessage error={search.error} />
      {search.hits !== null ? (
        <>
          <p className="placeholder">{t('queueViews.searchHits', { count: search.hits.length })}</p>
          <ul aria-label={t('queueViews.searchResults')} className="search-hits">
            {search.hits.map((hit) => (
              <li key={hit.messageId}>
                <button type="button" className="search-hit" onClick={() => dispatch(threadSelected(hit.threadId))}>
                  {hit.snippet}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
