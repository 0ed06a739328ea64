/**
 * Is this customer blocked? Any of their identities (phone, email, Telegram, VK, webhook id) on the
 * blocklist and in force: their message gets the configured reply and is not queued.
 */
import type { Block } from '../../shared/calls/blocklist.js';
import type { HubStore } from '../storage/hubStore.js';

export function activeBlockOf(store: HubStore, customerId: string, at: number): Block | null {
  const customer = store.customers.current(customerId);
  for (const identity of customer?.identities ?? []) {
    const block = store.blocklist.activeFor(identity.kind, identity.value, at);
    if (block) return block;
  }
  return null;
}
