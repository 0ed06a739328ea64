/**
 * The running gateways of the hub: configures channels (secrets sealed, never shown back), starts
 * and stops their gateways, routes webhook calls to them and delivers agents' replies through the
 * gateway of each thread's channel, recording what became of each send.
 */
import type { z } from 'zod';
import { REPLY_FILE_CHANNELS } from '../../shared/attachments.js';
import type { Agent, Message, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import { describeIssues } from '../../shared/validation.js';
import type { StoredChannel } from '../storage/channelsRepo.js';
import type { HubStore } from '../storage/hubStore.js';
import type { InboundHook } from '../webchat/webchatGateway.js';
import { CHANNEL_SCHEMAS, ChannelInput, ChannelUpdate } from './channelConfig.js';
import type { ChannelStore } from './channelStore.js';
import { markFailed } from './deliveryStatus.js';
import {
  jsonReply,
  WebhookRefusal,
  type Attachment,
  type ChannelKind,
  type Gateway,
  type GatewayContext,
  type GatewayFactory,
  type ReplayOutcome,
  type WebhookReply,
  type WebhookRequest,
} from './gateway.js';
import { ingestInbound } from './ingestInbound.js';
import type { SecretSeal } from './secretSeal.js';

/** What the API shows of a channel: never its secrets, only which ones are set. */
export interface ChannelView {
  id: string;
  kind: ChannelKind;
  name: string;
  settings: Record<string, unknown>;
  secretsSet: string[];
  enabled: boolean;
  /** The public path webhooks POST to (webhook, Telegram in webhook mode, VK). */
  webhookPath: string;
  createdAt: number;
  updatedAt: number;
}

export const CHANNEL_HOOK_PREFIX = '/hooks/channels';

/** The channels an agent's reply may carry files on. */
export const ATTACHMENT_CHANNELS = REPLY_FILE_CHANNELS;
/** How long an upload waits for the reply that sends it (checked when the hub starts). */
export const UPLOAD_KEPT_MS = 24 * 60 * 60 * 1000;

export interface RegistryDeps {
  store: HubStore;
  channels: ChannelStore;
  seal: SecretSeal;
  factories: Partial<Record<ChannelKind, GatewayFactory>>;
  now: () => number;
  log: Logger;
  /** Pauses before each retry of a failed send; default 1 s and 5 s (three attempts). */
  retryDelaysMs?: readonly number[];
}

export class ChannelRegistry {
  private readonly running = new Map<string, Gateway>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;
  private readonly closing = new AbortController();
  private inboundHook: InboundHook | null = null;

  constructor(private readonly deps: RegistryDeps) {}

  /** Routing and auto-replies for inbound messages (the contact center), set once it exists. */
  setInboundHook(hook: InboundHook): void {
    this.inboundHook = hook;
  }

  async startAll(): Promise<void> {
    // Files uploaded for replies that were never sent (a draft abandoned) go after a day.
    const dropped = this.deps.channels.outbound.dropUploadsBefore(this.deps.now() - UPLOAD_KEPT_MS);
    if (dropped > 0) this.deps.log.info('unsent reply files dropped', { count: dropped });
    for (const channel of this.deps.channels.channels.all()) {
      if (channel.enabled) await this.startChannel(channel);
    }
  }

  async stopAll(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    await Promise.allSettled([...this.inFlight]);
    const gateways = [...this.running.values()];
    this.running.clear();
    await Promise.allSettled(gateways.map((g) => g.stop()));
  }

  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  list(): ChannelView[] {
    return this.deps.channels.channels.all().map((c) => this.view(c));
  }

  async create(input: unknown): Promise<ChannelView> {
    const parsed = parse(ChannelInput, input, 'channel');
    const { settings, secrets } = validateConfig(parsed.kind, parsed.settings, parsed.secrets);
    const now = this.deps.now();
    const channel: StoredChannel = {
      id: uuidv7(now),
      kind: parsed.kind,
      name: parsed.name,
      settings,
      enabled: parsed.enabled,
      secretsSealed: this.deps.seal.seal(secrets),
      createdAt: now,
      updatedAt: now,
    };
    this.deps.channels.channels.save(channel);
    this.deps.log.info('channel created', { id: channel.id, kind: channel.kind });
    if (channel.enabled) await this.startChannel(channel);
    return this.view(channel);
  }

  async update(id: string, input: unknown): Promise<ChannelView> {
    const patch = parse(ChannelUpdate, input, 'channel update');
    const current = this.stored(id);
    const secrets = { ...this.deps.seal.open(current.secretsSealed), ...(patch.secrets ?? {}) };
    const valid = validateConfig(current.kind, patch.settings ?? current.settings, secrets);
    const channel: StoredChannel = {
      ...current,
      name: patch.name ?? current.name,
      settings: valid.settings,
      enabled: patch.enabled ?? current.enabled,
      secretsSealed: this.deps.seal.seal(valid.secrets),
      updatedAt: this.deps.now(),
    };
    this.deps.channels.channels.save(channel);
    await this.stopChannel(id);
    if (channel.enabled) await this.startChannel(channel);
    return this.view(channel);
  }

  async disable(id: string): Promise<void> {
    this.stored(id);
    this.deps.channels.channels.disable(id, this.deps.now());
    await this.stopChannel(id);
  }

  /** A POST to a channel's public URL. Refusals are logged and answered with a clear message. */
  async webhook(channelId: string, request: WebhookRequest): Promise<WebhookReply> {
    const gateway = this.running.get(channelId);
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
    const gateway = letter.channelId ? this.running.get(letter.channelId) : undefined;
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

  /** Sends a committed agent reply through its thread's gateway; failures end as message status failed. */
  deliver(thread: Thread, message: Message, attachments: Attachment[] = []): void {
    if (thread.channel === 'webchat' || thread.channel === 'phone' || message.direction !== 'out') return;
    const link = this.deps.channels.inbound.threadChannel(thread.id);
    if (!link) {
      this.deps.log.warn('reply has no channel to go through', { threadId: thread.id, channel: thread.channel });
      return;
    }
    const task = this.deliverWithRetries(thread, message, link, attachments).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /**
   * Claims the agent's uploads as the reply's attachments, inside the reply's transaction: an id
   * that is not theirs, or a channel that cannot carry files, refuses the whole reply.
   */
  claimAttachments(agent: Agent, thread: Thread, messageId: string, uploadIds: readonly string[]): Attachment[] {
    if (uploadIds.length === 0) return [];
    if (!ATTACHMENT_CHANNELS.includes(thread.channel)) {
      throw new OknoError(
        'bad_request',
        `files go out by ${ATTACHMENT_CHANNELS.join(' and ')} only; thread #${thread.number} is ${thread.channel}`,
      );
    }
    const claimed = this.deps.channels.outbound.claim(uploadIds, agent.id, messageId, this.deps.now());
    if ('missing' in claimed) {
      throw new OknoError('bad_request', `file ${claimed.missing} is not an upload of yours waiting to be sent`);
    }
    return claimed;
  }

  /** The email signature of the thread's group, else of the first group the author is in. */
  private signatureFor(thread: Thread, message: Message): string | null {
    const { store, channels } = this.deps;
    const groupId = store.routing.threadRouting(thread.id)?.groupId ?? null;
    const own = groupId ? channels.outbound.signature(groupId) : null;
    if (own !== null || message.author.id === null) return own;
    const authorId = message.author.id;
    const signatures = channels.outbound.signatures();
    const group = store.routing.groups().find((g) => g.memberIds.includes(authorId) && signatures.has(g.id));
    return group ? (signatures.get(group.id) ?? null) : null;
  }

  private async deliverWithRetries(
    thread: Thread,
    message: Message,
    link: { channelId: string; address: string; subject: string | null },
    attachments: Attachment[],
  ): Promise<void> {
    const { channelId, address, subject } = link;
    const signature = thread.channel === 'email' ? this.signatureFor(thread, message) : null;
    const { channels, now, log } = this.deps;
    const delays = this.deps.retryDelaysMs ?? [1000, 5000];
    const base = { messageId: message.id, channelId, externalId: null };
    channels.deliveries.put({ ...base, status: 'pending', error: null, attempts: 0, updatedAt: now() });
    let lastError = 'the channel is not running';
    for (let attempt = 1; attempt <= delays.length + 1; attempt++) {
      const gateway = this.running.get(channelId);
      if (gateway && !this.closed) {
        try {
          const sent = await gateway.send({
            messageId: message.id,
            threadId: thread.id,
            text: message.text,
            html: null,
            attachments,
            signature,
            address,
            subject: subject ?? thread.subject,
            references: channels.inbound.keysOf(thread.id, channelId),
            authorName: message.author.name,
            automatic: message.author.kind !== 'agent',
          });
          if (sent.externalId) channels.inbound.putKey(channelId, sent.externalId, message.id);
          channels.deliveries.put({ ...base, ...sent, error: null, attempts: attempt, updatedAt: now() });
          return;
        } catch (error) {
          lastError = error instanceof Error ? error.message : String(error);
          log.warn('sending a reply failed', { messageId: message.id, channelId, attempt, error: lastError });
        }
      }
      const delay = delays[attempt - 1];
      if (delay === undefined || this.closed) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.closing.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
    channels.deliveries.put({
      ...base,
      status: 'failed',
      error: lastError,
      attempts: delays.length + 1,
      updatedAt: now(),
    });
    if (!this.closed) markFailed(this.deps.store, message.id);
    log.error('reply not delivered', { messageId: message.id, channelId, error: lastError });
  }

  private async startChannel(channel: StoredChannel): Promise<void> {
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

  private async stopChannel(id: string): Promise<void> {
    const gateway = this.running.get(id);
    this.running.delete(id);
    if (gateway) await gateway.stop();
  }

  private context(channel: StoredChannel): GatewayContext {
    const { store, channels, now } = this.deps;
    const log = this.deps.log.child(`${channel.kind}:${channel.id.slice(-6)}`);
    return {
      channel: { id: channel.id, kind: channel.kind, name: channel.name, settings: channel.settings, enabled: true },
      secrets: this.deps.seal.open(channel.secretsSealed),
      ingest: (message, state) => ingestInbound(store, channels, channel, message, state, this.inboundHook),
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
    };
  }

  private stored(id: string): StoredChannel {
    const channel = this.deps.channels.channels.byId(id);
    if (!channel) throw new OknoError('not_found', `channel ${id} does not exist`);
    return channel;
  }

  private view(channel: StoredChannel): ChannelView {
    return {
      id: channel.id,
      kind: channel.kind,
      name: channel.name,
      settings: channel.settings,
      secretsSet: Object.keys(this.deps.seal.open(channel.secretsSealed)).sort(),
      enabled: channel.enabled,
      webhookPath: `${CHANNEL_HOOK_PREFIX}/${channel.id}`,
      createdAt: channel.createdAt,
      updatedAt: channel.updatedAt,
    };
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new OknoError('bad_request', `invalid ${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function validateConfig(
  kind: ChannelKind,
  settings: unknown,
  secrets: unknown,
): { settings: Record<string, unknown>; secrets: Record<string, string> } {
  const schemas: { settings: z.ZodType; secrets: z.ZodType } = CHANNEL_SCHEMAS[kind];
  return {
    settings: parse(schemas.settings, settings, `${kind} settings`) as Record<string, unknown>,
    secrets: parse(schemas.secrets, secrets, `${kind} secrets`) as Record<string, string>,
  };
}
