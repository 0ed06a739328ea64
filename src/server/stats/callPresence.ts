/**
 * Who is on a call right now, as each agent's core reports it from the softphone's live call
 * state (the PBX is not ours, so the hub cannot see calls in progress). Kept in memory: it is
 * a live fact, not history; an agent who goes offline is never counted on a call, and a hub
 * restart forgets it until the next report (cores report again on every change).
 */
export interface LiveCalls {
  calls: number;
  /** When the agent's first live call of this stretch began (hub time). */
  since: number;
}

export class CallPresence {
  private readonly live = new Map<string, LiveCalls>();

  constructor(private readonly now: () => number) {}

  /** Records the agent's count of live calls; returns whether anything changed. */
  report(agentId: string, calls: number): boolean {
    const before = this.live.get(agentId);
    if (calls <= 0) return this.live.delete(agentId);
    if (before) {
      if (before.calls === calls) return false;
      this.live.set(agentId, { calls, since: before.since });
      return true;
    }
    this.live.set(agentId, { calls, since: this.now() });
    return true;
  }

  of(agentId: string): LiveCalls | null {
    return this.live.get(agentId) ?? null;
  }
}
