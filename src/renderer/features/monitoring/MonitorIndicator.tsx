import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallState } from '../../../shared/softphone/callMachine.js';
import type { AgentMonitor } from '../../../shared/monitoring/monitoring.js';
import { useSoftphone } from '../softphone/softphoneContext.js';
import { AgentHearing } from './agentHearing.js';
import { useMonitoringInvoke } from './monitoringRequests.js';

/** How often the agent's app asks the hub whether a lead is on its call (decision 0039: polling). */
export const MINE_POLL_MS = 1500;

/**
 * On the agent's call card: a lead is whispering (or has joined). While a queue call is up the app polls
 * the hub and hears the lead (AgentHearing); listening alone is silent monitoring and is not shown.
 */
export function MonitorIndicator({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const invoke = useMonitoringInvoke();
  const { service } = useSoftphone();
  const [monitor, setMonitor] = useState<AgentMonitor | null>(null);
  const live = call.thread?.kind === 'offered' && (call.phase === 'established' || call.phase === 'held');
  const hearing = useRef<AgentHearing | null>(null);

  useEffect(() => {
    if (!live) return;
    const ears = new AgentHearing(invoke, () => service.peerConnection(call.id));
    hearing.current = ears;
    let stopped = false;
    const poll = async () => {
      const mine = await invoke('monitoring.mine', {}).catch(() => null);
      if (stopped) return;
      const current = mine?.monitor ?? null;
      setMonitor(current);
      await ears.update(current);
    };
    void poll();
    const timer = setInterval(() => void poll(), MINE_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      setMonitor(null);
      void ears.stop();
      hearing.current = null;
    };
  }, [live, invoke, service, call.id]);

  if (!live || !monitor || monitor.mode === 'listen') return null;
  return (
    <p className={`monitor-indicator monitor-${monitor.mode}`} role="status">
      {t(monitor.mode === 'barge' ? 'monitoring.agent.joined' : 'monitoring.agent.whispering', {
        lead: monitor.leadName,
      })}
    </p>
  );
}
