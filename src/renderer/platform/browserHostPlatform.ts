/**
 * The platform when the renderer is served by the browser host: the contract over one
 * WebSocket (`ws://<host>/okno/contract?token=…`). Calls made while the socket is down wait
 * for it (up to QUEUE_WAIT_MS); the socket reconnects with a bounded back-off.
 */
import {
  isEventName,
  type EventName,
  type RequestInput,
  type RequestName,
  type RequestOutput,
} from '../../shared/contract.js';
import { BROWSER_HOST_SOCKET_PATH } from '../../shared/contractWire.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { createLogger } from '../../shared/log.js';
import { parseHostFrame, unwrapResult } from './callResult.js';
import type { HostLink, Platform } from './platform.js';
import { reconnectDelay, RequestTracker, resolveToken } from './requestTracker.js';

const log = createLogger('renderer:browser-host');

/** How long a call may wait for the socket before it fails. */
const QUEUE_WAIT_MS = 15_000;

const LINK_LOST: ErrorInfo = { code: 'host_unreachable', message: 'the connection to the app host was lost' };
const LINK_TIMEOUT: ErrorInfo = { code: 'host_unreachable', message: 'the app host did not answer in time' };

export class BrowserHostPlatform implements Platform {
  private readonly tracker = new RequestTracker();
  private readonly eventListeners = new Set<(name: EventName, payload: unknown) => void>();
  private readonly linkListeners = new Set<(link: HostLink) => void>();
  private socket: WebSocket | null = null;
  private attempt = 0;
  private link: HostLink = 'down';
  private everConnected = false;

  constructor(private readonly url: string) {
    this.connect();
  }

  async invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
    const pending = this.tracker.request(name, input, Date.now());
    if (this.isOpen()) this.flush();
    else setTimeout(() => this.tracker.expireQueued(Date.now(), QUEUE_WAIT_MS, LINK_TIMEOUT), QUEUE_WAIT_MS + 10);
    return unwrapResult(name, await pending);
  }

  onEvent(listener: (name: EventName, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onHostLink(listener: (link: HostLink) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  private isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  private connect(): void {
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch (error) {
      log.error('cannot open the contract socket', { error: String(error) });
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempt = 0;
      if (this.everConnected) log.info('reconnected to the app host');
      this.everConnected = true;
      this.setLink('up');
      this.flush();
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      const failed = this.tracker.failInFlight(LINK_LOST);
      log.warn('contract socket closed', { code: event.code, failedCalls: failed });
      this.setLink('down');
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    const delay = reconnectDelay(this.attempt++);
    setTimeout(() => this.connect(), delay);
  }

  private flush(): void {
    const socket = this.socket;
    if (!socket) return;
    for (const frame of this.tracker.takeQueued()) {
      try {
        socket.send(JSON.stringify(frame));
      } catch (error) {
        // The close handler fails this call together with the others in flight.
        log.warn('send failed', { id: frame.id, error: String(error) });
      }
    }
  }

  private receive(data: unknown): void {
    const frame = parseHostFrame(data);
    if (!frame) {
      log.warn('ignored a frame that does not match the contract wire format');
      return;
    }
    if (frame.type === 'response') {
      if (!this.tracker.settle(frame)) log.warn('response for an unknown request', { id: frame.id });
      return;
    }
    if (!isEventName(frame.name)) {
      log.warn('ignored an unknown event', { name: frame.name.slice(0, 100) });
      return;
    }
    for (const listener of this.eventListeners) listener(frame.name, frame.payload);
  }

  private setLink(link: HostLink): void {
    if (this.link === link) return;
    this.link = link;
    for (const listener of this.linkListeners) listener(link);
  }
}

/** Builds the socket URL from the page location; keeps the token out of the address bar afterwards. */
export function browserHostSocketUrl(): string {
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null;
  }
  const token = resolveToken(window.location.search, storage);
  const params = new URLSearchParams(window.location.search);
  if (params.has('token')) {
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
    );
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${window.location.host}${BROWSER_HOST_SOCKET_PATH}${query}`;
}
