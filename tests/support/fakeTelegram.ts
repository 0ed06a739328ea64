/**
 * A LOCAL stand-in for the Telegram Bot API (api.telegram.org is not reachable from the test
 * machines). It implements only the documented subset the gateway uses, on 127.0.0.1:
 *   POST /bot<token>/getUpdates {offset, timeout}  long poll; updates below `offset` are forgotten, as Telegram does
 *   POST /bot<token>/getFile {file_id}              → {file_id, file_size, file_path}
 *   GET  /file/bot<token>/<file_path>               the file's bytes
 *   POST /bot<token>/sendMessage {chat_id, text, reply_markup?}   reply_markup: an inline keyboard (kept for the test)
 *   POST /bot<token>/answerCallbackQuery {callback_query_id, text}  the answer to a button press
 *   POST /bot<token>/editMessageReplyMarkup {chat_id, message_id, reply_markup}
 *   POST /bot<token>/sendPhoto, /sendDocument       multipart/form-data (chat_id, caption, photo|document)
 * A wrong token gets 401 {ok:false, description:"Unauthorized"}, like the real API.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentByBot {
  method: string;
  chatId: string;
  text: string | null;
  file: { field: string; name: string; mime: string; size: number } | null;
  /** For a message with an inline keyboard: the keyboard and the message's id as the bot was told it. */
  messageId?: number;
  replyMarkup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

export class FakeTelegram {
  readonly sent: SentByBot[] = [];
  /** Every offset the bot asked getUpdates for, in order. */
  readonly offsetsAsked: number[] = [];
  /** answerCallbackQuery calls: the press's id and the text shown to the user. */
  readonly callbackAnswers: { id: string; text: string }[] = [];
  /** editMessageReplyMarkup calls (keyboards taken off or changed). */
  readonly markupEdits: { chatId: string; messageId: number; replyMarkup: unknown }[] = [];
  /** When set, sends answer {ok:false} with this description. */
  failSends: string | null = null;
  private updates: { update_id: number; [key: string]: unknown }[] = [];
  private readonly files = new Map<string, { path: string; data: Buffer }>();
  private nextUpdateId = 100;
  private nextMessageId = 5000;
  private waiting: (() => void)[] = [];
  private server: http.Server | null = null;
  url = '';

  constructor(readonly token: string) {}

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.handle(request, Buffer.concat(chunks)).then(
          ({ status, body, raw }) => {
            response.writeHead(status, { 'content-type': raw ? 'application/octet-stream' : 'application/json' });
            response.end(raw ?? JSON.stringify(body));
          },
          (error: unknown) => {
            response.writeHead(500).end(String(error));
          },
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiting.splice(0)) wake();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Queues an update (the id is assigned when missing) and wakes a waiting long poll. */
  push(update: Record<string, unknown>): number {
    const id = typeof update.update_id === 'number' ? update.update_id : this.nextUpdateId++;
    this.updates.push({ ...update, update_id: id });
    for (const wake of this.waiting.splice(0)) wake();
    return id;
  }

  /** A text/photo/document message from a user, as Telegram sends it. */
  pushMessage(from: { id: number; first_name: string }, fields: Record<string, unknown>): number {
    return this.push({
      message: {
        message_id: this.nextMessageId++,
        date: 1772442000,
        chat: { id: from.id, type: 'private' },
        from,
        ...fields,
      },
    });
  }

  /** A press of an inline keyboard button under a message the bot sent, as Telegram sends it; returns the press's id. */
  pushCallback(
    from: { id: number; first_name: string },
    message: { chatId: number; messageId: number },
    data: string,
  ): string {
    const id = String(this.nextUpdateId * 1000 + 7);
    this.push({
      callback_query: {
        id,
        from,
        chat_instance: '-1',
        message: { message_id: message.messageId, date: 1772442000, chat: { id: message.chatId, type: 'private' } },
        data,
      },
    });
    return id;
  }

  addFile(fileId: string, data: Buffer, path = `documents/${fileId}`): void {
    this.files.set(fileId, { path, data });
  }

  private async handle(request: http.IncomingMessage, body: Buffer) {
    const url = new URL(request.url ?? '/', 'http://x');
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      if (fileMatch[1] !== this.token) return { status: 401, body: { ok: false, description: 'Unauthorized' } };
      const file = [...this.files.values()].find((f) => f.path === fileMatch[2]);
      return file
        ? { status: 200, body: null, raw: file.data }
        : { status: 404, body: { ok: false, description: 'Not Found' } };
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!match || request.method !== 'POST') return { status: 404, body: { ok: false, description: 'Not Found' } };
    if (match[1] !== this.token)
      return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    const method = match[2]!;
    const contentType = request.headers['content-type'] ?? '';
    const fields: Record<string, unknown> = {};
    let file: SentByBot['file'] = null;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
      for (const [key, value] of form.entries()) {
        if (typeof value === 'string') fields[key] = value;
        else file = { field: key, name: value.name, mime: value.type, size: value.size };
      }
    } else if (body.length > 0) {
      Object.assign(fields, JSON.parse(body.toString('utf8')));
    }
    switch (method) {
      case 'getUpdates':
        return { status: 200, body: { ok: true, result: await this.getUpdates(fields) } };
      case 'getFile': {
        const file = this.files.get(String(fields.file_id));
        if (!file)
          return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' } };
        return {
          status: 200,
          body: { ok: true, result: { file_id: fields.file_id, file_size: file.data.length, file_path: file.path } },
        };
      }
      case 'answerCallbackQuery':
        this.callbackAnswers.push({ id: String(fields.callback_query_id), text: String(fields.text ?? '') });
        return { status: 200, body: { ok: true, result: true } };
      case 'editMessageReplyMarkup':
        this.markupEdits.push({
          chatId: String(fields.chat_id),
          messageId: Number(fields.message_id),
          replyMarkup: fields.reply_markup,
        });
        return { status: 200, body: { ok: true, result: true } };
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument': {
        if (this.failSends) return { status: 400, body: { ok: false, error_code: 400, description: this.failSends } };
        const chatId = String(fields.chat_id);
        const text = (fields.text ?? fields.caption ?? null) as string | null;
        const messageId = this.nextMessageId++;
        const replyMarkup = fields.reply_markup as SentByBot['replyMarkup'];
        // Only keyboard messages carry their id here, so the other tests' records stay as they were.
        this.sent.push({ method, chatId, text, file, ...(replyMarkup ? { replyMarkup, messageId } : {}) });
        return {
          status: 200,
          body: { ok: true, result: { message_id: messageId, chat: { id: Number(chatId) }, text } },
        };
      }
      default:
        return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
    }
  }

  private async getUpdates(fields: Record<string, unknown>) {
    const offset = Number(fields.offset ?? 0);
    this.offsetsAsked.push(offset);
    // Telegram forgets updates below the offset once it has been asked for.
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    if (this.updates.length === 0) {
      const timeoutMs = Math.min(Number(fields.timeout ?? 0), 2) * 1000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.updates.filter((u) => u.update_id >= offset).slice(0, 100);
  }
}
