/**
 * Customer card mutations on the hub (docs/customer-cards.md): edits with the field-level conflict
 * rule, link (merging the identity's previous owner into this customer), unlink, and a customer
 * created by an agent. Each runs inside the push's transaction and returns what it touched.
 */
import {
  mergeFields,
  normalizeIdentity,
  resolveFieldEdits,
  type CardField,
  type FieldConflict,
} from '../../shared/customers/customerCard.js';
import type { CustomerMutation } from '../../shared/customers/customerMutations.js';
import type { Agent, Customer, CustomerIdentity, IdentityKind } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { PushResult } from '../../shared/sync.js';
import type { EntityRef } from '../storage/changeLog.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { CustomerCardsRepo } from './customerCardsRepo.js';

export interface CustomerApplied {
  touched: EntityRef[];
  notice?: PushResult['notice'];
}

const cardsByStore = new WeakMap<HubStore, CustomerCardsRepo>();

/** One set of prepared statements per hub database. */
export function customerCardsOf(store: HubStore): CustomerCardsRepo {
  let cards = cardsByStore.get(store);
  if (!cards) {
    cards = new CustomerCardsRepo(store.db);
    cardsByStore.set(store, cards);
  }
  return cards;
}

function identityOrThrow(kind: IdentityKind, value: string, path: string): CustomerIdentity {
  const normalized = normalizeIdentity(kind, value);
  if (!normalized.ok) {
    throw new OknoError('bad_request', normalized.message, [{ path, message: normalized.message }]);
  }
  return normalized.identity;
}

function customerOrThrow(store: HubStore, id: string): Customer {
  const customer = store.customers.current(id);
  if (!customer) throw new OknoError('not_found', `customer ${id} does not exist`);
  return customer;
}

export function applyCustomerMutation(
  tx: Tx,
  store: HubStore,
  agent: Agent,
  mutation: CustomerMutation,
): CustomerApplied {
  const cards = customerCardsOf(store);
  const history = (
    customerId: string,
    entry: Pick<Parameters<CustomerCardsRepo['addHistory']>[0], 'kind' | 'field' | 'oldValue' | 'newValue'>,
  ) => cards.addHistory({ id: uuidv7(tx.now), customerId, agentId: agent.id, createdAt: tx.now, ...entry });

  /** Moves everything of `absorbed` to `survivor`; `absorbed` stays as a pointer (mergedInto). */
  function merge(survivor: Customer, absorbed: Customer): EntityRef[] {
    const fields = mergeFields(survivor, absorbed);
    cards.moveAll(absorbed.id, survivor.id);
    const touched: EntityRef[] = [];
    for (const threadId of cards.threadIdsOf(absorbed.id)) {
      cards.setThreadCustomer(threadId, survivor.id, tx.now);
      const thread = store.threads.byId(threadId);
      if (thread) tx.record('thread', thread);
      touched.push(['thread', threadId]);
    }
    history(survivor.id, { kind: 'merged', field: null, oldValue: absorbed.name, newValue: absorbed.id });
    for (const lost of fields.replaced) {
      history(survivor.id, { kind: 'kept', field: lost.field, oldValue: fields.name, newValue: lost.value });
    }
    store.customers.patch(tx, absorbed.id, { mergedInto: survivor.id });
    store.customers.patch(tx, survivor.id, {
      name: fields.name,
      notes: fields.notes,
      phone: fields.phone,
      email: fields.email,
    });
    return [['customer', survivor.id], ['customer', absorbed.id], ...touched];
  }

  /** Links the identity to the customer; its previous owner, if any, is merged in. */
  function link(customer: Customer, identity: CustomerIdentity): EntityRef[] {
    const owner = cards.ownerOf(identity);
    if (owner === customer.id) return [];
    const previous = owner ? store.customers.current(owner) : null;
    const touched = previous && previous.id !== customer.id ? merge(customer, previous) : [];
    cards.link(identity, customer.id, tx.now);
    history(customer.id, { kind: 'linked', field: identity.kind, oldValue: null, newValue: identity.value });
    const now = store.customers.byId(customer.id)!;
    store.customers.patch(tx, customer.id, {
      phone: now.phone ?? (identity.kind === 'phone' ? identity.value : null),
      email: now.email ?? (identity.kind === 'email' ? identity.value : null),
    });
    return touched;
  }

  switch (mutation.kind) {
    case 'customer.update': {
      const customer = customerOrThrow(store, mutation.customerId);
      const current: Record<CardField, string> = { name: customer.name, notes: customer.notes ?? '' };
      const { apply, conflicts } = resolveFieldEdits(current, mutation.fields, mutation.seen);
      for (const [field, value] of Object.entries(apply)) {
        history(customer.id, { kind: 'edited', field, oldValue: current[field as CardField], newValue: value });
      }
      // Nothing the agent wrote disappears: a value that lost stays in the card's history.
      const told: FieldConflict[] = conflicts.map((c) => {
        history(customer.id, { kind: 'kept', field: c.field, oldValue: c.hubValue, newValue: c.yourValue });
        return { ...c, by: cards.lastEditor(customer.id, c.field) };
      });
      if (Object.keys(apply).length > 0) store.customers.patch(tx, customer.id, apply);
      const touched: EntityRef[] = [['customer', customer.id]];
      if (customer.id !== mutation.customerId) touched.push(['customer', mutation.customerId]);
      if (told.length === 0) return { touched };
      return {
        touched,
        notice: {
          code: 'customer_conflict',
          message: `another agent changed ${told.map((c) => c.field).join(', ')} of ${customer.name} first; your value is kept in the card's history`,
          conflicts: told,
        },
      };
    }
    case 'customer.link': {
      const identity = identityOrThrow(mutation.identity.kind, mutation.identity.value, 'identity.value');
      const customer = customerOrThrow(store, mutation.customerId);
      const touched = link(customer, identity);
      return { touched: [['customer', customer.id], ...touched] };
    }
    case 'customer.unlink': {
      const identity = identityOrThrow(mutation.identity.kind, mutation.identity.value, 'identity.value');
      const customer = customerOrThrow(store, mutation.customerId);
      if (!cards.unlink(identity, customer.id)) {
        throw new OknoError('not_found', `${identity.kind} ${identity.value} is not linked to ${customer.name}`);
      }
      history(customer.id, { kind: 'unlinked', field: identity.kind, oldValue: identity.value, newValue: null });
      const rest = (store.customers.byId(customer.id)?.identities ?? []).filter((i) => i.kind === identity.kind);
      const primary = identity.kind === 'phone' ? 'phone' : identity.kind === 'email' ? 'email' : null;
      if (primary && customer[primary] === identity.value) {
        store.customers.patch(tx, customer.id, { [primary]: rest[0]?.value ?? null });
      } else {
        store.customers.touch(tx, customer.id);
      }
      return { touched: [['customer', customer.id]] };
    }
    case 'customer.create': {
      const identities = mutation.identities.map((i, index) =>
        identityOrThrow(i.kind, i.value, `identities.${index}.value`),
      );
      if (store.customers.byId(mutation.customerId)) {
        throw new OknoError('conflict', `customer id ${mutation.customerId} is already taken`);
      }
      const customer: Customer = {
        id: mutation.customerId,
        name: mutation.name,
        phone: null,
        email: null,
        createdAt: tx.now,
        updatedAt: tx.now,
      };
      store.customers.save(tx, customer);
      if (mutation.notes !== '') store.customers.patch(tx, customer.id, { notes: mutation.notes });
      history(customer.id, { kind: 'created', field: 'name', oldValue: null, newValue: mutation.name });
      const touched: EntityRef[] = [['customer', customer.id]];
      for (const identity of identities) touched.push(...link(store.customers.byId(customer.id)!, identity));
      return { touched };
    }
  }
}
