/**
 * The pure half of the browser-host platform: request ids, calls waiting for the socket,
 * calls waiting for their response. No sockets and no timers here, so it is tested alone.
 *
 * A call is either queued (not yet written to any socket: safe to send later) or in flight
 * (written; only that socket can answer it). When a socket dies, in-flight calls fail: the
 * core may or may not have run them, and resending a mutation could run it twice.
 */
import type { CallResult, RequestFrame, ResponseFrame } from '../../shared/contractWire.js';
import type { ErrorInfo } from '../../shared/errors.js';

interface Waiting {
  frame: RequestFrame;
  queuedAt: number;
  resolve: (result: CallResult) => void;
}

export class RequestTracker {
  private nextId = 1;
  private readonly queued: Waiting[] = [];
  private readonly inFlight = new Map<number, Waiting>();

  /** Registers a call; it resolves (never rejects) with the host's CallResult or a local failure. */
  request(name: string, input: unknown, now: number): Promise<CallResult> {
    const id = this.nextId++;
    return new Promise<CallResult>((resolve) => {
      this.queued.push({ frame: { type: 'request', id, name, input }, queuedAt: now, resolve });
    });
  }

  /** Hands every queued frame over for sending, in call order; they are in flight from now on. */
  takeQueued(): RequestFrame[] {
    const frames: RequestFrame[] = [];
    for (const waiting of this.queued.splice(0)) {
      this.inFlight.set(waiting.frame.id, waiting);
      frames.push(waiting.frame);
    }
    return frames;
  }

  /** Delivers a response to its call. False when no call waits for that id (late or foreign). */
  settle(frame: ResponseFrame): boolean {
    const waiting = this.inFlight.get(frame.id);
    if (!waiting) return false;
    this.inFlight.delete(frame.id);
    waiting.resolve(frame.result);
    return true;
  }

  /** The socket that carried the in-flight calls is gone: fail them all. Returns how many. */
  failInFlight(error: ErrorInfo): number {
    const count = this.inFlight.size;
    for (const waiting of this.inFlight.values()) waiting.resolve({ ok: false, error });
    this.inFlight.clear();
    return count;
  }

  /** Fails queued calls that have waited for a socket longer than maxWaitMs. Returns how many. */
  expireQueued(now: number, maxWaitMs: number, error: ErrorInfo): number {
    let expired = 0;
    for (let i = this.queued.length - 1; i >= 0; i--) {
      const waiting = this.queued[i]!;
      if (now - waiting.queuedAt >= maxWaitMs) {
        this.queued.splice(i, 1);
        waiting.resolve({ ok: false, error });
        expired++;
      }
    }
    return expired;
  }

  get queuedCount(): number {
    return this.queued.length;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }
}

export const RECONNECT_MIN_MS = 250;
export const RECONNECT_MAX_MS = 10_000;

/** Reconnect delay after `attempt` consecutive failures: exponential, capped, with ±20% jitter. */
export function reconnectDelay(attempt: number, random: number = Math.random()): number {
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random));
}

/** Minimal storage surface (sessionStorage in the browser). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const TOKEN_STORAGE_KEY = 'okno.browserHostToken';

/**
 * The browser host's per-run token: from `?token=` when present (and remembered for this tab,
 * so a reload of the bare URL still works), else the remembered one.
 */
export function resolveToken(search: string, storage: KeyValueStore | null): string | null {
  const fromUrl = new URLSearchParams(search).get('token');
  if (fromUrl) {
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // storage can be disabled; the URL token still works for this page
    }
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
