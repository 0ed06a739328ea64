import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import { MONITOR_MODES, type LiveCall, type MonitorMode } from '../../../shared/monitoring/monitoring.js';
import { errorInfoOf } from '../../platform/platform.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { LeadMonitor } from './leadMonitor.js';
import { useMonitoringInvoke } from './monitoringRequests.js';
import './monitoring.css';

/** How often the panel re-reads the answered calls. */
const CALLS_POLL_MS = 2000;

function asError(error: unknown): ErrorInfo {
  const info = error as Partial<ErrorInfo> | null;
  return typeof info?.code === 'string' && typeof info.message === 'string' ? (info as ErrorInfo) : errorInfoOf(error);
}

/** In the lead panel: live calls with Listen, Whisper and Barge; one session at a time. */
export function LiveMonitor() {
  const { t } = useTranslation();
  const invoke = useMonitoringInvoke();
  const [calls, setCalls] = useState<LiveCall[] | null>(null);
  const [active, setActive] = useState<{ callId: string; mode: MonitorMode } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const monitor = useRef<LeadMonitor | null>(null);

  const refresh = useCallback(async () => {
    try {
      const { calls: live } = await invoke('monitoring.liveCalls', {});
      setCalls(live);
      const current = monitor.current;
      if (current && !live.some((call) => call.callId === current.session.callId)) {
        current.close(); // the call ended; the hub dropped the session with it
        monitor.current = null;
        setActive(null);
      }
    } catch (failure) {
      setError(asError(failure));
    }
  }, [invoke]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), CALLS_POLL_MS);
    return () => {
      clearInterval(timer);
      void monitor.current?.stop();
      monitor.current = null;
    };
  }, [refresh]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      const info = asError(failure);
      if (info.code === 'not_found' && monitor.current) {
        monitor.current.close(); // the hub no longer has the session (the call ended, or the hub restarted)
        monitor.current = null;
        setActive(null);
      }
      setError(info);
    } finally {
      setBusy(false);
      void refresh();
    }
  };

  const choose = (call: LiveCall, mode: MonitorMode) =>
    act(async () => {
      const current = monitor.current;
      if (current && current.session.callId === call.callId) {
        await current.setMode(mode);
      } else {
        await current?.stop();
        monitor.current = null;
        setActive(null);
        monitor.current = await LeadMonitor.start(invoke, call.callId, mode);
      }
      setActive({ callId: call.callId, mode });
    });

  const stop = () =>
    act(async () => {
      await monitor.current?.stop();
      monitor.current = null;
      setActive(null);
    });

  return (
    <section className="live-monitor" aria-label={t('monitoring.title')}>
      <h3>{t('monitoring.title')}</h3>
      <ErrorMessage error={error} />
      {calls === null ? <p>{t('monitoring.loading')}</p> : null}
      {calls?.length === 0 ? <p>{t('monitoring.none')}</p> : null}
      <ul className="live-calls">
        {(calls ?? []).map((call) => {
          const mine = active?.callId === call.callId ? active : null;
          const label = t('monitoring.call', { caller: call.caller, agent: call.agentName ?? t('monitoring.noAgent') });
          return (
            <li key={call.callId} className="live-call" aria-label={label}>
              <span className="live-call-who">{label}</span>
              {call.watchers.map((w) => (
                <span key={w.sessionId} className="live-call-watcher">
                  {t(`monitoring.watcher.${w.mode}`, { lead: w.leadName })}
                </span>
              ))}
              <span role="group" aria-label={t('monitoring.modes')}>
                {MONITOR_MODES.map((mode) => (
                  <button
                    key={mode}
                    type="button"
                    className="button"
                    aria-pressed={mine?.mode === mode}
                    disabled={busy || mine?.mode === mode}
                    onClick={() => void choose(call, mode)}
                  >
                    {t(`monitoring.mode.${mode}`)}
                  </button>
                ))}
                {mine ? (
                  <button type="button" className="button" disabled={busy} onClick={() => void stop()}>
                    {t('monitoring.stop')}
                  </button>
                ) : null}
              </span>
              {mine ? (
                <p role="status" className="live-call-state">
                  {t(`monitoring.state.${mine.mode}`, { agent: call.agentName ?? t('monitoring.noAgent') })}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
