/**
 * Stores a message from a customer, whatever gateway it came through: it goes to the customer's
 * open thread on that channel, or opens a new one, and starts the SLA clock if nothing was waiting.
 */
import type { Channel, Customer, Message, Thread } from '../../shared/domain.js';
import { uuidv7 } from '../../shared/ids.js';
import { slaDeadline } from '../../shared/sla.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { oneLine, PREVIEW_MAX, SUBJECT_MAX } from './preview.js';

export interface CustomerMessageInput {
  channel: Channel;
  customer: Customer;
  /** Made by the sender where it can retry (the widget's clientId), so a retry is recognised. */
  messageId: string;
  text: string;
}

export function receiveCustomerMessage(
  tx: Tx,
  store: HubStore,
  input: CustomerMessageInput,
): { thread: Thread; message: Message; opened: boolean; startedWaiting: boolean } {
  const { channel, customer, text } = input;
  const latest = store.threads.latestOf(customer.id, channel);
  const open = latest?.status === 'open' ? latest : null;
  const preview = oneLine(text, PREVIEW_MAX);
  const thread: Thread = open
    ? {
        ...open,
        // The clock counts from the oldest unanswered message: keep it if one is already waiting.
        slaDueAt: open.slaDueAt ?? slaDeadline(channel, tx.now),
        lastMessageAt: tx.now,
        lastMessagePreview: preview,
        updatedAt: tx.now,
      }
    : {
        id: uuidv7(tx.now),
        number: store.threads.nextNumber(),
        channel,
        status: 'open',
        customerId: customer.id,
        assigneeId: null,
        subject: oneLine(text, SUBJECT_MAX),
        slaDueAt: slaDeadline(channel, tx.now),
        lastMessageAt: tx.now,
        lastMessagePreview: preview,
        createdAt: tx.now,
        updatedAt: tx.now,
      };
  store.threads.save(tx, thread);
  const message: Message = {
    id: input.messageId,
    threadId: thread.id,
    direction: 'in',
    author: { kind: 'customer', id: customer.id, name: customer.name },
    text,
    status: 'sent',
    createdAt: tx.now,
  };
  store.messages.insert(tx, message);
  return { thread, message, opened: open === null, startedWaiting: (open?.slaDueAt ?? null) === null };
}
