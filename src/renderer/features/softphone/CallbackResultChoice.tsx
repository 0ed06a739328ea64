import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import { CallbackResult } from '../../../shared/hubApi/callsApi.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { completeCallback } from '../inbox/inboxSlice.js';

/** After calling a callback task back: how it went (reached, no answer, wrong number) closes the task. */
export function CallbackResultChoice({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [saved, setSaved] = useState<CallbackResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const choose = async (result: CallbackResult) => {
    setBusy(true);
    setError(null);
    try {
      await dispatch(completeCallback({ threadId, result })).unwrap();
      setSaved(result);
    } catch (info) {
      setError(info as ErrorInfo);
    } finally {
      setBusy(false);
    }
  };

  if (saved) {
    return (
      <p className="callback-saved" role="status">
        {t('queueCall.resultSaved', { result: t(`queueCall.result.${saved}`) })}
      </p>
    );
  }
  return (
    <div className="callback-result" role="group" aria-label={t('queueCall.callbackResult')}>
      <p>{t('queueCall.callbackResult')}</p>
      {CallbackResult.options.map((result) => (
        <button key={result} type="button" className="button" disabled={busy} onClick={() => void choose(result)}>
          {t(`queueCall.result.${result}`)}
        </button>
      ))}
      <ErrorMessage error={error} />
    </div>
  );
}
