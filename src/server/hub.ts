/**
 * The hub's composition root: opens the store, makes sure someone can sign in, wires the gateway,
 * the live feed and the HTTP API, and listens. Everything is passed in here and nowhere else.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIVE_HEARTBEAT_MS } from '../shared/sync.js';
import { uuidv7 } from '../shared/ids.js';
import { createLogger, type Logger } from '../shared/log.js';
import { ActivityDesk } from './activities/activityDesk.js';
import { bootstrapAdmin } from './agents/bootstrapAdmin.js';
import { createAuthServices } from './auth/authServices.js';
import { AutoReplies } from './contactCenter/autoReplies.js';
import { ContactCenter } from './contactCenter/contactCenter.js';
import { startCallQueue, type PbxOptions } from './calls/startCallQueue.js';
import { DEFAULTS_DIR, loadDefaults } from './contactCenter/defaults.js';
import { AfterCallWorkTimers } from './contactCenter/afterCallWorkTimers.js';
import { startPresence } from './contactCenter/startPresence.js';
import { RoutingSettings } from './contactCenter/routingSettings.js';
import { seedDefaults } from './contactCenter/seedDefaults.js';
import { StatusDesk } from './contactCenter/statusDesk.js';
import { TextRouting } from './contactCenter/textRouting.js';
import { ThreadHistory } from './contactCenter/threadHistory.js';
import { WriteAndFlush } from './contactCenter/writeAndFlush.js';
import type { ChannelRegistry } from './gateways/channelRegistry.js';
import { openChannelStore } from './gateways/channelStore.js';
import { createHubChannels, type ChannelsOptions } from './gateways/hubChannels.js';
import { createHttpApp } from './http/createHttpApp.js';
import { isLoopbackHost } from './http/hostCheck.js';
import { scheduleBackups } from './storage/scheduleBackups.js';
import { isSqlite } from './storage/sqlite.js';
import { MIGRATIONS } from './storage/migrations/index.js';
import { soloCluster, startCluster, type ClusterOptions, type HubCluster } from './cluster/hubCluster.js';
import { CHANNELS_LEASE, forwardDelivery } from './cluster/forwardDelivery.js';
import { readinessOf } from './cluster/readiness.js';
import { parseTrustedProxies } from './http/trustedProxies.js';
import { startHeartbeat } from './sockets/heartbeat.js';
import { zoneFormatter } from './stats/zonedDay.js';
import { openHubStore } from './storage/hubStore.js';
import type { DeliverOutbound } from './sync/pushMutations.js';
import { TypingRelay } from './webchat/typingRelay.js';
import { WebchatGateway } from './webchat/webchatGateway.js';
import { loadWidgetTopics, seedWidgetTopics } from './webchat/widgetTopics.js';
import { seedTopics } from './topics/seedTopics.js';

export interface HubOptions {
  dataDir: string;
  /** postgres://… keeps the data in PostgreSQL (several hubs may share it); absent: SQLite in dataDir. */
  databaseUrl?: string;
  /** One of several instances on the same PostgreSQL database, telling each other through NATS. */
  cluster?: ClusterOptions;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Where okno-widget.js is built; default <repo>/dist/widget. */
  widgetDir?: string;
  initialAdminPassword?: string;
  now?: () => number;
  log?: Logger;
  /** Load the shipped defaults into an empty database (templates, rules, a General group); default true. */
  seedDefaults?: boolean;
  /** Where the default templates, rules and routing settings are read from; default <repo>/resources/defaults. */
  defaultsDir?: string;
  /** How long an agent may be without a live socket before going offline; default 30 s. */
  offlineGraceMs?: number;
  /** How often the auto-reply clock runs (no answer, wait estimate); default 5 s, 0 turns it off. */
  clockMs?: number;
  /** How often live sockets are pinged; default LIVE_HEARTBEAT_MS (tests turn it down). */
  heartbeatMs?: number;
  /** Email, Telegram, VK and webhook gateways (tests replace factories and retry pauses). */
  channels?: ChannelsOptions;
  /** The contact center's IANA time zone: whose calendar day the stats call "today". Default UTC. */
  timeZone?: string;
  /** Kamailio's evapi socket and rtpengine's ng port (calls in the queue); without it no call is queued. */
  pbx?: PbxOptions;
  /**
   * Public names the hub is reached by behind a proxy. Bound to loopback, it answers only to loopback
   * names and these (DNS rebinding protection).
   */
  allowedHosts?: readonly string[];
  /**
   * Load balancers or TLS proxies (addresses or address/prefix) whose X-Forwarded-For names the
   * client, so per-address limits count clients, not the proxy (http/trustedProxies.ts).
   */
  trustedProxies?: readonly string[];
  /** Scheduled online backups of the database: where, how often, how many to keep. */
  backup?: { dir: string; everyHours: number; keep: number };
}

export interface Hub {
  /** http://HOST:PORT */
  url: string;
  hubId: string;
  /** The administrator created at THIS start (first start of an empty database); null otherwise. */
  bootstrap: { login: string; password: string } | null;
  /** Runs the auto-reply clock once, at the hub's `now` (tests inject time). */
  tick(): void;
  /** The channel gateways (email, Telegram, VK, webhook). */
  channels: ChannelRegistry;
  /** Where rtpengine sends the digits callers press (its --dtmf-log-dest); null without a PBX. */
  dtmfPort: number | null;
  close(): Promise<void>;
}

const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../../dist/widget', import.meta.url));

export async function createHub(options: HubOptions): Promise<Hub> {
  const log = options.log ?? createLogger('hub');
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const trustedProxies = parseTrustedProxies(options.trustedProxies ?? []);
  if (options.cluster && !options.databaseUrl) {
    throw new Error('several hub instances share one PostgreSQL database: give --database-url with --nats-url');
  }
  if (options.cluster && options.pbx) {
    throw new Error('calls run on a single hub instance for now: start the PBX-connected hub without --nats-url');
  }
  if (options.backup && options.databaseUrl) {
    throw new Error(
      'scheduled backups copy the SQLite file; with PostgreSQL back up with pg_dump or the server’s own tools',
    );
  }
  const store = openHubStore(path.resolve(options.dataDir), now, log.child('store'), {
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const stoppers: (() => void)[] = [];
  const heartbeat = startHeartbeat(options.heartbeatMs ?? LIVE_HEARTBEAT_MS);
  let cluster: HubCluster = soloCluster(now, log.child('cluster'));
  try {
    if (options.cluster) {
      const shared = { timeZone: options.timeZone ?? 'UTC', schema: MIGRATIONS.at(-1)?.version ?? 0 };
      cluster = await startCluster(store, options.cluster, shared, now, log.child('cluster'));
    }
    const bootstrap = await bootstrapAdmin(store, options.initialAdminPassword);
    const defaults = loadDefaults(options.defaultsDir);
    // The topic tree starts from the shipped one even without other defaults: routing already detects its topics.
    seedTopics(store.db, store.topics, options.defaultsDir ?? DEFAULTS_DIR, now());
    if (options.seedDefaults ?? true) {
      seedDefaults(store, defaults, now());
      seedWidgetTopics(store.meta, options.defaultsDir ?? DEFAULTS_DIR);
    }
    const channelStore = openChannelStore(store.db);
    // Every outbound message (agent reply or auto-reply) leaves through the gateway of its thread's
    // channel. The gateways feed the contact center, which sends through them: that one loop is
    // closed by this function reaching `channels`, built below once the contact center exists.
    // Nothing is delivered before the hub listens.
    const deliverHere: DeliverOutbound = (thread, message, attachments) =>
      channels.registry.deliver(thread, message, attachments);
    const forwarded = forwardDelivery(deliverHere, store, cluster, log.child('cluster'));
    stoppers.push(forwarded.stop);
    const deliver = forwarded.deliver;
    const settings = new RoutingSettings(store, defaults.routing);
    if (options.cluster) stoppers.push(settings.follow(cluster.bus, options.cluster.pollMs ?? 1000));
    const calls = await startCallQueue({
      store,
      channels: channelStore,
      dataDir: path.resolve(options.dataDir),
      routingConfig: () => settings.routingConfig(),
      now,
      log: log.child('calls'),
      pbx: options.pbx ?? null,
    });
    stoppers.push(() => void calls.stop());
    const history = new ThreadHistory(store, log.child('center'));
    const autoReplies = new AutoReplies(store, deliver, settings, history, log.child('center'));
    const writes = new WriteAndFlush(store, autoReplies);
    const routing = new TextRouting(store, settings, autoReplies, history, calls.router, calls.queue);
    const afterCallWork = new AfterCallWorkTimers(now, log);
    stoppers.push(() => afterCallWork.stop());
    const statuses = new StatusDesk(store, settings, routing, writes, afterCallWork);
    const center = new ContactCenter({ settings, writes, autoReplies, routing, statuses });
    const gateway = new WebchatGateway({
      store,
      now,
      log: log.child('webchat'),
      inbound: center,
      typing: new TypingRelay(cluster.bus),
      bus: cluster.bus,
      topics: () => loadWidgetTopics(store.meta),
      keepFile: (messageId, file, at) => channelStore.inbound.putAttachment(uuidv7(at), messageId, file, at),
    });
    const auth = createAuthServices({ store, cluster, now, log: log.child('auth') });
    stoppers.push(auth.stop);
    const channels = createHubChannels({
      store,
      sessions: auth.sessions,
      channels: channelStore,
      dataDir: path.resolve(options.dataDir),
      inboundHook: center,
      webchat: gateway,
      now,
      log: log.child('channels'),
      options: options.channels,
    });
    const presence = startPresence({
      db: store.db,
      cluster,
      graceMs: options.offlineGraceMs ?? 30_000,
      now,
      log: log.child('presence'),
      wentOffline: (agentId) => statuses.agentOffline(agentId),
    });
    // Planned activities that became due (also while the hub was down) enter the queue (decision 0036).
    const activities = new ActivityDesk(store, center, log.child('activities'));
    const queueDueActivities = () => {
      try {
        activities.queueDue();
      } catch (error) {
        log.error('activity clock failed', { error: String(error) });
      }
    };
    queueDueActivities();
    const tick = () => {
      try {
        center.tick();
      } catch (error) {
        log.error('auto-reply clock failed', { error: String(error) });
      }
      queueDueActivities();
    };
    const clockMs = options.clockMs ?? 5000;
    // The clock and the channels' gateways run on exactly one instance of a cluster (leases).
    let clock: NodeJS.Timeout | undefined;
    if (clockMs > 0) {
      cluster.work.add('clock', {
        start: () => void (clock = setInterval(tick, clockMs).unref()),
        stop: () => clearInterval(clock),
      });
    }
    cluster.work.add(CHANNELS_LEASE, {
      start: () => channels.registry.startAll(),
      stop: () => channels.registry.stopAll(),
    });
    stoppers.push(() => presence.stop());
    const app = await createHttpApp({
      store,
      auth,
      gateway,
      heartbeat,
      center,
      presence,
      deliver,
      claimAttachments: (agent, thread, messageId, ids) =>
        channels.registry.claimAttachments(agent, thread, messageId, ids),
      widgetDir: options.widgetDir ?? DEFAULT_WIDGET_DIR,
      now,
      log,
      calls: calls.queue,
      lines: calls.admin,
      features: calls.features,
      statsTimeZone: zoneFormatter(options.timeZone ?? 'UTC') && (options.timeZone ?? 'UTC'),
      ...(isLoopbackHost(host) ? { allowedHosts: options.allowedHosts ?? [] } : {}),
      readiness: readinessOf(store, cluster),
      trustedProxies,
    });
    if (options.backup && isSqlite(store.db))
      stoppers.push(scheduleBackups(store.db, options.backup, now, log.child('backup')));
    await channels.register(app);
    await app.listen({ host, port: options.port ?? 0 });
    await cluster.work.start();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    cluster.announce(url);
    log.info('hub listening', { url, hubId: store.hubId, instance: cluster.instanceId });

    let closing: Promise<void> | null = null;
    return {
      url,
      hubId: store.hubId,
      bootstrap,
      tick,
      channels: channels.registry,
      dtmfPort: calls.dtmfPort,
      close: () => {
        closing ??= (async () => {
          heartbeat.stop();
          for (const stop of stoppers.splice(0)) stop();
          try {
            await cluster.close();
            await channels.registry.stopAll();
            await app.close();
          } finally {
            store.close();
            log.info('hub closed', { url });
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    heartbeat.stop();
    for (const stop of stoppers.splice(0)) stop();
    await cluster.close().catch(() => undefined);
    store.close();
    throw error;
  }
}
