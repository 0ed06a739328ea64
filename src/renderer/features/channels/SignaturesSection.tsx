import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupSignature } from '../../../shared/channels/channelAdmin.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { SavedNote } from '../admin/AdminParts.js';
import { settle } from '../admin/adminThunks.js';
import { loadSignatures, saveSignature } from './channelThunks.js';

/** Each group's email signature: appended to the text and HTML parts of its agents' email replies. */
export function SignaturesSection() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [signatures, setSignatures] = useState<GroupSignature[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const reload = useCallback(async () => {
    const result = await settle(dispatch(loadSignatures()).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    setSignatures(result.value.signatures);
  }, [dispatch]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <section className="channel-signatures" aria-labelledby="channel-signatures-title">
      <h3 id="channel-signatures-title">{t('channelAdmin.signatures.title')}</h3>
      <p className="hint">{t('channelAdmin.signatures.hint')}</p>
      <ErrorMessage error={error} />
      {signatures === null ? null : signatures.length === 0 ? (
        <p className="placeholder">{t('channelAdmin.signatures.noGroups')}</p>
      ) : (
        signatures.map((signature) => <SignatureForm key={signature.groupId} signature={signature} />)
      )}
    </section>
  );
}

function SignatureForm({ signature }: { signature: GroupSignature }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [text, setText] = useState(signature.text);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function save() {
    setSaved(null);
    const result = await settle(dispatch(saveSignature({ groupId: signature.groupId, text })).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    setText(result.value.text);
    setSaved(t('admin.saved'));
  }

  return (
    <div className="field channel-signature">
      <label htmlFor={id}>{t('channelAdmin.signatures.for', { group: signature.groupName })}</label>
      <textarea id={id} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
      <ErrorMessage error={error} />
      <div className="admin-actions">
        <button type="button" className="button" onClick={() => void save()}>
          {t('channelAdmin.signatures.save', { group: signature.groupName })}
        </button>
        <SavedNote text={saved} />
      </div>
    </div>
  );
}
