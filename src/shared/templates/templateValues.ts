/**
 * The values of template variables for one thread, formatted in the customer's language and the
 * contact center's local time (the text leaves the app, so it cannot be formatted on a screen).
 */
import type { Channel } from '../domain.js';
import type { TemplateValues } from './renderTemplate.js';

export type TemplateLanguage = 'en' | 'ru';

export interface ValueSources {
  language: TemplateLanguage;
  now: number;
  /** Local time of the contact center minus UTC, minutes. */
  utcOffsetMinutes: number;
  customer?: { name: string } | null;
  agent?: { name: string } | null;
  thread?: { number: number; channel: Channel } | null;
  /** Next opening time, when closed. */
  opening?: number | null;
  waitMinutes?: number | null;
}

const MONTHS: Record<TemplateLanguage, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  ru: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
};
const WEEKDAYS: Record<TemplateLanguage, readonly string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  ru: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
};
const CHANNELS: Record<TemplateLanguage, Record<Channel, string>> = {
  en: { phone: 'phone', webchat: 'web chat', email: 'email', telegram: 'Telegram', vk: 'VK', webhook: 'messenger' },
  ru: {
    phone: 'телефон',
    webchat: 'чат на сайте',
    email: 'почта',
    telegram: 'Telegram',
    vk: 'ВКонтакте',
    webhook: 'мессенджер',
  },
};

const DAY = 86_400_000;

function local(at: number, offsetMinutes: number): Date {
  return new Date(at + offsetMinutes * 60_000);
}

export function formatDate(at: number, language: TemplateLanguage, offsetMinutes: number): string {
  const d = local(at, offsetMinutes);
  const month = MONTHS[language][d.getUTCMonth()]!;
  return language === 'ru'
    ? `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`
    : `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

export function formatTime(at: number, offsetMinutes: number): string {
  const d = local(at, offsetMinutes);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** "today at 09:00", "Monday at 09:00", or a date for later. */
export function formatOpening(at: number, now: number, language: TemplateLanguage, offsetMinutes: number): string {
  const days =
    Math.floor(local(at, offsetMinutes).getTime() / DAY) - Math.floor(local(now, offsetMinutes).getTime() / DAY);
  const time = formatTime(at, offsetMinutes);
  const at_ = language === 'ru' ? 'в' : 'at';
  if (days <= 0) return language === 'ru' ? `сегодня в ${time}` : `today at ${time}`;
  if (days === 1) return language === 'ru' ? `завтра в ${time}` : `tomorrow at ${time}`;
  if (days < 7) {
    const weekday = WEEKDAYS[language][local(at, offsetMinutes).getUTCDay()]!;
    return language === 'ru' ? `${weekdayAccusative(weekday)} ${at_} ${time}` : `${weekday} ${at_} ${time}`;
  }
  return `${formatDate(at, language, offsetMinutes)} ${at_} ${time}`;
}

/** "в среду", "в пятницу", "во вторник". */
function weekdayAccusative(weekday: string): string {
  const form = weekday.replace(/а$/, 'у');
  return weekday === 'вторник' ? `во ${form}` : `в ${form}`;
}

export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? '';
}

export function templateValues(sources: ValueSources): TemplateValues {
  const { language, now, utcOffsetMinutes: offset } = sources;
  const values: TemplateValues = {
    'date.today': formatDate(now, language, offset),
    'date.tomorrow': formatDate(now + DAY, language, offset),
    'time.now': formatTime(now, offset),
  };
  if (sources.customer?.name) {
    values['customer.name'] = sources.customer.name;
    values['customer.firstName'] = firstName(sources.customer.name);
  }
  if (sources.agent?.name) {
    values['agent.name'] = sources.agent.name;
    values['agent.firstName'] = firstName(sources.agent.name);
  }
  if (sources.thread) {
    values['thread.number'] = String(sources.thread.number);
    values['thread.channel'] = CHANNELS[language][sources.thread.channel];
  }
  if (sources.opening !== null && sources.opening !== undefined) {
    values['hours.opening'] = formatOpening(sources.opening, now, language, offset);
  }
  if (sources.waitMinutes !== null && sources.waitMinutes !== undefined) {
    values['queue.waitMinutes'] = String(Math.max(1, Math.ceil(sources.waitMinutes)));
  }
  return values;
}
