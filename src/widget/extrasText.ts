/** The widget extras' words in both languages and their pure rules (no DOM, so unit-testable). */
import { WIDGET_FILE_MAX_BYTES, WIDGET_FILE_TYPES } from '../shared/widgetProtocol.js';
import type { Lang } from './i18n.js';

export interface ExtraStrings {
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

/**
 * Calls `send` at most every `intervalMs` however often it is asked (typing notices); `reset`
 * starts over, so the first keystroke after a sent message is announced at once.
 */
export function throttled(
  send: () => void,
  intervalMs: number,
  now: () => number = Date.now,
): { (): void; reset(): void } {
  let last = -Infinity;
  const call = () => {
    if (now() - last < intervalMs) return;
    last = now();
    send();
  };
  return Object.assign(call, { reset: () => void (last = -Infinity) });
}

/** Why a file cannot go, before any byte is sent; null when it may. */
export function fileProblem(file: { size: number; type: string }, lang: Lang): string | null {
  const strings = EXTRA_STRINGS[lang];
  if (!WIDGET_FILE_TYPES.includes(file.type)) return strings.fileType;
  if (file.size > WIDGET_FILE_MAX_BYTES) return strings.fileTooLarge(WIDGET_FILE_MAX_BYTES / (1024 * 1024));
  return null;
}
