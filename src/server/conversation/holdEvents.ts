/** Each hold and its resume on a call's thread timeline (the figures read them from the call event). */
import { uuidv7 } from '../../shared/ids.js';
import { formatCallTimer } from '../../shared/softphone/callMachine.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';

export function addHoldEvents(
  tx: Tx,
  store: HubStore,
  threadId: string,
  holds: readonly { from: number; to: number }[],
  agentId: string,
): void {
  for (const hold of holds) {
    store.routing.addEvent({
      id: uuidv7(tx.now),
      threadId,
      kind: 'hold',
      text: `on hold ${formatCallTimer(hold.to - hold.from)}`,
      data: { from: hold.from, to: hold.to },
      actorId: agentId,
      createdAt: hold.from,
    });
  }
}
