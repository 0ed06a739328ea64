/**
 * Customer satisfaction for web chats: when a web-chat thread is closed, the visitor's open
 * widgets are asked for a 1–5 rating (and asked again on their next visit while it is unrated);
 * the rating is recorded once, as the thread's `csat` event, which the stats read
 * (docs/stats-formulas.md). Only the visitor whose conversation it is may rate it.
 */
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { WidgetServerFrame } from '../../shared/widgetProtocol.js';
import type { HubStore } from '../storage/hubStore.js';

type Send = (tokenHash: string, frame: WidgetServerFrame) => void;

export class CsatCollector {
  private readonly ratedStmt;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: HubStore,
    private readonly send: Send,
  ) {
    this.ratedStmt = store.db.prepare(`SELECT 1 FROM thread_events WHERE thread_id = ? AND kind = 'csat' LIMIT 1`);
    this.unsubscribe = store.feed.subscribe((frame) => {
      for (const change of frame.changes) {
        if (change.entity !== 'thread') continue;
        const thread = change.data;
        if (thread.channel !== 'webchat' || thread.status !== 'closed' || this.rated(thread.id)) continue;
        for (const tokenHash of store.visitors.tokenHashesOf(thread.customerId)) {
          send(tokenHash, { type: 'rate', threadId: thread.id });
        }
      }
    });
  }

  stop(): void {
    this.unsubscribe();
  }

  /** The frame to send after a welcome: the visitor's latest conversation, if closed and unrated. */
  pendingFor(customerId: string | null): WidgetServerFrame | null {
    if (!customerId) return null;
    const thread = this.store.threads.latestOf(customerId, 'webchat');
    if (!thread || thread.status !== 'closed' || this.rated(thread.id)) return null;
    return { type: 'rate', threadId: thread.id };
  }

  /** Records the visitor's rating of their closed conversation; a clear error for anything else. */
  rate(tokenHash: string, threadId: string, score: number): void {
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      throw new OknoError('bad_request', `a rating is a whole number from 1 to 5, got ${score}`);
    }
    this.store.write((tx) => {
      const visitor = this.store.visitors.get(tokenHash);
      const thread = this.store.threads.byId(threadId);
      // Someone else's thread reads the same as a missing one: nothing about it is revealed.
      if (!visitor?.customerId || !thread || thread.customerId !== visitor.customerId || thread.channel !== 'webchat') {
        throw new OknoError('not_found', 'no such conversation to rate');
      }
      if (thread.status !== 'closed') throw new OknoError('conflict', 'the conversation is still open');
      if (this.rated(thread.id)) throw new OknoError('conflict', 'this conversation was already rated');
      this.store.routing.addEvent({
        id: uuidv7(tx.now),
        threadId: thread.id,
        kind: 'csat',
        text: `the customer rated the conversation ${score} of 5`,
        data: { score },
        actorId: null,
        createdAt: tx.now,
      });
      // A thread change, so the live stats and the agents' apps hear of it.
      this.store.threads.save(tx, { ...thread, updatedAt: tx.now });
    });
    this.send(tokenHash, { type: 'rated', threadId, score });
  }

  private rated(threadId: string): boolean {
    return this.ratedStmt.get(threadId) !== undefined;
  }
}
