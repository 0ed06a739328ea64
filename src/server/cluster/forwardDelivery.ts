/**
 * Replies on external channels leave through the channel's gateway, which runs on the one instance
 * holding the `channels` lease. A reply committed on another instance is handed to that one over
 * the cluster bus (by id: the holder reads the thread and message from the database). Web chat is
 * built in and delivered where it was written: visitor frames cross the bus themselves.
 */
import type { Logger } from '../../shared/log.js';
import { isBuiltInChannel } from '../gateways/gateway.js';
import type { HubStore } from '../storage/hubStore.js';
import type { DeliverOutbound } from '../sync/pushMutations.js';
import type { HubCluster } from './hubCluster.js';

export const CHANNELS_LEASE = 'channels';

interface Forwarded {
  threadId: string;
  messageId: string;
}

export function forwardDelivery(
  deliverHere: DeliverOutbound,
  store: HubStore,
  cluster: HubCluster,
  log: Logger,
): { deliver: DeliverOutbound; stop: () => void } {
  const holding = () => cluster.work.held().includes(CHANNELS_LEASE);
  const stop = cluster.bus.subscribe('deliver', (data) => {
    if (!holding()) return;
    const { threadId, messageId } = data as Forwarded;
    const thread = store.threads.byId(threadId);
    const message = store.messages.byId(messageId);
    if (thread && message) deliverHere(thread, message);
    else log.warn('forwarded reply not found', { threadId, messageId });
  });
  return {
    deliver(thread, message, attachments) {
      if (isBuiltInChannel(thread.channel) || holding()) return deliverHere(thread, message, attachments);
      if (attachments && attachments.length > 0) {
        log.warn('reply files are sent only by the instance holding the channels lease', { messageId: message.id });
      }
      cluster.bus.publish('deliver', { threadId: thread.id, messageId: message.id } satisfies Forwarded);
    },
    stop,
  };
}
