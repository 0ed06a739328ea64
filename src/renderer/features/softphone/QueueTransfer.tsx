import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { transferTarget } from '../inbox/handOver.js';
import { TargetSelect } from '../inbox/TargetSelect.js';
import { useSoftphone } from './softphoneContext.js';

/**
 * "Transfer to group": the call's thread goes back to the queue of a group or line with the agent's
 * note (thread.transfer), and the caller is blind-transferred to the address the hub answers with.
 */
export function QueueTransfer({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const softphone = useSoftphone();
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const to = transferTarget(value, note);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    setBusy(true);
    void softphone.transferToQueue(callId, to).finally(() => setBusy(false));
  };

  return (
    <form className="transfer queue-transfer" aria-label={t('queueCall.transferTitle')} onSubmit={submit}>
      <TargetSelect label={t('queueCall.transferTarget')} value={value} onChange={setValue} />
      <label>
        {t('queueCall.transferNote')}
        <textarea value={note} maxLength={1000} rows={2} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="button" disabled={!to || busy}>
        {t('queueCall.transferToGroup')}
      </button>
    </form>
  );
}
