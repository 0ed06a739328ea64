/**
 * The channels part of the hub's composition root: the sealed-secret key, the gateway factories,
 * the built-in gateways (web chat) and the inbound batcher (group commit into the queue), wired
 * once into the gateway host (lifecycle, webhooks),
 * the outbound delivery (sends, retries) and the channel admin (configuration, secrets), plus the
 * routes they add (public webhooks, admin API).
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../shared/log.js';
import type { Sessions } from '../auth/sessions.js';
import { requireSession } from '../http/auth.js';
import { registerChannelHookRoutes } from '../http/routes/channelHookRoutes.js';
import { registerChannelRoutes } from '../http/routes/channelRoutes.js';
import type { HubStore } from '../storage/hubStore.js';
import type { InboundHook } from '../webchat/webchatGateway.js';
import { ChannelAdmin } from './channelAdmin.js';
import { ChannelRegistry } from './channelRegistry.js';
import type { ChannelStore } from './channelStore.js';
import { ChannelRatings } from '../csat/channelRatings.js';
import { RatingBook } from '../csat/ratingBook.js';
import { CsatRepo } from '../storage/csatRepo.js';
import { createEmailGateway } from './email/emailGateway.js';
import type { ChannelKind, Gateway, GatewayFactory } from './gateway.js';
import { GatewayHost } from './gatewayHost.js';
import { InboundBatcher } from './inboundBatcher.js';
import { ingestInbound } from './ingestInbound.js';
import { OutboundDelivery } from './outboundDelivery.js';
import { createSecretSeal, loadSecretKey } from './secretSeal.js';
import { createTelegramGateway } from './telegram/telegramGateway.js';
import { createVkGateway } from './vk/vkGateway.js';
import { createWebhookGateway } from './webhook/webhookGateway.js';

export interface ChannelsOptions {
  /** Replaces a kind's gateway (tests). */
  factories?: Partial<Record<ChannelKind, GatewayFactory>>;
  /** Pauses before retrying a failed send; default 1 s, 5 s. */
  retryDelaysMs?: readonly number[];
}

export const DEFAULT_GATEWAYS: Record<ChannelKind, GatewayFactory> = {
  webhook: createWebhookGateway,
  telegram: createTelegramGateway,
  vk: createVkGateway,
  email: createEmailGateway,
};

export interface HubChannels {
  registry: ChannelRegistry;
  store: ChannelStore;
  /** Adds the webhook and admin routes; call before the app listens. */
  register(app: FastifyInstance): Promise<void>;
}

export interface HubChannelsDeps {
  store: HubStore;
  /** Who is signed in: the admin routes refuse a request without a session. */
  sessions: Sessions;
  /** The channel tables (opened once by the hub, which the call queue shares). */
  channels: ChannelStore;
  dataDir: string;
  /** Routing and auto-replies for inbound messages (the contact center). */
  inboundHook: InboundHook;
  /** The built-in web-chat channel's gateway (decision 0030). */
  webchat: Gateway & { kind: 'webchat' };
  now: () => number;
  log: Logger;
  options?: ChannelsOptions;
}

export function createHubChannels(deps: HubChannelsDeps): HubChannels {
  const { store, channels, now, log, options = {} } = deps;
  const seal = createSecretSeal(loadSecretKey(deps.dataDir));
  const csatRepo = new CsatRepo(store.db);
  // The ratings are built after the host they send through; the host calls them only once started.
  const ratings: ChannelRatings = new ChannelRatings({
    store,
    channels,
    repo: csatRepo,
    book: new RatingBook(store, csatRepo, now),
    gateway: (channelId) => host.gateway(channelId),
    now,
    log: log.child('csat'),
  });
  const ingest = { store, channels, hook: deps.inboundHook, log: log.child('inbound') };
  const inbound = new InboundBatcher({ store: (items) => ingestInbound(ingest, items), log: ingest.log });
  const host = new GatewayHost({
    channels,
    seal,
    factories: { ...DEFAULT_GATEWAYS, ...options.factories },
    inbound,
    builtIn: [deps.webchat],
    ratings,
    now,
    log,
  });
  const delivery = new OutboundDelivery({
    store,
    channels,
    gateway: (channelId) => host.gateway(channelId),
    now,
    log,
    retryDelaysMs: options.retryDelaysMs,
  });
  const admin = new ChannelAdmin({ channels: channels.channels, seal, host, now, log });
  const registry = new ChannelRegistry(host, delivery);
  return {
    registry,
    store: channels,
    async register(app) {
      await registerChannelHookRoutes(app, host);
      await app.register(async (scope) => {
        scope.addHook('preValidation', requireSession(deps.sessions));
        registerChannelRoutes(scope, { store, channels, admin, host, now });
      });
    },
  };
}
