/**
 * Puts a normalised inbound message in the queue through the same path as web chat
 * (receiveCustomerMessage), so routing, SLA clocks and live sync treat every channel alike. In the
 * same transaction it records the external id (a repeat is stored once), the thread's channel and
 * reply address, the full body with HTML and headers, the attachments, and the gateway's progress.
 */
import { LIMITS, type Message } from '../../shared/domain.js';
import { uuidv7 } from '../../shared/ids.js';
import { receiveCustomerMessage } from '../conversation/receiveCustomerMessage.js';
import type { HubStore } from '../storage/hubStore.js';
import type { InboundHook } from '../webchat/webchatGateway.js';
import type { Tx } from '../storage/writer.js';
import type { ChannelStore } from './channelStore.js';
import type { ChannelRecord, InboundMessage, IngestOutcome } from './gateway.js';
import { recognizeCustomer } from './recognizeCustomer.js';

export function ingestInbound(
  store: HubStore,
  channels: ChannelStore,
  channel: ChannelRecord,
  inbound: InboundMessage,
  state?: { key: string; value: string },
  hook: InboundHook | null = null,
): IngestOutcome {
  let committed: Tx | null = null;
  const { result } = store.write((tx): IngestOutcome => {
    committed = tx;
    if (state) channels.channels.setState(channel.id, state.key, state.value);
    const seen = channels.inbound.messageByKey(channel.id, inbound.externalId);
    if (seen) return { outcome: 'duplicate', messageId: seen, threadId: store.messages.byId(seen)?.threadId ?? '' };

    const customer = recognizeCustomer(tx, store, channels, inbound.sender);
    const before = store.threads.latestOf(customer.id, channel.kind);
    const fullText = composeText(inbound);
    const received = receiveCustomerMessage(tx, store, {
      channel: channel.kind,
      customer,
      messageId: uuidv7(tx.now),
      text: clip(fullText),
    });
    const { message } = received;
    let thread = received.thread;
    if (before?.id !== thread.id && inbound.subject?.trim()) {
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
  });
  if (committed) hook?.flush(committed);
  return result;
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
