import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { formatMessageTime } from '../../i18n/format.js';
import { selectConversation } from '../conversation/conversationSlice.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { ActivityForm } from './ActivityForm.js';
import { ActivityItem, useTargetText } from './ActivityItem.js';
import {
  activityErrorDismissed,
  loadThreadActivities,
  selectActivityError,
  selectThreadActivities,
} from './activitiesSlice.js';

/**
 * In the conversation's header: plan a callback, meeting or reminder for this contact's customer; the
 * activity this thread was opened for (what, for whom, when, the note; Done and Cancel); and those
 * planned from this conversation.
 */
export function PlanActivity({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { thread, customer } = useAppSelector(selectConversation);
  const activities = useAppSelector((state) => selectThreadActivities(state, threadId));
  const error = useAppSelector(selectActivityError);
  const targetText = useTargetText();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    setOpen(false);
    void dispatch(loadThreadActivities(threadId));
  }, [dispatch, threadId]);

  const own = activities.find((a) => a.queuedThreadId === threadId);
  const planned = activities.filter((a) => a.originThreadId === threadId && a.id !== own?.id);
  const now = Date.now();
  const locale = t('activities.locale');
  return (
    <div className="plan-activity">
      {own ? (
        <p className="activity-banner" role="note">
          {t('activities.thisThread', {
            what: t(`activities.kindsLower.${own.kind}`),
            target: targetText(own),
            when: formatMessageTime(own.dueAt, now, locale),
          })}
          {own.note ? `: ${own.note}` : ''}
        </p>
      ) : null}
      <button
        type="button"
        className="button subtle"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        disabled={!thread}
      >
        {t('activities.plan')}
      </button>
      {open && thread ? (
        <ActivityForm
          customerId={thread.customerId}
          threadId={threadId}
          customerName={customer?.name ?? ''}
          onClose={() => setOpen(false)}
        />
      ) : null}
      {own || planned.length > 0 ? (
        <ul className="activity-list" aria-label={t('activities.plannedHere')}>
          {[...(own ? [own] : []), ...planned].map((a) => (
            <ActivityItem key={a.id} activity={a} now={now} />
          ))}
        </ul>
      ) : null}
      {error ? (
        <div onClick={() => dispatch(activityErrorDismissed())}>
          <ErrorMessage error={error} />
        </div>
      ) : null}
    </div>
  );
}
