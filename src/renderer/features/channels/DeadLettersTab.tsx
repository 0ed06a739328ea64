import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadLetterView } from '../../../shared/channels/channelAdmin.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import type { EnResource } from '../../i18n/en.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { settle } from '../admin/adminThunks.js';
import { payloadText } from './channelForm.js';
import { discardDeadLetter, loadDeadLetters, retryDeadLetter } from './channelThunks.js';
import './channels.css';

type Reason = keyof EnResource['deadLetters']['reason'];
const KNOWN_REASONS: readonly string[] = [
  'unparseable',
  'invalid',
  'unsupported',
  'auto_submitted',
  'too_large',
  'failed',
] satisfies Reason[];

/**
 * Inbound payloads the hub kept but did not queue (admins): why, what arrived (as text, never as
 * markup), and retry or discard. A retry that fails again comes back as a new letter.
 */
export function DeadLettersTab() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [letters, setLetters] = useState<DeadLetterView[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const result = await settle(dispatch(loadDeadLetters()).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    setLetters(result.value.deadLetters);
  }, [dispatch]);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function retry(letter: DeadLetterView) {
    setNote(null);
    const result = await settle(dispatch(retryDeadLetter(letter.id)).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    setNote(t(result.value.outcome === 'queued' ? 'deadLetters.retriedQueued' : 'deadLetters.retriedAgain'));
    await reload();
  }

  async function discard(letter: DeadLetterView) {
    setNote(null);
    const result = await settle(dispatch(discardDeadLetter(letter.id)).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    setNote(t('deadLetters.discarded'));
    await reload();
  }

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <div className="admin-stack">
      <div className="admin-actions">
        <button type="button" className="button" onClick={() => void reload()}>
          {t('deadLetters.refresh')}
        </button>
        <p role="status" className="admin-saved">
          {note ?? ''}
        </p>
      </div>
      <ErrorMessage error={error} />
      {letters === null ? (
        error ? null : (
          <p role="status">{t('admin.loading')}</p>
        )
      ) : letters.length === 0 ? (
        <p className="placeholder">{t('deadLetters.none')}</p>
      ) : (
        <ul className="dead-letters" aria-label={t('deadLetters.list')}>
          {letters.map((letter) => {
            const shown = payloadText(letter.payload);
            return (
              <li key={letter.id} className="dead-letter">
                <p>
                  <strong>
                    {KNOWN_REASONS.includes(letter.reason)
                      ? t(`deadLetters.reason.${letter.reason as Reason}`)
                      : letter.reason}
                  </strong>{' '}
                  · {t(`channel.${letter.channelKind}`, { defaultValue: letter.channelKind })} ·{' '}
                  <time dateTime={new Date(letter.createdAt).toISOString()}>{time.format(letter.createdAt)}</time>
                </p>
                <p className="hint">{letter.detail}</p>
                <details>
                  <summary>{t('deadLetters.payload', { count: letter.payloadBytes })}</summary>
                  {shown ? (
                    <pre className="dead-letter-payload">
                      {shown.text}
                      {shown.truncated ? `\n${t('deadLetters.truncated')}` : ''}
                    </pre>
                  ) : (
                    <p className="hint">
                      {letter.payload === null ? t('deadLetters.tooLargeToShow') : t('deadLetters.binary')}
                    </p>
                  )}
                </details>
                <div className="admin-actions">
                  <button type="button" className="button" onClick={() => void retry(letter)}>
                    {t('deadLetters.retry')}
                  </button>
                  <button type="button" className="button" onClick={() => void discard(letter)}>
                    {t('deadLetters.discard')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
