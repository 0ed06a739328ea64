/**
 * What the widget adds around the conversation: the start menu (topics with a self-service answer;
 * the choice routes the chat), "agent is typing", and sending a file. Text is only ever set with
 * textContent. The menu does not block typing: a customer may ignore it and just write.
 */
import {
  WIDGET_FILE_MAX_BYTES,
  WIDGET_FILE_TYPES,
  WIDGET_UPLOAD_PATH,
  WidgetLimitRefusal,
  type WidgetTopic,
} from '../shared/widgetProtocol.js';
import { EXTRA_STRINGS, fileProblem } from './extrasText.js';
import type { Lang } from './i18n.js';
import { slowDownText } from './limitText.js';

export { EXTRA_STRINGS, fileProblem, throttled } from './extrasText.js';

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
    if (response.status === 429) {
      // The hub names the limit in error.params (decision 0024); without them, a plain "try again".
      const body: unknown = await response.json().catch(() => null);
      const params = typeof body === 'object' && body && 'error' in body ? (body.error as { params?: unknown }) : null;
      const refusal = WidgetLimitRefusal.safeParse(params?.params);
      return refusal.success ? slowDownText(lang, refusal.data) : EXTRA_STRINGS[lang].fileFailed;
    }
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
