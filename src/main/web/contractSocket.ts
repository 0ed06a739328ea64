import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { RequestFrame, type EventFrame, type HostFrame } from '../../shared/contractWire.js';
import type { Logger } from '../../shared/log.js';
import { describeIssues } from '../../shared/validation.js';
import type { CoreEndpoint } from '../core/index.js';
import { tokensEqual } from './hostToken.js';

export const MAX_FRAME_BYTES = 1024 * 1024;

export interface ContractSocketOptions {
  core: CoreEndpoint;
  token: string;
  /** The host's own origin, e.g. http://127.0.0.1:5173; the only page allowed to connect. */
  origin: () => string;
  log: Logger;
}

export interface ContractSocket {
  /** Handles an HTTP upgrade already known to be for the contract path. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void;
  close(): void;
}

function refuse(socket: Duplex, status: 401 | 403, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : 'Forbidden';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

/** The id of a frame that is otherwise wrong, so the error can still be answered in kind. */
function idOf(json: unknown): number | null {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof json === 'object' && Number.isInteger(id) && (id as number) >= 0 ? (id as number) : null;
}

/**
 * The contract over a WebSocket: RequestFrame in, ResponseFrame out, every core event out as an
 * EventFrame. Only a page that knows this run's token and comes from this host's own origin
 * gets a socket; anything else is answered 401/403 before the upgrade.
 */
export function createContractSocket(options: ContractSocketOptions): ContractSocket {
  const { core, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  function send(ws: WebSocket, frame: HostFrame): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }

  const unsubscribe = core.onEvent((name, payload) => {
    if (wss.clients.size === 0) return;
    const text = JSON.stringify({ type: 'event', name, payload } satisfies EventFrame);
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  async function onMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      ws.close(1003, 'frames must be JSON text');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      ws.close(1007, 'frame is not JSON; expected {"type":"request","id":N,"name":…,"input":…}');
      return;
    }
    const frame = RequestFrame.safeParse(json);
    if (!frame.success) {
      const message = `bad request frame: ${describeIssues(frame.error)}`;
      const id = idOf(json);
      if (id === null) {
        ws.close(1008, message.slice(0, 120));
        return;
      }
      send(ws, { type: 'response', id, result: { ok: false, error: { code: 'bad_request', message } } });
      return;
    }
    const { id, name, input } = frame.data;
    const result = await core.invoke(name, input);
    send(ws, { type: 'response', id, result });
  }

  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      onMessage(ws, data, isBinary).catch((error: unknown) =>
        log.error('contract frame failed', { error: error instanceof Error ? error.message : String(error) }),
      );
    });
    ws.on('error', (error) => log.warn('contract socket error', { error: error.message }));
  });

  return {
    upgrade(request, socket, head, url) {
      if (!tokensEqual(url.searchParams.get('token'), options.token)) {
        log.warn('contract socket refused: wrong or missing token');
        refuse(socket, 401, 'a valid ?token= is required');
        return;
      }
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== options.origin()) {
        log.warn('contract socket refused: foreign origin', { origin });
        refuse(socket, 403, 'this socket serves only pages from its own origin');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    close() {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
