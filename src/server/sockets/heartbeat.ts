/**
 * Pings every tracked socket each interval and terminates those that did not answer the previous
 * ping: a laptop that went to sleep or a dropped NAT mapping never closes its socket by itself.
 */
import type { WebSocket } from 'ws';

export interface Heartbeat {
  track(socket: WebSocket): void;
  stop(): void;
}

export function startHeartbeat(intervalMs: number): Heartbeat {
  const alive = new Map<WebSocket, boolean>();
  const timer = setInterval(() => {
    for (const [socket, answered] of alive) {
      if (!answered) {
        alive.delete(socket);
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return {
    track(socket) {
      alive.set(socket, true);
      socket.on('pong', () => {
        if (alive.has(socket)) alive.set(socket, true);
      });
      socket.on('close', () => alive.delete(socket));
    },
    stop() {
      clearInterval(timer);
      alive.clear();
    },
  };
}
