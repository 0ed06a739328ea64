/**
 * VK community messages: the Callback API (confirmation answered with the configured code, every
 * event checked for the community's secret and group id) and messages.send for replies. The
 * customer is known by their VK id. Events the gateway does not take are kept as dead letters and
 * answered "ok", so VK does not send them again and again.
 */
import { createHash } from 'node:crypto';
import type { VkSecrets, VkSettings } from '../channelConfig.js';
import {
  WebhookRefusal,
  type Attachment,
  type Gateway,
  type GatewayContext,
  type OutboundMessage,
  type SendResult,
  type WebhookReply,
  type WebhookRequest,
} from '../gateway.js';
import { normalizeMessage, type VkCallback } from './normalizeCallback.js';

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const CALL_TIMEOUT_MS = 30_000;
const OK: WebhookReply = { status: 200, contentType: 'text/plain', body: 'ok' };

export function createVkGateway(context: GatewayContext): Gateway {
  const settings = context.channel.settings as VkSettings;
  const secrets = context.secrets as VkSecrets;

  async function download(url: string): Promise<Buffer> {
    const response = await fetch(url, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const size = Number(response.headers.get('content-length') ?? '0');
    if (size > MAX_FILE_BYTES) throw new Error(`${size} bytes is over the ${MAX_FILE_BYTES}-byte cap`);
    const data = Buffer.from(await response.arrayBuffer());
    if (data.length > MAX_FILE_BYTES) throw new Error(`${data.length} bytes is over the ${MAX_FILE_BYTES}-byte cap`);
    return data;
  }

  return {
    kind: 'vk',
    start: async () => {},
    stop: async () => {},

    async webhook(request: WebhookRequest): Promise<WebhookReply> {
      let event: VkCallback;
      try {
        event = JSON.parse(request.body.toString('utf8')) as VkCallback;
        if (typeof event !== 'object' || event === null || typeof event.type !== 'string') {
          throw new Error('no "type" field');
        }
      } catch (error) {
        context.deadLetter('unparseable', `callback is not a VK event: ${(error as Error).message}`, request.body);
        throw new WebhookRefusal(400, `callback is not a VK event: ${(error as Error).message}`);
      }
      if (event.group_id !== settings.groupId) {
        throw new WebhookRefusal(403, `group_id ${String(event.group_id)} is not this channel's community`);
      }
      if (event.type === 'confirmation')
        return { status: 200, contentType: 'text/plain', body: secrets.confirmationCode };
      if (event.secret !== secrets.secret) throw new WebhookRefusal(401, 'missing or wrong "secret" in the callback');
      if (event.type !== 'message_new') {
        context.deadLetter('unsupported', `event type ${event.type} is not taken`, request.body);
        return OK;
      }
      const message = normalizeMessage(event.object?.message);
      if (typeof message === 'string') {
        context.deadLetter('invalid', message, request.body);
        return OK;
      }
      const attachments: Attachment[] = [];
      const notes = message.unsupported.map((type) => `VK ${type} is not shown here`);
      for (const file of message.files) {
        try {
          attachments.push({ name: file.name, mime: file.mime, data: await download(file.url) });
        } catch (error) {
          notes.push(`${file.name} could not be fetched: ${(error as Error).message}`);
        }
      }
      context.ingest({
        externalId: message.externalId,
        sender: { kind: 'vk', value: message.fromId, name: null },
        text: message.text,
        html: null,
        attachments,
        replyAddress: message.peerId,
        inReplyTo: [],
        subject: null,
        notes,
      });
      return OK;
    },

    async send(message: OutboundMessage): Promise<SendResult> {
      if (message.attachments.length > 0) throw new Error('sending files to VK is not supported yet');
      const form = new URLSearchParams({
        peer_id: message.address,
        message: message.text,
        // VK drops a repeat with the same random_id, so a retried send is not shown twice.
        random_id: String(createHash('sha256').update(message.messageId).digest().readInt32BE(0)),
        access_token: secrets.accessToken,
        v: settings.apiVersion,
      });
      const response = await fetch(`${settings.apiBase}/method/messages.send`, {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      const answer = (await response.json().catch(() => ({}))) as {
        response?: number;
        error?: { error_code?: number; error_msg?: string };
      };
      if (answer.error || typeof answer.response !== 'number') {
        throw new Error(
          `VK messages.send failed: ${answer.error?.error_msg ?? `HTTP ${response.status}`} (${answer.error?.error_code ?? '?'})`,
        );
      }
      return { externalId: `${message.address}:${answer.response}`, status: 'sent' };
    },
  };
}
