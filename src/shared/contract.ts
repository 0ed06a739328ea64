/**
 * The one contract between the renderer and the agent core. Every request the renderer
 * may make and every event the core may emit is named here; the Electron preload, the
 * main-process handlers and the browser host are all checked against these tables.
 */
import { z } from 'zod';
import {
  Agent,
  AgentRole,
  AgentStatus,
  Channel,
  Customer,
  Id,
  LIMITS,
  Message,
  MessageText,
  NotReadyReason,
  Thread,
  ThreadStatus,
} from './domain.js';
import { AgentStatusSettings } from './agentStatus/statusMachine.js';
import { Template, TemplateInput } from './templates/template.js';
import { AutoReplyRule, AutoReplyRuleInput } from './autoReplies/autoReplyRule.js';
import { Capacity, Group, GroupInput } from './routing/chooseAgent.js';
import { SipPassword, SoftphoneAccount } from './softphone/account.js';
import { CallNote, CallRecord } from './softphone/callLog.js';
import { customerEvents, customerRequests } from './customers/customerContract.js';
import { CallStateInput, PeriodStatsWire, StatsPeriodInput, StatsSnapshotWire } from './stats/statsWire.js';
import { OUTBOUND_FILE_MAX_BYTES, OUTBOUND_FILES_PER_REPLY, UPLOAD_CHUNK_BASE64, UploadedFile } from './attachments.js';
import {
  ChannelCreateInput,
  ChannelUpdateInput,
  ChannelView,
  DeadLetterView,
  GroupSignature,
} from './channels/channelAdmin.js';
import { WidgetTopic } from './widgetProtocol.js';
import { HubAddress } from './hubAddress.js';
import { callsRequests } from './calls/callsContract.js';
import { accountsRequests } from './accounts/accountsContract.js';
import { customerSearchRequests } from './customers/customerSearchContract.js';
import { customerImportRequests } from './customers/customerImportContract.js';
import { identificationRequests } from './customers/identificationContract.js';
import { topicsEvents, topicsRequests } from './topics/topicsContract.js';
import { topicStatsEvents, topicStatsRequests } from './stats/topicStatsContract.js';
import { knowledgeEvents, knowledgeRequests } from './knowledge/knowledgeContract.js';
import { registerEvents, registerRequests } from './register/registerContract.js';
import { activitiesEvents, activitiesRequests } from './activities/activitiesContract.js';
import { recordingEvents, recordingRequests } from './recording/recordingContract.js';
import { monitoringEvents, monitoringRequests } from './monitoring/monitoringContract.js';
import { callQualityEvents, callQualityRequests } from './callQuality/callQualityContract.js';
import { csatEvents, csatRequests } from './csat/csatContract.js';
import { qaEvents, qaRequests } from './qa/qaContract.js';
import { shiftCheckRequests } from './shiftCheck/shiftCheckContract.js';

export const QueueView = z.enum(['mine', 'groups', 'all']);
export type QueueView = z.infer<typeof QueueView>;

/** What an agent may pick in the status control; after-call work comes from `agent.callEnded`. */
export const SetStatusInput = z
  .object({ status: z.enum(['ready', 'not_ready', 'away']), reason: NotReadyReason.optional() })
  .refine((i) => i.status !== 'not_ready' || i.reason !== undefined, {
    message: 'not ready needs a reason',
    path: ['reason'],
  });
export type SetStatusInput = z.infer<typeof SetStatusInput>;

/** The longest email HTML part the core passes on (one contract frame is 1 MiB); longer shows the text part. */
export const MESSAGE_HTML_MAX_CHARS = 400_000;

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

/** https:// anywhere, plain http:// only on this computer (src/shared/hubAddress.ts). */
const HubUrl = HubAddress;

export const Settings = z.object({
  language: Language,
  /** The hub this app syncs with; null means "the embedded hub started by `npm start`". */
  hubUrl: HubUrl.nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const SyncNotice = z.object({
  /**
   * thread_taken: not sent, another agent took the thread; thread_closed: sent to a thread closed meanwhile;
   * rejected: refused for another reason; wrap_up_needed: the agent asked to be ready while a contact of
   * theirs (`threadId`, and `detail`: every number) still needs a topic (decision 0032).
   */
  code: z.enum(['thread_taken', 'thread_closed', 'rejected', 'wrap_up_needed']),
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

/** How much the local cache keeps (decision 0012). The hub keeps everything regardless. */
export const CacheSettings = z.object({
  /** Messages of a closed thread unchanged for this many days leave the cache (0 = keep forever). */
  retentionDays: z.number().int().min(0).max(3650),
  /** The largest attachment the cache stores, in MiB. */
  attachmentMaxMb: z.number().int().min(1).max(1024),
});
export type CacheSettings = z.infer<typeof CacheSettings>;

export const CacheStatus = z.object({
  settings: CacheSettings,
  databaseBytes: z.number().int().nonnegative(),
  attachmentBytes: z.number().int().nonnegative(),
  messages: z.number().int().nonnegative(),
  /** Closed threads whose older messages are now only on the hub. */
  prunedThreads: z.number().int().nonnegative(),
  lastMaintenance: z
    .object({
      at: z.number(),
      prunedThreads: z.number().int().nonnegative(),
      prunedMessages: z.number().int().nonnegative(),
      freedBytes: z.number().int(),
    })
    .nullable(),
  /**
   * The cache could not be opened with its key (keychain changed, file damaged) and was started afresh
   * from the hub; the unreadable file was kept beside it under `setAside` (decision 0031).
   */
  freshStart: z.object({ at: z.number(), setAside: z.string() }).nullable().optional(),
});
export type CacheStatus = z.infer<typeof CacheStatus>;

/** An attachment kept in the local cache: metadata here, the bytes in a content-addressed file. */
export const CachedAttachment = z.object({
  id: Id,
  messageId: Id,
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CachedAttachment = z.infer<typeof CachedAttachment>;

export const TemplateFileFormat = z.enum(['json', 'csv']);
/** An imported library travels in one contract frame and one hub request (1 MiB each). */
const IMPORT_FILE_CHARS = 900_000;
export type TemplateFileFormat = z.infer<typeof TemplateFileFormat>;

/** An agent as a lead manages them (team settings). */
export const TeamMember = z.object({
  id: Id,
  login: z.string(),
  name: z.string(),
  role: AgentRole,
  status: AgentStatus,
  capacity: Capacity,
  /** An administrator disabled the account: it cannot sign in. */
  disabled: z.boolean().default(false),
});
export type TeamMember = z.infer<typeof TeamMember>;

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
  /** The window's 'online' event: the network is back, so the core reaches for the hub now. */
  'connection.online': request(z.object({}), ConnectionState),
  'settings.get': request(z.object({}), Settings),
  'settings.update': request(Settings.partial(), Settings),
  'queue.list': request(
    z.object({
      status: ThreadStatus.default('open'),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(LIMITS.pageSize).default(100),
      /**
       * mine: assigned to the signed-in agent; groups: routed to or worked by the agent's groups, or
       * waiting for no particular group; all: every thread (leads and admins only). Omitted: all.
       */
      view: QueueView.optional(),
      channel: Channel.optional(),
      topic: z.string().trim().min(1).max(100).optional(),
    }),
    z.object({ items: z.array(QueueItem), total: z.number().int().nonnegative() }),
  ),
  /** How many threads each view holds under the same filters ("all" is null for an agent). */
  'queue.counts': request(
    z.object({
      status: ThreadStatus.default('open'),
      channel: Channel.optional(),
      topic: z.string().max(100).optional(),
    }),
    z.object({
      mine: z.number().int().nonnegative(),
      groups: z.number().int().nonnegative(),
      all: z.number().int().nonnegative().nullable(),
    }),
  ),
  /** What the view filters offer: the hub's topics and the agent's groups (last known while the hub is away). */
  'queue.options': request(
    z.object({}),
    z.object({ topics: z.array(z.string()), groups: z.array(z.object({ id: Id, name: z.string() })) }),
  ),
  'thread.get': request(z.object({ threadId: Id }), z.object({ thread: Thread, customer: Customer.nullable() })),
  'thread.messages': request(
    z.object({
      threadId: Id,
      /** Page backwards from this createdAt (exclusive); omit for the newest page. */
      before: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(LIMITS.pageSize).default(200),
    }),
    z.object({
      messages: z.array(Message),
      hasMore: z.boolean(),
      /** Older messages were let go of by the cache's retention and the hub cannot be reached now. */
      olderOnHub: z.boolean().optional(),
    }),
  ),
  'message.send': request(
    z.object({
      threadId: Id,
      text: MessageText,
      /** Files uploaded with attachment.upload (email and Telegram threads). */
      attachmentIds: z.array(Id).max(OUTBOUND_FILES_PER_REPLY).optional(),
    }),
    Message,
  ),
  /** ready, not_ready (with a reason from agent.statusSettings) or away; the hub records each change with its time. */
  'agent.setStatus': request(SetStatusInput, Agent),
  /**
   * The softphone calls this when an answered call ends: the hub starts after-call work (length from
   * its settings; 0 leaves the agent ready) unless the agent chose not ready or away meanwhile.
   */
  'agent.callEnded': request(z.object({}), Agent),
  /** The hub's not-ready reasons and after-call-work length (last known ones while the hub is away). */
  'agent.statusSettings': request(z.object({}), AgentStatusSettings),
  /** Sends a failed message again (a new mutation id; the agent's decision overrides a conflict). */
  'message.retry': request(z.object({ messageId: Id }), Message),
  /**
   * An inbound email as the customer wrote it: the raw HTML part (null when there is none, or when it is
   * longer than MESSAGE_HTML_MAX_CHARS) and the full text part. The renderer sanitises the HTML and
   * shows it in a sandboxed frame; from the hub, asked for when shown (decision 0026).
   */
  'message.body': request(
    z.object({ messageId: Id }),
    z.object({ text: z.string(), html: z.string().nullable(), htmlTooLarge: z.boolean() }),
  ),
  /** Drops a failed message that never reached the hub. */
  'message.discard': request(z.object({ messageId: Id }), z.object({ messageId: Id })),
  /** Take the thread (manual take; the hub refuses one assigned to someone else unless you lead). */
  'thread.take': request(z.object({ threadId: Id }), z.object({ thread: Thread })),
  'thread.close': request(z.object({ threadId: Id }), z.object({ thread: Thread })),
  /** Why things happened to the thread: routing decisions, hand-overs, auto-replies (from the hub). */
  'thread.events': request(
    z.object({ threadId: Id }),
    z.object({
      events: z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          text: z.string(),
          createdAt: z.number(),
          /** The event's facts; the renderer words the kinds it knows in the agent's language. */
          data: z.record(z.string(), z.unknown()).default({}),
        }),
      ),
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
  /** Creates (no id) or edits a template; shared ones need a lead, personal ones belong to the caller. */
  'templates.save': request(
    TemplateInput.extend({ id: Id.optional(), scope: z.enum(['shared', 'personal']) }),
    Template,
  ),
  'templates.delete': request(z.object({ templateId: Id }), z.object({ deleted: Id })),
  /** The shared library as a JSON or CSV file's text. */
  'templates.export': request(
    z.object({ format: TemplateFileFormat }),
    z.object({ format: TemplateFileFormat, content: z.string() }),
  ),
  /** Adds a JSON or CSV file's templates to the shared library (leads); replace: drop the old library first. */
  'templates.import': request(
    z.object({
      format: TemplateFileFormat,
      source: z.string().min(1, 'the file is empty').max(IMPORT_FILE_CHARS),
      replace: z.boolean().default(false),
    }),
    z.object({ imported: z.number().int().nonnegative() }),
  ),
  /** Team settings (leads; the hub enforces it): agents with their capacity, groups and auto-reply rules. */
  'team.list': request(z.object({}), z.object({ agents: z.array(TeamMember) })),
  'team.setCapacity': request(z.object({ agentId: Id, capacity: Capacity }), Capacity),
  'groups.list': request(z.object({}), z.object({ groups: z.array(Group) })),
  /** Creates (no id) or edits a routing group. */
  'groups.save': request(GroupInput.extend({ id: Id.optional() }), Group),
  'groups.delete': request(z.object({ groupId: Id }), z.object({ deleted: Id })),
  'autoReplies.list': request(z.object({}), z.object({ rules: z.array(AutoReplyRule) })),
  /** Leads: the hub's not-ready reasons and after-call-work length (read them with agent.statusSettings). */
  'statusSettings.save': request(AgentStatusSettings, AgentStatusSettings),
  /** The web-chat widget's start menu (topics with self-service answers); saving is for leads. */
  'widgetTopics.list': request(z.object({}), z.object({ topics: z.array(WidgetTopic) })),
  'widgetTopics.save': request(
    z.object({ topics: z.array(WidgetTopic).max(12) }),
    z.object({ topics: z.array(WidgetTopic) }),
  ),
  /** Replaces every rule; a rule keeps its id (and its once-per-thread guard) when sent with it. */
  'autoReplies.save': request(
    z.object({ rules: z.array(AutoReplyRuleInput.extend({ id: Id.optional() })).max(200) }),
    z.object({ rules: z.array(AutoReplyRule) }),
  ),
  'search.messages': request(
    z.object({
      query: z.string().trim().min(1, 'search query is empty').max(LIMITS.searchQuery),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    z.object({ hits: z.array(SearchHit) }),
  ),
  /** The local cache: its retention and size settings, how big it is, the last clean-up. */
  'cache.get': request(z.object({}), CacheStatus),
  'cache.update': request(CacheSettings.partial(), CacheStatus),
  /** Prune and compact now (it also runs by itself once a day). */
  'cache.maintain': request(z.object({}), CacheStatus),
  /** An attachment's bytes (base64), from the cache or fetched from the hub and cached (size-capped). */
  'attachment.get': request(
    z.object({ messageId: Id, attachmentId: Id }),
    z.object({ attachment: CachedAttachment, dataBase64: z.string() }),
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
  /** Notes and topic on a logged call (saved after it ended): queued for the hub like a reply. */
  'call.note': request(CallNote, z.object({ queued: z.literal(true) })),
  /** A period's figures from the hub (a lead sees everyone; an agent only their own). */
  'stats.period': request(StatsPeriodInput, PeriodStatsWire),
  /** The floor now (leads): queues, agents by status, today's figures (in the hub's zone unless one is named), the staffing hint. */
  'stats.now': request(z.object({ timeZone: z.string().min(1).max(64).optional() }), StatsSnapshotWire),
  /** The softphone's count of live calls changed: the hub shows the agent "on call" exactly while it is above 0. */
  'stats.callState': request(CallStateInput, z.object({ recorded: z.literal(true) })),
  /** The customer with this phone number (any notation; compared as E.164) in the local cache. */
  'customer.findByPhone': request(
    z.object({ phone: z.string().trim().min(1, 'phone number is empty').max(64) }),
    z.object({ e164: z.string().nullable(), customer: Customer.nullable() }),
  ),
  /** The customer card: read, edit, link / unlink identities, create, one timeline (src/shared/customers). */
  ...customerRequests,
  /** Calls in the queue: lines, menus, blocklist, transfers, callbacks (src/shared/calls). */
  ...callsRequests,
  /** Accounts: password change, admins disabling / enabling an agent or setting a new password (src/shared/accounts). */
  ...accountsRequests,
  /** The customer desk (decision 0031): search, import, identification, products and the audit (src/shared/customers). */
  ...customerSearchRequests,
  ...customerImportRequests,
  ...identificationRequests,
  /** Issue 15 (decision 0032): topics, stats by topic, the knowledge base, the register, planned activities. */
  ...topicsRequests,
  ...topicStatsRequests,
  ...knowledgeRequests,
  ...registerRequests,
  ...activitiesRequests,
  /** Issue 16: recording, live monitoring, call quality, ratings in every channel, quality scoring. */
  ...recordingRequests,
  ...monitoringRequests,
  ...callQualityRequests,
  ...csatRequests,
  ...qaRequests,
  ...shiftCheckRequests,
  /** Channels (leads, admins): secrets go in and never come back, only the names of those set. */
  'channels.list': request(z.object({}), z.object({ channels: z.array(ChannelView) })),
  'channels.create': request(ChannelCreateInput, ChannelView),
  'channels.update': request(ChannelUpdateInput, ChannelView),
  'channels.disable': request(z.object({ channelId: z.string().min(1) }), z.object({ channelId: z.string() })),
  /** Inbound payloads kept but not queued (admins). */
  'deadLetters.list': request(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    z.object({ deadLetters: z.array(DeadLetterView) }),
  ),
  'deadLetters.discard': request(z.object({ id: z.string().min(1) }), z.object({ id: z.string() })),
  /** The channel takes the payload again: queued, or kept again as a new dead letter. */
  'deadLetters.retry': request(
    z.object({ id: z.string().min(1) }),
    z.object({ outcome: z.enum(['queued', 'dead_letter']) }),
  ),
  /** The agent is typing in a web-chat thread: the customer's widget shows it (throttled by the hub). */
  'thread.typing': request(z.object({ threadId: Id }), z.object({ sent: z.boolean() })),
  /** Each group's email signature (leads). */
  'signatures.list': request(z.object({}), z.object({ signatures: z.array(GroupSignature) })),
  'signatures.save': request(z.object({ groupId: z.string().min(1), text: z.string().max(2000) }), GroupSignature),
  /**
   * A file for a reply, in chunks that fit one contract frame; the last chunk sends it to the hub
   * and answers with the uploaded file, whose id goes in message.send's attachmentIds.
   */
  'attachment.upload': request(
    z.object({
      uploadKey: Id,
      name: z.string().min(1).max(255),
      mime: z.string().max(255),
      size: z.number().int().min(1).max(OUTBOUND_FILE_MAX_BYTES),
      offset: z.number().int().nonnegative(),
      dataBase64: z.string().max(UPLOAD_CHUNK_BASE64),
      last: z.boolean(),
    }),
    z.object({ file: UploadedFile.nullable() }),
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
  ...customerEvents,
  ...topicsEvents,
  ...topicStatsEvents,
  ...knowledgeEvents,
  ...registerEvents,
  ...activitiesEvents,
  ...recordingEvents,
  ...monitoringEvents,
  ...callQualityEvents,
  ...csatEvents,
  ...qaEvents,
  /** The customer of a web-chat thread is typing (shown for a few seconds after `at`). */
  'thread.typing': z.object({ threadId: Id, at: z.number().int().nonnegative() }),
  /** The operating system opened a tel:/sip: link with the app: the softphone asks, then dials `target`. */
  'call.link': z.object({ target: z.string().trim().min(1).max(300) }),
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
