import type { ContractHandlers } from '../../shared/contract.js';
import { dispatch } from '../../shared/contractWire.js';
import { createLogger, type Logger } from '../../shared/log.js';
import { createAttachmentCache } from './cache/attachmentCache.js';
import { createCacheMaintenance } from './cache/cacheMaintenance.js';
import { createEventBus } from './events/eventBus.js';
import { createAttachmentFiles } from './files/attachmentFiles.js';
import { createContractHandlers } from './handlers/contractHandlers.js';
import { createOutgoing } from './mutations/outgoing.js';
import type { SecretBox } from './secrets/secretBox.js';
import { createCredentialsStore } from './session/credentialsStore.js';
import { createSessionService } from './session/sessionService.js';
import { createSettingsService } from './settings/settingsService.js';
import { createCallLog } from './softphone/callLog.js';
import { createSoftphoneAccountStore } from './softphone/softphoneAccountStore.js';
import { createSettingsStore } from './settings/settingsStore.js';
import type { AppliedChanges } from './store/applyChanges.js';
import { openCache } from './store/openCache.js';
import { createConnectionTracker } from './sync/connectionTracker.js';
import { createHubClient } from './sync/hubClient.js';
import { createThreadActions } from './hubApi/threadActions.js';
import { createThreadHistory } from './hubApi/threadHistory.js';
import { createCustomerCards } from './customers/customerCards.js';
import { createAgentStatusService } from './agentStatus/agentStatusService.js';
import { createQueueViews } from './queue/queueViews.js';
import { createStatsService } from './stats/statsService.js';
import { createTemplatesService } from './templates/templatesService.js';
import { createTemplateLibrary } from './templates/templateLibrary.js';
import { createTeamSettings } from './admin/teamSettings.js';
import { createChannelAdmin } from './hubApi/channelAdmin.js';
import { createCallsClient } from './hubApi/callsClient.js';
import { createKnowledgeService } from './knowledge/knowledgeService.js';
import { createSyncSession, type SyncTiming } from './sync/syncSession.js';
import { callLinkTarget } from '../../shared/softphone/callLinks.js';
import type { CoreEndpoint } from './coreEndpoint.js';

export interface AgentCoreOptions {
  dataDir: string;
  host: 'electron' | 'browser';
  secretBox: SecretBox;
  /** The hub `npm start` embedded, if any (offered on the sign-in screen). */
  embeddedHubUrl?: string | null;
  version?: string;
  now?: () => number;
  log?: Logger;
  /** Tests turn the sync clocks down (heartbeat, back-off, request timeout, pull page). */
  syncTiming?: SyncTiming;
  /** When the first scheduled cache clean-up runs (default a minute after start; tests turn it off with null). */
  cacheMaintenanceDelayMs?: number | null;
}

/** The core on the caller's own thread: the endpoint plus its handlers, for tests that call them directly. */
export interface AgentCore extends CoreEndpoint {
  handlers: ContractHandlers;
  /**
   * Called, synchronously within the call that saved the PBX account, with the new connect
   * sources: a host that caches them (the core worker) hears of the change before the call's result.
   */
  onConnectSourcesChanged(listener: (sources: string[]) => void): () => void;
}

/**
 * The composition root of the agent core: every service is made here, once, and handed what
 * it needs. Hosts (Electron, the browser host) see only the contract handlers and the events.
 */
export async function createAgentCore(options: AgentCoreOptions): Promise<AgentCore> {
  const log = options.log ?? createLogger('core');
  const now = options.now ?? Date.now;
  const embeddedHubUrl = options.embeddedHubUrl ?? null;

  // Encrypted at rest with a key sealed by the host's SecretBox (the OS keychain in Electron).
  const { store } = openCache(options.dataDir, options.secretBox, { log: log.child('store'), now });
  const events = createEventBus(log);
  const settings = createSettingsService(createSettingsStore(options.dataDir, { log }), events);
  const credentials = createCredentialsStore(options.dataDir, options.secretBox, log);
  const client = createHubClient({ timeoutMs: options.syncTiming?.requestTimeoutMs });
  const connection = createConnectionTracker({
    now,
    pending: () => store.outbox.countPending(),
    onChange: (state) => events.emit('connection.changed', state),
  });

  const publish = (applied: AppliedChanges): void => {
    if (applied.queueThreadIds.length > 0) events.emit('queue.changed', { threadIds: applied.queueThreadIds });
    if (applied.messageThreadIds.length > 0) events.emit('messages.changed', { threadIds: applied.messageThreadIds });
    if (applied.agent) events.emit('session.changed', session.state());
    if (applied.customerIds?.length) events.emit('customers.changed', { customerIds: applied.customerIds });
    // Threads that left the agent's reach take their cached files with them.
    if (applied.revokedThreadIds?.length) files.sweep(store.attachments.referencedHashes());
  };

  const session = createSessionService({
    store,
    credentials,
    settings,
    client,
    connection,
    events,
    embeddedHubUrl,
    log: log.child('session'),
    startSync: ({ hubUrl, token, onUnauthorized }) =>
      createSyncSession({
        store,
        client,
        hubUrl,
        token,
        connection,
        publish,
        // The whole replica was replaced: an empty list tells the renderer to reload what it shows.
        onReset: () => events.emit('queue.changed', { threadIds: [] }),
        onUnauthorized,
        onNotice: (notice) => events.emit('sync.notice', notice),
        onCustomerNotice: (notice) => events.emit('customer.notice', notice),
        onProgress: (applied, remaining) => events.emit('sync.progress', { applied, remaining }),
        onTyping: (threadId, at) => events.emit('thread.typing', { threadId, at }),
        now,
        log: log.child('sync'),
        timing: options.syncTiming,
      }),
  });

  const outgoing = createOutgoing({ store, session, connection, events, now });
  const agentStatus = createAgentStatusService({ link: () => session.link(), session, outgoing, now });
  const files = createAttachmentFiles(options.dataDir);
  const cache = createCacheMaintenance({
    store,
    files,
    now,
    log: log.child('cache'),
    firstRunDelayMs: options.cacheMaintenanceDelayMs ?? undefined,
  });
  const softphone = createSoftphoneAccountStore(options.dataDir, options.secretBox, log.child('softphone'));
  const stats = createStatsService({
    link: () => session.link(),
    onSnapshot: (snapshot) => events.emit('stats.changed', snapshot),
  });
  const knowledge = createKnowledgeService({ store, session, connection, events, now, log: log.child('knowledge') });
  const handlers = createContractHandlers({
    app: { version: options.version ?? '0.0.0-dev', host: options.host, embeddedHubUrl },
    store,
    session,
    settings,
    connection,
    outgoing,
    agentStatus,
    queueViews: createQueueViews({ link: () => session.link(), store, session, now }),
    softphone,
    callLog: createCallLog({ store, session, connection, now }),
    templates: createTemplatesService({ link: () => session.link() }),
    templateLibrary: createTemplateLibrary({ link: () => session.link() }),
    teamSettings: createTeamSettings({ link: () => session.link() }),
    stats,
    threads: createThreadActions({ link: () => session.link() }),
    history: createThreadHistory({ link: () => session.link(), store }),
    customers: createCustomerCards({ store, session, connection, events, now, link: () => session.link() }),
    cache,
    attachments: createAttachmentCache({ store, files, link: () => session.link(), now }),
    channelAdmin: createChannelAdmin({ link: () => session.link(), now }),
    calls: createCallsClient({ link: () => session.link() }),
    knowledge,
  });

  session.resume();
  if (options.cacheMaintenanceDelayMs !== null) cache.start();

  const connectSources = (): string[] => {
    const source = softphone.connectSource();
    return source ? [source] : [];
  };

  let closing: Promise<void> | null = null;
  return {
    handlers,
    invoke: (name, input) => dispatch(handlers, name, input),
    onEvent: (listener) => events.on(listener),
    connectSources,
    onConnectSourcesChanged: (listener) => softphone.onChanged(() => listener(connectSources())),
    openCallLink(href) {
      const target = callLinkTarget(href);
      if (target === null) return false;
      events.emit('call.link', { target });
      return true;
    },
    close() {
      closing ??= (async () => {
        stats.stop();
        knowledge.stop();
        cache.stop();
        await session.close();
        events.clear();
        store.close();
      })();
      return closing;
    },
  };
}
