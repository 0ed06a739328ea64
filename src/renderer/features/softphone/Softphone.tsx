import { useEffect, useState, type FormEvent } from 'react';
import { ShiftCheck } from '../callQuality/ShiftCheck.js';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { AudioSettings } from './AudioSettings.js';
import { CallCard } from './CallCard.js';
import { callLinkTarget } from '../../../shared/softphone/callLinks.js';
import { KEYPAD } from './keypad.js';
import { SoftphoneAccountForm } from './SoftphoneAccountForm.js';
import { useSoftphone } from './softphoneContext.js';
import {
  dialCleared,
  dialRequested,
  errorDismissed,
  selectBusyRejected,
  selectCalls,
  selectPendingDial,
  selectRegistration,
  selectSoftphoneError,
} from './softphoneSlice.js';
import './softphone.css';

/** The phone pane: line status, dial pad, the call cards, and the account settings. */
export function Softphone() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const softphone = useSoftphone();
  const registration = useAppSelector(selectRegistration);
  const calls = useAppSelector(selectCalls);
  const error = useAppSelector(selectSoftphoneError);
  const refused = useAppSelector(selectBusyRejected);
  const [number, setNumber] = useState('');
  const [editing, setEditing] = useState(false);
  const [audioOpen, setAudioOpen] = useState(false);
  const pendingDial = useAppSelector(selectPendingDial);

  // tel: and sip: links anywhere in the page become a call (after the agent confirms it).
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      const target = link ? callLinkTarget(link.getAttribute('href') ?? '') : null;
      if (target === null) return;
      event.preventDefault();
      dispatch(dialRequested(target, { confirm: true }));
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [dispatch]);

  const dial = (event: FormEvent) => {
    event.preventDefault();
    void softphone.dial(number).then((ok) => {
      if (ok) setNumber('');
    });
  };

  return (
    <aside className="softphone" aria-label={t('softphone.region')}>
      <div className="softphone-line">
        <p role="status" aria-label={t('softphone.status')} className={`line-status line-${registration.status}`}>
          {t(`softphone.registration.${registration.status}`)}
          {registration.problem ? ` — ${t(`softphone.problem.${registration.problem}`)}` : ''}
          {registration.reason ? ` (${t('softphone.reason', { reason: registration.reason })})` : ''}
          {registration.retryAt !== null ? ` (${t('softphone.retrying')})` : ''}
        </p>
        <button type="button" className="button" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
          {t('softphone.settings')}
        </button>
        <button type="button" className="button" onClick={() => setAudioOpen((v) => !v)} aria-expanded={audioOpen}>
          {t('softphone.audio.open')}
        </button>
      </div>
      {editing ? <SoftphoneAccountForm onDone={() => setEditing(false)} /> : null}
      {audioOpen ? <AudioSettings onClose={() => setAudioOpen(false)} /> : null}
      <ShiftCheck />
      {pendingDial?.confirm ? (
        <div
          className="softphone-confirm"
          role="alertdialog"
          aria-label={t('softphone.confirmDial', { target: pendingDial.target })}
        >
          <p>{t('softphone.confirmDial', { target: pendingDial.target })}</p>
          <button
            type="button"
            className="button primary"
            onClick={() => {
              dispatch(dialCleared());
              void softphone.dial(pendingDial.target, pendingDial.thread ? { thread: pendingDial.thread } : {});
            }}
          >
            {t('softphone.confirmCall')}
          </button>
          <button type="button" className="button" onClick={() => dispatch(dialCleared())}>
            {t('softphone.cancel')}
          </button>
        </div>
      ) : null}
      {refused > 0 ? <p className="softphone-refused">{t('softphone.busyRejected', { count: refused })}</p> : null}
      {error ? (
        <p role="alert" className="softphone-error">
          {t(`softphone.errors.${error.key}` as 'softphone.errors.start', { detail: error.detail ?? '' })}{' '}
          <button type="button" className="link" onClick={() => dispatch(errorDismissed())}>
            {t('softphone.dismiss')}
          </button>
        </p>
      ) : null}
      {calls.map((call) => (
        <CallCard key={call.id} call={call} />
      ))}
      <form className="dialpad" onSubmit={dial}>
        <label>
          {t('softphone.dialNumber')}
          <input
            type="tel"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            title={t('softphone.dialHint')}
            autoComplete="off"
          />
        </label>
        <div className="keypad" role="group" aria-label={t('softphone.keypad')}>
          {KEYPAD.map((digit) => (
            <button
              key={digit}
              type="button"
              className="key"
              aria-label={t('softphone.digit', { digit })}
              onClick={() => setNumber((n) => n + digit)}
            >
              {digit}
            </button>
          ))}
        </div>
        <button type="submit" className="button primary" disabled={number.trim() === ''}>
          {t('softphone.call')}
        </button>
      </form>
    </aside>
  );
}
