/** Every string the visitor sees, in both languages the product ships with. */
export type Lang = 'en' | 'ru';

export interface Strings {
  launcher: string;
  launcherUnread: string;
  title: string;
  close: string;
  conversation: string;
  input: string;
  send: string;
  you: string;
  greeting: string;
  connecting: string;
  offline: string;
  sending: string;
  notSent: string;
  counter: (used: number, max: number) => string;
  /** By error code from the hub; `other` for any code without its own words. */
  errors: { message_too_long: (max: number) => string; rate_limited: string; other: string };
}

const en: Strings = {
  launcher: 'Chat with us',
  launcherUnread: 'Chat with us (new reply)',
  title: 'Chat with us',
  close: 'Close chat',
  conversation: 'Conversation',
  input: 'Your message',
  send: 'Send',
  you: 'You',
  greeting: 'Hello! How can we help?',
  connecting: 'Connecting…',
  offline: 'No connection. Trying again…',
  sending: 'Sending…',
  notSent: 'Not sent',
  counter: (used, max) => `${used} / ${max}`,
  errors: {
    message_too_long: (max) => `The message is too long: at most ${max} characters.`,
    rate_limited: 'You are sending messages too quickly. Please wait a few seconds.',
    other: 'The message could not be sent. Please try again.',
  },
};

const ru: Strings = {
  launcher: 'Напишите нам',
  launcherUnread: 'Напишите нам (новый ответ)',
  title: 'Напишите нам',
  close: 'Закрыть чат',
  conversation: 'Переписка',
  input: 'Ваше сообщение',
  send: 'Отправить',
  you: 'Вы',
  greeting: 'Здравствуйте! Чем можем помочь?',
  connecting: 'Подключение…',
  offline: 'Нет связи. Пробуем снова…',
  sending: 'Отправляется…',
  notSent: 'Не отправлено',
  counter: (used, max) => `${used} / ${max}`,
  errors: {
    message_too_long: (max) => `Сообщение слишком длинное: не больше ${max} символов.`,
    rate_limited: 'Вы отправляете сообщения слишком часто. Подождите несколько секунд.',
    other: 'Не удалось отправить сообщение. Попробуйте ещё раз.',
  },
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { en, ru };

/** ru for any Russian locale, en otherwise. */
export function pickLang(requested: string | null | undefined, browser: string | undefined): Lang {
  const tag = (requested || browser || 'en').toLowerCase();
  return tag.startsWith('ru') ? 'ru' : 'en';
}

export function errorText(strings: Strings, code: string, maxLength: number): string {
  if (code === 'message_too_long') return strings.errors.message_too_long(maxLength);
  if (code === 'rate_limited') return strings.errors.rate_limited;
  return strings.errors.other;
}
