import WebSocket from 'ws';
import type { Logger } from '../../../shared/log.js';
import { LIVE_HEARTBEAT_MS, LiveFrame } from '../../../shared/sync.js';
import { describeIssues } from '../../../shared/validation.js';
import type { Backoff } from './backoff.js';

/** The clock the socket schedules with; tests pass their own to step through reconnects. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface LiveSocketDeps {
  url: string;
  token: string;
  backoff: Backoff;
  onFrame(frame: LiveFrame): void;
  /** The socket closed or could not open; a reconnect is scheduled after `retryInMs`. */
  onDown(reason: string, retryInMs: number): void;
  /** The hub refused the token (HTTP 401 on the upgrade): reconnecting would not help. */
  onUnauthorized(): void;
  log: Logger;
  heartbeatMs?: number;
  timers?: Timers;
  /** Builds the socket; tests count attempts with it. */
  open?: (url: string, options: WebSocket.ClientOptions) => WebSocket;
}

export interface LiveSocket {
  start(): void;
  /** Drops the current socket and reconnects (after a failed pull, say). */
  restart(reason: string): void;
  /**
   * The network may be back (the OS said so): a scheduled reconnect happens now, an attempt
   * still hanging from before is dropped and made again. An open socket is left alone.
   */
  retryNow(reason: string): void;
  stop(): void;
}

/**
 * The live change feed: one WebSocket with the token in an Authorization header (never in the
 * URL, where proxies log it). The hub pings every LIVE_HEARTBEAT_MS; silence for 2.5 times
 * that means a dead link the OS has not noticed yet, so the socket is dropped and reopened.
 */
export function createLiveSocket(deps: LiveSocketDeps): LiveSocket {
  const { backoff, log } = deps;
  const timers = deps.timers ?? systemTimers;
  const open = deps.open ?? ((url, options) => new WebSocket(url, options));
  const silenceMs = Math.round((deps.heartbeatMs ?? LIVE_HEARTBEAT_MS) * 2.5);
  let socket: WebSocket | null = null;
  let stopped = true;
  let silenceTimer: unknown = null;
  let reconnectTimer: unknown = null;

  function clearTimers(): void {
    if (silenceTimer) timers.clearTimeout(silenceTimer);
    if (reconnectTimer) timers.clearTimeout(reconnectTimer);
    silenceTimer = null;
    reconnectTimer = null;
  }

  function heard(ws: WebSocket): void {
    if (silenceTimer) timers.clearTimeout(silenceTimer);
    silenceTimer = timers.setTimeout(() => {
      log.warn('live socket silent; reconnecting', { silentForMs: silenceMs });
      ws.terminate();
    }, silenceMs);
  }

  function connect(): void {
    if (stopped) return;
    let failure: string | null = null;
    const ws = open(deps.url, {
      headers: { authorization: `Bearer ${deps.token}` },
      handshakeTimeout: 10_000,
      perMessageDeflate: false,
    });
    socket = ws;

    ws.on('open', () => heard(ws));
    ws.on('ping', () => heard(ws));
    ws.on('pong', () => heard(ws));
    ws.on('message', (data, isBinary) => {
      heard(ws);
      if (isBinary) return;
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        log.warn('live frame is not JSON; ignored');
        return;
      }
      const frame = LiveFrame.safeParse(json);
      if (!frame.success) {
        log.warn('live frame does not match the protocol; ignored', { error: describeIssues(frame.error) });
        return;
      }
      // The hub said hello: this link works, so the next outage starts from a short delay.
      if (frame.data.type === 'hello') backoff.reset();
      deps.onFrame(frame.data);
    });
    ws.on('unexpected-response', (_request, response) => {
      failure = `the hub refused the live socket with HTTP ${response.statusCode ?? '?'}`;
      response.resume();
      if (response.statusCode === 401) {
        stopped = true;
        ws.terminate();
        deps.onUnauthorized();
        return;
      }
      ws.terminate();
    });
    ws.on('error', (error) => {
      failure ??= (error as NodeJS.ErrnoException).code ?? error.message;
    });
    ws.on('close', () => {
      // A socket replaced by retryNow() has nothing more to say.
      if (socket !== ws) return;
      if (silenceTimer) timers.clearTimeout(silenceTimer);
      silenceTimer = null;
      socket = null;
      if (stopped) return;
      const delay = backoff.next();
      deps.onDown(failure ?? 'connection closed', delay);
      reconnectTimer = timers.setTimeout(() => {
        reconnectTimer = null;
        connect();
      }, delay);
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      connect();
    },
    restart(reason) {
      log.info('reconnecting the live socket', { reason });
      socket?.terminate();
    },
    retryNow(reason) {
      if (stopped) return;
      if (socket?.readyState === WebSocket.OPEN) return;
      log.info('retrying the live socket now', { reason });
      backoff.reset();
      if (reconnectTimer) timers.clearTimeout(reconnectTimer);
      reconnectTimer = null;
      const hanging = socket;
      socket = null;
      hanging?.terminate();
      connect();
    },
    stop() {
      stopped = true;
      clearTimers();
      socket?.terminate();
      socket = null;
    },
  };
}
