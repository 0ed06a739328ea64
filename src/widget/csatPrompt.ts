/**
 * After an agent closes the conversation, the widget asks the customer for a rating from 1 to 5
 * (five buttons with accessible names). One rating per conversation; the hub confirms it.
 */
import type { Lang } from './i18n.js';

interface CsatStrings {
  question: string;
  group: string;
  score: (n: number) => string;
  thanks: string;
}

const CSAT_STRINGS: Readonly<Record<Lang, CsatStrings>> = {
  en: {
    question: 'How did we do? Rate this conversation from 1 (bad) to 5 (very good).',
    group: 'Rate this conversation',
    score: (n) => `Rate ${n} of 5`,
    thanks: 'Thank you for your rating!',
  },
  ru: {
    question: 'Как мы справились? Оцените разговор от 1 (плохо) до 5 (отлично).',
    group: 'Оцените разговор',
    score: (n) => `Оценка ${n} из 5`,
    thanks: 'Спасибо за оценку!',
  },
};

export class CsatPrompt {
  readonly element = document.createElement('div');
  private readonly question = document.createElement('p');
  private readonly buttons: HTMLButtonElement[] = [];
  private threadId: string | null = null;
  private readonly strings: CsatStrings;

  /** `rate` returns false when the widget is offline (the buttons stay for another try). */
  constructor(
    lang: Lang,
    private readonly rate: (threadId: string, score: number) => boolean,
  ) {
    const strings = CSAT_STRINGS[lang];
    this.strings = strings;
    this.element.className = 'csat';
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', strings.group);
    this.element.hidden = true;
    this.question.textContent = strings.question;
    const row = document.createElement('div');
    row.className = 'row';
    for (let score = 1; score <= 5; score++) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = String(score);
      button.setAttribute('aria-label', strings.score(score));
      button.addEventListener('click', () => this.choose(score));
      this.buttons.push(button);
      row.append(button);
    }
    this.element.append(this.question, row);
  }

  /** The hub asks for a rating of this (closed) conversation. */
  ask(threadId: string): void {
    if (this.threadId === threadId && !this.element.hidden) return;
    this.threadId = threadId;
    this.question.textContent = this.strings.question;
    for (const b of this.buttons) {
      b.hidden = false;
      b.disabled = false;
    }
    this.element.hidden = false;
  }

  /** The hub recorded the rating. */
  rated(threadId: string): void {
    if (threadId !== this.threadId) return;
    this.question.textContent = this.strings.thanks;
    for (const b of this.buttons) b.hidden = true;
  }

  /** The customer wrote again: the prompt for the old conversation goes away. */
  hide(): void {
    this.element.hidden = true;
    this.threadId = null;
  }

  private choose(score: number): void {
    if (!this.threadId) return;
    for (const b of this.buttons) b.disabled = true;
    if (!this.rate(this.threadId, score)) for (const b of this.buttons) b.disabled = false;
  }
}
