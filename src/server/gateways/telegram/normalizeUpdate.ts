/**
 * Turns a Telegram update into what the gateway does with it: a customer message (text, caption,
 * the largest photo, a document), or a reason it is not one (an update type the gateway does not
 * take, a message without a sender). Pure: file downloads happen in the gateway.
 */
import type { TelegramMessage, TelegramUpdate } from './telegramApi.js';

export interface TelegramInbound {
  externalId: string;
  chatId: string;
  userId: string;
  name: string | null;
  text: string;
  files: { fileId: string; name: string; mime: string; size: number | null }[];
  /** Content the gateway cannot carry (a sticker, a location), named for the agent. */
  unsupported: string[];
  /** The customer's own number, when they shared their contact. */
  phone: string | null;
}

export type Normalized =
  | { kind: 'message'; message: TelegramInbound }
  | { kind: 'unsupported'; detail: string }
  | { kind: 'invalid'; detail: string };

/** Content a message can have that the gateway does not carry; named for the agent instead. */
const NOT_CARRIED = [
  'sticker',
  'location',
  'voice',
  'video',
  'audio',
  'animation',
  'video_note',
  'poll',
  'venue',
  'dice',
  'game',
  'story',
];

export function normalizeUpdate(update: TelegramUpdate): Normalized {
  if (!Number.isSafeInteger(update.update_id)) return { kind: 'invalid', detail: 'update has no numeric update_id' };
  const types = Object.keys(update).filter((k) => k !== 'update_id');
  if (!update.message)
    return { kind: 'unsupported', detail: `update type ${types.join(', ') || '(none)'} is not taken` };
  const message: TelegramMessage = update.message;
  if (typeof message.chat?.id !== 'number' || typeof message.message_id !== 'number') {
    return { kind: 'invalid', detail: 'message has no chat.id or message_id' };
  }
  if (!message.from || typeof message.from.id !== 'number') return { kind: 'invalid', detail: 'message has no sender' };
  if (message.from.is_bot) return { kind: 'unsupported', detail: 'messages from bots are not taken' };
  const files: TelegramInbound['files'] = [];
  const largest = message.photo?.at(-1);
  if (largest) {
    files.push({
      fileId: largest.file_id,
      name: `photo-${message.message_id}.jpg`,
      mime: 'image/jpeg',
      size: largest.file_size ?? null,
    });
  }
  if (message.document) {
    files.push({
      fileId: message.document.file_id,
      name: message.document.file_name ?? `document-${message.message_id}`,
      mime: message.document.mime_type ?? 'application/octet-stream',
      size: message.document.file_size ?? null,
    });
  }
  const name =
    [message.from.first_name, message.from.last_name].filter(Boolean).join(' ') || message.from.username || null;
  return {
    kind: 'message',
    message: {
      externalId: `${message.chat.id}:${message.message_id}`,
      chatId: String(message.chat.id),
      userId: String(message.from.id),
      name,
      text: message.text ?? message.caption ?? '',
      files,
      unsupported: NOT_CARRIED.filter((k) => k in message),
      phone: message.contact?.user_id === message.from.id ? (message.contact.phone_number ?? null) : null,
    },
  };
}
