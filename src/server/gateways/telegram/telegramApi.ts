/**
 * The documented subset of the Telegram Bot API the gateway uses: getUpdates, getFile and file
 * download, sendMessage (with an inline keyboard for rating requests), answerCallbackQuery,
 * editMessageReplyMarkup, sendPhoto, sendDocument. Every call is a POST; an `ok: false` answer
 * becomes an Error carrying Telegram's own description.
 */
import type { Attachment } from '../gateway.js';

export interface TelegramFile {
  file_id: string;
  file_unique_id?: string;
  file_size?: number;
  file_path?: string;
}

export interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
}

export interface TelegramMessage {
  message_id: number;
  date?: number;
  chat: { id: number; type?: string };
  from?: TelegramUser;
  text?: string;
  caption?: string;
  photo?: TelegramFile[];
  document?: TelegramFile & { file_name?: string; mime_type?: string };
  contact?: { phone_number?: string; user_id?: number };
}

/** A press of an inline keyboard button (the rating request's, issue 16). */
export interface TelegramCallbackQuery {
  id: string;
  from: TelegramUser;
  message?: TelegramMessage;
  data?: string;
}

export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  callback_query?: TelegramCallbackQuery;
  [other: string]: unknown;
}

const CALL_TIMEOUT_MS = 30_000;

export class TelegramApi {
  constructor(
    private readonly apiBase: string,
    private readonly token: string,
  ) {}

  getUpdates(offset: number, timeoutSec: number, signal: AbortSignal): Promise<TelegramUpdate[]> {
    return this.call('getUpdates', { offset, timeout: timeoutSec, allowed_updates: [] }, signal, timeoutSec * 1000);
  }

  async download(fileId: string, maxBytes: number): Promise<Buffer> {
    const file = await this.call<TelegramFile>('getFile', { file_id: fileId });
    if (!file.file_path) throw new Error(`Telegram gave no file_path for ${fileId}`);
    if (file.file_size !== undefined && file.file_size > maxBytes) {
      throw new Error(`file is ${file.file_size} bytes, over the ${maxBytes}-byte cap`);
    }
    const response = await fetch(`${this.apiBase}/file/bot${this.token}/${file.file_path}`, {
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`downloading ${file.file_path} answered HTTP ${response.status}`);
    const data = Buffer.from(await response.arrayBuffer());
    if (data.length > maxBytes) throw new Error(`file is ${data.length} bytes, over the ${maxBytes}-byte cap`);
    return data;
  }

  sendMessage(chatId: string, text: string, replyMarkup?: unknown): Promise<TelegramMessage> {
    return this.call('sendMessage', { chat_id: chatId, text, ...(replyMarkup ? { reply_markup: replyMarkup } : {}) });
  }

  /** Tells the customer what became of their button press (a short notice over the chat). */
  answerCallbackQuery(callbackQueryId: string, text: string): Promise<boolean> {
    return this.call('answerCallbackQuery', { callback_query_id: callbackQueryId, text });
  }

  /** Takes the buttons off a message (a rating that was recorded is not asked again). */
  removeKeyboard(chatId: number, messageId: number): Promise<unknown> {
    return this.call('editMessageReplyMarkup', {
      chat_id: chatId,
      message_id: messageId,
      reply_markup: { inline_keyboard: [] },
    });
  }

  /** Images go as photos (shown inline), everything else as documents. */
  sendFile(chatId: string, attachment: Attachment, caption: string | null): Promise<TelegramMessage> {
    const photo = /^image\/(jpeg|png|webp|gif)$/.test(attachment.mime);
    const form = new FormData();
    form.set('chat_id', chatId);
    if (caption) form.set('caption', caption);
    form.set(
      photo ? 'photo' : 'document',
      new Blob([new Uint8Array(attachment.data)], { type: attachment.mime }),
      attachment.name,
    );
    return this.call(photo ? 'sendPhoto' : 'sendDocument', form);
  }

  private async call<T>(method: string, body: unknown, signal?: AbortSignal, extraMs = 0): Promise<T> {
    const timeout = AbortSignal.timeout(CALL_TIMEOUT_MS + extraMs);
    const response = await fetch(`${this.apiBase}/bot${this.token}/${method}`, {
      method: 'POST',
      ...(body instanceof FormData
        ? { body }
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    let answer: { ok?: boolean; result?: T; description?: string };
    try {
      answer = (await response.json()) as typeof answer;
    } catch {
      throw new Error(`Telegram ${method} answered HTTP ${response.status} without JSON`);
    }
    if (!answer.ok || answer.result === undefined) {
      throw new Error(`Telegram ${method} failed: ${answer.description ?? `HTTP ${response.status}`}`);
    }
    return answer.result;
  }
}
