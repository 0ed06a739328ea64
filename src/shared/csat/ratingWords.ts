/**
 * What a customer reads about a rating, in the two languages the hub speaks to customers (the email
 * page, the messenger answers). The agents' words are in the renderer's i18n; these never reach an agent.
 */
export type RatingLanguage = 'en' | 'ru';

export type RatingRefusal = 'not_found' | 'already_rated' | 'late' | 'another_conversation' | 'bad_score';

interface Words {
  ask: string;
  pageTitle: string;
  pageAsk: string;
  choices: readonly [string, string, string, string, string];
  thanks: (score: number) => string;
  refused: Record<RatingRefusal, string>;
  emailBody: (link: string) => string;
}

export const RATING_WORDS: Record<RatingLanguage, Words> = {
  en: {
    ask: 'How did we do? Please rate this conversation from 1 (bad) to 5 (excellent).',
    pageTitle: 'Rate our service',
    pageAsk: 'How satisfied are you with how we handled your request?',
    choices: ['1 — very bad', '2 — bad', '3 — fair', '4 — good', '5 — excellent'],
    thanks: (score) => `Thank you! You rated this conversation ${score} of 5.`,
    refused: {
      not_found: 'This rating link is not known. Nothing was recorded.',
      already_rated: 'This conversation was already rated; one rating is kept.',
      late: 'This rating request has expired. Nothing was recorded.',
      another_conversation: 'This rating belongs to another conversation. Nothing was recorded.',
      bad_score: 'A rating is a whole number from 1 to 5.',
    },
    emailBody: (link) =>
      `Your conversation with us is closed. How did we do?\n\nRate it from 1 to 5 here (one click):\n${link}\n`,
  },
  ru: {
    ask: 'Оцените, пожалуйста, наше обслуживание от 1 (плохо) до 5 (отлично).',
    pageTitle: 'Оцените обслуживание',
    pageAsk: 'Насколько вы довольны тем, как мы решили ваш вопрос?',
    choices: ['1 — очень плохо', '2 — плохо', '3 — удовлетворительно', '4 — хорошо', '5 — отлично'],
    thanks: (score) => `Спасибо! Ваша оценка: ${score} из 5.`,
    refused: {
      not_found: 'Такая ссылка для оценки неизвестна. Оценка не записана.',
      already_rated: 'Этот разговор уже оценён; сохраняется одна оценка.',
      late: 'Срок для оценки истёк. Оценка не записана.',
      another_conversation: 'Эта оценка относится к другому разговору. Оценка не записана.',
      bad_score: 'Оценка — целое число от 1 до 5.',
    },
    emailBody: (link) =>
      `Ваше обращение закрыто. Оцените, пожалуйста, наш ответ от 1 до 5 (одним нажатием):\n${link}\n`,
  },
};

/** The customer's language guessed from what they wrote: Cyrillic means Russian. */
export function languageOfText(text: string): RatingLanguage {
  const cyrillic = (text.match(/[\u0400-\u04FF]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return cyrillic > 0 && cyrillic >= latin / 4 ? 'ru' : latin > 0 ? 'en' : 'ru';
}
