import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thread } from '../../../shared/domain.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { selectAgent } from '../session/sessionSlice.js';
import { ThreadHandOver } from './ThreadHandOver.js';
import { threadEventText } from './threadEventText.js';

export const takeThread = createAppAsyncThunk('conversation/takeThread', (arg: { threadId: string }, api) =>
  invokeOrReject(api, 'thread.take', arg),
);
export const closeThread = createAppAsyncThunk('conversation/closeThread', (arg: { threadId: string }, api) =>
  invokeOrReject(api, 'thread.close', arg),
);
export const loadThreadEvents = createAppAsyncThunk('conversation/threadEvents', (arg: { threadId: string }, api) =>
  invokeOrReject(api, 'thread.events', arg),
);

interface ThreadEvent {
  id: string;
  kind: string;
  text: string;
  data: Record<string, unknown>;
  createdAt: number;
}

/**
 * Take and close, and the thread's history on the hub: why it was queued or assigned, hand-overs,
 * escalations and auto-replies. The thread itself changes through sync like any other change.
 */
export function ThreadActions({ threadId, thread }: { threadId: string; thread: Thread | null }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const me = useAppSelector(selectAgent);
  const [events, setEvents] = useState<ThreadEvent[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const refresh = () =>
    void dispatch(loadThreadEvents({ threadId }))
      .unwrap()
      .then((r) => setEvents(r.events))
      .catch(() => setEvents(null));

  useEffect(() => {
    setEvents(null);
    setError(null);
    void dispatch(loadThreadEvents({ threadId }))
      .unwrap()
      .then((r) => setEvents(r.events))
      .catch(() => setEvents(null));
  }, [dispatch, threadId, thread?.assigneeId, thread?.status]);

  // Opening a thread the router offered you accepts the offer (the hub re-offers what is not taken).
  const offeredToMe = thread?.status === 'open' && me !== null && thread.assigneeId === me.id;
  useEffect(() => {
    if (offeredToMe) void dispatch(takeThread({ threadId })).catch(() => undefined);
  }, [dispatch, threadId, offeredToMe]);

  async function act(action: typeof takeThread | typeof closeThread) {
    setError(null);
    try {
      await dispatch(action({ threadId })).unwrap();
      refresh();
    } catch (info) {
      setError(info as ErrorInfo);
    }
  }

  const open = thread?.status === 'open';
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <div className="thread-actions">
      {open && thread.assigneeId !== me?.id ? (
        <button type="button" className="button" onClick={() => void act(takeThread)}>
          {t('threadActions.take')}
        </button>
      ) : null}
      {open ? (
        <button type="button" className="button subtle" onClick={() => void act(closeThread)}>
          {t('threadActions.close')}
        </button>
      ) : null}
      {thread ? <ThreadHandOver thread={thread} onDone={refresh} /> : null}
      <ErrorMessage error={error} />
      {/* Read again when opened: events land while the thread is open (e.g. an article opened for it). */}
      <details
        className="thread-history"
        onToggle={(event) => {
          if (event.currentTarget.open) refresh();
        }}
      >
        <summary>{t('threadActions.history')}</summary>
        {events && events.length > 0 ? (
          <ol aria-label={t('threadActions.history')}>
            {events.map((event) => (
              <li key={event.id}>
                <time dateTime={new Date(event.createdAt).toISOString()}>{time.format(event.createdAt)}</time>{' '}
                {threadEventText(t, event)}
              </li>
            ))}
          </ol>
        ) : (
          <p className="hint">{t('threadActions.historyEmpty')}</p>
        )}
      </details>
    </div>
  );
}
