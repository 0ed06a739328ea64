import type { ContractHandlers } from '../../../shared/contract.js';
import { OknoError } from '../../../shared/errors.js';
import { ftsQuery } from '../../../shared/text/searchTerms.js';
import type { ThreadActions } from '../hubApi/threadActions.js';
import type { Outgoing } from '../mutations/outgoing.js';
import { makeSnippet } from '../search/snippet.js';
import type { CallLog } from '../softphone/callLog.js';
import { findCustomerByPhone } from '../softphone/findCustomerByPhone.js';
import type { SoftphoneAccountStore } from '../softphone/softphoneAccountStore.js';
import type { SessionService } from '../session/sessionService.js';
import type { SettingsService } from '../settings/settingsService.js';
import type { StatsService } from '../stats/statsService.js';
import type { TemplatesService } from '../templates/templatesService.js';
import type { LocalStore } from '../store/localStore.js';
import type { ConnectionTracker } from '../sync/connectionTracker.js';

export interface HandlerDeps {
  app: { version: string; host: 'electron' | 'browser'; embeddedHubUrl: string | null };
  store: LocalStore;
  session: SessionService;
  settings: SettingsService;
  connection: ConnectionTracker;
  outgoing: Outgoing;
  templates: TemplatesService;
  threads: ThreadActions;
  softphone: SoftphoneAccountStore;
  callLog: CallLog;
  stats: StatsService;
}

/**
 * Every request of the contract, mapped onto the core's services. Inputs arrive already
 * validated by dispatch(); outputs are the contract's shapes.
 */
export function createContractHandlers(deps: HandlerDeps): ContractHandlers {
  const { store, session, settings, connection, outgoing } = deps;
  return {
    'app.info': async () => ({ ...deps.app }),
    'session.get': async () => session.state(),
    'session.signIn': (input) => session.signIn(input),
    'session.signOut': () => session.signOut(),
    'connection.get': async () => connection.get(),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => settings.update(patch),
    'queue.list': async ({ status, offset, limit, view, channel }) => {
      const filter = { assigneeId: view === 'mine' ? session.requireAgent().id : null, channel: channel ?? null };
      return {
        items: store.threads.queuePage(status, offset, limit, filter),
        total: store.threads.count(status, filter),
      };
    },
    'thread.get': async ({ threadId }) => {
      const thread = store.threads.get(threadId);
      if (!thread) throw new OknoError('not_found', `thread ${threadId} is not in the local cache`);
      return { thread, customer: store.customers.get(thread.customerId) };
    },
    'thread.messages': async ({ threadId, before, limit }) => store.messages.page(threadId, before, limit),
    'message.send': async ({ threadId, text }) => outgoing.sendMessage(threadId, text),
    'agent.setStatus': async ({ status }) => outgoing.setStatus(status),
    'message.retry': async ({ messageId }) => outgoing.retryMessage(messageId),
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
    'search.messages': async ({ query, limit }) => {
      const match = ftsQuery(query);
      if (!match) return { hits: [] };
      return {
        hits: store.search.search(match, limit).map((row) => ({
          messageId: row.id,
          threadId: row.thread_id,
          snippet: makeSnippet(row.text, query),
          createdAt: row.created_at,
        })),
      };
    },
    'softphone.getAccount': async () => deps.softphone.get(),
    'softphone.saveAccount': async ({ account, password }) => deps.softphone.save(account, password),
    'customer.findByPhone': async ({ phone }) => findCustomerByPhone(store.customers, phone),
    'call.record': async (call) => deps.callLog.record(call),
    'stats.period': (input) => deps.stats.period(input),
    'stats.now': ({ timeZone }) => deps.stats.now(timeZone),
  };
}
