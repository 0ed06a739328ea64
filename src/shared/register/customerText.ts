/**
 * What the customer reads about their complaint (decision 0035): the type's per-status message or
 * letter with its placeholders filled. Customer-facing words (status names) live here in both
 * languages because the customer, not the agent, reads them; the agent's screen words them through i18n.
 */
import type { ComplaintStatus } from './registerSchemas.js';

export type CustomerLanguage = 'en' | 'ru';

export const STATUS_FOR_CUSTOMER: Readonly<Record<CustomerLanguage, Readonly<Record<ComplaintStatus, string>>>> = {
  en: {
    new: 'registered',
    in_progress: 'in progress',
    waiting_customer: 'waiting for your reply',
    resolved: 'resolved',
    closed: 'closed',
  },
  ru: {
    new: 'зарегистрировано',
    in_progress: 'в работе',
    waiting_customer: 'ожидает вашего ответа',
    resolved: 'решено',
    closed: 'закрыто',
  },
};

/** Who the customer sees as the author of a status message. */
export const REGISTER_AUTHOR: Readonly<Record<CustomerLanguage, string>> = {
  en: 'Requests and complaints',
  ru: 'Обращения и жалобы',
};

export interface CustomerTextValues {
  number: number;
  status: ComplaintStatus;
  /** Already formatted for the language. */
  deadline: string;
  subject: string;
  customer: string;
  type: string;
  date: string;
  fields: Readonly<Record<string, string | number>>;
}

/** Fills {number} {status} {deadline} {subject} {customer} {type} {date} {field:<id>}; unknown ones stay. */
export function fillCustomerText(template: string, language: CustomerLanguage, v: CustomerTextValues): string {
  return template.replace(/\{(field:)?([a-z][a-z0-9_]*)\}/g, (whole, field: string | undefined, name: string) => {
    if (field) return v.fields[name] === undefined ? '' : String(v.fields[name]);
    switch (name) {
      case 'number':
        return String(v.number);
      case 'status':
        return STATUS_FOR_CUSTOMER[language][v.status];
      case 'deadline':
        return v.deadline;
      case 'subject':
        return v.subject;
      case 'customer':
        return v.customer;
      case 'type':
        return v.type;
      case 'date':
        return v.date;
      default:
        return whole;
    }
  });
}

/** The template in the customer's language, else in the other one; "" when neither says anything. */
export function pickText(text: { en: string; ru: string }, language: CustomerLanguage): string {
  const first = text[language].trim();
  if (first) return text[language];
  return text[language === 'en' ? 'ru' : 'en'].trim() ? text[language === 'en' ? 'ru' : 'en'] : '';
}
