/**
 * Who is connected: an agent whose last live socket closed and stayed closed for the grace period
 * is taken offline, so their open threads return to the queue. The grace covers a network blip
 * and the reconnect that follows it.
 */
export class Presence {
  private readonly sockets = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Set when the hub closes: sockets closing after that must not start timers on a closed store. */
  private stopped = false;

  constructor(
    private readonly graceMs: number,
    private readonly wentOffline: (agentId: string) => void,
  ) {}

  connected(agentId: string): void {
    this.sockets.set(agentId, (this.sockets.get(agentId) ?? 0) + 1);
    const timer = this.timers.get(agentId);
    if (timer) clearTimeout(timer);
    this.timers.delete(agentId);
  }

  disconnected(agentId: string): void {
    if (this.stopped) return;
    const left = (this.sockets.get(agentId) ?? 1) - 1;
    if (left > 0) {
      this.sockets.set(agentId, left);
      return;
    }
    this.sockets.delete(agentId);
    const timer = setTimeout(() => {
      this.timers.delete(agentId);
      if (!this.sockets.has(agentId)) this.wentOffline(agentId);
    }, this.graceMs);
    timer.unref();
    this.timers.set(agentId, timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
