/**
 * The widget's DOM, inside a shadow root so the site's CSS cannot break it. Visitor and agent
 * text is only ever set with textContent. The view knows nothing of sockets: it shows entries and
 * reports what the visitor did.
 */
import type { Entry } from './conversation.js';
import type { Lang, Strings } from './i18n.js';
import { WIDGET_CSS } from './styles.js';

export interface ViewActions {
  opened(): void;
  submit(text: string): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

export class ChatView {
  private readonly launcher = el('button', 'launcher');
  private readonly panel = el('section', 'panel');
  private readonly list = el('ol');
  private readonly logBox = el('div', 'log');
  private readonly status = el('p', 'status');
  private readonly input = el('textarea');
  private readonly counter = el('span', 'counter');
  private readonly sendButton = el('button', 'send');
  private readonly items = new Map<string, HTMLLIElement>();
  private readonly timeFormat: Intl.DateTimeFormat;

  constructor(
    host: HTMLElement,
    private readonly strings: Strings,
    lang: Lang,
    private readonly maxLength: number,
    private readonly actions: ViewActions,
  ) {
    this.timeFormat = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
    const shadow = host.attachShadow({ mode: 'open' });
    adoptStyles(shadow);
    const root = el('div', 'root');
    root.lang = lang;
    root.append(this.buildLauncher(), this.buildPanel());
    shadow.append(root);
  }

  private buildLauncher(): HTMLElement {
    this.launcher.type = 'button';
    this.launcher.textContent = this.strings.launcher;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-controls', 'okno-panel');
    this.launcher.addEventListener('click', () => this.open());
    return this.launcher;
  }

  private buildPanel(): HTMLElement {
    this.panel.id = 'okno-panel';
    this.panel.hidden = true;
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-label', this.strings.title);

    const head = el('div', 'head');
    const title = el('h2');
    title.textContent = this.strings.title;
    const close = el('button', 'close');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', this.strings.close);
    close.addEventListener('click', () => this.close());
    head.append(title, close);

    this.logBox.setAttribute('role', 'log');
    this.logBox.setAttribute('aria-label', this.strings.conversation);
    this.logBox.setAttribute('aria-live', 'polite');
    this.logBox.tabIndex = 0;
    const greeting = el('p', 'msg');
    greeting.textContent = this.strings.greeting;
    this.logBox.append(greeting, this.list);

    this.status.setAttribute('role', 'status');

    const form = el('form', 'composer');
    this.input.rows = 2;
    this.input.maxLength = this.maxLength;
    this.input.setAttribute('aria-label', this.strings.input);
    this.counter.id = 'okno-counter';
    this.input.setAttribute('aria-describedby', 'okno-counter');
    this.input.addEventListener('input', () => this.updateCounter());
    this.input.addEventListener('keydown', (event) => {
      // Enter sends; Shift+Enter is a new line; Enter while an IME is composing belongs to the IME.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.sendButton.type = 'submit';
    this.sendButton.textContent = this.strings.send;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    const row = el('div', 'row');
    row.append(this.counter, this.sendButton);
    form.append(this.input, row);
    this.updateCounter();

    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    this.panel.append(head, this.logBox, this.status, form);
    return this.panel;
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  open(): void {
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.setUnread(false);
    this.actions.opened();
    this.scrollToEnd();
    this.input.focus();
  }

  close(): void {
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  setUnread(unread: boolean): void {
    this.launcher.classList.toggle('unread', unread);
    this.launcher.textContent = unread ? this.strings.launcherUnread : this.strings.launcher;
  }

  /** Adds a part inside the conversation log, after the greeting (the start menu). */
  addToLog(node: HTMLElement): void {
    this.list.before(node);
  }

  /** Adds a control beside the send button (the file button). */
  addTool(node: HTMLElement): void {
    this.sendButton.before(node);
  }

  /** Calls `listener` whenever the visitor types (typing notices). */
  onInput(listener: () => void): void {
    this.input.addEventListener('input', listener);
  }

  /** Shows another part (the rating prompt) below the conversation. */
  addPart(node: HTMLElement): void {
    this.logBox.after(node);
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** Brings the list in line with `entries`, touching only what changed so the log announces only news. */
  render(entries: Entry[]): void {
    const keep = new Set(entries.map((e) => e.id));
    for (const [id, item] of this.items) {
      if (!keep.has(id)) {
        item.remove();
        this.items.delete(id);
      }
    }
    entries.forEach((entry, index) => {
      let item = this.items.get(entry.id);
      if (!item) {
        item = el('li');
        this.items.set(entry.id, item);
      }
      this.fill(item, entry);
      if (this.list.children[index] !== item) this.list.insertBefore(item, this.list.children[index] ?? null);
    });
    this.scrollToEnd();
  }

  private fill(item: HTMLLIElement, entry: Entry): void {
    const signature = `${entry.state}|${entry.error ?? ''}|${entry.note ?? ''}|${entry.authorName}|${entry.text}`;
    if (item.dataset.signature === signature) return;
    item.dataset.signature = signature;
    item.className = `msg${entry.mine ? ' mine' : ''}${entry.state === 'sent' ? '' : ` ${entry.state}`}`;
    const author = el('span', 'author');
    author.textContent = entry.mine ? this.strings.you : entry.authorName;
    const text = el('p', 'text');
    text.textContent = entry.text;
    const meta = el('span', 'meta');
    meta.textContent =
      entry.state === 'pending'
        ? (entry.note ?? this.strings.sending)
        : entry.state === 'failed'
          ? `${this.strings.notSent}: ${entry.error ?? ''}`
          : this.timeFormat.format(entry.createdAt);
    item.replaceChildren(author, text, meta);
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (text.length === 0 || text.length > this.maxLength) return;
    this.actions.submit(text);
    this.input.value = '';
    this.updateCounter();
    this.input.focus();
  }

  private updateCounter(): void {
    const used = this.input.value.length;
    this.counter.textContent = this.strings.counter(used, this.maxLength);
    this.counter.classList.toggle('near', used > this.maxLength * 0.9);
    this.sendButton.disabled = this.input.value.trim().length === 0;
  }

  private scrollToEnd(): void {
    this.logBox.scrollTop = this.logBox.scrollHeight;
  }
}

/**
 * Constructed stylesheets are not inline styles, so they work under a strict style-src CSP
 * (the demo page has one); older browsers get a <style> element instead.
 */
function adoptStyles(shadow: ShadowRoot): void {
  if (
    'adoptedStyleSheets' in shadow &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    shadow.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = WIDGET_CSS;
  shadow.append(style);
}
