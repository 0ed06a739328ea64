/** Wires the view, the conversation state and the hub connection of one mounted widget. */
import { LIMITS } from '../shared/domain.js';
import { uuidv7 } from '../shared/ids.js';
import { WIDGET_SOCKET_PATH } from '../shared/widgetProtocol.js';
import { ChatConnection, type LinkState } from './chatConnection.js';
import { EXTRA_STRINGS, fileButton, StartMenu, throttled, TypingIndicator, uploadFile } from './chatExtras.js';
import { ChatView } from './chatView.js';
import { socketUrl, type WidgetConfig } from './config.js';
import { Conversation } from './conversation.js';
import { CsatPrompt } from './csatPrompt.js';
import { errorText, STRINGS } from './i18n.js';
import { slowDownText } from './limitText.js';
import { localTokenStore } from './visitorToken.js';

export function mountChatWidget(host: HTMLElement, config: WidgetConfig): void {
  const strings = STRINGS[config.lang];
  const conversation = new Conversation();
  const tokens = localTokenStore(config.hubUrl);
  // The hub's "slow down" stays in the status line until its wait is over (link states do not cover it).
  let slowUntil = 0;
  let releaseAt = 0;
  let releaseTimer: ReturnType<typeof setTimeout> | null = null;
  /** Messages a limit held back go again once the longest wait the hub named is over. */
  const releaseAfter = (ms: number) => {
    const at = Date.now() + ms;
    if (releaseTimer && at <= releaseAt) return;
    if (releaseTimer) clearTimeout(releaseTimer);
    releaseAt = at;
    releaseTimer = setTimeout(() => {
      releaseTimer = null;
      if (connection.online) view.setStatus('');
      for (const entry of conversation.release()) connection.send(entry.id, entry.text);
      view.render(conversation.entries());
    }, ms);
  };

  const connection = new ChatConnection(socketUrl(config.hubUrl, WIDGET_SOCKET_PATH), tokens, {
    welcome(history) {
      conversation.reset(history);
      // Whatever was typed while offline goes now; the hub recognises a resent clientId.
      for (const entry of conversation.pending()) connection.send(entry.id, entry.text);
      view.render(conversation.entries());
    },
    message(message, clientId) {
      conversation.confirm(message);
      if (message.direction === 'out' && !view.isOpen) view.setUnread(true);
      view.render(conversation.entries());
      if (clientId === undefined && message.direction === 'out') view.setStatus('');
    },
    error(code, clientId) {
      const text = errorText(strings, code, LIMITS.messageText);
      if (clientId && conversation.fail(clientId, text)) view.render(conversation.entries());
      else view.setStatus(text);
    },
    csat(frame) {
      if (frame.type === 'rate') csat.ask(frame.threadId);
      else csat.rated(frame.threadId);
    },
    topics: (topics) => menu.show(topics),
    typing: (authorName) => typing.show(authorName),
    slowDown(frame) {
      // Typing notices are not something the customer did on purpose: nothing to tell them.
      if (frame.limit === 'typing') return;
      const text = slowDownText(config.lang, frame);
      if (frame.clientId && conversation.hold(frame.clientId, text)) {
        view.render(conversation.entries());
        releaseAfter(frame.retryAfterMs);
      }
      slowUntil = Date.now() + frame.retryAfterMs;
      view.setStatus(text);
    },
    state(state: LinkState) {
      if (state !== 'online' && Date.now() < slowUntil) return;
      view.setStatus(state === 'online' ? '' : state === 'connecting' ? strings.connecting : strings.offline);
    },
  });

  const view = new ChatView(host, strings, config.lang, LIMITS.messageText, {
    opened: () => connection.start(),
    submit(text) {
      csat.hide();
      const clientId = uuidv7();
      conversation.addPending(clientId, text, Date.now());
      connection.send(clientId, text);
      view.render(conversation.entries());
      typingNotice.reset();
    },
  });

  const csat = new CsatPrompt(config.lang, (threadId, score) => connection.sendCsat(threadId, score));
  view.addPart(csat.element);

  // The start menu, "agent is typing", typing notices to the hub, and files.
  const menu = new StartMenu(config.lang, (topicId) => connection.sendSignal({ type: 'topic', topicId }));
  view.addToLog(menu.element);
  const typing = new TypingIndicator(config.lang);
  view.addPart(typing.element);
  const typingNotice = throttled(() => connection.sendSignal({ type: 'typing' }), 3000);
  view.onInput(typingNotice);
  view.addTool(
    fileButton(config.lang, (file) => {
      const token = tokens.get();
      if (!token || !connection.online) return view.setStatus(strings.offline);
      view.setStatus(EXTRA_STRINGS[config.lang].sendingFile(file.name));
      void uploadFile(config.hubUrl, token, uuidv7(), file, config.lang).then((problem) =>
        view.setStatus(problem ?? ''),
      );
    }),
  );

  // A returning visitor connects at once, so a reply that arrives while the panel is closed shows as unread.
  if (tokens.get()) connection.start();
}
