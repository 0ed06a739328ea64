import WebSocket from 'ws';
import type { Logger } from '../../../shared/log.js';
import { LIVE_HEARTBEAT_MS, LiveFrame } from '../../../shared/sync.js';
import { describeIssues } from '../../../shared/validation.js';
import type { Backoff } from './backoff.js';

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
}

export interface LiveSocket {
  start(): void;
  /** Drops the current socket and reconnects (after a failed pull, say). */
  restart(reason: string): void;
  stop(): void;
}

/**
 * The live change feed: one WebSocket with the token in an Authorization header (never in the
 * URL, where proxies log it). The hub pings every LIVE_HEARTBEAT_MS; silence for 2.5 times
 * that means a dead link the OS has not noticed yet, so the socket is dropped and reopened.
 */
export function createLiveSocket(deps: LiveSocketDeps): LiveSocket {
  const { backoff, log } = deps;
  const silenceMs = Math.round((deps.heartbeatMs ?? LIVE_HEARTBEAT_MS) * 2.5);
  let socket: WebSocket | null = null;
  let stopped = true;
  let silenceTimer: NodeJS.Timeout | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;

  function clearTimers(): void {
    if (silenceTimer) clearTimeout(silenceTimer);
    if (reconnectTimer) clearTimeout(reconnectTimer);
    silenceTimer = null;
    reconnectTimer = null;
  }

  function heard(ws: WebSocket): void {
    if (silenceTimer) clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => {
      log.warn('live socket silent; reconnecting', { silentForMs: silenceMs });
      ws.terminate();
    }, silenceMs);
  }

  function connect(): void {
    if (stopped) return;
    let failure: string | null = null;
    const ws = new WebSocket(deps.url, {
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
      if (silenceTimer) clearTimeout(silenceTimer);
      silenceTimer = null;
      if (socket === ws) socket = null;
      if (stopped) return;
      const delay = backoff.next();
      deps.onDown(failure ?? 'connection closed', delay);
      reconnectTimer = setTimeout(() => {
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
    stop() {
      stopped = true;
      clearTimers();
      socket?.terminate();
      socket = null;
    },
  };
}
