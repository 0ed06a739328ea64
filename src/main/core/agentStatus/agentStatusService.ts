/**
 * The agent's status in the core: requests go to the hub through the outbox (so a status picked
 * offline is not lost) and show at once as the status machine predicts them; the hub's answer
 * replaces the guess. The hub's settings (not-ready reasons, after-call-work length) are read from
 * its routing settings and the last ones kept for when it is away.
 */
import {
  type AgentStatusSettings,
  DEFAULT_AGENT_STATUS_SETTINGS,
  nextStatus,
  type StatusRequest,
} from '../../../shared/agentStatus/statusMachine.js';
import type { SetStatusInput } from '../../../shared/contract.js';
import type { Agent } from '../../../shared/domain.js';
import { routingApi } from '../../../shared/hubApi/routingApi.js';
import { callEndpoint } from '../hubApi/callEndpoint.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';
import type { Outgoing } from '../mutations/outgoing.js';
import type { SessionService } from '../session/sessionService.js';

export interface AgentStatusService {
  set(input: SetStatusInput): Promise<Agent>;
  /** The softphone's hook: an answered call ended (starts after-call work on the hub). */
  callEnded(): Promise<Agent>;
  settings(): Promise<AgentStatusSettings>;
}

export function createAgentStatusService(
  deps: HubCallDeps & { session: SessionService; outgoing: Outgoing; now: () => number },
): AgentStatusService {
  const call = createHubCall(deps, 'agent status settings');
  let known: AgentStatusSettings = DEFAULT_AGENT_STATUS_SETTINGS;

  async function settings(): Promise<AgentStatusSettings> {
    try {
      known = (await callEndpoint(call, routingApi.routingConfig, { params: {}, input: {} })).agentStatus;
    } catch {
      // The hub is away: the last known settings (or the defaults) still let the agent pick.
    }
    return known;
  }

  function apply(request: StatusRequest): Agent {
    const agent = deps.session.requireAgent();
    const state = {
      status: agent.status,
      statusReason: agent.statusReason ?? null,
      acwUntil: agent.acwUntil ?? null,
    };
    // Only the hub's reasons are valid; an unknown one is refused here with the list, before queuing.
    const shown = nextStatus(state, request, known, deps.now());
    return deps.outgoing.setStatus(request, shown);
  }

  return {
    async set(input) {
      if (input.status === 'not_ready' && !known.notReadyReasons.includes(input.reason ?? '')) await settings();
      return apply(
        input.status === 'not_ready' ? { status: 'not_ready', reason: input.reason ?? '' } : { status: input.status },
      );
    },
    async callEnded() {
      return apply({ status: 'after_call_work' });
    },
    settings,
  };
}
