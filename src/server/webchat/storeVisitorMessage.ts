/** A widget visitor's message: the visitor becomes a customer on their first message, then it is stored like any inbound one. */
import type { Customer, Message, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { receiveCustomerMessage } from '../conversation/receiveCustomerMessage.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';

export interface VisitorMessageInput {
  tokenHash: string;
  /** From the widget's hello, used when the visitor becomes a customer. */
  name: string | null;
  clientId: string;
  text: string;
}

/** The stored message; `received` is null when it was a resend of one already stored. */
export interface VisitorMessageResult {
  message: Message;
  received: { thread: Thread; opened: boolean; startedWaiting: boolean } | null;
}

export function storeVisitorMessage(tx: Tx, store: HubStore, input: VisitorMessageInput): VisitorMessageResult {
  const visitor = store.visitors.get(input.tokenHash);
  if (!visitor) throw new OknoError('unauthorized', 'unknown visitor; send hello again');
  const existing = store.messages.byId(input.clientId);
  if (existing) {
    // The widget resends what it has not seen confirmed; the same clientId is the same message.
    const thread = store.threads.byId(existing.threadId);
    if (visitor.customerId !== null && thread?.customerId === visitor.customerId)
      return { message: existing, received: null };
    throw new OknoError('conflict', `message id ${input.clientId} is already taken`);
  }
  const customer =
    (visitor.customerId ? store.customers.byId(visitor.customerId) : null) ?? newCustomer(tx, store, input);
  const { message, ...received } = receiveCustomerMessage(tx, store, {
    channel: 'webchat',
    customer,
    messageId: input.clientId,
    text: input.text,
  });
  return { message, received };
}

function newCustomer(tx: Tx, store: HubStore, input: VisitorMessageInput): Customer {
  const customer: Customer = {
    id: uuidv7(tx.now),
    name: input.name || `Visitor ${store.customers.count() + 1}`,
    phone: null,
    email: null,
    createdAt: tx.now,
    updatedAt: tx.now,
  };
  store.customers.save(tx, customer);
  store.visitors.link(input.tokenHash, customer.id);
  return customer;
}
