import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thread } from '../../../shared/domain.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { isLive } from '../../../shared/softphone/callMachine.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { escalationGroup, targetValue, transferTarget } from '../inbox/handOver.js';
import { loadTransferTargets, selectTransferTargets, transferThread } from '../inbox/inboxSlice.js';
import { TargetSelect } from '../inbox/TargetSelect.js';
import '../inbox/handOver.css';
import { selectCalls } from '../softphone/softphoneSlice.js';

type Mode = 'handOver' | 'escalate';

/**
 * Hand over (to a group, a line or, for leads, an agent) and Escalate (to the second line of the
 * thread's group), each with a note for whoever takes it: thread.transfer, after which the thread
 * re-enters the queue and changes here through sync. A live call on the thread is handed over from
 * its call card instead, where the caller is transferred too.
 */
export function ThreadHandOver({ thread, onDone }: { thread: Thread; onDone?: () => void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const targets = useAppSelector(selectTransferTargets);
  const calls = useAppSelector(selectCalls);
  const [mode, setMode] = useState<Mode | null>(null);
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    if (!targets) void dispatch(loadTransferTargets());
  }, [dispatch, targets]);
  useEffect(() => {
    setMode(null);
    setDone(false);
    setError(null);
  }, [thread.id]);

  const onCall = calls.some((c) => c.thread?.threadId === thread.id && isLive(c));
  if (thread.status !== 'open' || onCall) return null;
  const second = escalationGroup(thread, targets?.groups ?? []);
  const picked = mode === 'escalate' && second ? targetValue('group', second.id) : value;
  const to = transferTarget(picked, note);

  const open = (next: Mode) => {
    setMode((current) => (current === next ? null : next));
    setValue('');
    setNote('');
    setDone(false);
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    setBusy(true);
    setError(null);
    try {
      await dispatch(transferThread({ threadId: thread.id, to })).unwrap();
      setMode(null);
      setDone(true);
      onDone?.();
    } catch (info) {
      setError(info as ErrorInfo);
    } finally {
      setBusy(false);
    }
  };

  const title =
    mode === 'escalate' && second ? t('queueCall.escalateTitle', { group: second.name }) : t('queueCall.handOverTitle');
  return (
    <div className="thread-handover">
      <button
        type="button"
        className="button subtle"
        aria-expanded={mode === 'handOver'}
        onClick={() => open('handOver')}
      >
        {t('queueCall.handOver')}
      </button>
      {second ? (
        <button
          type="button"
          className="button subtle"
          aria-expanded={mode === 'escalate'}
          onClick={() => open('escalate')}
        >
          {t('queueCall.escalate')}
        </button>
      ) : null}
      {done ? (
        <span className="hint" role="status">
          {t('queueCall.handedOver')}
        </span>
      ) : null}
      {mode ? (
        <form className="handover-form" aria-label={title} onSubmit={(e) => void submit(e)}>
          {mode === 'handOver' ? (
            <TargetSelect label={t('queueCall.handOverTo')} value={value} onChange={setValue} withAgents />
          ) : (
            <p>{title}</p>
          )}
          <label>
            {t('queueCall.note')}
            <textarea value={note} maxLength={1000} rows={2} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" className="button primary" disabled={!to || busy}>
            {t(mode === 'escalate' ? 'queueCall.escalateSend' : 'queueCall.handOverSend')}
          </button>
          <button type="button" className="button" onClick={() => setMode(null)}>
            {t('queueCall.cancel')}
          </button>
        </form>
      ) : null}
      <ErrorMessage error={error} />
    </div>
  );
}
