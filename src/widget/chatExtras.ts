/**
 * What the widget adds around the conversation: the start menu (topics with a self-service answer;
 * the choice routes the chat), "agent is typing", and sending a file. Text is only ever set with
 * textContent. The menu does not block typing: a customer may ignore it and just write.
 */
import {
  WIDGET_FILE_MAX_BYTES,
  WIDGET_FILE_TYPES,
  WIDGET_UPLOAD_PATH,
  type WidgetTopic,
} from '../shared/widgetProtocol.js';
import type { Lang } from './i18n.js';

interface ExtraStrings {
  menu: string;
  stillNeedHelp: string;
  typing: (name: string) => string;
  attach: string;
  sendingFile: (name: string) => string;
  fileTooLarge: (max: number) => string;
  fileType: string;
  fileFailed: string;
}

export const EXTRA_STRINGS: Readonly<Record<Lang, ExtraStrings>> = {
  en: {
    menu: 'Pick a topic or just write to us:',
    stillNeedHelp: 'Still need help? Write your question below.',
    typing: (name) => `${name || 'The agent'} is typing…`,
    attach: 'Attach a file',
    sendingFile: (name) => `Sending ${name}…`,
    fileTooLarge: (max) => `The file is too large: at most ${max} MB.`,
    fileType: 'This kind of file is not accepted. Send a picture (PNG, JPEG, GIF), a PDF or a text file.',
    fileFailed: 'The file could not be sent. Please try again.',
  },
  ru: {
    menu: 'Выберите тему или просто напишите нам:',
    stillNeedHelp: 'Нужна помощь? Напишите вопрос ниже.',
    typing: (name) => `${name || 'Оператор'} печатает…`,
    attach: 'Прикрепить файл',
    sendingFile: (name) => `Отправляется ${name}…`,
    fileTooLarge: (max) => `Файл слишком большой: не больше ${max} МБ.`,
    fileType: 'Такой файл не принимается. Отправьте картинку (PNG, JPEG, GIF), PDF или текстовый файл.',
    fileFailed: 'Не удалось отправить файл. Попробуйте ещё раз.',
  },
};

/** The start menu: one button per topic; a choice shows its answer and tells the hub. */
export class StartMenu {
  readonly element = document.createElement('div');

  constructor(
    private readonly lang: Lang,
    private readonly choose: (topicId: string) => void,
  ) {
    this.element.className = 'menu';
    this.element.hidden = true;
  }

  show(topics: readonly WidgetTopic[]): void {
    const strings = EXTRA_STRINGS[this.lang];
    this.element.replaceChildren();
    this.element.hidden = topics.length === 0;
    if (topics.length === 0) return;
    const intro = document.createElement('p');
    intro.textContent = strings.menu;
    const list = document.createElement('div');
    list.className = 'topics';
    list.setAttribute('role', 'group');
    list.setAttribute('aria-label', strings.menu);
    const answer = document.createElement('p');
    answer.className = 'msg answer';
    answer.hidden = true;
    for (const topic of topics) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = topic.title[this.lang];
      button.addEventListener('click', () => {
        for (const b of list.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
        const text = topic.answer?.[this.lang];
        answer.textContent = text ? `${text}\n\n${strings.stillNeedHelp}` : strings.stillNeedHelp;
        answer.hidden = false;
        this.choose(topic.id);
      });
      list.append(button);
    }
    this.element.append(intro, list, answer);
  }

  hide(): void {
    this.element.hidden = true;
  }
}

/** "Agent is typing…" for a few seconds after each notice. */
export class TypingIndicator {
  readonly element = document.createElement('p');
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly lang: Lang) {
    this.element.className = 'typing';
    this.element.setAttribute('role', 'status');
  }

  show(authorName: string, forMs = 6000): void {
    this.element.textContent = EXTRA_STRINGS[this.lang].typing(authorName);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), forMs);
  }

  hide(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.element.textContent = '';
  }
}

/** Calls `send` at most every `intervalMs` however often it is asked (typing notices). */
export function throttled(send: () => void, intervalMs: number, now: () => number = Date.now): () => void {
  let last = -Infinity;
  return () => {
    if (now() - last < intervalMs) return;
    last = now();
    send();
  };
}

/** Why a file cannot go, before any byte is sent; null when it may. */
export function fileProblem(file: { size: number; type: string }, lang: Lang): string | null {
  const strings = EXTRA_STRINGS[lang];
  if (!WIDGET_FILE_TYPES.includes(file.type)) return strings.fileType;
  if (file.size > WIDGET_FILE_MAX_BYTES) return strings.fileTooLarge(WIDGET_FILE_MAX_BYTES / (1024 * 1024));
  return null;
}

/** Sends a file to the hub as the visitor; resolves with an error text for the customer, or null. */
export async function uploadFile(
  hubUrl: string,
  visitorToken: string,
  clientId: string,
  file: File,
  lang: Lang,
): Promise<string | null> {
  const problem = fileProblem(file, lang);
  if (problem) return problem;
  try {
    const response = await fetch(new URL(WIDGET_UPLOAD_PATH, hubUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${visitorToken}`,
        'content-type': file.type,
        'x-okno-file-name': encodeURIComponent(file.name),
        'x-okno-client-id': clientId,
      },
      body: file,
    });
    if (response.ok) return null;
    if (response.status === 413) return EXTRA_STRINGS[lang].fileTooLarge(WIDGET_FILE_MAX_BYTES / (1024 * 1024));
    return response.status === 400 ? EXTRA_STRINGS[lang].fileType : EXTRA_STRINGS[lang].fileFailed;
  } catch {
    return EXTRA_STRINGS[lang].fileFailed;
  }
}

/** The paperclip: a labelled button over a hidden file input. */
export function fileButton(lang: Lang, picked: (file: File) => void): HTMLElement {
  const label = document.createElement('label');
  label.className = 'attach';
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = WIDGET_FILE_TYPES.join(',');
  input.className = 'visually-hidden';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) picked(file);
  });
  const text = document.createElement('span');
  text.textContent = '📎';
  text.setAttribute('aria-hidden', 'true');
  label.title = EXTRA_STRINGS[lang].attach;
  input.setAttribute('aria-label', EXTRA_STRINGS[lang].attach);
  label.append(input, text);
  return label;
}
