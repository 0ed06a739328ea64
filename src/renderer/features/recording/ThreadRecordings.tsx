import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { ThreadRecordings as Recordings } from '../../../shared/recording/recording.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { settle } from '../admin/adminThunks.js';
import { RecordingPlayer } from './RecordingPlayer.js';
import { loadThreadRecordings } from './recordingThunks.js';
import './recording.css';

/** While a recording is still being made or prepared, the list is asked again this often. */
const REFRESH_MS = 5000;

/** In the thread's history: its call recordings with a waveform, seek and download. */
export function ThreadRecordings({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [data, setData] = useState<{ threadId: string; value: Recordings } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const reload = useCallback(async () => {
    const result = await settle(dispatch(loadThreadRecordings(threadId)).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    setData({ threadId, value: result.value });
  }, [dispatch, threadId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const current = data?.threadId === threadId ? data.value : null;
  const unsettled = current?.recordings.some((r) => r.state === 'recording' || r.state === 'processing') ?? false;
  useEffect(() => {
    if (!unsettled) return;
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [unsettled, reload]);

  // Most threads have no calls recorded: nothing is shown for them, not even a heading.
  if (error) return <ErrorMessage error={error} />;
  if (!current || current.recordings.length === 0) return null;
  return (
    <section className="thread-recordings" aria-label={t('recording.title')}>
      <h3>{t('recording.title')}</h3>
      {current.canPlay ? (
        <ul>
          {current.recordings.map((recording) => (
            <li key={recording.id}>
              <RecordingPlayer recording={recording} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('recording.notAllowed')}</p>
      )}
    </section>
  );
}
