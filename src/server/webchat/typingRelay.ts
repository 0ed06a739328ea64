/**
 * "Customer is typing" from the widget to the agents' live sockets. Nothing is stored: a typing
 * notice is only worth something while it is fresh, and a missed one costs nothing.
 */
import { LOCAL_BUS, type ClusterBus } from '../cluster/clusterBus.js';

export interface TypingNotice {
  threadId: string;
  at: number;
}

/** With several hub instances, notices also cross the cluster bus to the agents on the others. */
export class TypingRelay {
  private readonly listeners = new Set<(notice: TypingNotice) => void>();

  constructor(private readonly bus: ClusterBus = LOCAL_BUS) {
    bus.subscribe('typing', (data) => this.tellHere(data as TypingNotice));
  }

  subscribe(listener: (notice: TypingNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  customerTyping(notice: TypingNotice): void {
    this.tellHere(notice);
    this.bus.publish('typing', notice);
  }

  private tellHere(notice: TypingNotice): void {
    for (const listener of this.listeners) listener(notice);
  }
}

/** At most one notice per key every `intervalMs` (a typing customer or agent sends many). */
export function createThrottle(intervalMs: number, now: () => number) {
  const last = new Map<string, number>();
  return (key: string): boolean => {
    const at = now();
    const previous = last.get(key);
    if (previous !== undefined && at - previous < intervalMs) return false;
    last.set(key, at);
    if (last.size > 10_000) last.clear();
    return true;
  };
}
