/**
 * The widget's one WebSocket to the hub: says hello with the stored visitor secret, validates
 * every frame the hub sends, and reconnects with back-off when the link drops (not before the
 * hub's "slow down" says it may).
 */
import { WidgetServerFrame, type WidgetMessage, type WidgetTopic } from '../shared/widgetProtocol.js';
import { reconnectDelay } from './backoff.js';
import type { TokenStore } from './visitorToken.js';

export type LinkState = 'connecting' | 'online' | 'offline';

export interface ConnectionEvents {
  welcome(history: WidgetMessage[]): void;
  message(message: WidgetMessage, clientId: string | undefined): void;
  error(code: string, clientId: string | undefined): void;
  state(state: LinkState): void;
  /** Rating a closed conversation: the hub asks (`rate`) and confirms (`rated`); see csatPrompt.ts. */
  csat?(frame: Extract<WidgetServerFrame, { type: 'rate' | 'rated' }>): void;
  /** The hub's start menu, sent with the welcome of a visitor without a conversation. */
  topics?(topics: WidgetTopic[]): void;
  /** An agent is typing. */
  typing?(authorName: string): void;
  /** A limit of the hub refused a message (`clientId`) or this connection (then it reconnects after the wait). */
  slowDown?(frame: Extract<WidgetServerFrame, { type: 'slow_down' }>): void;
}

export class ChatConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ready = false;
  private stopped = true;
  /** A refused connection is not tried again before this time (epoch ms). */
  private notBefore = 0;

  constructor(
    private readonly url: string,
    private readonly tokens: TokenStore,
    private readonly events: ConnectionEvents,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.reconnectNow);
    this.open();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.reconnectNow);
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }

  get online(): boolean {
    return this.ready;
  }

  /** False when not connected; the caller keeps the message and sends it after the next welcome. */
  send(clientId: string, text: string): boolean {
    if (!this.ready || !this.socket) return false;
    this.socket.send(JSON.stringify({ type: 'message', clientId, text }));
    return true;
  }

  /** A menu choice or a typing notice; false when not connected (both are worth nothing later). */
  sendSignal(frame: { type: 'topic'; topicId: string } | { type: 'typing' }): boolean {
    if (!this.ready || !this.socket) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** A rating of a closed conversation; false when not connected. */
  sendCsat(threadId: string, score: number): boolean {
    if (!this.ready || !this.socket) return false;
    this.socket.send(JSON.stringify({ type: 'csat', threadId, score }));
    return true;
  }

  private open(): void {
    this.events.state('connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      const visitorToken = this.tokens.get();
      socket.send(JSON.stringify(visitorToken ? { type: 'hello', visitorToken } : { type: 'hello' }));
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.ready = false;
      if (!this.stopped) {
        this.events.state('offline');
        this.scheduleReconnect();
      }
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    // The hub is trusted, but not blindly: a frame that does not match the protocol is ignored.
    const parsed = WidgetServerFrame.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    switch (frame.type) {
      case 'welcome':
        this.tokens.set(frame.visitorToken);
        this.attempt = 0;
        this.ready = true;
        this.events.state('online');
        this.events.welcome(frame.history);
        this.events.topics?.(frame.topics ?? []);
        break;
      case 'message':
        this.events.message(frame.message, frame.clientId);
        break;
      case 'error':
        this.events.error(frame.code, frame.clientId);
        break;
      case 'typing':
        this.events.typing?.(frame.authorName);
        break;
      case 'rate':
      case 'rated':
        this.events.csat?.(frame);
        break;
      case 'slow_down':
        // A refusal of the connection itself (the hub closes it next): no reconnecting before the wait.
        if (!frame.clientId && frame.limit !== 'typing') this.notBefore = Date.now() + frame.retryAfterMs;
        this.events.slowDown?.(frame);
        break;
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    // After a refusal: the hub's wait, spread over a second so refused widgets do not return together.
    const wait = this.notBefore - Date.now();
    const delay = wait > 0 ? wait + Math.floor(Math.random() * 1000) : reconnectDelay(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped && !this.socket) this.open();
    }, delay);
  }

  private readonly reconnectNow = (): void => {
    if (this.stopped || this.socket || Date.now() < this.notBefore) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.open();
  };
}
