/**
 * The web-chat gateway: one WebSocket per open widget. A socket says hello (getting its visitor
 * secret and the conversation so far), then sends messages; agents' replies reach every open
 * socket of that visitor as they are committed. Every socket, hello, message, typing notice and
 * file passes the limits first (decision 0024): a refusal is a `slow_down` frame naming the limit,
 * and a refused message is not stored, so nothing acknowledged is ever dropped by a limit.
 * It is a built-in `Gateway` (decision 0030): the gateway host starts and stops it and outbound
 * delivery sends replies through `send`; what visitors send keeps the widget's own protocol.
 */
import type { RawData, WebSocket } from 'ws';
import type { Message, Thread } from '../../shared/domain.js';
import { LIMITS } from '../../shared/domain.js';
import { OknoError, toErrorInfo } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { Gateway, OutboundMessage, SendResult } from '../gateways/gateway.js';
import { describeIssues } from '../../shared/validation.js';
import { detectLanguage } from '../../shared/templates/template.js';
import { WidgetClientFrame, type WidgetServerFrame, type WidgetTopic } from '../../shared/widgetProtocol.js';
import { hashSecret, newSecret } from '../auth/tokens.js';
import { sendJson } from '../sockets/sendJson.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { CsatCollector } from './csat.js';
import { limitRefusal, refusalError, type LimitRefusal } from './limitRefusal.js';
import { storeVisitorMessage } from './storeVisitorMessage.js';
import { VisitorSweeper } from './visitorSweeper.js';
import { VisitorSockets } from './visitorSockets.js';
import { createThrottle, type TypingRelay } from './typingRelay.js';
import type { ClusterBus } from '../cluster/clusterBus.js';
import type { CheckedFile } from './widgetFile.js';
import { addressKey, WidgetLimiter } from './widgetLimiter.js';
import { widgetLimitsFromEnv, type WidgetLimits } from './widgetLimits.js';
import { toWidgetMessage } from './widgetMessage.js';

export const WIDGET_MAX_PAYLOAD = 64 * 1024;
const HISTORY_LIMIT = 200;
const DAY = 86_400_000;
/** "Try again later" (RFC 6455 §7.4.1 as registered): the close code of a socket a limit refused. */
export const CLOSE_TRY_AGAIN_LATER = 1013;
/**
 * A socket refused (by a limit, or as a wrong frame) this many times in a row is not a widget (the
 * widget holds a refused message until the wait is over): it is closed with 1008, so a flood costs its sender sockets and hellos,
 * which are limited too, instead of the hub's time.
 */
export const REFUSALS_IN_A_ROW = 50;
const CLOSE_POLICY_VIOLATION = 1008;
/** The wait a socket closed for ignoring refusals is told before it may come back. */
const IGNORED_REFUSALS_WAIT_MS = 60_000;

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
  /** The network address the socket came from (IPv6 by its /64). */
  address: string;
  name: string | null;
  /** The start-menu topic the visitor picked on this socket. */
  topic: string | null;
}

export interface WebchatGatewayDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
  /** Routing and auto-replies for what visitors write (the contact center). */
  inbound: InboundHook | null;
  /** Where "customer is typing" goes (the agents' live sockets). */
  typing: TypingRelay;
  /** The other hub instances, where visitors' widgets may be open too; none when the hub runs alone. */
  bus?: ClusterBus;
  /** The start menu sent to visitors without a conversation yet. */
  topics: () => WidgetTopic[];
  /** Keeps a visitor's file as the attachment of their message (the channel tables). */
  keepFile: (messageId: string, file: CheckedFile, now: number) => void;
  /** The public endpoints' limits; default the built-in ones changed by OKNO_HUB_WIDGET_LIMITS. */
  limits?: WidgetLimits;
}

export class WebchatGateway implements Gateway {
  readonly kind = 'webchat';
  private readonly sockets: VisitorSockets;
  /** Where "customer is typing" goes (the agents' live sockets). */
  readonly typing: TypingRelay;
  readonly limits: WidgetLimits;
  private readonly store: HubStore;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly inbound: InboundHook | null;
  private readonly topics: () => WidgetTopic[];
  private readonly keepFile: (messageId: string, file: CheckedFile, now: number) => void;
  private readonly typingThrottle: (key: string) => boolean;
  private readonly csat: CsatCollector;
  private readonly limiter: WidgetLimiter;
  private readonly sweeper: VisitorSweeper;

  constructor(deps: WebchatGatewayDeps) {
    const { store, now, log } = deps;
    this.store = store;
    this.now = now;
    this.log = log;
    this.inbound = deps.inbound;
    this.typing = deps.typing;
    this.sockets = new VisitorSockets(deps.bus);
    this.topics = deps.topics;
    this.keepFile = deps.keepFile;
    this.limits = deps.limits ?? widgetLimitsFromEnv(process.env);
    this.typingThrottle = createThrottle(2000, now);
    this.csat = new CsatCollector(store, (tokenHash, frame) => this.sockets.send(tokenHash, frame));
    this.limiter = new WidgetLimiter(this.limits);
    this.sweeper = new VisitorSweeper(store.visitors, this.limits.visitors, now, (h) => this.sockets.has(h), log);
  }

  /** Starts removing expired visitors (now, then every `limits.visitors.sweepEveryMs`). */
  start(): Promise<void> {
    this.sweeper.start();
    return Promise.resolve();
  }

  /** Stops the sweeper and closes the open widgets' sockets (they reconnect to the next hub). */
  stop(): Promise<void> {
    this.sweeper.stop();
    this.sockets.closeAll();
    return Promise.resolve();
  }

  /** Removes expired visitors now; how many. */
  sweepVisitors(): number {
    return this.sweeper.sweep();
  }

  /** Serves one widget socket until it closes; `ip` is the address it came from. */
  accept(socket: WebSocket, ip?: string): void {
    const address = addressKey(ip);
    const refused = this.limiter.openSocket(address);
    if (refused) {
      this.refuseSocket(socket, refused);
      return;
    }
    let visitor: Visitor | null = null;
    let refusedInARow = 0;
    const strike = (refusal: LimitRefusal | null) => {
      if (++refusedInARow < REFUSALS_IN_A_ROW) return;
      if (refusal)
        this.slowDown(socket, { ...refusal, retryAfterMs: Math.max(refusal.retryAfterMs, IGNORED_REFUSALS_WAIT_MS) });
      socket.close(CLOSE_POLICY_VIOLATION, `slow down: ${REFUSALS_IN_A_ROW} refusals in a row`);
    };
    const refuse = (refusal: LimitRefusal, clientId?: string) => {
      this.slowDown(socket, refusal, clientId);
      strike(refusal);
    };

    socket.on('message', (data: RawData, isBinary: boolean) => {
      // Frames still arriving on a socket being closed are not read.
      if (socket.readyState !== socket.OPEN) return;
      let clientId: string | undefined;
      try {
        const json = parseJson(data, isBinary);
        clientId = clientIdOf(json);
        const frame = validate(json);
        if (frame.type === 'hello') {
          if (visitor) throw new OknoError('bad_request', 'hello was already received on this socket');
          visitor = this.hello(socket, frame, address);
          return;
        }
        if (!visitor) throw new OknoError('bad_request', 'send hello before messages');
        // The menu choice is only remembered on the socket: nothing to limit.
        if (frame.type === 'topic') return this.chooseTopic(visitor, frame.topicId);
        if (frame.type === 'typing') {
          const refusal = this.limiter.typingNotice(visitor.tokenHash, visitor.address);
          if (refusal) return refuse(refusal);
          refusedInARow = 0;
          return this.customerTyping(visitor);
        }
        // A message already stored (a resend after a lost confirmation) is confirmed again, never refused.
        if (frame.type === 'message' && this.confirmStored(visitor, frame.clientId)) return;
        const refusal = this.limiter.message(visitor.tokenHash, visitor.address);
        if (refusal) return refuse(refusal, clientId);
        refusedInARow = 0;
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
        strike(null);
      }
    });
    socket.on('close', () => {
      this.limiter.closeSocket(address);
      if (visitor) this.sockets.remove(visitor.tokenHash, socket);
    });
    socket.on('error', (error) => this.log.debug('widget socket error', { error: error.message }));
  }

  /**
   * Hands a committed reply to the open widgets of the customer (`address`); a visitor who is away
   * sees it in the next welcome. Pushed before it returns, so the order of sends is kept.
   */
  send(outbound: OutboundMessage): Promise<SendResult> {
    const message = this.store.messages.byId(outbound.messageId);
    if (!message) return Promise.reject(new Error(`message ${outbound.messageId} is not stored`));
    const frame: WidgetServerFrame = { type: 'message', message: toWidgetMessage(message) };
    for (const tokenHash of this.store.visitors.tokenHashesOf(outbound.address)) this.sockets.send(tokenHash, frame);
    return Promise.resolve({ externalId: null, status: 'sent' });
  }

  /** Greets the socket's visitor; null when a limit refused the hello (the socket is then closed). */
  private hello(socket: WebSocket, frame: Extract<ClientFrame, { type: 'hello' }>, address: string): Visitor | null {
    let token = frame.visitorToken;
    let known = token ? this.store.visitors.get(hashSecret(token)) : null;
    const refusal = this.limiter.hello(address, !known);
    if (refusal) {
      this.refuseSocket(socket, refusal);
      return null;
    }
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
    return { tokenHash: known.tokenHash, address, name: frame.name || null, topic: null };
  }

  /** Says why a limit refused, naming the message when it was one (the widget keeps it and sends it again). */
  private slowDown(socket: WebSocket, refusal: LimitRefusal, clientId?: string): void {
    this.log.debug('widget frame refused by a limit', { limit: refusal.limit, scope: refusal.scope });
    sendJson(socket, { type: 'slow_down', ...refusal, ...(clientId ? { clientId } : {}) } satisfies WidgetServerFrame);
  }

  /** A refused socket or hello: the reason, then "try again later"; the widget reconnects after `retryAfterMs`. */
  private refuseSocket(socket: WebSocket, refusal: LimitRefusal): void {
    this.slowDown(socket, refusal);
    socket.close(CLOSE_TRY_AGAIN_LATER, `slow down: ${refusal.limit}`);
  }

  /** Confirms a message this visitor's conversation already has; false when it is new. */
  private confirmStored(visitor: Visitor, clientId: string): boolean {
    const existing = this.store.messages.byId(clientId);
    if (!existing) return false;
    const customerId = this.store.visitors.get(visitor.tokenHash)?.customerId;
    if (!customerId || this.store.threads.byId(existing.threadId)?.customerId !== customerId) return false;
    this.sockets.send(visitor.tokenHash, {
      type: 'message',
      message: toWidgetMessage(existing),
      clientId,
    } satisfies WidgetServerFrame);
    return true;
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
    this.typing.customerTyping({ threadId: thread.id, at: this.now() });
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
      // Checked again where it is written: two uploads at once cannot both slip under the quota.
      const overQuota = this.store.messages.byId(clientId)
        ? null
        : this.dailyQuota(tokenHash, file.data.length, tx.now);
      if (overQuota) throw refusalError(overQuota);
      const stored = storeVisitorMessage(tx, this.store, { tokenHash, name: null, clientId, text });
      if (stored.received) {
        this.keepFile(stored.message.id, file, tx.now);
        this.inbound?.customerMessage(tx, stored.received.thread, stored.message, stored.received);
      }
      return stored.message;
    });
    this.sockets.send(tokenHash, { type: 'message', message: toWidgetMessage(message), clientId });
    if (committed) this.inbound?.flush(committed);
    return message;
  }

  /**
   * Before a file's bytes are read: the sender must be a known visitor, and the file must fit their
   * daily quota and the address's and hub's byte allowance (`bytes` as declared by Content-Length).
   */
  admitUpload(visitorToken: string, ip: string | undefined, bytes: number): void {
    const tokenHash = hashSecret(visitorToken);
    if (!this.store.visitors.get(tokenHash)) throw new OknoError('unauthorized', 'unknown visitor; reload the chat');
    const refusal =
      this.dailyQuota(tokenHash, bytes, this.now()) ?? this.limiter.uploadBytes(addressKey(ip), Math.max(1, bytes));
    if (refusal) {
      this.log.debug('widget upload refused by a limit', { limit: refusal.limit, scope: refusal.scope });
      throw refusalError(refusal);
    }
  }

  /** The visitor's quota of file bytes per UTC day: a refusal when `bytes` more would pass it. */
  private dailyQuota(tokenHash: string, bytes: number, now: number): LimitRefusal | null {
    const quota = this.limits.uploadBytes.perVisitorPerDay;
    const dayStart = now - (now % DAY);
    const customerId = this.store.visitors.get(tokenHash)?.customerId;
    const used = customerId ? this.store.visitors.uploadedBytesSince(customerId, dayStart) : 0;
    if (used + bytes <= quota) return null;
    return limitRefusal('upload_bytes', 'visitor', dayStart + DAY - now, { perDay: quota });
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
