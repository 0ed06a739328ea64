import type { ContractHandlers } from '../../../shared/contract.js';
import type { AttachmentCache } from '../cache/attachmentCache.js';
import type { CacheMaintenance } from '../cache/cacheMaintenance.js';
import { diskFullError, isDiskFull } from '../store/diskFull.js';
import { OknoError } from '../../../shared/errors.js';
import { queryTermGroups } from '../../../shared/text/searchTerms.js';
import type { ThreadActions } from '../hubApi/threadActions.js';
import type { ThreadHistory } from '../hubApi/threadHistory.js';
import type { Outgoing } from '../mutations/outgoing.js';
import type { AgentStatusService } from '../agentStatus/agentStatusService.js';
import type { QueueViews } from '../queue/queueViews.js';
import { makeSnippet } from '../../../shared/text/snippet.js';
import type { CallLog } from '../softphone/callLog.js';
import { findCustomerByPhone } from '../softphone/findCustomerByPhone.js';
import type { SoftphoneAccountStore } from '../softphone/softphoneAccountStore.js';
import type { SessionService } from '../session/sessionService.js';
import type { SettingsService } from '../settings/settingsService.js';
import type { StatsService } from '../stats/statsService.js';
import type { CustomerCards } from '../customers/customerCards.js';
import type { TemplatesService } from '../templates/templatesService.js';
import type { TemplateLibrary } from '../templates/templateLibrary.js';
import type { TeamSettings } from '../admin/teamSettings.js';
import type { ChannelAdmin } from '../hubApi/channelAdmin.js';
import type { CallsClient } from '../hubApi/callsClient.js';
import { createMessageBodies, type MessageBodies } from '../hubApi/messageBodies.js';
import { createAccountsClient, type AccountsClient } from '../hubApi/accountsClient.js';
import type { LocalStore } from '../store/localStore.js';
import type { ConnectionTracker } from '../sync/connectionTracker.js';
import type { KnowledgeService } from '../knowledge/knowledgeService.js';
import { customerSearchHandlers } from './customerSearchHandlers.js';
import { customerImportHandlers } from './customerImportHandlers.js';
import { identificationHandlers } from './identificationHandlers.js';
import { topicsHandlers } from './topicsHandlers.js';
import { topicStatsHandlers } from './topicStatsHandlers.js';
import { knowledgeHandlers } from './knowledgeHandlers.js';
import { registerHandlers } from './registerHandlers.js';
import { activitiesHandlers } from './activitiesHandlers.js';
import { recordingHandlers } from './recordingHandlers.js';
import { monitoringHandlers } from './monitoringHandlers.js';
import { callQualityHandlers } from './callQualityHandlers.js';
import { csatHandlers } from './csatHandlers.js';
import { qaHandlers } from './qaHandlers.js';
import { shiftCheckHandlers } from './shiftCheckHandlers.js';

export interface HandlerDeps {
  app: { version: string; host: 'electron' | 'browser'; embeddedHubUrl: string | null };
  store: LocalStore;
  session: SessionService;
  settings: SettingsService;
  connection: ConnectionTracker;
  outgoing: Outgoing;
  agentStatus: AgentStatusService;
  queueViews: QueueViews;
  templates: TemplatesService;
  templateLibrary: TemplateLibrary;
  teamSettings: TeamSettings;
  threads: ThreadActions;
  history: ThreadHistory;
  softphone: SoftphoneAccountStore;
  callLog: CallLog;
  stats: StatsService;
  customers: CustomerCards;
  cache: CacheMaintenance;
  attachments: AttachmentCache;
  channelAdmin: ChannelAdmin;
  calls: CallsClient;
  /** The knowledge base: the hub while online, the local copy while not (decision 0034). */
  knowledge: KnowledgeService;
  /** Email bodies from the hub; default: through the session's link. */
  messageBodies?: MessageBodies;
  /** Accounts on the hub (password change, admins disabling agents); default: through the session's link. */
  accounts?: AccountsClient;
}

/**
 * Every request of the contract, mapped onto the core's services. Inputs arrive already
 * validated by dispatch(); outputs are the contract's shapes.
 */
export function createContractHandlers(deps: HandlerDeps): ContractHandlers {
  return withDiskFullErrors(handlersOf(deps), deps.store.db.name);
}

/** A write that hits a full disk becomes `disk_full` naming the file, whichever request made it. */
export function withDiskFullErrors(handlers: ContractHandlers, file: string): ContractHandlers {
  const wrapped: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: never) => Promise<unknown>][]) {
    wrapped[name] = async (input) => {
      try {
        return await handler(input);
      } catch (error) {
        throw isDiskFull(error) ? diskFullError(file, error) : error;
      }
    };
  }
  return wrapped as unknown as ContractHandlers;
}

function handlersOf(deps: HandlerDeps): ContractHandlers {
  const { store, session, settings, connection, outgoing } = deps;
  const bodies = deps.messageBodies ?? createMessageBodies({ link: () => session.link() });
  const accounts = deps.accounts ?? createAccountsClient({ link: () => session.link() });
  return {
    'app.info': async () => ({ ...deps.app }),
    'session.get': async () => session.state(),
    'session.signIn': (input) => session.signIn(input),
    'session.signOut': () => session.signOut(),
    'connection.get': async () => connection.get(),
    'connection.online': async () => {
      session.networkBack();
      return connection.get();
    },
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => settings.update(patch),
    'queue.list': (input) => deps.queueViews.list(input),
    'queue.counts': (input) => deps.queueViews.counts(input),
    'queue.options': () => deps.queueViews.options(),
    'thread.get': async ({ threadId }) => {
      const thread = store.threads.get(threadId);
      if (!thread) throw new OknoError('not_found', `thread ${threadId} is not in the local cache`);
      return { thread, customer: store.customers.get(thread.customerId) };
    },
    'thread.messages': ({ threadId, before, limit }) => deps.history.page(threadId, before, limit),
    'message.send': async ({ threadId, text, attachmentIds }) => outgoing.sendMessage(threadId, text, attachmentIds),
    'agent.setStatus': (input) => deps.agentStatus.set(input),
    'agent.callEnded': () => deps.agentStatus.callEnded(),
    'agent.statusSettings': () => deps.agentStatus.settings(),
    'message.retry': async ({ messageId }) => outgoing.retryMessage(messageId),
    'message.body': ({ messageId }) => bodies.get(messageId),
    'message.discard': async ({ messageId }) => {
      outgoing.discardMessage(messageId);
      return { messageId };
    },
    'thread.take': ({ threadId }) => deps.threads.take(threadId),
    'thread.close': ({ threadId }) => deps.threads.close(threadId),
    'thread.events': ({ threadId }) => deps.threads.events(threadId),
    'templates.list': () => deps.templates.list(),
    'templates.suggest': ({ threadId, limit }) => deps.templates.suggest(threadId, limit),
    'templates.render': ({ templateId, threadId }) => deps.templates.render(templateId, threadId),
    'templates.chosen': ({ templateId, threadId }) => deps.templates.chosen(templateId, threadId),
    'templates.save': (input) => deps.templateLibrary.save(input),
    'templates.delete': ({ templateId }) => deps.templateLibrary.remove(templateId),
    'templates.export': ({ format }) => deps.templateLibrary.exportLibrary(format),
    'templates.import': (input) => deps.templateLibrary.importLibrary(input),
    'team.list': () => deps.teamSettings.team(),
    'team.setCapacity': (input) => deps.teamSettings.setCapacity(input),
    'groups.list': () => deps.teamSettings.groups(),
    'groups.save': (input) => deps.teamSettings.saveGroup(input),
    'groups.delete': ({ groupId }) => deps.teamSettings.deleteGroup(groupId),
    'autoReplies.list': () => deps.teamSettings.autoReplies(),
    'autoReplies.save': (input) => deps.teamSettings.saveAutoReplies(input),
    'statusSettings.save': (input) => deps.teamSettings.saveStatusSettings(input),
    'widgetTopics.list': () => deps.teamSettings.widgetTopics(),
    'widgetTopics.save': (input) => deps.teamSettings.saveWidgetTopics(input),
    'search.messages': async ({ query, limit }) => ({
      hits: store.search.search(queryTermGroups(query), limit).map((row) => ({
        messageId: row.id,
        threadId: row.thread_id,
        snippet: makeSnippet(row.text, query),
        createdAt: row.created_at,
      })),
    }),
    'softphone.getAccount': async () => deps.softphone.get(),
    'softphone.saveAccount': async ({ account, password }) => deps.softphone.save(account, password),
    'customer.findByPhone': async ({ phone }) => findCustomerByPhone(store.customers, phone),
    'customer.get': ({ customerId }) => deps.customers.open(customerId),
    'customer.timeline': ({ customerId, before, limit }) => deps.customers.timeline(customerId, before, limit),
    'customer.history': ({ customerId }) => deps.customers.history(customerId),
    'customer.update': async ({ customerId, ...fields }) => deps.customers.update(customerId, fields),
    'customer.link': async ({ customerId, kind, value }) => deps.customers.link(customerId, { kind, value }),
    'customer.unlink': async ({ customerId, kind, value }) => deps.customers.unlink(customerId, { kind, value }),
    'customer.create': async (input) => deps.customers.create(input),
    'call.record': async (call) => deps.callLog.record(call),
    'call.note': async (note) => deps.callLog.note(note),
    'stats.period': (input) => deps.stats.period(input),
    'stats.now': ({ timeZone }) => deps.stats.now(timeZone),
    'cache.get': async () => deps.cache.status(),
    'cache.update': async (patch) => deps.cache.update(patch),
    'cache.maintain': async () => deps.cache.run(),
    'attachment.get': ({ messageId, attachmentId }) => deps.attachments.get(messageId, attachmentId),
    'stats.callState': ({ liveCalls }) => deps.stats.callState(liveCalls),
    'channels.list': () => deps.channelAdmin.list(),
    'channels.create': (input) => deps.channelAdmin.create(input),
    'channels.update': (input) => deps.channelAdmin.update(input),
    'channels.disable': ({ channelId }) => deps.channelAdmin.disable(channelId),
    'deadLetters.list': ({ limit }) => deps.channelAdmin.deadLetters(limit),
    'deadLetters.discard': ({ id }) => deps.channelAdmin.discardDeadLetter(id),
    'deadLetters.retry': ({ id }) => deps.channelAdmin.retryDeadLetter(id),
    'signatures.list': () => deps.channelAdmin.signatures(),
    'signatures.save': (input) => deps.channelAdmin.saveSignature(input),
    'attachment.upload': (input) => deps.channelAdmin.uploadChunk(input),
    'thread.typing': ({ threadId }) => deps.channelAdmin.typing(threadId),
    'lines.list': () => deps.calls.lines(),
    'lines.save': (input) => deps.calls.saveLine(input),
    'lines.delete': ({ lineId }) => deps.calls.deleteLine(lineId),
    'prompts.upload': (input) => deps.calls.uploadPrompt(input),
    'prompts.delete': ({ promptId }) => deps.calls.deletePrompt(promptId),
    'blocklist.list': () => deps.calls.blocks(),
    'blocklist.add': (input) => deps.calls.addBlock(input),
    'blocklist.remove': ({ blockId }) => deps.calls.removeBlock(blockId),
    'thread.transfer': (input) => deps.calls.transfer(input),
    'callbacks.list': () => deps.calls.callbacks(),
    'callback.complete': (input) => deps.calls.completeCallback(input),
    'softphone.registered': (input) => deps.calls.setMyPhone(input),
    'account.changePassword': (input) => accounts.changePassword(input),
    'team.disableAgent': ({ agentId }) => accounts.disableAgent(agentId),
    'team.enableAgent': ({ agentId }) => accounts.enableAgent(agentId),
    'team.setPassword': (input) => accounts.setPassword(input),
    ...customerSearchHandlers(deps),
    ...customerImportHandlers(deps),
    ...identificationHandlers(deps),
    ...topicsHandlers(deps),
    ...topicStatsHandlers(deps),
    ...knowledgeHandlers(deps),
    ...registerHandlers(deps),
    ...activitiesHandlers(deps),
    ...recordingHandlers(deps),
    ...monitoringHandlers(deps),
    ...callQualityHandlers(deps),
    ...csatHandlers(deps),
    ...qaHandlers(deps),
    ...shiftCheckHandlers(deps),
  };
}
