/**
 * Outbound delivery: sends each committed agent reply (or auto-reply) through the running gateway
 * of its thread's channel, retries a failed send after a pause, records what became of it and
 * turns the message `failed` when no attempt got through. It also claims the files a reply
 * carries and forgets uploads no reply ever took. A built-in channel's send (web chat: the
 * visitor's open widgets) is made once, at once and unrecorded: a visitor who is away reads the
 * reply in the next welcome, so there is nothing to retry (decision 0030).
 */
import { REPLY_FILE_CHANNELS } from '../../shared/attachments.js';
import type { Agent, Message, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { HubStore } from '../storage/hubStore.js';
import type { ChannelStore } from './channelStore.js';
import { markFailed } from './deliveryStatus.js';
import { isBuiltInChannel, type Attachment, type Gateway, type OutboundMessage } from './gateway.js';

/** The channels an agent's reply may carry files on. */
export const ATTACHMENT_CHANNELS = REPLY_FILE_CHANNELS;
/** How long an upload waits for the reply that sends it (checked when the hub starts). */
export const UPLOAD_KEPT_MS = 24 * 60 * 60 * 1000;

export interface OutboundDeliveryDeps {
  store: HubStore;
  channels: ChannelStore;
  /** The running gateway of a channel (the gateway host). */
  gateway: (channelId: string) => Gateway | undefined;
  now: () => number;
  log: Logger;
  /** Pauses before each retry of a failed send; default 1 s and 5 s (three attempts). */
  retryDelaysMs?: readonly number[];
}

interface ThreadLink {
  channelId: string;
  address: string;
  subject: string | null;
}

export class OutboundDelivery {
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;
  private readonly closing = new AbortController();

  constructor(private readonly deps: OutboundDeliveryDeps) {}

  /** Files uploaded for replies that were never sent (a draft abandoned) go after a day. */
  dropUnsentUploads(): void {
    const dropped = this.deps.channels.outbound.dropUploadsBefore(this.deps.now() - UPLOAD_KEPT_MS);
    if (dropped > 0) this.deps.log.info('unsent reply files dropped', { count: dropped });
  }

  /** Cuts the pauses between retries short and waits for the sends in flight; nothing new starts. */
  async stop(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Sends a committed reply through its thread's gateway; failures end as message status failed. */
  deliver(thread: Thread, message: Message, attachments: Attachment[] = []): void {
    if (thread.channel === 'phone' || message.direction !== 'out') return;
    if (isBuiltInChannel(thread.channel)) {
      this.sendBuiltIn(thread.channel, thread, message, attachments);
      return;
    }
    const link = this.deps.channels.inbound.threadChannel(thread.id);
    if (!link) {
      this.deps.log.warn('reply has no channel to go through', { threadId: thread.id, channel: thread.channel });
      return;
    }
    const task = this.withRetries(thread, message, link, attachments).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /** One send through a built-in channel's gateway, made now (web chat pushes before returning). */
  private sendBuiltIn(channelId: string, thread: Thread, message: Message, attachments: Attachment[]): void {
    const gateway = this.deps.gateway(channelId);
    if (!gateway) return;
    gateway
      .send(this.outbound(thread, message, { address: thread.customerId, subject: null, attachments }))
      .catch((error: unknown) =>
        this.deps.log.warn('sending a reply failed', { messageId: message.id, channelId, error: String(error) }),
      );
  }

  private outbound(
    thread: Thread,
    message: Message,
    extra: Pick<OutboundMessage, 'address' | 'subject' | 'attachments'> & Partial<OutboundMessage>,
  ): OutboundMessage {
    return {
      messageId: message.id,
      threadId: thread.id,
      text: message.text,
      html: null,
      references: [],
      authorName: message.author.name,
      automatic: message.author.kind !== 'agent',
      ...extra,
    };
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

  private async withRetries(
    thread: Thread,
    message: Message,
    link: ThreadLink,
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
      const gateway = this.deps.gateway(channelId);
      if (gateway && !this.closed) {
        try {
          const sent = await gateway.send(
            this.outbound(thread, message, {
              attachments,
              signature,
              address,
              subject: subject ?? thread.subject,
              references: channels.inbound.keysOf(thread.id, channelId),
            }),
          );
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
      await this.pause(delay);
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

  /** Waits `ms`, or less when the hub is closing. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
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
}
