import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { useErrorText } from '../../ui/errorText.js';
import { selectAgent } from '../session/sessionSlice.js';
import {
  selectAgentStatusError,
  selectRequestedStatus,
  setAgentStatus,
  type SettableStatus,
} from './agentStatusSlice.js';

const SETTABLE: readonly SettableStatus[] = ['ready', 'not_ready'];

function isSettable(value: string): value is SettableStatus {
  return (SETTABLE as readonly string[]).includes(value);
}

/** Ready / Not ready: a select labelled "Status", showing the status the core reports for the agent. */
export function AgentStatusControl() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const agent = useAppSelector(selectAgent);
  const requested = useAppSelector(selectRequestedStatus);
  const error = useAppSelector(selectAgentStatusError);
  const errorText = useErrorText();
  const id = useId();
  if (!agent) return null;
  const shown = requested ?? agent.status;

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
          if (isSettable(e.target.value)) void dispatch(setAgentStatus(e.target.value));
        }}
      >
        {shown === 'offline' ? (
          <option value="offline" disabled>
            {t('agentStatus.offline')}
          </option>
        ) : null}
        {SETTABLE.map((status) => (
          <option key={status} value={status}>
            {t(`agentStatus.${status}`)}
          </option>
        ))}
      </select>
      {error ? (
        <span className="error inline" role="alert" id={`${id}-error`}>
          {errorText(error)}
        </span>
      ) : null}
    </div>
  );
}
