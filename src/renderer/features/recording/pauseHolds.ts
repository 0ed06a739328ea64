/**
 * Who in the app holds a recording pause. The hub stacks pauses by reason; inside one app the same
 * reason can be held by more than one screen for a thread (the identification panel in the customer
 * card and on the call card, say), so each (thread, reason) is counted here: the first hold sends
 * pause, the last release sends resume. Requests for one thread go out in order, one at a time, so a
 * quick pause-resume never reaches the hub the other way round.
 */
import type { PauseReason } from '../../../shared/recording/recording.js';

export type PauseAction = 'pause' | 'resume';
export type SendPause = (threadId: string, reason: PauseReason, action: PauseAction) => Promise<unknown>;

export class PauseHolds {
  private readonly counts = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly send: SendPause) {}

  /** Holds a pause; the function returned releases it (once; later calls do nothing). */
  hold(threadId: string, reason: PauseReason): () => void {
    const key = `${threadId}\u0000${reason}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count === 1) this.enqueue(threadId, reason, 'pause');
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left > 0) return void this.counts.set(key, left);
      this.counts.delete(key);
      this.enqueue(threadId, reason, 'resume');
    };
  }

  /** How many holds a thread's reason has (for tests and the call card). */
  held(threadId: string, reason: PauseReason): number {
    return this.counts.get(`${threadId}\u0000${reason}`) ?? 0;
  }

  /** Resolves when every request sent so far for the thread has been answered (or failed). */
  settled(threadId: string): Promise<unknown> {
    return this.queues.get(threadId) ?? Promise.resolve();
  }

  private enqueue(threadId: string, reason: PauseReason, action: PauseAction): void {
    const previous = this.queues.get(threadId) ?? Promise.resolve();
    // A failed request (no live call, hub away) must not block the ones after it.
    const next = previous.then(() => this.send(threadId, reason, action)).catch(() => undefined);
    this.queues.set(threadId, next);
  }
}
