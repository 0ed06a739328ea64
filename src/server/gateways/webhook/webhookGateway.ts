/**
 * The generic webhook channel: a chatbot or another platform POSTs signed messages (with the bot
 * transcript on hand-over); agent replies are POSTed back to its callback URL, signed the same way.
 */
import { describeIssues } from '../../../shared/validation.js';
import type { WebhookSecrets, WebhookSettings } from '../channelConfig.js';
import {
  headerOf,
  jsonReply,
  WebhookRefusal,
  type Gateway,
  type GatewayContext,
  type OutboundMessage,
  type SendResult,
  type WebhookReply,
  type WebhookRequest,
} from '../gateway.js';
import { checkSignature, sign, SIGNATURE_HEADER, SIGNATURE_PROBLEMS, TIMESTAMP_HEADER } from './signature.js';
import { WebhookInbound, type WebhookCallback } from './webhookPayload.js';

const CALLBACK_TIMEOUT_MS = 10_000;

export function createWebhookGateway(context: GatewayContext): Gateway {
  const settings = context.channel.settings as WebhookSettings;
  const { signingSecret } = context.secrets as WebhookSecrets;

  return {
    kind: 'webhook',
    start: async () => {},
    stop: async () => {},

    async webhook(request: WebhookRequest): Promise<WebhookReply> {
      const problem = checkSignature(
        signingSecret,
        headerOf(request.headers, SIGNATURE_HEADER),
        headerOf(request.headers, TIMESTAMP_HEADER),
        request.body,
        context.now(),
      );
      if (problem) throw new WebhookRefusal(401, SIGNATURE_PROBLEMS[problem]);
      let json: unknown;
      try {
        json = JSON.parse(request.body.toString('utf8'));
      } catch (error) {
        const detail = `body is not valid JSON: ${(error as Error).message}`;
        context.deadLetter('unparseable', detail, request.body);
        throw new WebhookRefusal(400, detail);
      }
      const parsed = WebhookInbound.safeParse(json);
      if (!parsed.success) {
        const detail = `invalid message: ${describeIssues(parsed.error)}`;
        context.deadLetter('invalid', detail, request.body);
        throw new WebhookRefusal(400, detail);
      }
      const call = parsed.data;
      const also = [
        ...(call.sender.phone ? [{ kind: 'phone' as const, value: call.sender.phone }] : []),
        ...(call.sender.email ? [{ kind: 'email' as const, value: call.sender.email }] : []),
      ];
      const result = await context.ingest({
        externalId: call.id,
        sender: {
          kind: 'webhook',
          value: `${context.channel.id}:${call.sender.id}`,
          name: call.sender.name ?? null,
          also,
        },
        text: call.text,
        html: call.html ?? null,
        attachments: call.attachments.map((a) => ({
          name: a.name,
          mime: a.mime,
          data: Buffer.from(a.base64, 'base64'),
        })),
        replyAddress: call.conversationId,
        inReplyTo: [],
        subject: null,
        transcript: call.transcript,
      });
      return jsonReply(200, {
        ok: true,
        duplicate: result.outcome === 'duplicate',
        messageId: result.messageId,
        threadId: result.threadId,
      });
    },

    async send(message: OutboundMessage): Promise<SendResult> {
      if (!settings.callbackUrl) throw new Error('this webhook channel has no callback URL');
      const payload: WebhookCallback = {
        type: 'message',
        id: message.messageId,
        conversationId: message.address,
        text: message.text,
        author: { name: message.authorName },
        createdAt: context.now(),
      };
      const body = JSON.stringify(payload);
      const timestamp = Math.floor(context.now() / 1000);
      const response = await fetch(settings.callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: sign(signingSecret, timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
        },
        body,
        signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`callback answered HTTP ${response.status}`);
      return { externalId: null, status: 'delivered' };
    },
  };
}
