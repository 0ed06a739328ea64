/**
 * The live sockets each session holds, so ending a session (sign-out, a disabled agent, a new
 * password, the session's lifetime running out) closes its sockets too: a socket only listens, so
 * without this an ended session would keep receiving every change until the app next asked for
 * something. Close code 4401 says "sign in again"; the reason names why.
 */
import type { WebSocket } from 'ws';

/** Application close code: the session behind this socket has ended. */
export const SESSION_ENDED_CLOSE = 4401;

interface Held {
  tokenHash: string;
  agentId: string;
  timer: NodeJS.Timeout | null;
}

export class LiveSockets {
  private readonly sockets = new Map<WebSocket, Held>();

  /** Tracks `socket` for its session; closes it by itself after `endsInMs` (the session's lifetime). */
  add(socket: WebSocket, session: { tokenHash: string; agentId: string }, endsInMs: number): void {
    const timer = setTimeout(
      () => close(socket, 'the session reached its maximum lifetime; sign in again'),
      Math.max(0, Math.min(endsInMs, 2 ** 31 - 1)),
    );
    timer.unref();
    this.sockets.set(socket, { ...session, timer });
    socket.once('close', () => this.forget(socket));
  }

  /** Closes the sockets of one session; returns how many. */
  endSession(tokenHash: string, reason: string): number {
    return this.closeWhere((held) => held.tokenHash === tokenHash, reason);
  }

  /** Closes every socket of an agent, but those of `keep` (the session that asked); returns how many. */
  endAgent(agentId: string, reason: string, keep?: string): number {
    return this.closeWhere((held) => held.agentId === agentId && held.tokenHash !== keep, reason);
  }

  count(): number {
    return this.sockets.size;
  }

  private closeWhere(match: (held: Held) => boolean, reason: string): number {
    let closed = 0;
    for (const [socket, held] of [...this.sockets]) {
      if (!match(held)) continue;
      this.forget(socket);
      close(socket, reason);
      closed += 1;
    }
    return closed;
  }

  private forget(socket: WebSocket): void {
    const held = this.sockets.get(socket);
    if (held?.timer) clearTimeout(held.timer);
    this.sockets.delete(socket);
  }
}

function close(socket: WebSocket, reason: string): void {
  // A close reason is at most 123 bytes.
  socket.close(SESSION_ENDED_CLOSE, Buffer.from(reason).subarray(0, 123).toString());
  // A peer that does not answer the close handshake is cut off.
  setTimeout(() => socket.terminate(), 2_000).unref();
}
