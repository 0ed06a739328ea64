/**
 * The hub's end of Kamailio's evapi socket (docs/pbx-queue-protocol.md): one TCP connection,
 * netstring frames of JSON, events in and commands out. Kamailio listens, the hub connects and keeps
 * reconnecting with a bounded back-off, because the PBX may be restarted at any time; while the link
 * is down Kamailio answers new queue calls 480 itself, so there is nothing to buffer here.
 */
import { connect, type Socket } from 'node:net';
import { PbxCommand, PbxEvent } from '../../shared/calls/pbxProtocol.js';
import type { Logger } from '../../shared/log.js';
import { encodeNetstring, NetstringDecoder } from './netstring.js';

export interface PbxLinkOptions {
  host: string;
  port: number;
  log: Logger;
  /** First reconnect delay; doubles per failed attempt up to 30 times it (default 500 ms). */
  reconnectMs?: number;
}

export interface PbxLink {
  onEvent(handler: (event: PbxEvent) => void): () => void;
  /** Sends a command now; false when the link is down (the command is not kept). */
  send(command: PbxCommand): boolean;
  readonly connected: boolean;
  close(): Promise<void>;
}

export function connectPbx(options: PbxLinkOptions): PbxLink {
  const { host, port, log } = options;
  const baseDelay = options.reconnectMs ?? 500;
  const handlers = new Set<(event: PbxEvent) => void>();
  let socket: Socket | null = null;
  let up = false;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;

  const deliver = (text: string): void => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      log.warn('unparseable PBX event: not JSON', { reason: String(error), text: text.slice(0, 200) });
      return;
    }
    const parsed = PbxEvent.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
      log.warn('unparseable PBX event', { issues, text: text.slice(0, 200) });
      return;
    }
    for (const handler of handlers) {
      try {
        handler(parsed.data);
      } catch (error) {
        log.error('PBX event handler failed', { event: parsed.data.event, error: String(error) });
      }
    }
  };

  const scheduleReconnect = (): void => {
    if (closed || retry) return;
    const delay = Math.min(baseDelay * 2 ** failures, baseDelay * 30);
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      open();
    }, delay);
  };

  const open = (): void => {
    const decoder = new NetstringDecoder();
    const current = connect({ host, port });
    socket = current;
    current.setNoDelay(true);
    current.on('connect', () => {
      up = true;
      failures = 0;
      log.info('connected to the PBX', { host, port });
    });
    current.on('data', (chunk: Buffer) => {
      let frames: string[];
      try {
        frames = decoder.push(chunk);
      } catch (error) {
        // a broken stream cannot be resynchronised: start a fresh connection
        log.error('PBX stream is broken, reconnecting', { reason: String(error) });
        current.destroy();
        return;
      }
      frames.forEach(deliver);
    });
    current.on('error', (error) => {
      if (up || failures === 0) log.warn('PBX link error', { host, port, error: error.message });
    });
    current.on('close', () => {
      if (socket === current) socket = null;
      if (up) log.warn('PBX link closed', { host, port });
      up = false;
      scheduleReconnect();
    });
  };

  open();

  return {
    onEvent(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    send(command) {
      const checked = PbxCommand.parse(command);
      if (!up || !socket) return false;
      socket.write(encodeNetstring(JSON.stringify(checked)));
      return true;
    },
    get connected() {
      return up;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = null;
      const current = socket;
      if (!current || current.destroyed) return;
      await new Promise<void>((resolve) => {
        current.once('close', () => resolve());
        current.end();
        setTimeout(() => current.destroy(), 1000).unref();
      });
    },
  };
}
