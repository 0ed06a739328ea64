import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/domain.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { formatFullTime, formatMessageTime } from '../../i18n/format.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { CallLinkedText } from '../softphone/CallLinkedText.js';
import { EmailBody } from './EmailBody.js';
import { discardMessage, fetchOlderMessages, retryMessage, selectConversation } from './conversationSlice.js';

/** Within this distance of the bottom, the log follows new messages. */
const STICK_PX = 48;

/**
 * The history as role="log": new messages are announced politely. It keeps the newest in view
 * while the agent is at the bottom, and keeps the agent's place when they have scrolled up or
 * when earlier messages are loaded above.
 */
export function MessageList() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { threadId, thread, messages, hasMore, olderOnHub, messagesStatus, messagesError, loadingOlder } =
    useAppSelector(selectConversation);
  const email = thread?.channel === 'email';
  const scrollRef = useRef<HTMLDivElement>(null);
  const fromBottom = useRef(0);
  const shownThread = useRef<string | null>(null);

  const last = messages.at(-1);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const switched = shownThread.current !== threadId;
    shownThread.current = threadId;
    // A new thread, our own reply, or the agent was at the bottom: show the newest.
    if (switched || fromBottom.current <= STICK_PX || last?.direction === 'out') {
      el.scrollTop = el.scrollHeight;
      fromBottom.current = 0;
    } else {
      el.scrollTop = el.scrollHeight - el.clientHeight - fromBottom.current;
    }
  }, [threadId, messages.length, last?.id, last?.direction]);

  const now = Date.now();
  return (
    <div
      className="messages"
      ref={scrollRef}
      role="log"
      aria-label={t('conversation.messages')}
      aria-busy={messagesStatus === 'loading' || loadingOlder || undefined}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        fromBottom.current = el.scrollHeight - el.clientHeight - el.scrollTop;
      }}
    >
      {hasMore && threadId ? (
        <button
          type="button"
          className="button subtle load-older"
          disabled={loadingOlder}
          onClick={() => {
            const oldest = messages[0];
            if (oldest) void dispatch(fetchOlderMessages({ threadId, before: oldest.createdAt }));
          }}
        >
          {t('conversation.loadOlder')}
        </button>
      ) : null}
      {olderOnHub ? <p className="hint">{t('cache.olderOnHub')}</p> : null}
      {messagesStatus === 'loading' ? <p className="placeholder">{t('conversation.loading')}</p> : null}
      {messagesStatus === 'ready' && messages.length === 0 ? (
        <p className="placeholder">{t('conversation.noMessages')}</p>
      ) : null}
      <ErrorMessage error={messagesError} />
      <ol className="message-list">
        {messages.map((message) => (
          <MessageItem key={message.id} message={message} now={now} email={email} />
        ))}
      </ol>
    </div>
  );
}

function MessageItem({ message, now, email }: { message: Message; now: number; email: boolean }) {
  const { t, i18n } = useTranslation();
  const author =
    message.author.kind === 'system' && !message.author.name ? t('conversation.systemAuthor') : message.author.name;
  return (
    <li className={`message message-${message.direction} author-${message.author.kind} delivery-${message.status}`}>
      <div className="message-meta">
        <span className="message-author">{author}</span>
        <time
          dateTime={new Date(message.createdAt).toISOString()}
          title={formatFullTime(message.createdAt, i18n.language)}
        >
          {formatMessageTime(message.createdAt, now, i18n.language)}
        </time>
        {message.status === 'pending' ? <span className="mark mark-pending">{t('conversation.pending')}</span> : null}
        {message.status === 'failed' ? <span className="mark mark-failed">{t('conversation.failed')}</span> : null}
      </div>
      {email && message.direction === 'in' ? (
        <EmailBody message={message} author={author} />
      ) : (
        <p className="message-text">
          <CallLinkedText text={message.text} />
        </p>
      )}
      {message.status === 'failed' && message.direction === 'out' ? <FailedActions message={message} /> : null}
    </li>
  );
}

/** A message the hub refused stays, with the agent's two ways out: send it again, or drop it. */
function FailedActions({ message }: { message: Message }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  return (
    <div className="message-actions" role="group" aria-label={t('conversation.failed')}>
      <button type="button" className="button subtle" onClick={() => void dispatch(retryMessage(message.id))}>
        {t('conversation.retry')}
      </button>
      <button type="button" className="button subtle" onClick={() => void dispatch(discardMessage(message.id))}>
        {t('conversation.discard')}
      </button>
    </div>
  );
}
