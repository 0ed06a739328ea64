/**
 * What routing and auto-replies both keep about a thread: its routing row (topic, language, group,
 * since when it waits) and the events of its history (assigned, queued, auto-reply…).
 */
import type { Thread } from '../../shared/domain.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import { detectLanguage } from '../../shared/templates/template.js';
import type { HubStore } from '../storage/hubStore.js';
import type { ThreadRouting } from '../storage/routingRepo.js';
import type { Tx } from '../storage/writer.js';

/** The thread's routing row; a thread stored before routing existed gets one made from the thread. */
export function routingOf(store: HubStore, thread: Thread): ThreadRouting {
  return (
    store.routing.threadRouting(thread.id) ?? {
      threadId: thread.id,
      topic: null,
      language: detectLanguage(thread.subject),
      groupId: null,
      queuedAt: thread.assigneeId ? null : thread.createdAt,
    }
  );
}

/** Writes the events of threads' histories. */
export class ThreadHistory {
  constructor(
    private readonly store: HubStore,
    private readonly log: Logger,
  ) {}

  record(tx: Tx, threadId: string, kind: string, text: string, data: object, actorId: string | null): void {
    this.store.routing.addEvent({
      id: uuidv7(tx.now),
      threadId,
      kind,
      text,
      data: { ...data },
      actorId,
      createdAt: tx.now,
    });
    this.log.debug('thread event', { threadId, kind });
  }
}
