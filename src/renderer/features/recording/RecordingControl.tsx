import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { LiveRecording } from '../../../shared/recording/recording.js';
import type { CallState } from '../../../shared/softphone/callMachine.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { settle } from '../admin/adminThunks.js';
import { pauseRecording, resumeRecording, startRecording, loadLiveRecording } from './recordingThunks.js';

/** While the call is up the recorder's state is asked again this often (automatic pauses change it too). */
const POLL_MS = 4000;

/** On the call card: the recorder's state, start (on demand), pause and resume. */
export function RecordingControl({ call }: { call: CallState }) {
  const threadId = call.thread?.threadId ?? null;
  const up = call.phase === 'established' || call.phase === 'held';
  if (!threadId || !up) return null;
  return <LiveControl key={threadId} threadId={threadId} />;
}

function LiveControl({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [live, setLive] = useState<LiveRecording | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = useCallback(async (work: Promise<LiveRecording>) => {
    const result = await settle(work);
    if (!result.ok) return setError(result.error);
    setError(null);
    setLive(result.value);
  }, []);

  const reload = useCallback(() => apply(dispatch(loadLiveRecording(threadId)).unwrap()), [apply, dispatch, threadId]);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  async function act(work: () => Promise<LiveRecording>) {
    setBusy(true);
    await apply(work());
    setBusy(false);
  }

  // The button's words say what it does, so it carries no aria-pressed (its label changes instead).
  const manual = live?.pausedFor.includes('manual') ?? false;
  return (
    <div className="recording-control" role="group" aria-label={t('recording.live.label')}>
      {live ? (
        <p role="status">
          {t(`recording.live.state.${live.state}`)}
          {live.state === 'paused' && live.pausedFor.length > 0
            ? ` ${t('recording.live.pausedFor', {
                reasons: live.pausedFor.map((r) => t(`recording.reason.${r}`)).join(', '),
              })}`
            : null}
        </p>
      ) : null}
      {live?.state === 'available' ? (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void act(() => dispatch(startRecording(threadId)).unwrap())}
        >
          {t('recording.live.start')}
        </button>
      ) : null}
      {live?.state === 'recording' || live?.state === 'paused' ? (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void act(() =>
              dispatch((manual ? resumeRecording : pauseRecording)({ threadId, reason: 'manual' })).unwrap(),
            )
          }
        >
          {t(manual ? 'recording.live.resume' : 'recording.live.pause')}
        </button>
      ) : null}
      <ErrorMessage error={error} />
    </div>
  );
}
