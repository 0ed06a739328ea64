/**
 * What the customer reads when a limit of the hub says "slow down" (decision 0024), in both
 * languages: what was refused, whose allowance it was (their own, their network's, or the chat
 * being busy for everyone) and when it goes on. Pure, so unit tests read it without a DOM.
 */
import type { WidgetLimitRefusal } from '../shared/widgetProtocol.js';
import type { Lang } from './i18n.js';

type Kind = 'messages' | 'connect' | 'files' | 'quota' | 'other';

interface LimitStrings {
  mine: Record<Kind, (wait: string, max: number) => string>;
  busy: Record<Exclude<Kind, 'quota'>, (wait: string) => string>;
  duration: (ms: number) => string;
}

const EN: LimitStrings = {
  mine: {
    messages: (wait) =>
      `Please slow down: you are sending messages too quickly. Your message will be sent again in ${wait}.`,
    connect: (wait) => `Please slow down: too many chats were opened from your network. Trying again in ${wait}.`,
    files: (wait) => `Please slow down: too many files were sent. Try again in ${wait}.`,
    quota: (wait, max) =>
      `Please slow down: you have sent today's maximum of files (${max} MB). You can send more in ${wait}.`,
    other: (wait) => `Please slow down. Try again in ${wait}.`,
  },
  busy: {
    messages: (wait) => `Please slow down: the chat is very busy right now. Your message will be sent in ${wait}.`,
    connect: (wait) => `Please slow down: the chat is very busy right now. Trying again in ${wait}.`,
    files: (wait) => `Please slow down: the chat is very busy right now. Try sending the file again in ${wait}.`,
    other: (wait) => `Please slow down: the chat is very busy right now. Try again in ${wait}.`,
  },
  duration: (ms) => {
    const [n, unit] = split(ms);
    const word = { s: 'second', min: 'minute', h: 'hour' }[unit];
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  },
};

const RU_FORMS = new Intl.PluralRules('ru');
const RU_WORDS: Record<'s' | 'min' | 'h', Record<string, string>> = {
  s: { one: 'секунду', few: 'секунды', many: 'секунд', other: 'секунды' },
  min: { one: 'минуту', few: 'минуты', many: 'минут', other: 'минуты' },
  h: { one: 'час', few: 'часа', many: 'часов', other: 'часа' },
};

const RU: LimitStrings = {
  mine: {
    messages: (wait) =>
      `Пожалуйста, помедленнее: вы отправляете сообщения слишком часто. Сообщение будет отправлено снова через ${wait}.`,
    connect: (wait) =>
      `Пожалуйста, помедленнее: из вашей сети открыто слишком много чатов. Подключимся снова через ${wait}.`,
    files: (wait) => `Пожалуйста, помедленнее: отправлено слишком много файлов. Попробуйте снова через ${wait}.`,
    quota: (wait, max) =>
      `Пожалуйста, помедленнее: на сегодня отправлено максимум файлов (${max} МБ). Отправить ещё можно будет через ${wait}.`,
    other: (wait) => `Пожалуйста, помедленнее. Попробуйте снова через ${wait}.`,
  },
  busy: {
    messages: (wait) => `Пожалуйста, помедленнее: чат сейчас очень загружен. Сообщение будет отправлено через ${wait}.`,
    connect: (wait) => `Пожалуйста, помедленнее: чат сейчас очень загружен. Подключимся снова через ${wait}.`,
    files: (wait) => `Пожалуйста, помедленнее: чат сейчас очень загружен. Отправьте файл снова через ${wait}.`,
    other: (wait) => `Пожалуйста, помедленнее: чат сейчас очень загружен. Попробуйте снова через ${wait}.`,
  },
  duration: (ms) => {
    const [n, unit] = split(ms);
    return `${n} ${RU_WORDS[unit][RU_FORMS.select(n)]}`;
  },
};

const STRINGS: Readonly<Record<Lang, LimitStrings>> = { en: EN, ru: RU };

function split(ms: number): [number, 's' | 'min' | 'h'] {
  if (ms < 90_000) return [Math.max(1, Math.ceil(ms / 1000)), 's'];
  if (ms < 90 * 60_000) return [Math.ceil(ms / 60_000), 'min'];
  return [Math.ceil(ms / 3_600_000), 'h'];
}

function kindOf(limit: WidgetLimitRefusal['limit'], scope: WidgetLimitRefusal['scope']): Kind {
  switch (limit) {
    case 'messages':
      return 'messages';
    case 'sockets':
    case 'hellos':
    case 'new_visitors':
      return 'connect';
    case 'uploads':
      return 'files';
    case 'upload_bytes':
      return scope === 'visitor' ? 'quota' : 'files';
    case 'typing':
    case 'requests':
      return 'other';
  }
}

/** The sentence for a refusal by a limit, in the customer's language. */
export function slowDownText(lang: Lang, refusal: WidgetLimitRefusal): string {
  const strings = STRINGS[lang];
  const wait = strings.duration(refusal.retryAfterMs);
  const kind = kindOf(refusal.limit, refusal.scope);
  if (refusal.scope === 'global' && kind !== 'quota') return strings.busy[kind](wait);
  return strings.mine[kind](wait, Math.round((refusal.max / (1024 * 1024)) * 10) / 10);
}
