import { useId, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import {
  charactersLeft,
  checkDraft,
  COUNTER_THRESHOLD,
  draftChanged,
  selectDraft,
  selectSendError,
  selectSending,
  sendMessage,
} from './composerSlice.js';

/**
 * The reply box. Enter sends, Shift+Enter starts a new line (and Enter while an input method is
 * composing does neither). Empty or over-long text is not sent. The text stays until the core
 * has accepted it, so a failed send loses nothing.
 */
export function Composer({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const draft = useAppSelector((state) => selectDraft(state, threadId));
  const sending = useAppSelector((state) => selectSending(state, threadId));
  const error = useAppSelector((state) => selectSendError(state, threadId));
  const id = useId();

  const check = checkDraft(draft);
  const left = charactersLeft(draft);
  const showCounter = left <= COUNTER_THRESHOLD;

  function send() {
    if (!check.ok || sending) return;
    void dispatch(sendMessage({ threadId, text: draft }));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  const describedBy = [showCounter ? `${id}-counter` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t('composer.label')}
      </label>
      <textarea
        id={`${id}-text`}
        className="composer-text"
        rows={3}
        value={draft}
        placeholder={t('composer.placeholder')}
        aria-invalid={left < 0 || undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => dispatch(draftChanged({ threadId, text: e.target.value }))}
        onKeyDown={onKeyDown}
      />
      <div className="composer-footer">
        <ErrorMessage error={error} id={`${id}-error`} />
        {showCounter ? (
          <span id={`${id}-counter`} className={left < 0 ? 'counter over' : 'counter'}>
            {left < 0 ? t('composer.tooLong', { count: -left }) : t('composer.charsLeft', { count: left })}
          </span>
        ) : null}
        {sending ? <span className="hint">{t('composer.sending')}</span> : null}
        <button type="submit" className="button primary" disabled={!check.ok || sending}>
          {t('composer.send')}
        </button>
      </div>
    </form>
  );
}
