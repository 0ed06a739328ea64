import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { CustomerTyping } from '../channels/Typing.js';
import { Composer } from '../composer/Composer.js';
import { selectQueueItems } from '../inbox/inboxSlice.js';
import { selectConversation } from './conversationSlice.js';
import { MessageList } from './MessageList.js';
import { ThreadActions } from './ThreadActions.js';
import { WrapUpTopics } from '../topics/WrapUpTopics.js';
import { KnowledgeSuggestions } from '../knowledge/KnowledgeSuggestions.js';
import { RegisterFromConversation } from '../register/RegisterFromConversation.js';
import { PlanActivity } from '../activities/PlanActivity.js';
import { ThreadRecordings } from '../recording/ThreadRecordings.js';
import { ScoreThread } from '../qa/ScoreThread.js';

/** The open thread: who, which channel, the history and the reply box; an empty state otherwise. */
export function Conversation() {
  const { t } = useTranslation();
  const conversation = useAppSelector(selectConversation);
  const queueItems = useAppSelector(selectQueueItems);
  const { threadId, thread, customer } = conversation;

  if (!threadId) {
    return (
      <section className="pane conversation" aria-label={t('conversation.label')}>
        <div className="empty-state">
          <p>{t('conversation.empty')}</p>
        </div>
      </section>
    );
  }

  // Until thread.get answers, the queue row already knows enough for the header.
  const queued = queueItems.find((item) => item.id === threadId);
  const name =
    customer?.kind === 'anonymous'
      ? t('customer.customerKind.anonymousTitle')
      : (customer?.name ?? queued?.customerName ?? '');
  const number = thread?.number ?? queued?.number;
  const channel = thread?.channel ?? queued?.channel;
  const subject = thread?.subject ?? queued?.subject ?? '';

  return (
    <section className="pane conversation" aria-label={t('conversation.label')}>
      <header className="conversation-header">
        <div className="conversation-title">
          <h2>{name}</h2>
          {number !== undefined ? <span className="thread-number">{t('inbox.threadNumber', { number })}</span> : null}
          {channel ? <span className={`channel channel-${channel}`}>{t(`channel.${channel}`)}</span> : null}
          {thread?.status === 'closed' ? <span className="tag">{t('conversation.closed')}</span> : null}
        </div>
        {subject ? <p className="conversation-subject">{subject}</p> : null}
        {customer && (customer.phone || customer.email) ? (
          <p className="conversation-contact">{[customer.phone, customer.email].filter(Boolean).join(' · ')}</p>
        ) : null}
        <ThreadActions threadId={threadId} thread={thread} />
        <div className="conversation-tools">
          <RegisterFromConversation threadId={threadId} />
          <PlanActivity threadId={threadId} />
        </div>
        <WrapUpTopics threadId={threadId} />
        <ThreadRecordings threadId={threadId} />
        <ScoreThread threadId={threadId} />
      </header>
      <ErrorMessage error={conversation.threadError} />
      <MessageList />
      <CustomerTyping threadId={threadId} />
      <Composer threadId={threadId} />
      <KnowledgeSuggestions threadId={threadId} />
    </section>
  );
}
