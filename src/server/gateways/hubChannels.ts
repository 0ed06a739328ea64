/**
 * The channels part of the hub's composition root: the channel tables, the sealed-secret key and
 * the gateway factories, wired once into the gateway host (lifecycle, webhooks), the outbound
 * delivery (sends, retries) and the channel admin (configuration, secrets), plus the routes they
 * add (public webhooks, admin API).
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../shared/log.js';
import { requireSession } from '../http/auth.js';
import { registerChannelHookRoutes } from '../http/routes/channelHookRoutes.js';
import { registerChannelRoutes } from '../http/routes/channelRoutes.js';
import type { HubStore } from '../storage/hubStore.js';
import { ChannelAdmin } from './channelAdmin.js';
import { ChannelRegistry } from './channelRegistry.js';
import { openChannelStore, type ChannelStore } from './channelStore.js';
import { createEmailGateway } from './email/emailGateway.js';
import type { ChannelKind, GatewayFactory } from './gateway.js';
import { GatewayHost } from './gatewayHost.js';
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

export function createHubChannels(
  store: HubStore,
  dataDir: string,
  now: () => number,
  log: Logger,
  options: ChannelsOptions = {},
): HubChannels {
  const channels = openChannelStore(store.db);
  const seal = createSecretSeal(loadSecretKey(dataDir));
  const host = new GatewayHost({
    store,
    channels,
    seal,
    factories: { ...DEFAULT_GATEWAYS, ...options.factories },
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
        scope.addHook('preValidation', requireSession(store, now));
        registerChannelRoutes(scope, { store, channels, admin, host, now });
      });
    },
  };
}
