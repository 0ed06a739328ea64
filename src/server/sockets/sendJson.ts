import { WebSocket } from 'ws';

/** A client this far behind is not reading; it is cut off and will catch up by pulling. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Sends pre-serialised JSON to an open socket; terminates a socket whose send buffer has grown too large. */
export function sendText(socket: WebSocket, text: string): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    socket.terminate();
    return;
  }
  try {
    socket.send(text);
  } catch {
    // A socket that cannot take a frame is broken; its client reconnects and catches up.
    socket.terminate();
  }
}

export function sendJson(socket: WebSocket, frame: unknown): void {
  sendText(socket, JSON.stringify(frame));
}
