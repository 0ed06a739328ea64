/**
 * Puts normalised inbound messages in the queue through the same path as web chat
 * (receiveCustomerMessage), so routing, SLA clocks and live sync treat every channel alike. For each
 * message, in the same transaction, it records the external id (a repeat is stored once, within a
 * batch too), the thread's channel and reply address, the full body with HTML and headers, the
 * attachments, and the gateway's progress. A batch is one transaction (group commit, decision 0051):
 * one disk sync for all of its messages.
 */
import { LIMITS, type Message } from '../../shared/domain.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import { receiveCustomerMessage } from '../conversation/receiveCustomerMessage.js';
import type { HubStore } from '../storage/hubStore.js';
import type { InboundHook } from '../webchat/webchatGateway.js';
import type { Tx } from '../storage/writer.js';
import type { ChannelStore } from './channelStore.js';
import type { ChannelRecord, GatewayState, InboundMessage, IngestOutcome } from './gateway.js';
import { recognizeCustomer } from './recognizeCustomer.js';

/** One message on its way into the queue, with the progress of the gateway that took it. */
export interface InboundItem {
  channel: ChannelRecord;
  message: InboundMessage;
  state?: GatewayState;
}

export interface IngestDeps {
  store: HubStore;
  channels: ChannelStore;
  /** Routing and auto-replies (the contact center): sees every message, flushed once per commit. */
  hook: InboundHook | null;
  log: Logger;
}

/**
 * Stores `items` in one write transaction, in order, and returns their outcomes in the same order.
 * Throws, with nothing stored, when any of them fails (the batcher then stores them one by one).
 */
export function ingestInbound(deps: IngestDeps, items: readonly InboundItem[]): IngestOutcome[] {
  const { store, hook } = deps;
  let committed: Tx | null = null;
  const { result } = store.write((tx): IngestOutcome[] => {
    committed = tx;
    // One clock reading for the whole transaction: ids drawn for it and sorted keep the messages of
    // one thread in the order they came (messages sort by time, then id).
    const ids = items.map(() => uuidv7(tx.now)).sort();
    return items.map((item, index) => ingestOne(tx, deps, item, ids[index]!));
  });
  if (committed) {
    try {
      hook?.flush(committed);
    } catch (error) {
      // The messages are committed: what follows them (auto-replies) failing must not report them lost.
      deps.log.error('after-commit work of inbound messages failed', { error: String(error) });
    }
  }
  return result;
}

function ingestOne(tx: Tx, deps: IngestDeps, item: InboundItem, messageId: string): IngestOutcome {
  const { store, channels, hook } = deps;
  const { channel, message: inbound, state } = item;
  if (state) channels.channels.setState(channel.id, state.key, state.value);
  const seen = channels.inbound.messageByKey(channel.id, inbound.externalId);
  if (seen) return { outcome: 'duplicate', messageId: seen, threadId: store.messages.byId(seen)?.threadId ?? '' };

  const customer = recognizeCustomer(tx, store, channels, inbound.sender);
  const fullText = composeText(inbound);
  const received = receiveCustomerMessage(tx, store, {
    channel: channel.kind,
    customer,
    messageId,
    text: clip(fullText),
  });
  const { message } = received;
  let thread = received.thread;
  // A new thread takes the subject the message came with (email).
  if (received.opened && inbound.subject?.trim()) {
    thread = { ...thread, subject: inbound.subject.trim().slice(0, 200) };
    store.threads.save(tx, thread);
  }
  if (inbound.transcript?.length) storeTranscript(tx, store, thread.id, inbound.transcript);
  channels.inbound.setThreadChannel({
    threadId: thread.id,
    channelId: channel.id,
    address: inbound.replyAddress,
    subject: inbound.subject,
  });
  channels.inbound.putKey(channel.id, inbound.externalId, message.id);
  channels.inbound.putBody(message.id, fullText, inbound.html, inbound.headers ?? {});
  for (const attachment of inbound.attachments) {
    channels.inbound.putAttachment(uuidv7(tx.now), message.id, attachment, tx.now);
  }
  // Routing, SLA policy and auto-replies, exactly as for web chat.
  hook?.customerMessage(tx, thread, message, { opened: received.opened, startedWaiting: received.startedWaiting });
  return { outcome: 'stored', messageId: message.id, threadId: thread.id };
}

/** The message text as an agent reads it: what was written, the attachments named, any notes on how it arrived. */
function composeText(inbound: InboundMessage): string {
  const parts = [inbound.text.trim()];
  if (inbound.attachments.length > 0) {
    parts.push(inbound.attachments.map((a) => `📎 ${a.name} (${formatBytes(a.data.length)})`).join('\n'));
  }
  for (const note of inbound.notes ?? []) parts.push(`⚠ ${note}`);
  const text = parts.filter((p) => p !== '').join('\n\n');
  return text === '' ? '(empty message)' : text;
}

/** The synced text keeps to the limit every channel shares; the whole body stays in message_bodies. */
function clip(text: string): string {
  return text.length <= LIMITS.messageText ? text : `${text.slice(0, LIMITS.messageText - 1)}…`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** A bot's conversation before the hand-over, as system lines placed just before the customer's message. */
function storeTranscript(
  tx: Tx,
  store: HubStore,
  threadId: string,
  transcript: NonNullable<InboundMessage['transcript']>,
): void {
  const lines = transcript.slice(-50);
  lines.forEach((line, index) => {
    const at = tx.now - (lines.length - index);
    const message: Message = {
      id: uuidv7(at),
      threadId,
      direction: 'in',
      author: { kind: 'system', id: null, name: line.from === 'bot' ? 'Bot' : 'Customer (bot chat)' },
      text: clip(line.text.trim() || '(empty)'),
      status: 'sent',
      createdAt: at,
    };
    store.messages.insert(tx, message);
  });
}
