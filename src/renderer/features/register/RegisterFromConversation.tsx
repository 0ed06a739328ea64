import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'react-redux';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import type { AppDispatch, AppStore, RootState } from '../../app/store.js';
import { isRegisterShortcut, REGISTER_SHORTCUT, startingSubject } from './registerModel.js';
import { createOpened, registerOpened, selectLastCreated } from './registerSlice.js';

const useAppStore = useStore.withTypes<AppStore>();

/**
 * Registers a complaint or request from the open conversation: the button or Alt+R opens the new
 * complaint form linked to this thread and its customer. Says the number of the one just registered.
 */
export function RegisterFromConversation({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const last = useAppSelector(selectLastCreated);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isRegisterShortcut(event)) return;
      // Not over another dialog (the register itself, settings, search): only from the workspace.
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      openCreate(store.getState(), dispatch, threadId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, store, threadId]);

  return (
    <div className="register-from-conversation">
      <button
        type="button"
        className="button subtle"
        aria-haspopup="dialog"
        aria-keyshortcuts={REGISTER_SHORTCUT}
        title={t('register.create.shortcut', { keys: REGISTER_SHORTCUT })}
        onClick={() => openCreate(store.getState(), dispatch, threadId)}
      >
        {t('register.create.button')}
      </button>
      {last && last.threadId === threadId ? (
        <span role="status" className="register-created">
          {t('register.create.done', { number: last.number })}{' '}
          <button
            type="button"
            className="button link"
            onClick={() => dispatch(registerOpened({ complaintId: last.id }))}
          >
            {t('register.create.openDone', { number: last.number })}
          </button>
        </span>
      ) : null}
    </div>
  );
}

/** The form for this thread: its customer, the subject from the thread or the customer's last words. */
function openCreate(state: RootState, dispatch: AppDispatch, threadId: string) {
  const { conversation } = state;
  const thread = conversation.threadId === threadId ? conversation.thread : null;
  const lastWords = [...conversation.messages].reverse().find((m) => m.threadId === threadId && m.direction === 'in');
  dispatch(
    createOpened({
      threadId,
      customerId: thread?.customerId ?? null,
      subject: startingSubject(thread?.subject, lastWords?.text ?? null),
    }),
  );
}
