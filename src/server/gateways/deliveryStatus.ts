/** A reply no gateway could deliver turns `failed`, through the one write path, so the agent sees it. */
import type { Message } from '../../shared/domain.js';
import type { HubStore } from '../storage/hubStore.js';

export function markFailed(store: HubStore, messageId: string): void {
  const update = store.db.prepare("UPDATE messages SET status = 'failed' WHERE id = ?");
  store.write((tx) => {
    const message = store.messages.byId(messageId);
    if (!message || message.status === 'failed') return;
    update.run(messageId);
    const failed: Message = { ...message, status: 'failed' };
    tx.record('message', failed);
  });
}
