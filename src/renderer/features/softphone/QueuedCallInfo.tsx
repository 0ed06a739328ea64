import { useTranslation } from 'react-i18next';
import { formatCallTimer, type CallState, type CallThread } from '../../../shared/softphone/callMachine.js';
import { useAppDispatch } from '../../app/hooks.js';
import { threadSelected } from '../inbox/inboxSlice.js';
import type { CallerInfo } from './softphoneSlice.js';

/**
 * What the call card says about a call of the queue: offered to you from the queue (or a callback
 * you are making), its thread, the line and how long the caller waited; and a way back to the thread.
 */
export function QueuedCallInfo({
  call,
  thread,
  caller,
}: {
  call: Pick<CallState, 'phase'>;
  thread: CallThread;
  caller: CallerInfo | undefined;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const title = t(thread.kind === 'offered' ? 'queueCall.offered' : 'queueCall.callback');
  const number = caller?.thread?.number;
  return (
    <div className={`queued-call queued-${thread.kind}`} role="group" aria-label={title}>
      {call.phase === 'ringing' || thread.kind === 'callback' ? <p className="queued-title">{title}</p> : null}
      <p className="queued-facts">
        {number !== undefined ? <span>{t('queueCall.thread', { number })}</span> : null}
        {caller?.thread?.subject ? <span> · {caller.thread.subject}</span> : null}
        {thread.line ? <span> · {t('queueCall.line', { line: thread.line })}</span> : null}
        {thread.waitedMs !== null ? (
          <span> · {t('queueCall.waited', { time: formatCallTimer(thread.waitedMs) })}</span>
        ) : null}
      </p>
      <button type="button" className="button subtle" onClick={() => dispatch(threadSelected(thread.threadId))}>
        {number !== undefined ? t('queueCall.openThread', { number }) : t('queueCall.openThreadUnknown')}
      </button>
    </div>
  );
}
