import { useTranslation } from 'react-i18next';
import type { CallbackTask } from '../../../shared/hubApi/callsApi.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { formatClock } from '../../i18n/format.js';
import { dialRequested } from '../softphone/softphoneSlice.js';
import { selectTransferTargets, threadSelected } from './inboxSlice.js';
import './handOver.css';

/**
 * Under a callback task's queue row: when it is due and one click to call the customer back. The
 * call is tied to the task's thread, logged onto it, and its card asks for the result afterwards.
 */
export function CallbackActions({ task }: { task: CallbackTask }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const line = useAppSelector(selectTransferTargets)?.lines.find((l) => l.id === task.lineId);
  const callBack = () => {
    dispatch(threadSelected(task.threadId));
    dispatch(
      dialRequested(task.number, {
        thread: { threadId: task.threadId, kind: 'callback', waitedMs: task.waitedMs, line: line?.name ?? null },
      }),
    );
  };
  return (
    <div className="callback-task">
      <span className="tag">{t('queueCall.callbackTag')}</span>{' '}
      <span className="hint">{t('queueCall.callbackDue', { time: formatClock(task.dueAt, i18n.language) })}</span>{' '}
      <button type="button" className="button primary" onClick={callBack}>
        {t('queueCall.callBack', { number: task.number })}
      </button>
    </div>
  );
}
