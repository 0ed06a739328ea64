/**
 * Leased work (one instance of a cluster runs it; a hub alone always does): closes the sockets of
 * instances that stopped being seen, and takes offline every agent whose sockets have all been
 * closed for longer than the grace — the agents of a dead instance who did not come back through
 * another one, and those of this hub's previous run (decision 0052).
 */
import type { Logger } from '../../shared/log.js';
import type { AgentSocketsRepo } from '../storage/agentSocketsRepo.js';
import type { Job } from '../cluster/leasedWork.js';

export interface PresenceSweepDeps {
  graceMs: number;
  /** An instance not seen for this long is dead. */
  aliveMs: number;
  everyMs: number;
  instanceId: string;
  sockets: AgentSocketsRepo;
  /** Whether the agent has a socket on this instance (the database may lag it). */
  here: (agentId: string) => boolean;
  now: () => number;
  log: Logger;
  wentOffline: (agentId: string) => void;
}

export const PRESENCE_LEASE = 'presence';

export class PresenceSweep implements Job {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: PresenceSweepDeps) {}

  start(): void {
    this.timer = setInterval(() => this.sweep(), this.deps.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  sweep(): void {
    const { sockets, now, graceMs } = this.deps;
    try {
      const at = now();
      const closed = sockets.closeDead(this.deps.instanceId, at - this.deps.aliveMs, at);
      if (closed > 0) this.deps.log.info('sockets of a dead instance closed', { closed });
      for (const agentId of sockets.goneBefore(at - graceMs)) {
        if (this.deps.here(agentId)) continue;
        this.deps.log.info('agent gone with no socket anywhere: offline', { agentId });
        this.deps.wentOffline(agentId);
      }
      sockets.forget(at - graceMs);
    } catch (error) {
      this.deps.log.warn('presence sweep failed; next time', { error: String(error) });
    }
  }
}
