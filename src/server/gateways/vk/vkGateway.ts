/**
 * VK community messages: the Callback API (confirmation answered with the configured code, every
 * event checked for the community's secret and group id) and messages.send for replies. The
 * customer is known by their VK id. Events the gateway does not take are kept as dead letters and
 * answered "ok", so VK does not send them again and again. Rating requests carry an inline keyboard
 * of callback buttons; a press comes back as a message_event, answered with a snackbar (issue 16).
 */
import { createHash } from 'node:crypto';
import type { VkSecrets, VkSettings } from '../channelConfig.js';
import {
  WebhookRefusal,
  type Attachment,
  type Gateway,
  type GatewayContext,
  type OutboundMessage,
  type RatingAsk,
  type SendResult,
  type WebhookReply,
  type WebhookRequest,
} from '../gateway.js';
import { secretsEqual } from '../secretCompare.js';
import { normalizeMessage, type VkCallback } from './normalizeCallback.js';
import { ratingKeyboard, readRatingPress, type VkMessageEvent } from './ratingKeyboard.js';

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

  /** One VK API method; its `error` answer becomes an Error naming VK's reason. */
  async function callApi(method: string, params: Record<string, string>): Promise<number> {
    const form = new URLSearchParams({ ...params, access_token: secrets.accessToken, v: settings.apiVersion });
    const response = await fetch(`${settings.apiBase}/method/${method}`, {
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
        `VK ${method} failed: ${answer.error?.error_msg ?? `HTTP ${response.status}`} (${answer.error?.error_code ?? '?'})`,
      );
    }
    return answer.response;
  }

  /** A press of a rating button (message_event): recorded or refused by the hub, and the customer told which. */
  async function ratingPressed(event: VkCallback, body: Buffer): Promise<WebhookReply> {
    const press = readRatingPress(event.object as VkMessageEvent | undefined);
    if (typeof press === 'string' || !context.rate) {
      context.deadLetter('unsupported', typeof press === 'string' ? press : 'ratings are not taken', body);
      return OK;
    }
    const verdict = context.rate({ token: press.token, score: press.score, address: String(press.peerId) });
    await callApi('messages.sendMessageEventAnswer', {
      event_id: press.eventId,
      user_id: String(press.userId),
      peer_id: String(press.peerId),
      event_data: JSON.stringify({ type: 'show_snackbar', text: verdict.text }),
    }).catch((error: unknown) => context.log.warn('rating answer not shown', { error: String(error) }));
    return OK;
  }

  function confirmation(event: VkCallback): WebhookReply {
    if (event.group_id !== settings.groupId) {
      throw new WebhookRefusal(403, `group_id ${String(event.group_id)} is not this channel's community`);
    }
    return { status: 200, contentType: 'text/plain', body: secrets.confirmationCode };
  }

  return {
    kind: 'vk',
    start: async () => {},
    stop: async () => {},

    async webhook(request: WebhookRequest): Promise<WebhookReply> {
      // VK puts its secret inside the body, so nothing is stored before the body is read and the
      // secret checked: a caller without it gets a refusal and leaves no trace but a log line.
      const event = readEvent(request.body);
      if (typeof event === 'string') throw new WebhookRefusal(400, `callback is not a VK event: ${event}`);
      if (event.type === 'confirmation' && event.secret === undefined) {
        // VK's confirmation call may come before a secret is configured there; it only asks for the code.
        return confirmation(event);
      }
      if (!secretsEqual(typeof event.secret === 'string' ? event.secret : null, secrets.secret)) {
        throw new WebhookRefusal(401, 'missing or wrong "secret" in the callback');
      }
      if (event.type === 'confirmation') return confirmation(event);
      if (event.group_id !== settings.groupId) {
        throw new WebhookRefusal(403, `group_id ${String(event.group_id)} is not this channel's community`);
      }
      if (typeof event.type !== 'string') {
        context.deadLetter('invalid', 'the callback has no "type"', request.body);
        return OK;
      }
      if (event.type === 'message_event') return ratingPressed(event, request.body);
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
      await context.ingest({
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
      const id = await callApi('messages.send', {
        peer_id: message.address,
        message: message.text,
        // VK drops a repeat with the same random_id, so a retried send is not shown twice.
        random_id: randomId(message.messageId),
      });
      return { externalId: `${message.address}:${id}`, status: 'sent' };
    },

    async askRating(ask: RatingAsk): Promise<void> {
      await callApi('messages.send', {
        peer_id: ask.address,
        message: ask.text,
        random_id: randomId(ask.token),
        keyboard: ratingKeyboard(ask.token),
      });
    },
  };
}

function randomId(key: string): string {
  return String(createHash('sha256').update(key).digest().readInt32BE(0));
}

/** The callback as an object, or why it is not one (not JSON, not an object). */
function readEvent(body: Buffer): VkCallback | string {
  try {
    const event: unknown = JSON.parse(body.toString('utf8'));
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return 'not a JSON object';
    return event as VkCallback;
  } catch (error) {
    return (error as Error).message;
  }
}
