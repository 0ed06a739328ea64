/**
 * Telegram through the Bot API: long polling with getUpdates (the offset persisted in the same
 * transaction as each message, so a restart neither loses nor repeats one; a page of messages is
 * one transaction, decision 0051) or a webhook checked
 * by its secret-token header. Text, photos and documents in and out; the customer is known by their
 * Telegram user id. Rating requests go with an inline keyboard; a press comes back as a callback_query. Updates the gateway does not take are kept as dead letters, never a crash.
 */
import type { TelegramSecrets, TelegramSettings } from '../channelConfig.js';
import {
  headerOf,
  jsonReply,
  WebhookRefusal,
  type Attachment,
  type DeadLetterReason,
  type Gateway,
  type GatewayContext,
  type GatewayState,
  type InboundMessage,
  type OutboundMessage,
  type RatingAsk,
  type ReplayOutcome,
  type SendResult,
  type WebhookRequest,
} from '../gateway.js';
import { secretsEqual } from '../secretCompare.js';
import { normalizeUpdate } from './normalizeUpdate.js';
import { ratingKeyboard, readRatingPress } from './ratingButtons.js';
import { TelegramApi, type TelegramCallbackQuery, type TelegramUpdate } from './telegramApi.js';

export const SECRET_TOKEN_HEADER = 'x-telegram-bot-api-secret-token';
/** The Bot API lets bots download files up to 20 MB. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const OFFSET_KEY = 'offset';

/** What an update asks of the hub, worked out before anything is stored. */
type Prepared =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'press'; query: TelegramCallbackQuery }
  | { kind: 'dead'; reason: DeadLetterReason; detail: string };

export function createTelegramGateway(context: GatewayContext): Gateway {
  const settings = context.channel.settings as TelegramSettings;
  const secrets = context.secrets as TelegramSecrets;
  const api = new TelegramApi(settings.apiBase, secrets.botToken);
  const log = context.log;
  let stopping: AbortController | null = null;
  let loop: Promise<void> | null = null;

  /**
   * What an update is, worked out before anything is stored: a customer message (its files fetched),
   * a rating press, or the reason it is kept as a dead letter.
   */
  async function prepare(update: TelegramUpdate): Promise<Prepared> {
    if (update.callback_query && context.rate) return { kind: 'press', query: update.callback_query };
    const normalized = normalizeUpdate(update);
    if (normalized.kind !== 'message') {
      return {
        kind: 'dead',
        reason: normalized.kind === 'invalid' ? 'invalid' : 'unsupported',
        detail: normalized.detail,
      };
    }
    const message = normalized.message;
    const attachments: Attachment[] = [];
    const notes: string[] = message.unsupported.map((what) => `Telegram ${what} is not shown here`);
    for (const file of message.files) {
      try {
        attachments.push({ name: file.name, mime: file.mime, data: await api.download(file.fileId, MAX_FILE_BYTES) });
      } catch (error) {
        notes.push(`${file.name} could not be fetched: ${(error as Error).message}`);
        log.warn('telegram file not fetched', { name: file.name, error: (error as Error).message });
      }
    }
    return {
      kind: 'message',
      message: {
        externalId: message.externalId,
        sender: {
          kind: 'telegram',
          value: message.userId,
          name: message.name,
          also: message.phone ? [{ kind: 'phone', value: message.phone }] : [],
        },
        text: message.text,
        html: null,
        attachments,
        replyAddress: message.chatId,
        inReplyTo: [],
        subject: null,
        notes,
      },
    };
  }

  /** Takes a prepared update that is not a message; `offset` (polling) is saved after it. */
  async function takeOther(
    prepared: Exclude<Prepared, { kind: 'message' }>,
    raw: string,
    offset: GatewayState | undefined,
  ): Promise<ReplayOutcome> {
    if (prepared.kind === 'press') await answerPress(prepared.query, raw);
    else context.deadLetter(prepared.reason, prepared.detail, raw);
    if (offset) context.saveState(offset.key, offset.value);
    return prepared.kind === 'press' ? 'queued' : 'dead_letter';
  }

  /** One update on its own (webhook mode, a dead letter's retry), stored before this resolves. */
  async function take(update: TelegramUpdate, raw: string): Promise<ReplayOutcome> {
    const prepared = await prepare(update);
    if (prepared.kind !== 'message') return takeOther(prepared, raw, undefined);
    await context.ingest(prepared.message);
    return 'queued';
  }

  /**
   * One getUpdates page, in order. Each message is handed over with its offset without waiting for
   * its commit, so a page of messages is stored in one transaction (decision 0051); a file being
   * fetched lets what came before it commit meanwhile. Before an update that is not a message, the
   * messages before it are waited for, so offsets are saved in order. A message that cannot be
   * stored is kept as a dead letter and the offset moved past it, as any failure of ours.
   */
  async function takePage(updates: TelegramUpdate[], offset: number, signal: AbortSignal): Promise<void> {
    let handedOver: { raw: string; next: GatewayState; failure: Promise<Error | null> }[] = [];
    const settle = async (): Promise<void> => {
      const group = handedOver;
      handedOver = [];
      let failed = false;
      for (const { raw, failure } of group) {
        const error = await failure;
        if (error) {
          context.deadLetter('failed', error.message, raw);
          failed = true;
        }
      }
      // A message that was not stored did not save its offset: save the group's last one.
      const last = group.at(-1);
      if (failed && last) context.saveState(last.next.key, last.next.value);
    };
    for (const update of updates) {
      if (signal.aborted) break;
      const raw = JSON.stringify(update);
      const next = { key: OFFSET_KEY, value: String(Math.max(offset, Number(update?.update_id) + 1 || offset)) };
      try {
        const prepared = await prepare(update);
        if (prepared.kind === 'message') {
          const failure = context.ingest(prepared.message, next).then(
            () => null,
            (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
          );
          handedOver.push({ raw, next, failure });
          continue;
        }
        await settle();
        await takeOther(prepared, raw, next);
      } catch (error) {
        // A failure of ours must not block the queue behind it: keep the update and move on.
        await settle();
        context.deadLetter('failed', (error as Error).message, raw);
        context.saveState(next.key, next.value);
      }
    }
    await settle();
  }

  /** A press of a rating button: recorded (or refused) by the hub, and the customer told which. */
  async function answerPress(query: TelegramCallbackQuery, raw: string): Promise<void> {
    const press = readRatingPress(query.data);
    const chatId = query.message?.chat?.id;
    if (!press || typeof chatId !== 'number' || typeof query.id !== 'string') {
      context.deadLetter('unsupported', 'a button press that is not a rating', raw);
      return;
    }
    const verdict = context.rate!({ token: press.token, score: press.score, address: String(chatId) });
    await api.answerCallbackQuery(query.id, verdict.text);
    if (verdict.ok && query.message) {
      await api
        .removeKeyboard(chatId, query.message.message_id)
        .catch((error: unknown) => log.warn('rating buttons not removed', { error: String(error) }));
    }
  }

  async function poll(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const offset = Number(context.loadState(OFFSET_KEY) ?? '0');
      let updates: TelegramUpdate[];
      try {
        updates = await api.getUpdates(offset, settings.pollTimeoutSec, signal);
        if (!Array.isArray(updates)) throw new Error('getUpdates result is not a list');
      } catch (error) {
        if (signal.aborted) return;
        log.warn('telegram poll failed; retrying', { error: (error as Error).message });
        await pause(settings.retryDelayMs, signal);
        continue;
      }
      await takePage(updates, offset, signal);
    }
  }

  return {
    kind: 'telegram',
    async start() {
      if (settings.mode !== 'polling' || loop) return;
      stopping = new AbortController();
      loop = poll(stopping.signal).catch((error: unknown) =>
        log.error('telegram polling stopped', { error: String(error) }),
      );
    },
    async stop() {
      stopping?.abort();
      await loop;
      loop = null;
    },

    async webhook(request: WebhookRequest) {
      if (settings.mode !== 'webhook')
        throw new WebhookRefusal(404, 'this Telegram channel polls; it takes no webhook');
      if (!secretsEqual(headerOf(request.headers, SECRET_TOKEN_HEADER), secrets.webhookSecret)) {
        throw new WebhookRefusal(401, `missing or wrong ${SECRET_TOKEN_HEADER} header`);
      }
      const raw = request.body.toString('utf8');
      let update: TelegramUpdate;
      try {
        update = JSON.parse(raw) as TelegramUpdate;
        if (typeof update !== 'object' || update === null) throw new Error('not an object');
      } catch (error) {
        context.deadLetter('unparseable', `update is not JSON: ${(error as Error).message}`, request.body);
        // Telegram retries anything but a 2xx; a broken update would come back forever.
        return jsonReply(200, { ok: true, kept: 'dead letter' });
      }
      await take(update, raw);
      return jsonReply(200, { ok: true });
    },

    async replay(payload: Buffer): Promise<ReplayOutcome> {
      const raw = payload.toString('utf8');
      let update: TelegramUpdate;
      try {
        update = JSON.parse(raw) as TelegramUpdate;
        if (typeof update !== 'object' || update === null) throw new Error('not an object');
      } catch (error) {
        context.deadLetter('unparseable', `update is not JSON: ${(error as Error).message}`, payload);
        return 'dead_letter';
      }
      return take(update, raw);
    },

    async askRating(ask: RatingAsk): Promise<void> {
      await api.sendMessage(ask.address, ask.text, ratingKeyboard(ask.token));
    },

    async send(message: OutboundMessage): Promise<SendResult> {
      let sent = null;
      for (const [index, attachment] of message.attachments.entries()) {
        sent = await api.sendFile(message.address, attachment, index === 0 ? message.text : null);
      }
      if (message.attachments.length === 0) sent = await api.sendMessage(message.address, message.text);
      return { externalId: sent ? `${sent.chat.id}:${sent.message_id}` : null, status: 'sent' };
    },
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
