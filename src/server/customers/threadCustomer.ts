/**
 * Putting a contact (a call or chat thread) on the customer it belongs to (decision 0031, ## Search):
 * a customer the agent found, a new potential customer made from what the contact told, or an
 * anonymous customer of its own so the contact still counts. Every change goes through the one
 * write transaction it is given, so it syncs like any other.
 *
 * When the thread's previous customer is only the card its channel made for this very contact (made
 * with the thread, not by an agent, no other thread, no bank id, no documents), it is merged into the chosen customer
 * the way a link merges (its phone, messenger ids and web-chat visitor follow), so the next message
 * from that person reaches the right card. Any other previous customer (a family member sharing the
 * number) keeps everything but this thread.
 */
import { parseDocument, type DocumentKind } from '../../shared/customers/bankKeys.js';
import { mergeFields, normalizeIdentity } from '../../shared/customers/customerCard.js';
import type { AttachInput, NewCustomerInput } from '../../shared/hubApi/customerSearchApi.js';
import type { Agent, Customer, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { DocumentInput } from '../storage/customerDocumentsRepo.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { customerCardsOf } from './applyCustomerMutation.js';

/** A channel's card counts as made for the contact when it is no older than the thread by this much. */
const MADE_WITH_THREAD_MS = 5_000;

/** A channel's card has a short history; this many entries show whether an agent created it. */
const HISTORY_LOOKBACK = 50;

const DOCUMENT_KINDS: readonly DocumentKind[] = ['passport', 'account', 'card'];

export class ThreadCustomer {
  constructor(private readonly store: HubStore) {}

  /** Moves the thread to the chosen customer, or to a new anonymous one. */
  attach(tx: Tx, agent: Agent, threadId: string, input: AttachInput): { thread: Thread; customer: Customer } {
    const thread = this.threadFor(agent, threadId);
    const target = 'customerId' in input ? this.customer(input.customerId) : this.anonymous(tx, agent, thread);
    return { thread: this.move(tx, agent, thread, target), customer: this.store.customers.byId(target.id)! };
  }

  /** A new potential customer from what the contact told (checked key by key); the thread moves to it. */
  create(tx: Tx, agent: Agent, input: NewCustomerInput): { customerId: string; thread: Thread | null } {
    const thread = input.threadId ? this.threadFor(agent, input.threadId) : null;
    const phone = optionalIdentity('phone', input.phone);
    const email = optionalIdentity('email', input.email);
    const documents = DOCUMENT_KINDS.flatMap((kind) => {
      const typed = input[kind];
      if (!typed) return [];
      const parsed = parseDocument(kind, typed);
      if (!parsed.ok) throw new OknoError('bad_request', parsed.message, [{ path: kind, message: parsed.message }]);
      const owner = this.store.documents.ownerOf(kind, parsed.value);
      if (owner && owner !== input.customerId) {
        const message = `${kind} ${parsed.masked} already belongs to another customer; search by it and attach the contact there`;
        throw new OknoError('conflict', message, [{ path: kind, message }]);
      }
      return [{ kind, value: parsed.value, masked: parsed.masked } satisfies DocumentInput];
    });
    // A retry of the same request (same client-made id) finds the customer it made.
    if (!this.store.customers.byId(input.customerId)) {
      this.store.customers.save(tx, {
        id: input.customerId,
        name: input.name,
        phone,
        email,
        createdAt: tx.now,
        updatedAt: tx.now,
      });
      this.store.profiles.patch(input.customerId, { kind: 'potential' });
      for (const document of documents) this.store.documents.put(input.customerId, document, tx.now);
      this.store.customers.touch(tx, input.customerId); // the synced card carries its kind
      this.history(tx, agent, input.customerId, 'created', input.name);
    }
    const moved = thread ? this.move(tx, agent, thread, this.customer(input.customerId)) : null;
    return { customerId: input.customerId, thread: moved };
  }

  private threadFor(agent: Agent, threadId: string): Thread {
    const thread = this.store.threads.byId(threadId);
    if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
    if (agent.role === 'agent' && thread.assigneeId !== null && thread.assigneeId !== agent.id)
      throw new OknoError(
        'forbidden',
        `thread #${thread.number} is another agent's; only they or a lead may attach it`,
      );
    return thread;
  }

  private customer(id: string): Customer {
    const customer = this.store.customers.current(id);
    if (!customer) throw new OknoError('not_found', `customer ${id} does not exist`);
    return customer;
  }

  /** A customer of the contact's own: contacts of different people never share a timeline. */
  private anonymous(tx: Tx, agent: Agent, thread: Thread): Customer {
    const id = uuidv7(tx.now);
    // The contact's number, in no language: the card carries the kind and the app says "anonymous".
    this.store.customers.save(tx, {
      id,
      name: `#${thread.number}`,
      phone: null,
      email: null,
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    this.store.profiles.patch(id, { kind: 'anonymous' });
    this.store.customers.touch(tx, id); // the synced card carries its kind
    this.history(tx, agent, id, 'created', `#${thread.number}`);
    return this.store.customers.byId(id)!;
  }

  private move(tx: Tx, agent: Agent, thread: Thread, target: Customer): Thread {
    if (thread.customerId === target.id) return thread;
    const cards = customerCardsOf(this.store);
    cards.setThreadCustomer(thread.id, target.id, tx.now);
    const previous = this.store.customers.current(thread.customerId);
    if (previous && previous.id !== target.id && this.madeForThisContact(previous, thread) && !this.isAnonymous(target))
      this.merge(tx, agent, target, previous);
    const moved = { ...this.store.threads.byId(thread.id)!, updatedAt: tx.now };
    // Saved again (same row) so the synced thread carries its routing facts, as every thread change does.
    this.store.threads.save(tx, moved);
    this.store.customers.touch(tx, target.id);
    return moved;
  }

  private madeForThisContact(customer: Customer, thread: Thread): boolean {
    const profile = this.store.profiles.get(customer.id);
    return (
      customer.createdAt >= thread.createdAt - MADE_WITH_THREAD_MS &&
      profile?.externalId === null &&
      profile.kind !== 'anonymous' &&
      cards(this.store).threadIdsOf(customer.id).length === 0 &&
      this.store.documents.of(customer.id, false).length === 0 &&
      // A card an agent made (customer.create, a potential customer) is someone's, not the channel's.
      !cards(this.store)
        .history(customer.id, HISTORY_LOOKBACK)
        .some((entry) => entry.kind === 'created')
    );
  }

  private isAnonymous(customer: Customer): boolean {
    return this.store.profiles.get(customer.id)?.kind === 'anonymous';
  }

  /** The channel's card of this contact joins the chosen customer (as a link's merge does). */
  private merge(tx: Tx, agent: Agent, survivor: Customer, absorbed: Customer): void {
    const fields = mergeFields(survivor, absorbed);
    cards(this.store).moveAll(absorbed.id, survivor.id);
    this.history(tx, agent, survivor.id, 'merged', absorbed.name, absorbed.id);
    this.store.customers.patch(tx, absorbed.id, { mergedInto: survivor.id });
    this.store.customers.patch(tx, survivor.id, { phone: fields.phone, email: fields.email });
  }

  private history(tx: Tx, agent: Agent, customerId: string, kind: 'created' | 'merged', name: string, id?: string) {
    cards(this.store).addHistory({
      id: uuidv7(tx.now),
      customerId,
      agentId: agent.id,
      createdAt: tx.now,
      kind,
      field: kind === 'created' ? 'name' : null,
      oldValue: kind === 'created' ? null : name,
      newValue: kind === 'created' ? name : (id ?? null),
    });
  }
}

const cards = customerCardsOf;

function optionalIdentity(kind: 'phone' | 'email', value: string | undefined): string | null {
  if (!value) return null;
  const normalized = normalizeIdentity(kind, value);
  if (!normalized.ok)
    throw new OknoError('bad_request', normalized.message, [{ path: kind, message: normalized.message }]);
  return normalized.identity.value;
}
