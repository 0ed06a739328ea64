/** The customer card's part of the app contract (requests and events), kept beside its rules. */
import { z } from 'zod';
import { Customer, Id, IdentityKind } from '../domain.js';
import {
  CustomerName,
  CustomerNotes,
  FieldConflict,
  HistoryEntry,
  IDENTITY_VALUE_MAX,
  normalizeIdentity,
} from './customerCard.js';
import { TIMELINE_PAGE_MAX, TimelineCursor, TimelineItem, TimelineThread } from './customerTimeline.js';

/** An identity as the agent typed it, checked where it enters so the error names the field. */
export const IdentityFields = z
  .object({ kind: IdentityKind, value: z.string().max(IDENTITY_VALUE_MAX) })
  .superRefine((input, ctx) => {
    const normalized = normalizeIdentity(input.kind, input.value);
    if (!normalized.ok) ctx.addIssue({ code: 'custom', path: ['value'], message: normalized.message });
  });

/** An optional identity value of one kind (blank means none), checked as `normalizeIdentity` checks it. */
const optionalIdentity = (kind: 'phone' | 'email') =>
  z
    .string()
    .trim()
    .max(IDENTITY_VALUE_MAX)
    .optional()
    .superRefine((value, ctx) => {
      if (!value) return;
      const normalized = normalizeIdentity(kind, value);
      if (!normalized.ok) ctx.addIssue({ code: 'custom', message: normalized.message });
    });

const OptionalPhone = optionalIdentity('phone');
const OptionalEmail = optionalIdentity('email');

export const CustomerCardView = z.object({
  /** The card as the agent should see it: the hub's state with their pending changes on top. */
  customer: Customer.nullable(),
  /** The agent's changes to this card still waiting for the hub. */
  pending: z.number().int().nonnegative(),
});

export const customerRequests = {
  /** The card from the local cache (a merged customer answers with the one it was merged into). */
  'customer.get': { input: z.object({ customerId: Id }), output: CustomerCardView },
  /** Threads and messages from every channel, newest first; from the cache when the hub is away. */
  'customer.timeline': {
    input: z.object({
      customerId: Id,
      before: TimelineCursor.optional(),
      limit: z.number().int().min(1).max(TIMELINE_PAGE_MAX).default(50),
    }),
    output: z.object({
      customerId: Id,
      source: z.enum(['hub', 'cache']),
      threads: z.array(TimelineThread),
      items: z.array(TimelineItem),
      nextBefore: z.string().nullable(),
    }),
  },
  /** Who changed the card and when, values that lost a conflict included (from the hub; empty offline). */
  'customer.history': {
    input: z.object({ customerId: Id }),
    output: z.object({ history: z.array(HistoryEntry), available: z.boolean() }),
  },
  'customer.update': {
    input: z
      .object({ customerId: Id, name: CustomerName.optional(), notes: CustomerNotes.optional() })
      .refine((i) => i.name !== undefined || i.notes !== undefined, 'nothing to change: give name or notes'),
    output: CustomerCardView,
  },
  /** Links a phone, email, Telegram or VK id; one that belongs to another customer merges them. */
  'customer.link': { input: IdentityFields.and(z.object({ customerId: Id })), output: CustomerCardView },
  'customer.unlink': {
    input: z.object({ customerId: Id, kind: IdentityKind, value: z.string().min(1).max(IDENTITY_VALUE_MAX) }),
    output: CustomerCardView,
  },
  /** A new customer (e.g. an unknown caller's number). */
  'customer.create': {
    input: z.object({
      name: CustomerName,
      phone: OptionalPhone,
      email: OptionalEmail,
      notes: CustomerNotes.optional(),
    }),
    output: CustomerCardView,
  },
};

export const customerEvents = {
  /** Customers changed in the cache (the card and its timeline may be stale). */
  'customers.changed': z.object({ customerIds: z.array(Id) }),
  /** The hub settled a card edit differently than the agent made it: say what and whose value stands. */
  'customer.notice': z.object({
    code: z.enum(['customer_conflict', 'customer_rejected']),
    customerId: Id,
    customerName: z.string(),
    conflicts: z.array(FieldConflict),
    detail: z.string(),
  }),
};
export type CustomerNotice = z.infer<(typeof customerEvents)['customer.notice']>;
