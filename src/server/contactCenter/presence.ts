/**
 * Who is connected: an agent whose last live socket closed and stayed closed for the grace period
 * is taken offline, so their open threads return to the queue. The grace covers a network blip
 * and the reconnect that follows it — on this instance or, in a cluster, on another one: each
 * socket is also counted in the database (agent_sockets), and an agent with a socket anywhere is
 * not taken offline. Agents of an instance that died are PresenceSweep's (decision 0052).
 */
import type { Logger } from '../../shared/log.js';
import type { AgentSocketsRepo } from '../storage/agentSocketsRepo.js';

export interface PresenceDeps {
  graceMs: number;
  instanceId: string;
  sockets: AgentSocketsRepo;
  now: () => number;
  log: Logger;
  wentOffline: (agentId: string) => void;
}

export class Presence {
  private readonly sockets = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Set when the hub closes: sockets closing after that must not start timers on a closed store. */
  private stopped = false;

  constructor(private readonly deps: PresenceDeps) {
    // Sockets counted by this instance's last run died with it; their agents are gone from now on.
    this.record(() => deps.sockets.closeInstance(deps.instanceId, deps.now()));
  }

  /** Whether the agent has a live socket on this instance. */
  here(agentId: string): boolean {
    return this.sockets.has(agentId);
  }

  connected(agentId: string): void {
    this.sockets.set(agentId, (this.sockets.get(agentId) ?? 0) + 1);
    const timer = this.timers.get(agentId);
    if (timer) clearTimeout(timer);
    this.timers.delete(agentId);
    this.record(() => this.deps.sockets.opened(agentId, this.deps.instanceId, this.deps.now()));
  }

  disconnected(agentId: string): void {
    if (this.stopped) return;
    this.record(() => this.deps.sockets.closed(agentId, this.deps.instanceId, this.deps.now()));
    const left = (this.sockets.get(agentId) ?? 1) - 1;
    if (left > 0) {
      this.sockets.set(agentId, left);
      return;
    }
    this.sockets.delete(agentId);
    const timer = setTimeout(() => {
      this.timers.delete(agentId);
      if (!this.sockets.has(agentId) && !this.elsewhere(agentId)) this.deps.wentOffline(agentId);
    }, this.deps.graceMs);
    timer.unref();
    this.timers.set(agentId, timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** A socket on another instance; when the database cannot say, the agent is left as they are. */
  private elsewhere(agentId: string): boolean {
    try {
      return this.deps.sockets.connected(agentId);
    } catch (error) {
      this.deps.log.warn('agent sockets not read; agent left as they are', { agentId, error: String(error) });
      return true;
    }
  }

  /** The count in the database helps other instances decide; this instance keeps its own regardless. */
  private record(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.deps.log.warn('agent sockets not recorded', { error: String(error) });
    }
  }
}
