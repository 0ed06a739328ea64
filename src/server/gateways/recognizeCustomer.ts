/**
 * The same person across channels: a sender is looked up by the identity the channel gives
 * (address, Telegram id, VK id, phone), then by the further identities it vouches for; a stranger
 * becomes a new customer who owns all of them. An identity already owned by someone else is never
 * taken from them here; agents move identities explicitly (link / unlink).
 */
import type { Customer } from '../../shared/domain.js';
import { uuidv7 } from '../../shared/ids.js';
import { toE164 } from '../../shared/softphone/phoneNumber.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import type { ChannelStore } from './channelStore.js';
import type { IdentityKind, SenderIdentity } from './gateway.js';

/** Identities in the one spelling they are stored in: lower-case addresses, E.164 phones. */
export function normalizeIdentity(kind: IdentityKind, value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  if (kind === 'email') return text.toLowerCase();
  if (kind === 'phone') return toE164(text);
  return text;
}

export function recognizeCustomer(tx: Tx, store: HubStore, channels: ChannelStore, sender: SenderIdentity): Customer {
  const identities = [{ kind: sender.kind, value: sender.value }, ...(sender.also ?? [])]
    .map((i) => ({ kind: i.kind, value: normalizeIdentity(i.kind, i.value) }))
    .filter((i): i is { kind: IdentityKind; value: string } => i.value !== null);
  for (const identity of identities) {
    const known = channels.identities.find(identity.kind, identity.value);
    const customer = known ? store.customers.byId(known.customerId) : null;
    if (customer) {
      let linked = false;
      for (const other of identities) {
        if (!channels.identities.find(other.kind, other.value)) {
          channels.identities.link(other.kind, other.value, customer.id, tx.now);
          linked = true;
        }
      }
      // The synced card lists its identities.
      return linked ? store.customers.touch(tx, customer.id) : customer;
    }
  }
  const email = identities.find((i) => i.kind === 'email')?.value ?? null;
  const phone = identities.find((i) => i.kind === 'phone')?.value ?? null;
  const customer: Customer = {
    id: uuidv7(tx.now),
    name: sender.name?.trim().slice(0, 200) || email || phone || `${sender.kind} ${sender.value}`,
    phone,
    email,
    createdAt: tx.now,
    updatedAt: tx.now,
  };
  store.customers.save(tx, customer);
  for (const identity of identities) channels.identities.link(identity.kind, identity.value, customer.id, tx.now);
  return store.customers.touch(tx, customer.id);
}
