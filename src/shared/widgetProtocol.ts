/** Frames between the customer's web-chat widget and the hub's web-chat gateway. */
import { z } from 'zod';
import { LIMITS } from './domain.js';

export const WIDGET_SOCKET_PATH = '/widget/v1/socket';

export const WidgetMessage = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.number(),
});
export type WidgetMessage = z.infer<typeof WidgetMessage>;

/** A topic of the widget's start menu: a self-service answer, and the routing topic of a chat about it. */
export const WidgetTopic = z.object({
  /** A routing topic id (routing config `topics`), so a chat about it goes to the group with that skill. */
  id: z.string().trim().min(1).max(100),
  title: z.object({ en: z.string().trim().min(1).max(100), ru: z.string().trim().min(1).max(100) }),
  /** The answer shown at once; null when the topic only routes the chat. */
  answer: z
    .object({ en: z.string().max(2000), ru: z.string().max(2000) })
    .nullable()
    .default(null),
});
export type WidgetTopic = z.infer<typeof WidgetTopic>;

/** The widget's start menu as a lead saves it: at most 12 topics, each id once. */
export const WidgetTopics = z
  .array(WidgetTopic)
  .max(12, 'at most 12 topics fit the menu')
  .superRefine((topics, ctx) => {
    // A picked topic is found by its id; two with the same id would route and answer as one.
    topics.forEach((topic, index) => {
      if (topics.findIndex((other) => other.id === topic.id) !== index) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${topic.id}" is listed twice` });
      }
    });
  });

/** Files a customer may send from the widget: small, and of kinds an agent can open safely. */
export const WIDGET_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const WIDGET_FILE_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'application/pdf',
  'text/plain',
];
export const WIDGET_UPLOAD_PATH = '/widget/v1/upload';

/**
 * What a limit of the public widget counts (decision 0024). `requests`: the widget script and demo
 * page; `sockets`: widget sockets opened or open at once; `hellos`: sockets greeting the hub;
 * `new_visitors`: hellos that make a visitor; `messages`: messages and ratings; `typing`: typing
 * notices; `uploads`: files; `upload_bytes`: the bytes of files (for a visitor: a quota per UTC day).
 */
export const WIDGET_LIMIT_NAMES = [
  'requests',
  'sockets',
  'hellos',
  'new_visitors',
  'messages',
  'typing',
  'uploads',
  'upload_bytes',
] as const;
export const WidgetLimitName = z.enum(WIDGET_LIMIT_NAMES);
export type WidgetLimitName = z.infer<typeof WidgetLimitName>;
/** Whose allowance ran out: this visitor's, everyone's from one network address, or the whole hub's. */
export const WidgetLimitScope = z.enum(['visitor', 'address', 'global']);
export type WidgetLimitScope = z.infer<typeof WidgetLimitScope>;

/**
 * A refusal by a limit: what was refused, whose allowance ran out, when to try again, and the
 * allowance itself (a count, or bytes for `upload_bytes`). The socket sends it as a `slow_down`
 * frame; HTTP as a 429 whose `error.params` are these fields.
 */
export const WidgetLimitRefusal = z.object({
  limit: WidgetLimitName,
  scope: WidgetLimitScope,
  retryAfterMs: z.number().int().nonnegative(),
  max: z.number().nonnegative(),
});
export type WidgetLimitRefusal = z.infer<typeof WidgetLimitRefusal>;

export const WidgetClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    /** The visitor's secret from an earlier visit, so a reload keeps the conversation. */
    visitorToken: z.string().min(32).max(128).optional(),
    name: z.string().trim().max(LIMITS.customerName).optional(),
  }),
  z.object({
    type: z.literal('message'),
    clientId: z.uuid(),
    text: z.string(),
  }),
  /** The customer's satisfaction with a closed conversation, 1 (bad) to 5 (very good); once per thread. */
  z.object({
    type: z.literal('csat'),
    threadId: z.string().min(1).max(64),
    score: z.number().int('a rating is a whole number from 1 to 5').min(1).max(5),
  }),
  /** The customer picked a topic of the start menu: their chat is routed by it. */
  z.object({ type: z.literal('topic'), topicId: z.string().min(1).max(100) }),
  /** The customer is typing (sent at most every few seconds while they type). */
  z.object({ type: z.literal('typing') }),
]);
export type WidgetClientFrame = z.infer<typeof WidgetClientFrame>;

export const WidgetServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    visitorToken: z.string(),
    history: z.array(WidgetMessage),
    /** The start menu; empty or absent when the hub has none. */
    topics: z.array(WidgetTopic).optional(),
  }),
  /** An agent is typing a reply. */
  z.object({ type: z.literal('typing'), authorName: z.string() }),
  z.object({ type: z.literal('message'), message: WidgetMessage, clientId: z.string().optional() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), clientId: z.string().optional() }),
  /** The conversation was closed and is not rated yet: ask for a rating (see `csat`). */
  z.object({ type: z.literal('rate'), threadId: z.string() }),
  /** The rating was recorded. */
  z.object({ type: z.literal('rated'), threadId: z.string(), score: z.number() }),
  /**
   * A limit refused a frame, or the socket itself (then the hub closes it with 1013 "try again
   * later"). With `clientId`, that message was not stored: the widget keeps it and sends it again
   * after `retryAfterMs`. `message` is English detail for developers; the widget words it itself.
   */
  WidgetLimitRefusal.extend({
    type: z.literal('slow_down'),
    message: z.string(),
    clientId: z.string().optional(),
  }),
]);
export type WidgetServerFrame = z.infer<typeof WidgetServerFrame>;
