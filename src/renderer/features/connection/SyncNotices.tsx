import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { threadSelected } from '../inbox/inboxSlice.js';
import { noticeDismissed, selectConnection } from './connectionSlice.js';

/**
 * Tells the agent, in their language, what the hub did with messages typed while offline: a
 * thread taken by another agent (the reply waits, failed, for retry or discard), a thread closed
 * meanwhile (the reply went out anyway); and why they are not ready yet (a contact still needs its
 * wrap-up topic, with a button that opens it). An alert region, each notice with its own dismiss button.
 */
export function SyncNotices() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { notices } = useAppSelector(selectConnection);
  if (notices.length === 0) return null;
  return (
    <ul className="sync-notices" role="alert">
      {notices.map((notice, index) => (
        <li key={`${notice.messageId ?? notice.threadId}-${index}`} className={`sync-notice notice-${notice.code}`}>
          <span>
            {t(`conversation.notices.${notice.code}`, { number: notice.threadNumber ?? '?', detail: notice.detail })}
          </span>
          {notice.code === 'wrap_up_needed' ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                dispatch(threadSelected(notice.threadId));
                dispatch(noticeDismissed(index));
              }}
            >
              {t('conversation.notices.open', { number: notice.threadNumber ?? '?' })}
            </button>
          ) : null}
          <button type="button" className="button subtle" onClick={() => dispatch(noticeDismissed(index))}>
            {t('conversation.notices.dismiss')}
          </button>
        </li>
      ))}
    </ul>
  );
}
