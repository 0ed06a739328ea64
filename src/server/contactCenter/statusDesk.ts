/**
 * The status desk: agents' statuses move through the status machine with the hub's settings — a
 * request, after-call work running out, the link gone for good (offline). It records each change
 * (the agents repo logs the event) and tells routing what follows: someone became ready, so the
 * queue drains; someone went away or offline, so their threads go back to it.
 */
import type { Agent, AgentStatus } from '../../shared/domain.js';
import {
  afterCallWorkExpired,
  nextStatus,
  releasesThreads,
  takesNewWork,
  type StatusRequest,
} from '../../shared/agentStatus/statusMachine.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import type { Writes } from './writeAndFlush.js';
import { contactsAwaitingWrapUp, requireWrapUpBeforeReady } from '../topics/wrapUp.js';

/** What routing does when an agent's status changes, in the same transaction. */
export interface StatusFollowUp {
  /** Someone may take new work: offer them the queue. */
  drain(tx: Tx): void;
  /** The agent went away or offline: their open threads go back to the queue. */
  requeueAgent(tx: Tx, agent: Agent, status: AgentStatus): void;
}

/** Wakes the desk when an agent's after-call work runs out (the clock tick is the backstop). */
export interface AfterCallWorkClock {
  /** Calls `end` at `at` (replacing the agent's earlier one); errors are the clock's to log. */
  schedule(agentId: string, at: number, end: () => void): void;
}

export class StatusDesk {
  constructor(
    private readonly store: HubStore,
    private readonly settings: { routingConfig(): RoutingConfig },
    private readonly routing: StatusFollowUp,
    private readonly writes: Writes,
    private readonly afterCallWork: AfterCallWorkClock,
  ) {}

  /**
   * An agent asks for a status (or their call ended: `after_call_work`). Applies the status machine
   * with the hub's settings, records it and routes what follows.
   */
  setStatus(tx: Tx, agent: Agent, request: StatusRequest): Agent {
    const current = this.store.agents.byId(agent.id) ?? agent;
    const state = {
      status: current.status,
      statusReason: current.statusReason ?? null,
      acwUntil: current.acwUntil ?? null,
    };
    const next = nextStatus(state, request, this.settings.routingConfig().agentStatus, tx.now);
    if (next.status === state.status && next.statusReason === state.statusReason && next.acwUntil === state.acwUntil) {
      return current;
    }
    // Ready again only once every ended contact of a wrap-up group has its topic (decision 0032).
    if (next.status === 'ready') requireWrapUpBeforeReady(this.store, current, tx.now);
    const updated = this.store.agents.update(tx, { ...current, ...next, updatedAt: tx.now });
    this.changed(tx, updated, current.status);
    if (next.acwUntil !== null) {
      this.afterCallWork.schedule(agent.id, next.acwUntil, () =>
        this.writes.write((later) => this.endAfterCallWork(later)),
      );
    }
    return updated;
  }

  /** Agents whose after-call work ran out become ready (those who chose another status are not touched). */
  endAfterCallWork(tx: Tx): void {
    for (const agent of this.store.agents.afterCallWorkDue(tx.now)) {
      const state = { status: agent.status, statusReason: null, acwUntil: agent.acwUntil ?? null };
      if (!afterCallWorkExpired(state, tx.now)) continue;
      // Still a contact to wrap up: after-call work lasts until it has its topic (decision 0032).
      if (contactsAwaitingWrapUp(this.store, agent.id, tx.now).length > 0) continue;
      const ready = this.store.agents.update(tx, { ...agent, status: 'ready', acwUntil: null, updatedAt: tx.now });
      this.changed(tx, ready, agent.status);
    }
  }

  /** The agent's link is gone for good: offline, and their open threads go back to the queue. */
  agentOffline(agentId: string): void {
    this.writes.write((tx) => {
      const agent = this.store.agents.byId(agentId);
      if (!agent || agent.status === 'offline') return;
      const offline: Agent = { ...agent, status: 'offline', updatedAt: tx.now };
      this.store.agents.update(tx, offline);
      this.changed(tx, offline, agent.status);
    });
  }

  private changed(tx: Tx, agent: Agent, previous: AgentStatus): void {
    if (agent.status === previous) return;
    if (takesNewWork(agent.status)) {
      this.store.routing.setIdleSince(agent.id, tx.now);
      this.routing.drain(tx);
    } else if (releasesThreads(agent.status) && !releasesThreads(previous)) {
      this.routing.requeueAgent(tx, agent, agent.status);
    }
  }
}
