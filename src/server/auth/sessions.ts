/**
 * Signing in, recognising a bearer token, and ending sessions (decision 0025). A session lives
 * at most SESSION_MAX_AGE_MS from sign-in however busy it is, and ends at once on sign-out, when
 * its agent is disabled or gets a new password; its live sockets close with it, on whichever hub
 * instance holds them (liveSockets.ts).
 */
import type { WebSocket } from 'ws';
import type { Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type { LoginRequest } from '../../shared/sync.js';
import type { HubStore } from '../storage/hubStore.js';
import type { HashQueue } from './hashQueue.js';
import type { LiveSockets } from './liveSockets.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import type { SignInBackoff } from './signInBackoff.js';
import { hashSecret, newSecret } from './tokens.js';

/** A session ends this long after sign-in, used or not: a shift and a half. */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60_000;
/** A session unused this long is gone too; the app signs in again. */
export const SESSION_IDLE_MS = 8 * 60 * 60_000;
/** last_seen_at is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

/** Sign-in refused before any password was checked: the wait still to run is in params.seconds. */
export class SignInPaused extends OknoError {
  constructor(
    readonly retryAfterSeconds: number,
    by: 'login' | 'address',
  ) {
    super(
      'sign_in_paused',
      by === 'login'
        ? `too many failed sign-ins for this login; sign-in is paused for ${retryAfterSeconds} s`
        : `too many failed sign-ins from this address; sign-in is paused for ${retryAfterSeconds} s`,
      undefined,
      { seconds: retryAfterSeconds, by },
    );
  }
}

export interface SignedIn {
  agent: Agent;
  tokenHash: string;
  /** When the session ends by its lifetime. */
  endsAt: number;
}

export interface SessionsDeps {
  store: HubStore;
  hashes: HashQueue;
  backoff: SignInBackoff;
  sockets: LiveSockets;
  now: () => number;
  maxAgeMs?: number;
}

export class Sessions {
  private readonly maxAgeMs: number;

  constructor(private readonly deps: SessionsDeps) {
    this.maxAgeMs = deps.maxAgeMs ?? SESSION_MAX_AGE_MS;
  }

  async signIn(request: LoginRequest, address: string): Promise<{ token: string; agent: Agent }> {
    const { store, backoff, now } = this.deps;
    // Checked before any hashing: a paused login costs the hub nothing, right password or not.
    const verdict = backoff.check(request.login, address);
    if (verdict.paused) throw new SignInPaused(Math.ceil(verdict.retryAfterMs / 1000), verdict.by);
    const found = store.agents.credentials(request.login);
    const ok = await this.checkPassword(request.password, found?.passwordHash ?? null);
    if (!found || !ok) {
      backoff.failed(request.login, address);
      throw new OknoError('invalid_credentials', 'login or password is wrong');
    }
    backoff.succeeded(request.login);
    // Said only to whoever knows the password, so it tells a guesser nothing.
    if (found.disabledAt !== null) {
      throw new OknoError('account_disabled', 'this account is disabled; an administrator can enable it again');
    }
    await this.upgradeHash(found.agent.id, found.passwordHash, request.password);
    const token = newSecret();
    const at = now();
    // Sessions past their lifetime are swept here rather than by a timer of their own.
    store.sessions.deleteCreatedBefore(at - this.maxAgeMs);
    store.sessions.insert(hashSecret(token), found.agent.id, at);
    return { token, agent: found.agent };
  }

  /** Checks a password through the hashing queue; null `stored` still costs a hash (timing tells nothing). */
  checkPassword(password: string, stored: string | null): Promise<boolean> {
    return this.deps.hashes.run(async () => {
      const ok = await verifyPassword(password, stored ?? decoyHash());
      return stored !== null && ok;
    });
  }

  /** Hashes a new password through the hashing queue, at today's cost. */
  hash(password: string): Promise<string> {
    return this.deps.hashes.run(() => hashPassword(password));
  }

  authenticate(token: string): SignedIn {
    const { store, now: clock } = this.deps;
    const now = clock();
    const tokenHash = hashSecret(token);
    const session = store.sessions.get(tokenHash);
    if (!session) {
      throw new OknoError(
        'unauthorized',
        'the bearer token is not a valid session (signed out or ended); sign in again',
      );
    }
    const endsAt = session.createdAt + this.maxAgeMs;
    if (now >= endsAt) {
      store.sessions.delete(tokenHash);
      throw new OknoError('unauthorized', 'the session reached its maximum lifetime; sign in again');
    }
    if (now - session.lastSeenAt > SESSION_IDLE_MS) {
      store.sessions.delete(tokenHash);
      throw new OknoError('unauthorized', 'the session was unused too long and has expired; sign in again');
    }
    const agent = store.agents.byId(session.agentId);
    if (!agent) throw new OknoError('unauthorized', 'the session belongs to an agent that no longer exists');
    if ((store.agents.account(agent.id)?.disabledAt ?? null) !== null) {
      store.sessions.deleteForAgent(agent.id);
      throw new OknoError('unauthorized', 'this account is disabled; the session has ended');
    }
    if (now - session.lastSeenAt > TOUCH_EVERY_MS) store.sessions.touch(tokenHash, now);
    return { agent, tokenHash, endsAt };
  }

  /** Ends one session (sign-out) and closes its sockets; false when it had already ended. */
  end(tokenHash: string, reason: string): boolean {
    const ended = this.deps.store.sessions.delete(tokenHash);
    this.deps.sockets.endSession(tokenHash, reason);
    return ended;
  }

  /** Ends every session of an agent but `keep`, and closes their sockets; returns how many sessions ended. */
  endAgent(agentId: string, reason: string, keep: string | null = null): number {
    const ended = this.deps.store.sessions.deleteForAgent(agentId, keep);
    this.deps.sockets.endAgent(agentId, reason, keep ?? undefined);
    return ended;
  }

  /** A live socket opened by a signed-in request: closed when its session ends, at the latest at `endsAt`. */
  holdSocket(socket: WebSocket, signedIn: SignedIn): void {
    const { store, sockets, now } = this.deps;
    // The session may have ended while the socket was being upgraded.
    if (!store.sessions.get(signedIn.tokenHash)) {
      socket.close(4401, 'the session has ended; sign in again');
      return;
    }
    sockets.add(socket, { tokenHash: signedIn.tokenHash, agentId: signedIn.agent.id }, signedIn.endsAt - now());
  }

  /** Old-cost hashes are made again at today's cost with the password just proven right. */
  private async upgradeHash(agentId: string, stored: string, password: string): Promise<void> {
    if (!needsRehash(stored)) return;
    try {
      const upgraded = await this.hash(password);
      this.deps.store.agents.upgradePasswordHash(agentId, stored, upgraded);
    } catch (error) {
      // A busy queue only postpones the upgrade to the next sign-in.
      if (!(error instanceof OknoError && error.code === 'hub_busy')) throw error;
    }
  }
}
