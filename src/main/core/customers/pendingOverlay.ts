/**
 * The card the agent sees = the hub's state in the cache + their own changes still in the outbox,
 * applied in order. Nothing is written to the replica optimistically, so a pull can never undo
 * an edit the hub has not answered yet, and the hub's answer replaces the overlay by itself.
 */
import { normalizeIdentity } from '../../../shared/customers/customerCard.js';
import type { CustomerMutation } from '../../../shared/customers/customerMutations.js';
import type { Customer, CustomerIdentity } from '../../../shared/domain.js';

const same = (a: CustomerIdentity, b: CustomerIdentity) => a.kind === b.kind && a.value === b.value;

function normalized(identity: CustomerIdentity): CustomerIdentity | null {
  const result = normalizeIdentity(identity.kind, identity.value);
  return result.ok ? result.identity : null;
}

export function overlayPending(customer: Customer, pending: readonly CustomerMutation[]): Customer {
  let card: Customer = { ...customer, identities: [...(customer.identities ?? [])] };
  for (const mutation of pending) {
    switch (mutation.kind) {
      case 'customer.update':
        card = {
          ...card,
          ...(mutation.fields.name !== undefined ? { name: mutation.fields.name } : {}),
          ...(mutation.fields.notes !== undefined ? { notes: mutation.fields.notes } : {}),
        };
        break;
      case 'customer.link': {
        const identity = normalized(mutation.identity);
        if (!identity || card.identities!.some((i) => same(i, identity))) break;
        card = {
          ...card,
          identities: [...card.identities!, identity],
          phone: card.phone ?? (identity.kind === 'phone' ? identity.value : null),
          email: card.email ?? (identity.kind === 'email' ? identity.value : null),
        };
        break;
      }
      case 'customer.unlink': {
        const identity = normalized(mutation.identity);
        if (!identity) break;
        const identities = card.identities!.filter((i) => !same(i, identity));
        const next = (kind: 'phone' | 'email') => identities.find((i) => i.kind === kind)?.value ?? null;
        card = {
          ...card,
          identities,
          phone: card.phone === identity.value ? next('phone') : card.phone,
          email: card.email === identity.value ? next('email') : card.email,
        };
        break;
      }
      case 'customer.create':
        break;
    }
  }
  return card;
}
