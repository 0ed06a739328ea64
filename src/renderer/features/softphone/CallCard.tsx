import { useEffect, useState, type FormEvent } from 'react';
import { RecordingControl } from '../recording/RecordingControl.js';
import { MonitorIndicator } from '../monitoring/MonitorIndicator.js';
import { CallQualityWarning } from '../callQuality/CallQualityWarning.js';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatCallTimer, talkDuration, type CallState } from '../../../shared/softphone/callMachine.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { CallerMatches, CreateCallerCustomer, ShowCallerCard } from '../customer/CallerCustomer.js';
import { CallbackResultChoice } from './CallbackResultChoice.js';
import { KEYPAD } from './keypad.js';
import { QueuedCallInfo } from './QueuedCallInfo.js';
import { QueueTransfer } from './QueueTransfer.js';
import { useSoftphone } from './softphoneContext.js';
import {
  callDismissed,
  callNotesChanged,
  selectCallers,
  selectCallNotes,
  selectCalls,
  selectConsultOf,
} from './softphoneSlice.js';

/** Keyboard shortcuts while a call rings: Alt+A answers, Alt+D declines (also hangs up in a call). */
export const SHORTCUTS = { answer: 'Alt+A', decline: 'Alt+D' } as const;

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

export function CallCard({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const softphone = useSoftphone();
  const caller = useAppSelector(selectCallers)[call.id];
  const consultOf = useAppSelector(selectConsultOf);
  const notes = useAppSelector(selectCallNotes)[call.id] ?? { notes: '', topic: '' };
  const calls = useAppSelector(selectCalls);
  const consultReady = calls.some((c) => consultOf[c.id] === call.id && c.phase === 'established');
  const talking = call.phase === 'established' || call.phase === 'held';
  const now = useNow(talking);
  const [transferTo, setTransferTo] = useState('');
  const { service } = softphone;

  useEffect(() => {
    if (call.phase !== 'ringing' && !talking) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const key = event.key.toLowerCase();
      if (key === 'a' && call.phase === 'ringing') {
        event.preventDefault();
        void service.answer(call.id);
      } else if (key === 'd') {
        event.preventDefault();
        void (call.phase === 'ringing' ? service.decline(call.id) : softphone.hangUp(call.id));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [call.id, call.phase, talking, service, softphone]);

  const number = caller?.e164 ?? call.remoteNumber ?? call.remoteUri.replace(/^sips?:/, '').split('@')[0];
  const name = caller?.customer?.name ?? call.remoteName ?? number;
  const title = t(call.direction === 'inbound' ? 'softphone.incoming' : 'softphone.outgoing');

  const transfer = (event: FormEvent) => {
    event.preventDefault();
    void softphone.transfer(call.id, transferTo);
  };

  return (
    <section className={`call-card call-${call.phase}`} aria-label={t('softphone.callWith', { name })}>
      <header>
        <p className="call-title">{title}</p>
        <p className="call-phase" role="status">
          {t(`softphone.phase.${call.phase}`)}
          {call.remoteRinging ? ` — ${t('softphone.remoteRinging')}` : ''}
        </p>
      </header>
      {call.thread ? <QueuedCallInfo call={call} thread={call.thread} caller={caller} /> : null}
      <MonitorIndicator call={call} />
      <CallQualityWarning call={call} />
      <RecordingControl call={call} />
      <div className="caller">
        {caller?.customer ? (
          <>
            <p className="caller-name">{caller.customer.name}</p>
            <ShowCallerCard customerId={caller.customer.id} />
          </>
        ) : caller?.lookup === 'done' ? (
          <>
            <p className="caller-name">{t('softphone.unknownCaller')}</p>
            <p className="caller-hint">{t('softphone.createCustomer')}</p>
            <CreateCallerCustomer callId={call.id} phone={number ?? ''} e164={caller.e164} />
          </>
        ) : call.direction === 'inbound' ? (
          <p className="caller-hint">{t('softphone.lookingUp')}</p>
        ) : (
          <p className="caller-name">{name}</p>
        )}
        <p className="caller-number">{number}</p>
        {call.direction === 'inbound' ? (
          <CallerMatches callId={call.id} threadId={call.thread?.threadId ?? null} />
        ) : null}
      </div>
      {talking ? (
        <p className="call-timer">
          <time aria-label={t('softphone.timer')}>{formatCallTimer(talkDuration(call, now))}</time>
        </p>
      ) : null}
      {call.phase === 'ended' && call.thread?.kind === 'callback' ? (
        <CallbackResultChoice threadId={call.thread.threadId} />
      ) : null}
      {call.phase === 'ended' ? (
        <p className="call-end">
          {call.endReason && call.endReason in ENDED ? t(`softphone.endReason.${call.endReason as Ended}`) : null}{' '}
          {endText(call, t)}
        </p>
      ) : null}
      {call.transfers.length > 0 ? (
        <p className="call-transfers">
          {t('softphone.transfers', {
            chain: call.transfers
              .map((x) => `${x.target.replace(/^sips?:/, '').split('@')[0]}${x.ok === false ? ' ✗' : ''}`)
              .join(' → '),
          })}
        </p>
      ) : null}
      {call.phase !== 'ringing' ? (
        <div className="call-notes">
          <label>
            {t('softphone.topic')}
            <input
              value={notes.topic}
              maxLength={100}
              onChange={(e) => dispatch(callNotesChanged({ id: call.id, topic: e.target.value }))}
            />
          </label>
          <label>
            {t('softphone.notes')}
            <textarea
              value={notes.notes}
              maxLength={4000}
              rows={2}
              onChange={(e) => dispatch(callNotesChanged({ id: call.id, notes: e.target.value }))}
            />
          </label>
          {call.phase === 'ended' ? (
            <button type="button" className="button" onClick={() => void softphone.saveNotes(call.id)}>
              {t('softphone.saveNotes')}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="call-actions" role="group" aria-label={title}>
        {call.phase === 'ringing' ? (
          <>
            <button
              type="button"
              className="button primary"
              aria-keyshortcuts={SHORTCUTS.answer}
              onClick={() => void service.answer(call.id)}
            >
              {t('softphone.answer')}
            </button>
            <button
              type="button"
              className="button danger"
              aria-keyshortcuts={SHORTCUTS.decline}
              onClick={() => void service.decline(call.id)}
            >
              {t('softphone.decline')}
            </button>
          </>
        ) : null}
        {talking ? (
          <>
            <button
              type="button"
              className="button"
              aria-pressed={call.muted}
              onClick={() => service.setMuted(call.id, !call.muted)}
            >
              {t(call.muted ? 'softphone.unmute' : 'softphone.mute')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void service.setHold(call.id, call.phase !== 'held')}
            >
              {t(call.phase === 'held' ? 'softphone.resume' : 'softphone.hold')}
            </button>
          </>
        ) : null}
        {call.phase !== 'ended' && call.phase !== 'ringing' ? (
          <button
            type="button"
            className="button danger"
            aria-keyshortcuts={SHORTCUTS.decline}
            onClick={() => void softphone.hangUp(call.id)}
          >
            {t('softphone.hangUp')}
          </button>
        ) : null}
        {call.phase === 'ended' ? (
          <button
            type="button"
            className="button"
            onClick={() => void softphone.saveNotes(call.id).finally(() => dispatch(callDismissed(call.id)))}
          >
            {t('softphone.dismiss')}
          </button>
        ) : null}
      </div>
      {call.phase === 'established' ? (
        <div className="keypad" role="group" aria-label={t('softphone.keypad')}>
          {KEYPAD.map((digit) => (
            <button
              key={digit}
              type="button"
              className="key"
              aria-label={t('softphone.sendDigit', { digit })}
              onClick={() => void service.sendDtmf(call.id, digit)}
            >
              {digit}
            </button>
          ))}
        </div>
      ) : null}
      {consultReady ? (
        <button type="button" className="button primary" onClick={() => void softphone.completeTransfer(call.id)}>
          {t('softphone.completeTransfer')}
        </button>
      ) : null}
      {talking && !consultOf[call.id] ? (
        <form className="transfer" onSubmit={transfer}>
          <label>
            {t('softphone.transferTo')}
            <input value={transferTo} onChange={(e) => setTransferTo(e.target.value)} autoComplete="off" />
          </label>
          <button type="submit" className="button" disabled={transferTo.trim() === ''}>
            {t('softphone.transfer')}
          </button>
          <button
            type="button"
            className="button"
            disabled={transferTo.trim() === ''}
            onClick={() => void softphone.consult(call.id, transferTo)}
          >
            {t('softphone.consult')}
          </button>
        </form>
      ) : null}
      {talking && !consultOf[call.id] && call.thread ? <QueueTransfer callId={call.id} /> : null}
    </section>
  );
}

const ENDED = { transferred: 1, cancel: 1, declined: 1 } as const;
type Ended = keyof typeof ENDED;
const SIP_STATUS = {
  '403': 1,
  '404': 1,
  '408': 1,
  '480': 1,
  '484': 1,
  '486': 1,
  '488': 1,
  '503': 1,
  '603': 1,
} as const;
type SipStatus = keyof typeof SIP_STATUS;

/** Why the call ended, in the agent's words: the PBX's status, a failure to place it, or who hung up. */
function endText(call: CallState, t: TFunction): string | null {
  const reason = call.endReason ?? '';
  if (/^\d{3}$/.test(reason)) {
    return reason in SIP_STATUS
      ? t(`softphone.sipStatus.${reason as SipStatus}`)
      : t('softphone.sipStatusOther', { code: reason });
  }
  if (reason === 'failed') return t('softphone.endFailed');
  return call.endedBy ? t(`softphone.endedBy.${call.endedBy}`) : null;
}
