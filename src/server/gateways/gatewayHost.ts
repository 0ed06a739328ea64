/**
 * The gateway host: runs one gateway per enabled channel (started, restarted, stopped), gives each
 * its context (opened secrets, the way into the queue, its state, dead letters), hands the public
 * webhook calls to them and lets an admin replay a dead letter. Built-in channels (web chat) are
 * handed over ready-made and run from start to stop, under their kind as channel id (decision
 * 0030). It knows nothing of administration or of delivering replies; those ask it for a
 * channel's running gateway.
 *
 * In a cluster only the instance holding the channels lease runs the gateways, but a webhook may
 * reach any instance through the balancer: there it is taken by a receiver, the channel's gateway
 * made from its stored configuration and never started (a webhook needs no polling; storing is
 * exact on any instance, a repeat is stored once). A receiver is made again when the channel changes.
 */
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import type { StoredChannel } from '../storage/channelsRepo.js';
import type { ChannelStore } from './channelStore.js';
import {
  jsonReply,
  WebhookRefusal,
  type BuiltInChannel,
  type ChannelKind,
  type Gateway,
  type GatewayContext,
  type GatewayFactory,
  type RatingPress,
  type ReplayOutcome,
  type WebhookReply,
  type WebhookRequest,
} from './gateway.js';
import type { InboundBatcher } from './inboundBatcher.js';
import type { SecretSeal } from './secretSeal.js';

export const CHANNEL_HOOK_PREFIX = '/hooks/channels';

export interface GatewayHostDeps {
  channels: ChannelStore;
  seal: SecretSeal;
  factories: Partial<Record<ChannelKind, GatewayFactory>>;
  /** The way into the queue: inbound messages stored a batch per transaction (decision 0051). */
  inbound: InboundBatcher;
  /** The built-in channels' gateways (web chat), known by their kind; they need no channel record. */
  builtIn?: readonly (Gateway & { kind: BuiltInChannel })[];
  /** Rating requests on closed threads and the presses that answer them (issue 16). */
  ratings?: { start(): void; stop(): Promise<void>; rate(press: RatingPress): { ok: boolean; text: string } };
  now: () => number;
  log: Logger;
}

export class GatewayHost {
  private readonly running = new Map<string, Gateway>();
  private readonly receivers = new Map<string, { gateway: Gateway; updatedAt: number }>();
  private readonly builtIn: ReadonlyMap<string, Gateway>;

  constructor(private readonly deps: GatewayHostDeps) {
    this.builtIn = new Map((deps.builtIn ?? []).map((gateway) => [gateway.kind, gateway]));
  }

  /** The gateway of a running channel, or of a built-in one (by its kind). */
  gateway(channelId: string): Gateway | undefined {
    return this.running.get(channelId) ?? this.builtIn.get(channelId);
  }

  async startAll(): Promise<void> {
    for (const gateway of this.builtIn.values()) await gateway.start();
    this.deps.ratings?.start();
    for (const channel of this.deps.channels.channels.all()) {
      if (channel.enabled) await this.start(channel);
    }
  }

  async stopAll(): Promise<void> {
    const gateways = [...this.running.values(), ...this.builtIn.values()];
    this.running.clear();
    await this.deps.ratings?.stop();
    await Promise.allSettled(gateways.map((g) => g.stop()));
    await this.deps.inbound.settled();
  }

  /** Stops a channel's gateway and, when the channel is enabled, starts one with its new config. */
  async restart(channel: StoredChannel): Promise<void> {
    await this.stop(channel.id);
    if (channel.enabled) await this.start(channel);
  }

  async stop(channelId: string): Promise<void> {
    const gateway = this.running.get(channelId);
    this.running.delete(channelId);
    if (gateway) await gateway.stop();
  }

  /** A POST to a channel's public URL. Refusals are logged and answered with a clear message. */
  async webhook(channelId: string, request: WebhookRequest): Promise<WebhookReply> {
    const gateway = this.running.get(channelId) ?? this.receiver(channelId);
    const log = this.deps.log.child('webhook');
    if (!gateway?.webhook) {
      log.info('webhook refused: no such running channel', { channelId });
      return jsonReply(404, {
        error: { code: 'not_found', message: `no enabled channel ${channelId} takes webhooks` },
      });
    }
    try {
      return await gateway.webhook(request);
    } catch (error) {
      if (error instanceof WebhookRefusal) {
        log.warn('webhook refused', { channelId, status: error.status, reason: error.message });
        const code = error.status === 401 || error.status === 403 ? 'unauthorized' : 'bad_request';
        return jsonReply(error.status, { error: { code, message: error.message } });
      }
      log.error('webhook failed', { channelId, error: String(error) });
      return jsonReply(500, {
        error: { code: 'internal', message: 'the hub failed to handle this call; see its log' },
      });
    }
  }

  /**
   * An admin's retry of a dead letter: its channel's gateway takes the payload again. The old
   * letter goes either way; a payload that fails again is kept as a new letter with the new reason.
   */
  async retryDeadLetter(id: string): Promise<{ outcome: ReplayOutcome }> {
    const letters = this.deps.channels.deadLetters;
    const letter = letters.get(id);
    if (!letter) throw new OknoError('not_found', `dead letter ${id} does not exist`);
    const gateway = letter.channelId
      ? (this.running.get(letter.channelId) ?? this.receiver(letter.channelId))
      : undefined;
    if (!gateway) {
      throw new OknoError('conflict', `the ${letter.channelKind} channel of this dead letter is not running`);
    }
    if (!gateway.replay) {
      throw new OknoError(
        'conflict',
        `${letter.channelKind} calls cannot be taken again by the hub; ask the sender to send it again`,
      );
    }
    const outcome = await gateway.replay(letter.payload);
    letters.remove(id);
    this.deps.log.info('dead letter retried', { id, outcome });
    return { outcome };
  }

  /** The channel's gateway for webhooks on an instance where it does not run (see the header). */
  private receiver(channelId: string): Gateway | undefined {
    const channel = this.deps.channels.channels.byId(channelId);
    const held = this.receivers.get(channelId);
    if (!channel?.enabled) {
      this.receivers.delete(channelId);
      return undefined;
    }
    if (held?.updatedAt === channel.updatedAt) return held.gateway;
    const factory = this.deps.factories[channel.kind];
    if (!factory) return undefined;
    const gateway = factory(this.context(channel));
    this.receivers.set(channelId, { gateway, updatedAt: channel.updatedAt });
    return gateway;
  }

  private async start(channel: StoredChannel): Promise<void> {
    const factory = this.deps.factories[channel.kind];
    if (!factory) {
      this.deps.log.warn('no gateway for channel kind', { id: channel.id, kind: channel.kind });
      return;
    }
    const gateway = factory(this.context(channel));
    this.running.set(channel.id, gateway);
    try {
      await gateway.start();
    } catch (error) {
      // A channel whose server is down must not stop the hub; its gateway keeps retrying on its own.
      this.deps.log.error('channel failed to start', { id: channel.id, kind: channel.kind, error: String(error) });
    }
  }

  private context(channel: StoredChannel): GatewayContext {
    const { channels, inbound, now } = this.deps;
    const log = this.deps.log.child(`${channel.kind}:${channel.id.slice(-6)}`);
    const record = {
      id: channel.id,
      kind: channel.kind,
      name: channel.name,
      settings: channel.settings,
      enabled: true,
    };
    return {
      channel: record,
      secrets: this.deps.seal.open(channel.secretsSealed),
      ingest: (message, state) => inbound.submit({ channel: record, message, ...(state ? { state } : {}) }),
      loadState: (key) => channels.channels.state(channel.id, key),
      saveState: (key, value) => channels.channels.setState(channel.id, key, value),
      deadLetter: (reason, detail, payload) => {
        channels.deadLetters.insert({
          id: uuidv7(now()),
          channelId: channel.id,
          channelKind: channel.kind,
          reason,
          detail: detail.slice(0, 2000),
          payload: Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8'),
          createdAt: now(),
        });
        log.warn('inbound kept as a dead letter', { reason, detail: detail.slice(0, 300) });
      },
      now,
      log,
      ...(this.deps.ratings ? { rate: this.deps.ratings.rate.bind(this.deps.ratings) } : {}),
    };
  }
}
