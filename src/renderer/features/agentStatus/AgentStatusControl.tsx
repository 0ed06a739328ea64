import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { afterCallWorkSecondsLeft } from '../../../shared/agentStatus/statusMachine.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { useErrorText } from '../../ui/errorText.js';
import { selectAgent } from '../session/sessionSlice.js';
import {
  loadAgentStatusSettings,
  selectAgentStatusError,
  selectAgentStatusSettings,
  selectRequestedStatus,
  setAgentStatus,
  type SettableStatus,
} from './agentStatusSlice.js';

const SETTABLE: readonly SettableStatus[] = ['ready', 'not_ready', 'away'];

function isSettable(value: string): value is SettableStatus {
  return (SETTABLE as readonly string[]).includes(value);
}

/** Seconds as m:ss for the after-call-work countdown. */
function mmss(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Re-renders every second while `active`, for the countdown. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * The agent's status: a select labelled "Status" (Ready / Not ready / Away; after-call work and
 * offline are shown when the hub sets them), a "Reason" select while not ready, and during
 * after-call work a countdown with a button to end it early.
 */
export function AgentStatusControl() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const agent = useAppSelector(selectAgent);
  const requested = useAppSelector(selectRequestedStatus);
  const error = useAppSelector(selectAgentStatusError);
  const settings = useAppSelector(selectAgentStatusSettings);
  const errorText = useErrorText();
  const id = useId();
  const signedIn = agent !== null;
  useEffect(() => {
    if (signedIn) void dispatch(loadAgentStatusSettings());
  }, [dispatch, signedIn]);
  const inAcw = agent?.status === 'after_call_work';
  const now = useNow(inAcw);
  if (!agent) return null;
  const shown = requested ?? agent.status;
  const reasons = settings.notReadyReasons;
  const reason = agent.statusReason ?? reasons[0] ?? 'other';
  const acwLeft = afterCallWorkSecondsLeft({ status: agent.status, acwUntil: agent.acwUntil ?? null }, now);

  return (
    <div className={`agent-status status-${shown}`}>
      <span className="status-dot" aria-hidden="true" />
      <label htmlFor={id}>{t('agentStatus.label')}</label>
      <select
        id={id}
        value={shown}
        disabled={requested !== null}
        aria-busy={requested !== null || undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          const status = e.target.value;
          if (!isSettable(status)) return;
          // Not ready starts with the reason picked last (or the first of the hub's list); the
          // Reason select beside it changes it.
          void dispatch(setAgentStatus(status === 'not_ready' ? { status, reason } : { status }));
        }}
      >
        {shown === 'offline' || shown === 'after_call_work' ? (
          <option value={shown} disabled>
            {t(`agentStatus.${shown}`)}
          </option>
        ) : null}
        {SETTABLE.map((status) => (
          <option key={status} value={status}>
            {t(`agentStatus.${status}`)}
          </option>
        ))}
      </select>
      {shown === 'not_ready' ? (
        <>
          <label htmlFor={`${id}-reason`}>{t('agentStatus.reasonLabel')}</label>
          <select
            id={`${id}-reason`}
            value={agent.statusReason ?? ''}
            disabled={requested !== null}
            onChange={(e) => void dispatch(setAgentStatus({ status: 'not_ready', reason: e.target.value }))}
          >
            {agent.statusReason ? null : <option value="" disabled />}
            {agent.statusReason && !reasons.includes(agent.statusReason) ? (
              // Set by the hub (a missed offer), not one the agent can pick.
              <option value={agent.statusReason} disabled>
                {t(`agentStatus.reasons.${agent.statusReason}`, { defaultValue: agent.statusReason })}
              </option>
            ) : null}
            {reasons.map((r) => (
              <option key={r} value={r}>
                {t(`agentStatus.reasons.${r}`, { defaultValue: r })}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {shown === 'not_ready' && agent.statusReason === 'missed_offer' ? (
        <span className="agent-status-missed" role="status">
          {t('agentStatus.missedOffer')}
        </span>
      ) : null}
      {inAcw ? (
        <>
          <span className="agent-status-acw" role="timer" aria-live="off">
            {t('agentStatus.acwLeft', { time: mmss(acwLeft) })}
          </span>
          <button type="button" onClick={() => void dispatch(setAgentStatus({ status: 'ready' }))}>
            {t('agentStatus.endAcw')}
          </button>
        </>
      ) : null}
      {error ? (
        <span className="error inline" role="alert" id={`${id}-error`}>
          {errorText(error)}
        </span>
      ) : null}
    </div>
  );
}
