/**
 * The sync protocol between an agent core and the hub (docs/sync-protocol.md).
 * Pull: changes after a cursor. Push: mutations with client-made ids, applied at most once.
 * Live: the same changes pushed over a WebSocket, chained by `prevSeq` so a gap is visible.
 */
import { z } from 'zod';
import { CallNoteFields, CallRecord } from './softphone/callLog.js';
import { FieldConflict } from './customers/customerCard.js';
import { CUSTOMER_MUTATIONS } from './customers/customerMutations.js';
import {
  Agent,
  AgentStatus,
  Customer,
  Id,
  Message,
  MessageText,
  Millis,
  NotReadyReason,
  Thread,
  ThreadStatus,
} from './domain.js';

export const SYNC_API = {
  login: '/api/v1/auth/login',
  pull: '/api/v1/sync/pull',
  push: '/api/v1/sync/push',
  live: '/api/v1/sync/live',
  /** A thread's messages, a page at a time (`?before=&limit=`): what a cache let go of by retention. */
  threadMessages: '/api/v1/sync/threads/:id/messages',
} as const;

export const ThreadMessagesQuery = z.object({
  /** createdAt to page back from (exclusive); omit for the newest page. */
  before: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const ThreadMessagesResponse = z.object({ messages: z.array(Message), hasMore: z.boolean() });
export type ThreadMessagesResponse = z.infer<typeof ThreadMessagesResponse>;

export const PULL_LIMIT_MAX = 5000;
export const PUSH_BATCH_MAX = 100;

export const LoginRequest = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string().min(32),
  agent: Agent,
  hubId: z.string(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

const ThreadChange = z.object({ seq: z.number().int().positive(), entity: z.literal('thread'), data: Thread });
const MessageChange = z.object({ seq: z.number().int().positive(), entity: z.literal('message'), data: Message });
const CustomerChange = z.object({ seq: z.number().int().positive(), entity: z.literal('customer'), data: Customer });
const AgentChange = z.object({ seq: z.number().int().positive(), entity: z.literal('agent'), data: Agent });

/** One entity's latest state, as the hub's change log holds it (one row per entity, so seqs have holes). */
export const EntityChange = z.discriminatedUnion('entity', [ThreadChange, MessageChange, CustomerChange, AgentChange]);
export type EntityChange = z.infer<typeof EntityChange>;

/**
 * The thread `data.id` (at the thread's change `seq`) is out of this agent's reach now: the client
 * removes it, its messages and the customers no other cached thread points at (decision 0031).
 * Never stored in the change log: the hub derives it per agent from a thread change they may not see.
 */
export const RevokedChange = z.object({
  seq: z.number().int().positive(),
  entity: z.literal('revoked'),
  data: z.object({ id: Id }),
});
export type RevokedChange = z.infer<typeof RevokedChange>;

/** What an agent receives: the entity changes within their reach, and revocations. */
export const Change = z.discriminatedUnion('entity', [
  ThreadChange,
  MessageChange,
  CustomerChange,
  AgentChange,
  RevokedChange,
]);
export type Change = z.infer<typeof Change>;

export const PullQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(1000),
  /**
   * A later page of a pull that already has its `remaining` (`continued=1`): the hub does not count
   * the rest of the log again, the client carries the count on from the first page.
   */
  continued: z.stringbool().default(false),
});

export const PullResponse = z.object({
  /** Identifies the hub database; a cursor is meaningful only with the hubId it came from. */
  hubId: z.string(),
  changes: z.array(Change),
  /** Pass as `after` next time. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /**
   * Change-log rows still after this page, before filtering by the agent's reach (an upper bound
   * of what they will receive); with `scanned`, a first-sync progress bar that moves evenly.
   * Counted on a pull's first page only: absent from a `continued` page.
   */
  remaining: z.number().int().nonnegative().optional(),
  /** Change-log rows this page went through, whether or not the agent may see them. Optional: older hubs. */
  scanned: z.number().int().nonnegative().optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const SendMessageMutation = z.object({
  id: Id,
  kind: z.literal('message.send'),
  threadId: Id,
  messageId: Id,
  text: MessageText,
  createdAt: Millis,
  /**
   * The thread as the agent saw it when typing. When another agent took the thread after that,
   * the hub refuses the reply with `thread_taken` instead of sending a second answer.
   */
  seen: z.object({ assigneeId: Id.nullable(), status: ThreadStatus }).optional(),
  /** Files the agent uploaded to the hub for this reply (email and Telegram carry them). */
  attachmentIds: z.array(Id).max(10, 'at most 10 files per reply').optional(),
});

/**
 * A status the agent asked for; `after_call_work` means "my call just ended" (the hub decides the
 * length, or leaves a not-ready agent as they are). `reason` goes with not_ready; an outbox row
 * written before reasons existed has none and is taken as "other".
 */
export const SetStatusMutation = z.object({
  id: Id,
  kind: z.literal('agent.setStatus'),
  status: AgentStatus.exclude(['offline']),
  reason: NotReadyReason.optional(),
  createdAt: Millis,
});

/** A finished softphone call: the hub makes it a phone thread. */
export const CallLogMutation = CallRecord.extend({
  id: Id,
  kind: z.literal('call.log'),
  createdAt: Millis,
});

/** The agent's notes and topic on a logged call, saved later (after-call work): a note message in its thread. */
export const CallNoteMutation = CallNoteFields.extend({
  id: Id,
  kind: z.literal('call.note'),
  createdAt: Millis,
});

export const Mutation = z.discriminatedUnion('kind', [
  SendMessageMutation,
  SetStatusMutation,
  CallLogMutation,
  CallNoteMutation,
  ...CUSTOMER_MUTATIONS,
]);
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  mutations: z.array(Mutation).min(1).max(PUSH_BATCH_MAX),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationOutcome = z.enum(['applied', 'duplicate', 'rejected']);

export const PushResult = z.object({
  id: Id,
  outcome: MutationOutcome,
  /** Present when rejected. */
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      /** What the app words the refusal from (e.g. `reasonKey` and the contact's number). */
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    })
    .optional(),
  /** The resulting server state of what the mutation touched. */
  changes: z.array(Change),
  /** Applied, but not quite as the agent expected (e.g. `thread_closed`): worth telling them. */
  notice: z
    .object({
      code: z.enum(['thread_closed', 'customer_conflict']),
      message: z.string(),
      /** customer_conflict: the card fields that kept another agent's value (yours is in the card's history). */
      conflicts: z.array(FieldConflict).optional(),
    })
    .optional(),
});
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({
  hubId: z.string(),
  results: z.array(PushResult),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Server → client frames on the live socket. */
export const LiveFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), hubId: z.string(), seq: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('changes'),
    /** The cursor the previous frame sent to this socket left: if it is not the client's cursor, a frame was missed. */
    prevSeq: z.number().int().nonnegative(),
    /** Empty when the batch held nothing in this agent's reach: the frame only moves the cursor to `seq`. */
    changes: z.array(Change),
    /**
     * The cursor after this frame: the last seq of the hub's batch, past the changes this agent may
     * not see. Optional: older hubs (which never send an empty frame); then the highest seq.
     */
    seq: z.number().int().positive().optional(),
  }),
  /** The customer of a web-chat thread is typing (not stored; outside the seq chain). */
  z.object({ type: z.literal('typing'), threadId: Id, at: Millis }),
]);
export type LiveFrame = z.infer<typeof LiveFrame>;

export const LIVE_HEARTBEAT_MS = 10_000;
