/**
 * One interface for every channel into the queue (email, Telegram, VK, webhook, web chat). A
 * configured gateway is made from its channel's settings and secrets, normalises what it receives
 * to one InboundMessage and hands it to `ingest`, sends agents' replies, and reports what became of
 * each send. Web chat is built in (decision 0030): it has no channel record or secrets, keeps its
 * own socket protocol for what visitors send, and shares this interface for its lifecycle and sends.
 */
import type { Logger } from '../../shared/log.js';

export const CHANNEL_KINDS = ['email', 'telegram', 'vk', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/**
 * Channels built into the hub: always running, with no channel record, settings or secrets. The
 * gateway host knows each by its kind, which is also its channel id (decision 0030).
 */
export const BUILT_IN_CHANNELS = ['webchat'] as const;
export type BuiltInChannel = (typeof BUILT_IN_CHANNELS)[number];
/** What a gateway carries: a configured channel kind or a built-in channel. */
export type GatewayKind = ChannelKind | BuiltInChannel;

export function isBuiltInChannel(channel: string): channel is BuiltInChannel {
  return (BUILT_IN_CHANNELS as readonly string[]).includes(channel);
}

/** How a customer is known on a channel; phone numbers are E.164. */
export const IDENTITY_KINDS = ['phone', 'email', 'telegram', 'vk', 'webhook'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export interface Attachment {
  name: string;
  mime: string;
  data: Buffer;
}

export interface SenderIdentity {
  kind: IdentityKind;
  /** The stable id on the channel: an address, a Telegram user id, a VK id, a platform's user key. */
  value: string;
  name: string | null;
  /** Further identities the channel vouches for (a webhook's phone, an email's address). */
  also?: { kind: IdentityKind; value: string }[];
}

/** A message from a customer, whatever channel it came through. */
export interface InboundMessage {
  /** The channel's own id of this message: a repeat with the same id is stored once. */
  externalId: string;
  sender: SenderIdentity;
  text: string;
  html: string | null;
  attachments: Attachment[];
  /** Where replies go: a chat id, a peer id, an email address, a platform conversation id. */
  replyAddress: string;
  /** External ids this message answers (email In-Reply-To and References), newest last. */
  inReplyTo: string[];
  subject: string | null;
  /** Headers worth keeping (email), for the thread view and for threading replies. */
  headers?: Record<string, string>;
  /** What a bot said before handing over, stored before the message as system lines. */
  transcript?: { from: 'customer' | 'bot'; text: string }[];
  /** Things the agent should know about how the message arrived (an attachment over the cap). */
  notes?: string[];
}

export interface OutboundMessage {
  messageId: string;
  threadId: string;
  text: string;
  html: string | null;
  attachments: Attachment[];
  /** The thread's reply address (see InboundMessage.replyAddress); for web chat, the customer's id. */
  address: string;
  subject: string | null;
  /** External ids of the thread's messages, oldest first (email References). */
  references: string[];
  authorName: string;
  /** Written by the hub (an auto-reply), not by a person: email marks it Auto-Submitted. */
  automatic: boolean;
  /** The group's email signature (plain text); email appends it to the text and HTML parts. */
  signature?: string | null;
}

/** A rating request on a closed thread (issue 16): the messenger shows choices 1–5 bound to `token`. */
export interface RatingAsk {
  address: string;
  token: string;
  text: string;
}

/** A customer's press of a rating choice; `address` is the conversation (chat, peer) it came from. */
export interface RatingPress {
  token: string;
  score: unknown;
  address: string;
}

export type DeliveryState = 'pending' | 'sent' | 'delivered' | 'failed';

export interface SendResult {
  /** The channel's id of the sent message, when it gives one. */
  externalId: string | null;
  status: Extract<DeliveryState, 'sent' | 'delivered'>;
}

/** An HTTP request to the channel's public webhook URL, with the raw body for signatures. */
export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface WebhookReply {
  status: number;
  contentType: 'application/json' | 'text/plain';
  body: string;
}

/** A gateway's progress (a poll offset, a last seen UID), saved with the message it belongs to. */
export interface GatewayState {
  key: string;
  value: string;
}

export type IngestOutcome =
  | { outcome: 'stored'; messageId: string; threadId: string }
  | { outcome: 'duplicate'; messageId: string; threadId: string };

export interface ChannelRecord {
  id: string;
  kind: ChannelKind;
  name: string;
  settings: Record<string, unknown>;
  enabled: boolean;
}

/** What the hub gives a gateway: its configuration, the way into the queue and its own small state. */
export interface GatewayContext {
  channel: ChannelRecord;
  secrets: Record<string, string>;
  /**
   * Stores the message (once per externalId) and, in the same transaction, the gateway's progress
   * (`state`), so a crash between the two can neither lose nor repeat a message. Messages handed
   * over in the same turn of the event loop share one transaction (group commit, decision 0051):
   * hand a page over whole before awaiting. Resolves once the message is committed (on disk);
   * rejects with the message's own error when it cannot be stored, the others being stored.
   */
  ingest(message: InboundMessage, state?: GatewayState): Promise<IngestOutcome>;
  loadState(key: string): string | null;
  saveState(key: string, value: string): void;
  /** Keeps an inbound payload that could not be put in the queue, with the reason, for an admin. */
  deadLetter(reason: DeadLetterReason, detail: string, payload: string | Buffer): void;
  now(): number;
  log: Logger;
  /** Records a rating a customer pressed (issue 16); the text is what the customer is told back. */
  rate?(press: RatingPress): { ok: boolean; text: string };
}

export const DEAD_LETTER_REASONS = [
  'unparseable',
  'invalid',
  'unsupported',
  'auto_submitted',
  'too_large',
  'failed',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

export interface Gateway {
  readonly kind: GatewayKind;
  /** Begins receiving (polling, IMAP IDLE). Webhook-driven gateways have nothing to start. */
  start(): Promise<void>;
  /** Stops receiving and waits for work in flight. */
  stop(): Promise<void>;
  send(message: OutboundMessage): Promise<SendResult>;
  /** Handles a POST to the channel's public URL; gateways that only poll do not have one. */
  webhook?(request: WebhookRequest): Promise<WebhookReply>;
  /**
   * Takes a dead letter's payload again, as if it had just arrived (it was authenticated then):
   * 'queued' when it reached the queue, 'dead_letter' when it was kept as a dead letter again.
   */
  replay?(payload: Buffer): Promise<ReplayOutcome>;
  /** Sends a rating request with the messenger's own buttons (Telegram, VK; issue 16). */
  askRating?(ask: RatingAsk): Promise<void>;
}

export type ReplayOutcome = 'queued' | 'dead_letter';

export type GatewayFactory = (context: GatewayContext) => Gateway;

/** A refusal a gateway gives a webhook caller: logged, answered with `status` and a clear message. */
export class WebhookRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRefusal';
  }
}

export function headerOf(headers: WebhookRequest['headers'], name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

export function jsonReply(status: number, body: unknown): WebhookReply {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}
