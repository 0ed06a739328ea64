import { z } from 'zod';

/** Limits enforced at every boundary that accepts customer or agent text. */
export const LIMITS = {
  messageText: 4000,
  customerName: 200,
  login: 100,
  password: 200,
  searchQuery: 200,
  pageSize: 500,
} as const;

export const Id = z.uuid();

export const Channel = z.enum(['phone', 'webchat', 'email', 'telegram', 'vk', 'webhook']);
export type Channel = z.infer<typeof Channel>;

export const ThreadStatus = z.enum(['open', 'closed']);
export type ThreadStatus = z.infer<typeof ThreadStatus>;

export const AgentRole = z.enum(['agent', 'lead', 'admin']);
export type AgentRole = z.infer<typeof AgentRole>;

/**
 * Only `ready` gets new work. `not_ready` (with a reason) and `after_call_work` keep the agent's
 * open threads; `away` and `offline` return them to the queue (src/shared/agentStatus).
 */
export const AgentStatus = z.enum(['ready', 'not_ready', 'after_call_work', 'away', 'offline']);
export type AgentStatus = z.infer<typeof AgentStatus>;

/** A not-ready reason: an id from the hub's configurable list (defaults in DEFAULT_NOT_READY_REASONS). */
export const NotReadyReason = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a not-ready reason is a short id such as "lunch"');
export const DEFAULT_NOT_READY_REASONS = ['break', 'lunch', 'training', 'meeting', 'other'] as const;

/** Epoch milliseconds, UTC: the only time format in storage and on the wire. */
export const Millis = z.number().int().nonnegative();

export const Agent = z.object({
  id: Id,
  login: z.string(),
  name: z.string(),
  role: AgentRole,
  status: AgentStatus,
  updatedAt: Millis,
  /** Why the agent is not ready (null for every other status). Optional: older replicas lack it. */
  statusReason: z.string().nullable().optional(),
  /** When the current status began (the stats panel's time in status). */
  statusSince: Millis.optional(),
  /** When after-call work ends and the hub makes the agent ready again; null outside after-call work. */
  acwUntil: Millis.nullable().optional(),
});
export type Agent = z.infer<typeof Agent>;

/** How a customer is known on a channel (docs/customer-cards.md): one (kind, value) belongs to one customer. */
export const IdentityKind = z.enum(['phone', 'email', 'telegram', 'vk', 'webhook']);
export type IdentityKind = z.infer<typeof IdentityKind>;
export const CustomerIdentity = z.object({ kind: IdentityKind, value: z.string() });
export type CustomerIdentity = z.infer<typeof CustomerIdentity>;

/** A known customer, a potential one (made from a contact), or a contact's own anonymous card (decision 0031). */
export const CustomerKind = z.enum(['customer', 'potential', 'anonymous']);
export type CustomerKind = z.infer<typeof CustomerKind>;

export const Customer = z.object({
  id: Id,
  name: z.string(),
  /** The first phone / email identity (kept for the queue, templates and caller lookup). */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: Millis,
  updatedAt: Millis,
  /** The card's free text. Optional: older hubs and replicas lack it. */
  notes: z.string().optional(),
  /** Every identity of the customer, phones and emails included. */
  identities: z.array(CustomerIdentity).optional(),
  /** Set when this customer was merged into another: read that one instead. */
  mergedInto: Id.nullable().optional(),
  /** Absent for a known customer (and from older hubs); the card says "anonymous" in the agent's language. */
  kind: CustomerKind.exclude(['customer']).optional(),
});
export type Customer = z.infer<typeof Customer>;

export const Thread = z.object({
  id: Id,
  /** Human-facing number, unique per hub ("#1042"). */
  number: z.number().int().positive(),
  channel: Channel,
  status: ThreadStatus,
  customerId: Id,
  assigneeId: Id.nullable(),
  subject: z.string(),
  /** When the customer's oldest unanswered message breaches its response-time target; null when nothing waits. */
  slaDueAt: Millis.nullable(),
  lastMessageAt: Millis,
  lastMessagePreview: z.string(),
  createdAt: Millis,
  updatedAt: Millis,
  /** Routing facts for the queue views (topic filter, "my groups"); optional: older hubs lack them. */
  topic: z.string().nullable().optional(),
  groupId: Id.nullable().optional(),
});
export type Thread = z.infer<typeof Thread>;

export const MessageDirection = z.enum(['in', 'out']);
export type MessageDirection = z.infer<typeof MessageDirection>;

export const AuthorKind = z.enum(['customer', 'agent', 'system']);

export const MessageAuthor = z.object({
  kind: AuthorKind,
  id: Id.nullable(),
  name: z.string(),
});
export type MessageAuthor = z.infer<typeof MessageAuthor>;

/** pending: in the local outbox; sent: stored by the hub; failed: the hub refused it. */
export const DeliveryStatus = z.enum(['pending', 'sent', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Message = z.object({
  id: Id,
  threadId: Id,
  direction: MessageDirection,
  author: MessageAuthor,
  text: z.string(),
  status: DeliveryStatus,
  createdAt: Millis,
});
export type Message = z.infer<typeof Message>;

export const MessageText = z
  .string()
  .trim()
  .min(1, 'message text is empty')
  .max(LIMITS.messageText, `message text is longer than ${LIMITS.messageText} characters`);
