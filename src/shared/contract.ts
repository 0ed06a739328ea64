/**
 * The one contract between the renderer and the agent core. Every request the renderer
 * may make and every event the core may emit is named here; the Electron preload, the
 * main-process handlers and the browser host are all checked against these tables.
 */
import { z } from 'zod';
import {
  Agent,
  AgentStatus,
  Channel,
  Customer,
  Id,
  LIMITS,
  Message,
  MessageText,
  Thread,
  ThreadStatus,
} from './domain.js';
import { Template } from './templates/template.js';
import { SipPassword, SoftphoneAccount } from './softphone/account.js';
import { CallRecord } from './softphone/callLog.js';
import { PeriodStatsWire, StatsPeriodInput, StatsSnapshotWire } from './stats/statsWire.js';

/** Prefix of every IPC channel and WebSocket frame name. */
export const CONTRACT_PREFIX = 'okno:';

export const Language = z.enum(['en', 'ru']);
export type Language = z.infer<typeof Language>;

export const ConnectionState = z.object({
  status: z.enum(['signed_out', 'connecting', 'online', 'reconnecting', 'offline']),
  /** When the link was lost; null while online. */
  since: z.number().nullable(),
  pendingMutations: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

export const SessionState = z.object({
  signedIn: z.boolean(),
  agent: Agent.nullable(),
  hubUrl: z.string().nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

const HubUrl = z
  .string()
  .trim()
  .url('hub address must be a URL such as http://127.0.0.1:8740')
  .refine((u) => /^https?:\/\//.test(u), 'hub address must start with http:// or https://');

export const Settings = z.object({
  language: Language,
  /** The hub this app syncs with; null means "the embedded hub started by `npm start`". */
  hubUrl: HubUrl.nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const SyncNotice = z.object({
  /** thread_taken: not sent, another agent took the thread; thread_closed: sent to a thread closed meanwhile; rejected: refused for another reason. */
  code: z.enum(['thread_taken', 'thread_closed', 'rejected']),
  threadId: Id,
  threadNumber: z.number().int().nonnegative().nullable(),
  messageId: Id.nullable(),
  detail: z.string(),
});
export type SyncNotice = z.infer<typeof SyncNotice>;

export const QueueItem = Thread.extend({ customerName: z.string() });
export type QueueItem = z.infer<typeof QueueItem>;

export const SearchHit = z.object({
  messageId: Id,
  threadId: Id,
  snippet: z.string(),
  createdAt: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const requests = {
  'app.info': request(
    z.object({}),
    z.object({ version: z.string(), host: z.enum(['electron', 'browser']), embeddedHubUrl: z.string().nullable() }),
  ),
  'session.get': request(z.object({}), SessionState),
  'session.signIn': request(
    z.object({
      hubUrl: HubUrl,
      login: z.string().trim().min(1, 'login is empty').max(LIMITS.login),
      password: z.string().min(1, 'password is empty').max(LIMITS.password),
    }),
    SessionState,
  ),
  'session.signOut': request(z.object({}), SessionState),
  'connection.get': request(z.object({}), ConnectionState),
  'settings.get': request(z.object({}), Settings),
  'settings.update': request(Settings.partial(), Settings),
  'queue.list': request(
    z.object({
      status: ThreadStatus.default('open'),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(LIMITS.pageSize).default(100),
      /** mine: threads assigned to the signed-in agent; all: every thread in the replica. */
      view: z.enum(['all', 'mine']).optional(),
      channel: Channel.optional(),
    }),
    z.object({ items: z.array(QueueItem), total: z.number().int().nonnegative() }),
  ),
  'thread.get': request(z.object({ threadId: Id }), z.object({ thread: Thread, customer: Customer.nullable() })),
  'thread.messages': request(
    z.object({
      threadId: Id,
      /** Page backwards from this createdAt (exclusive); omit for the newest page. */
      before: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(LIMITS.pageSize).default(200),
    }),
    z.object({ messages: z.array(Message), hasMore: z.boolean() }),
  ),
  'message.send': request(z.object({ threadId: Id, text: MessageText }), Message),
  'agent.setStatus': request(z.object({ status: AgentStatus.exclude(['offline']) }), Agent),
  /** Sends a failed message again (a new mutation id; the agent's decision overrides a conflict). */
  'message.retry': request(z.object({ messageId: Id }), Message),
  /** Drops a failed message that never reached the hub. */
  'message.discard': request(z.object({ messageId: Id }), z.object({ messageId: Id })),
  /** Take the thread (manual take; the hub refuses one assigned to someone else unless you lead). */
  'thread.take': request(z.object({ threadId: Id }), z.object({ thread: Thread })),
  'thread.close': request(z.object({ threadId: Id }), z.object({ thread: Thread })),
  /** Why things happened to the thread: routing decisions, hand-overs, auto-replies (from the hub). */
  'thread.events': request(
    z.object({ threadId: Id }),
    z.object({
      events: z.array(z.object({ id: z.string(), kind: z.string(), text: z.string(), createdAt: z.number() })),
    }),
  ),
  /** The shared template library and the agent's own templates (from the hub). */
  'templates.list': request(z.object({}), z.object({ templates: z.array(Template) })),
  /** Templates ranked for the thread's last customer message. */
  'templates.suggest': request(
    z.object({ threadId: Id, limit: z.number().int().min(1).max(10).default(3) }),
    z.object({ suggestions: z.array(z.object({ template: Template, score: z.number() })) }),
  ),
  /** A template's text for a thread with its variables filled; problems name what could not be filled. */
  'templates.render': request(
    z.object({ templateId: Id, threadId: Id }),
    z.object({ text: z.string().nullable(), source: z.string(), problems: z.array(z.string()) }),
  ),
  /** The agent used this template for the thread's last customer message (ranking learns from it). */
  'templates.chosen': request(z.object({ templateId: Id, threadId: Id }), z.object({ recorded: z.boolean() })),
  'search.messages': request(
    z.object({
      query: z.string().trim().min(1, 'search query is empty').max(LIMITS.searchQuery),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    z.object({ hits: z.array(SearchHit) }),
  ),
  /** The SIP account and, for registering only, its password (never logged). */
  'softphone.getAccount': request(
    z.object({}),
    z.object({ account: SoftphoneAccount.nullable(), password: SipPassword.nullable() }),
  ),
  /** Saves the account; a null password keeps the stored one, '' removes it. */
  'softphone.saveAccount': request(
    z.object({ account: SoftphoneAccount, password: SipPassword.nullable() }),
    z.object({ account: SoftphoneAccount, hasPassword: z.boolean() }),
  ),
  /** A finished call: queued for the hub, which makes it a phone thread. */
  'call.record': request(CallRecord, z.object({ queued: z.literal(true) })),
  /** A period's figures from the hub (a lead sees everyone; an agent only their own). */
  'stats.period': request(StatsPeriodInput, PeriodStatsWire),
  /** The floor now (leads): queues, agents by status, today's service level, the staffing hint. */
  'stats.now': request(z.object({ timeZone: z.string().min(1).max(64).default('UTC') }), StatsSnapshotWire),
  /** The customer with this phone number (any notation; compared as E.164) in the local cache. */
  'customer.findByPhone': request(
    z.object({ phone: z.string().trim().min(1, 'phone number is empty').max(64) }),
    z.object({ e164: z.string().nullable(), customer: Customer.nullable() }),
  ),
};

export const events = {
  /** Threads were added or changed in the local cache. */
  'queue.changed': z.object({ threadIds: z.array(Id) }),
  /** Messages of these threads were added or changed. */
  'messages.changed': z.object({ threadIds: z.array(Id) }),
  'connection.changed': ConnectionState,
  'session.changed': SessionState,
  'settings.changed': Settings,
  /** The hub settled one of the agent's messages differently than typed: tell the agent why. */
  'sync.notice': SyncNotice,
  /** A catch-up pull is under way (first sync, or a long time offline): changes applied and still to come. */
  'sync.progress': z.object({ applied: z.number().int().nonnegative(), remaining: z.number().int().nonnegative() }),
  /** The hub's floor snapshot changed (pushed at most once a second while a lead watches stats.now). */
  'stats.changed': StatsSnapshotWire,
};

export type RequestName = keyof typeof requests;
export type EventName = keyof typeof events;
export type RequestInput<N extends RequestName> = z.input<(typeof requests)[N]['input']>;
export type ParsedInput<N extends RequestName> = z.output<(typeof requests)[N]['input']>;
export type RequestOutput<N extends RequestName> = z.output<(typeof requests)[N]['output']>;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;

export const REQUEST_NAMES = Object.keys(requests) as RequestName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The implementation of every request, typed by the table; the core provides one. */
export type ContractHandlers = {
  [N in RequestName]: (input: ParsedInput<N>) => Promise<RequestOutput<N>>;
};
