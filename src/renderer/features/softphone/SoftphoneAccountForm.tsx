import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SoftphoneAccount } from '../../../shared/softphone/account.js';
import { useAppSelector } from '../../app/hooks.js';
import { useSoftphone } from './softphoneContext.js';
import { selectSoftphoneAccount } from './softphoneSlice.js';

const FIELDS = ['serverUri', 'sipUri', 'authUser', 'displayName', 'outboundProxy', 'iceServers', 'dtmfMode'] as const;

/** The SIP account: validated here with the contract's schema, saved (password sealed) by the core. */
export function SoftphoneAccountForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const softphone = useSoftphone();
  const saved = useAppSelector(selectSoftphoneAccount);
  const [serverUri, setServerUri] = useState(saved?.serverUri ?? '');
  const [sipUri, setSipUri] = useState(saved?.sipUri ?? '');
  const [authUser, setAuthUser] = useState(saved?.authUser ?? '');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState(saved?.displayName ?? '');
  const [outboundProxy, setOutboundProxy] = useState(saved?.outboundProxy ?? '');
  const [iceServers, setIceServers] = useState((saved?.iceServers ?? []).join('\n'));
  const [dtmfMode, setDtmfMode] = useState(saved?.dtmfMode ?? 'rfc4733');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = SoftphoneAccount.safeParse({
      serverUri,
      sipUri,
      authUser,
      displayName,
      outboundProxy,
      iceServers: iceServers
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      dtmfMode,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = FIELDS.find((f) => f === issue?.path[0]) ?? 'serverUri';
      // The schema's own message is English; the agent reads what is wrong in their language.
      setProblem(
        t('softphone.invalidField', { field: t(`softphone.${field}`), problem: t(`softphone.fieldProblem.${field}`) }),
      );
      return;
    }
    setSaving(true);
    setProblem(null);
    // A click is the moment browsers allow asking; incoming calls then notify when the window is hidden.
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().catch(() => undefined);
    }
    softphone
      .saveAccount(parsed.data, password === '' ? null : password)
      .then(onDone)
      .catch(() => setProblem(t('softphone.errors.save')))
      .finally(() => setSaving(false));
  };

  return (
    <form className="softphone-account" onSubmit={submit} aria-label={t('softphone.settingsTitle')}>
      <label>
        {t('softphone.serverUri')}
        <input
          value={serverUri}
          onChange={(e) => setServerUri(e.target.value)}
          placeholder="wss://pbx.example.com/ws"
        />
      </label>
      <label>
        {t('softphone.sipUri')}
        <input value={sipUri} onChange={(e) => setSipUri(e.target.value)} placeholder="sip:101@pbx.example.com" />
      </label>
      <label>
        {t('softphone.authUser')}
        <input value={authUser} onChange={(e) => setAuthUser(e.target.value)} autoComplete="off" />
      </label>
      <label>
        {t('softphone.password')}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          placeholder={saved ? t('softphone.passwordKeep') : ''}
          autoComplete="new-password"
        />
      </label>
      <label>
        {t('softphone.displayName')}
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        {t('softphone.outboundProxy')}
        <input
          value={outboundProxy}
          onChange={(e) => setOutboundProxy(e.target.value)}
          placeholder="sip:proxy.example.com"
          autoComplete="off"
        />
      </label>
      <label>
        {t('softphone.iceServers')}
        <textarea value={iceServers} onChange={(e) => setIceServers(e.target.value)} rows={2} />
      </label>
      <label>
        {t('softphone.dtmfMode')}
        <select value={dtmfMode} onChange={(e) => setDtmfMode(e.target.value === 'info' ? 'info' : 'rfc4733')}>
          <option value="rfc4733">{t('softphone.dtmf.rfc4733')}</option>
          <option value="info">{t('softphone.dtmf.info')}</option>
        </select>
      </label>
      {problem ? <p role="alert">{problem}</p> : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          {t('softphone.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('softphone.cancel')}
        </button>
      </div>
    </form>
  );
}
