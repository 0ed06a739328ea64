/**
 * The live sockets each session holds, so ending a session (sign-out, a disabled agent, a new
 * password, the session's lifetime running out) closes its sockets too: a socket only listens, so
 * without this an ended session would keep receiving every change until the app next asked for
 * something. Close code 4401 says "sign in again"; the reason names why.
 *
 * With several hub instances the socket may be held by another instance than the one that ended
 * the session: every end is published on the cluster bus and each instance closes what it holds.
 * The bus is not durable, so each instance also checks now and then that the sessions behind its
 * sockets still exist (decision 0053): a dropped message costs seconds, never a socket left open.
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Logger } from '../../shared/log.js';
import type { ClusterBus } from '../cluster/clusterBus.js';

/** Application close code: the session behind this socket has ended. */
export const SESSION_ENDED_CLOSE = 4401;

/** The reason given when the check finds the session gone (its own reason went with the lost message). */
export const SESSION_GONE = 'the session has ended; sign in again';

const TOPIC = 'session-ended';

/** What an instance tells the others when sessions end: one session, or an agent's (but `keep`). */
const SessionEnded = z.union([
  z.object({ tokenHash: z.string(), reason: z.string() }),
  z.object({ agentId: z.string(), keep: z.string().nullable(), reason: z.string() }),
]);
type SessionEnded = z.infer<typeof SessionEnded>;

interface Held {
  tokenHash: string;
  agentId: string;
  timer: NodeJS.Timeout | null;
}

export class LiveSockets {
  private readonly sockets = new Map<WebSocket, Held>();

  constructor(
    private readonly bus: ClusterBus,
    private readonly log: Logger,
  ) {}

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

  /** Closes the sockets of one session, here and on the other instances; returns how many were here. */
  endSession(tokenHash: string, reason: string): number {
    return this.end({ tokenHash, reason });
  }

  /** Closes every socket of an agent but those of `keep` (the session that asked), on every instance. */
  endAgent(agentId: string, reason: string, keep?: string): number {
    return this.end({ agentId, keep: keep ?? null, reason });
  }

  /**
   * Follows the other instances: the ends they publish close the sockets held here, and every
   * `checkMs` the sessions behind the held sockets are looked up (`existing`, one query), closing
   * those that are gone. Returns the stopper.
   */
  follow(checkMs: number, existing: (tokenHashes: readonly string[]) => ReadonlySet<string>): () => void {
    const unsubscribe = this.bus.subscribe(TOPIC, (data) => {
      const parsed = SessionEnded.safeParse(data);
      if (parsed.success) this.closeHere(parsed.data);
      else this.log.warn('unreadable session end from another instance', { error: parsed.error.message });
    });
    const timer = setInterval(() => this.closeGone(existing), checkMs);
    timer.unref();
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }

  /** Closes the sockets whose session `existing` does not name; returns how many. */
  closeGone(existing: (tokenHashes: readonly string[]) => ReadonlySet<string>): number {
    const held = [...new Set([...this.sockets.values()].map((h) => h.tokenHash))];
    if (held.length === 0) return 0;
    let alive: ReadonlySet<string>;
    try {
      alive = existing(held);
    } catch (error) {
      // The database is away: keep the sockets rather than close them on a guess; next time.
      this.log.warn('sessions of live sockets not checked', { error: String(error) });
      return 0;
    }
    return this.closeWhere((h) => !alive.has(h.tokenHash), SESSION_GONE);
  }

  count(): number {
    return this.sockets.size;
  }

  private end(ended: SessionEnded): number {
    this.bus.publish(TOPIC, ended);
    return this.closeHere(ended);
  }

  private closeHere(ended: SessionEnded): number {
    if ('tokenHash' in ended) return this.closeWhere((h) => h.tokenHash === ended.tokenHash, ended.reason);
    return this.closeWhere((h) => h.agentId === ended.agentId && h.tokenHash !== ended.keep, ended.reason);
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
