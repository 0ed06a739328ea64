/**
 * The web-chat gateway: one WebSocket per open widget. A socket says hello (getting its visitor
 * secret and the conversation so far), then sends messages; agents' replies reach every open
 * socket of that visitor as they are committed.
 */
import type { RawData, WebSocket } from 'ws';
import type { Message, Thread } from '../../shared/domain.js';
import { LIMITS } from '../../shared/domain.js';
import { OknoError, toErrorInfo } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { describeIssues } from '../../shared/validation.js';
import { detectLanguage } from '../../shared/templates/template.js';
import { WidgetClientFrame, type WidgetServerFrame, type WidgetTopic } from '../../shared/widgetProtocol.js';
import { hashSecret, newSecret } from '../auth/tokens.js';
import { sendJson } from '../sockets/sendJson.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { CsatCollector } from './csat.js';
import { createRateLimiter } from './rateLimiter.js';
import { storeVisitorMessage } from './storeVisitorMessage.js';
import { VisitorSockets } from './visitorSockets.js';
import { createThrottle, type TypingRelay } from './typingRelay.js';
import type { CheckedFile } from './widgetFile.js';
import { toWidgetMessage } from './widgetMessage.js';

export const WIDGET_MAX_PAYLOAD = 64 * 1024;
export const WIDGET_RATE = { max: 10, windowMs: 10_000 } as const;
const HISTORY_LIMIT = 200;

type ClientFrame = WidgetClientFrame;

/** What happens after an inbound message is stored (routing, auto-replies), in the same transaction. */
export interface InboundHook {
  customerMessage(tx: Tx, thread: Thread, message: Message, facts: { opened: boolean; startedWaiting: boolean }): void;
  /** After the commit: hand over what the hook wrote for customers. */
  flush(tx: Tx): void;
}
type ErrorFrame = Extract<WidgetServerFrame, { type: 'error' }>;

interface Visitor {
  tokenHash: string;
  name: string | null;
  /** The start-menu topic the visitor picked on this socket. */
  topic: string | null;
}

export class WebchatGateway {
  private readonly sockets = new VisitorSockets();
  /** Where "customer is typing" goes (the agents' live sockets); set by the hub. */
  typing: TypingRelay | null = null;
  /** The start menu sent to visitors without a conversation yet; set by the hub. */
  topics: () => WidgetTopic[] = () => [];
  /** Keeps a visitor's file as the attachment of their message (the channel tables); set by the hub. */
  keepFile: ((messageId: string, file: CheckedFile, now: number) => void) | null = null;
  private readonly typingThrottle = createThrottle(2000, () => this.now());
  private readonly csat: CsatCollector;

  constructor(
    private readonly store: HubStore,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly inbound: InboundHook | null = null,
  ) {
    this.csat = new CsatCollector(store, (tokenHash, frame) => this.sockets.send(tokenHash, frame));
  }

  /** Serves one widget socket until it closes. */
  accept(socket: WebSocket): void {
    const limiter = createRateLimiter(WIDGET_RATE.max, WIDGET_RATE.windowMs, this.now);
    let visitor: Visitor | null = null;

    socket.on('message', (data: RawData, isBinary: boolean) => {
      let clientId: string | undefined;
      try {
        const json = parseJson(data, isBinary);
        clientId = clientIdOf(json);
        const frame = validate(json);
        if (frame.type === 'hello') {
          if (visitor) throw new OknoError('bad_request', 'hello was already received on this socket');
          visitor = this.hello(socket, frame);
          return;
        }
        if (!visitor) throw new OknoError('bad_request', 'send hello before messages');
        // Typing and the menu choice are not messages: they do not count against the rate limit.
        if (frame.type === 'typing') return this.customerTyping(visitor);
        if (frame.type === 'topic') return this.chooseTopic(visitor, frame.topicId);
        if (!limiter.take()) {
          throw new OknoError(
            'rate_limited',
            `more than ${WIDGET_RATE.max} messages in ${WIDGET_RATE.windowMs / 1000} s; wait a moment`,
          );
        }
        if (frame.type === 'csat') this.csat.rate(visitor.tokenHash, frame.threadId, frame.score);
        else this.message(visitor, frame);
      } catch (error) {
        if (!(error instanceof OknoError)) this.log.error('widget frame failed', { error: String(error) });
        const info = toErrorInfo(error);
        const frame: ErrorFrame = {
          type: 'error',
          code: info.code,
          message: error instanceof OknoError ? info.message : 'the hub could not handle this message',
          ...(clientId ? { clientId } : {}),
        };
        sendJson(socket, frame);
      }
    });
    socket.on('close', () => {
      if (visitor) this.sockets.remove(visitor.tokenHash, socket);
    });
    socket.on('error', (error) => this.log.debug('widget socket error', { error: error.message }));
  }

  /** Hands an agent's reply to the visitor's open widgets; a visitor who is away sees it in the next welcome. */
  deliver(thread: Thread, message: Message): void {
    if (thread.channel !== 'webchat') return;
    const frame: WidgetServerFrame = { type: 'message', message: toWidgetMessage(message) };
    for (const tokenHash of this.store.visitors.tokenHashesOf(thread.customerId)) this.sockets.send(tokenHash, frame);
  }

  private hello(socket: WebSocket, frame: Extract<ClientFrame, { type: 'hello' }>) {
    let token = frame.visitorToken;
    let known = token ? this.store.visitors.get(hashSecret(token)) : null;
    if (!token || !known) {
      // Unknown secrets are replaced, never adopted: a visitor cannot choose their own.
      token = newSecret();
      this.store.visitors.insert(hashSecret(token), this.now());
      known = { tokenHash: hashSecret(token), customerId: null };
    }
    const history = known.customerId ? this.history(known.customerId) : [];
    this.sockets.add(known.tokenHash, socket);
    const topics = history.length === 0 ? this.topics() : [];
    sendJson(socket, {
      type: 'welcome',
      visitorToken: token,
      history,
      ...(topics.length > 0 ? { topics } : {}),
    } satisfies WidgetServerFrame);
    const askRating = this.csat.pendingFor(known.customerId);
    if (askRating) sendJson(socket, askRating);
    return { tokenHash: known.tokenHash, name: frame.name || null, topic: null };
  }

  private history(customerId: string) {
    const thread = this.store.threads.latestOf(customerId, 'webchat');
    return thread ? this.store.messages.recentOf(thread.id, HISTORY_LIMIT).map(toWidgetMessage) : [];
  }

  /** The visitor's open web-chat thread, if any. */
  private openThreadOf(visitor: Visitor): Thread | null {
    const customerId = this.store.visitors.get(visitor.tokenHash)?.customerId;
    const thread = customerId ? this.store.threads.latestOf(customerId, 'webchat') : null;
    return thread?.status === 'open' ? thread : null;
  }

  private customerTyping(visitor: Visitor): void {
    // No thread yet (typing the first message): nothing to tell, and the throttle is not spent.
    const thread = this.openThreadOf(visitor);
    if (!thread || !this.typingThrottle(`c:${visitor.tokenHash}`)) return;
    this.typing?.customerTyping({ threadId: thread.id, at: this.now() });
  }

  private chooseTopic(visitor: Visitor, topicId: string): void {
    if (!this.topics().some((t) => t.id === topicId)) {
      throw new OknoError('bad_request', `topic "${topicId}" is not in the menu`);
    }
    visitor.topic = topicId;
  }

  /**
   * A file from the widget (already checked): stored as the visitor's message "📎 name" with the
   * file as its attachment, routed like any message. `keepFile` writes the attachment row.
   */
  visitorFile(visitorToken: string, clientId: string, file: CheckedFile): Message {
    const tokenHash = hashSecret(visitorToken);
    if (!this.store.visitors.get(tokenHash)) throw new OknoError('unauthorized', 'unknown visitor; reload the chat');
    const text = `📎 ${file.name} (${Math.max(1, Math.round(file.data.length / 1024))} KB)`;
    let committed: Tx | null = null;
    const { result: message } = this.store.write((tx) => {
      committed = tx;
      const stored = storeVisitorMessage(tx, this.store, { tokenHash, name: null, clientId, text });
      if (stored.received) {
        this.keepFile?.(stored.message.id, file, tx.now);
        this.inbound?.customerMessage(tx, stored.received.thread, stored.message, stored.received);
      }
      return stored.message;
    });
    this.sockets.send(tokenHash, { type: 'message', message: toWidgetMessage(message), clientId });
    if (committed) this.inbound?.flush(committed);
    return message;
  }

  /** An agent is typing in a web-chat thread: the visitor's open widgets show it for a few seconds. */
  agentTyping(thread: Thread, agentName: string): void {
    if (thread.channel !== 'webchat' || !this.typingThrottle(`a:${thread.id}`)) return;
    const frame: WidgetServerFrame = { type: 'typing', authorName: agentName };
    for (const tokenHash of this.store.visitors.tokenHashesOf(thread.customerId)) this.sockets.send(tokenHash, frame);
  }

  private message(visitor: Visitor, frame: Extract<ClientFrame, { type: 'message' }>): void {
    const text = frame.text.trim();
    if (text.length === 0) throw new OknoError('bad_request', 'message is empty');
    if (text.length > LIMITS.messageText) {
      throw new OknoError('message_too_long', `message is longer than ${LIMITS.messageText} characters`);
    }
    let committed: Tx | null = null;
    const { result: message } = this.store.write((tx) => {
      committed = tx;
      const stored = storeVisitorMessage(tx, this.store, {
        tokenHash: visitor.tokenHash,
        name: visitor.name,
        clientId: frame.clientId,
        text,
      });
      if (stored.received?.opened && visitor.topic) {
        // The menu's choice routes the new thread (instead of guessing the topic from its words).
        const thread = stored.received.thread;
        this.store.routing.saveThreadRouting({
          threadId: thread.id,
          topic: visitor.topic,
          language: detectLanguage(text),
          groupId: null,
          queuedAt: thread.assigneeId ? null : tx.now,
        });
      }
      if (stored.received) this.inbound?.customerMessage(tx, stored.received.thread, stored.message, stored.received);
      return stored.message;
    });
    this.sockets.send(visitor.tokenHash, {
      type: 'message',
      message: toWidgetMessage(message),
      clientId: frame.clientId,
    } satisfies WidgetServerFrame);
    // The customer sees their own message before the automatic answer to it.
    if (committed) this.inbound?.flush(committed);
  }
}

function parseJson(data: RawData, isBinary: boolean): unknown {
  if (isBinary) throw new OknoError('bad_request', 'frames must be JSON text');
  const text = Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Buffer.from(data).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new OknoError('bad_request', `frame is not valid JSON: ${(error as Error).message}`);
  }
}

function validate(json: unknown): ClientFrame {
  const parsed = WidgetClientFrame.safeParse(json);
  if (!parsed.success) throw new OknoError('bad_request', `invalid frame: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** The clientId of a message frame, if it has one, so an error can name the message it refuses. */
function clientIdOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || !('clientId' in json)) return undefined;
  return typeof json.clientId === 'string' ? json.clientId.slice(0, 64) : undefined;
}
