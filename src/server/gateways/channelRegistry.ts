/**
 * What the rest of the hub holds of the channels: the gateway host's lifecycle and the outbound
 * delivery, behind one small face (channel administration is the admin routes' alone). The parts
 * are built and wired once, in hubChannels.ts.
 */
import type { Agent, Message, Thread } from '../../shared/domain.js';
import type { Attachment } from './gateway.js';
import type { GatewayHost } from './gatewayHost.js';
import type { OutboundDelivery } from './outboundDelivery.js';

export class ChannelRegistry {
  constructor(
    private readonly host: GatewayHost,
    private readonly delivery: OutboundDelivery,
  ) {}

  async startAll(): Promise<void> {
    this.delivery.dropUnsentUploads();
    await this.host.startAll();
  }

  /** Sends in flight finish (their retries cut short) before the gateways stop. */
  async stopAll(): Promise<void> {
    await this.delivery.stop();
    await this.host.stopAll();
  }

  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  settled(): Promise<void> {
    return this.delivery.settled();
  }

  deliver(thread: Thread, message: Message, attachments: Attachment[] = []): void {
    this.delivery.deliver(thread, message, attachments);
  }

  claimAttachments(agent: Agent, thread: Thread, messageId: string, uploadIds: readonly string[]): Attachment[] {
    return this.delivery.claimAttachments(agent, thread, messageId, uploadIds);
  }
}
