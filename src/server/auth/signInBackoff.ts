/**
 * Sign-in back-off, per login and per client address (decision 0025). A few failures are free;
 * after them each failure doubles the wait before the next try is even checked, up to a cap. A
 * try during the wait is refused before any password is hashed, so guessing gets a few tries an
 * hour instead of twenty a second, and the flood costs no CPU. A right password clears its login
 * (not its address: an address that guesses at many logins stays slowed). Memory is bounded:
 * quiet entries are forgotten, and the oldest go first when the table is full.
 */

export interface BackoffRule {
  /** Failures before any wait. */
  free: number;
  /** The first wait; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
}

export interface SignInBackoffOptions {
  now: () => number;
  login?: BackoffRule;
  address?: BackoffRule;
  /** An entry with no failure for this long is forgotten (its count starts again). */
  forgetAfterMs?: number;
  /** Entries kept at most (logins and addresses together). */
  maxEntries?: number;
  /**
   * Addresses the address rule skips; default the hub's own machine (127.0.0.1, ::1): the hub does not
   * trust X-Forwarded-For, so behind a local TLS proxy every client arrives from there, and one
   * address's count would pause everyone's sign-in (as decision 0024 does for the widget). The login
   * rule still holds for them.
   */
  exemptAddresses?: readonly string[];
}

export const LOCAL_ADDRESSES: readonly string[] = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

export const LOGIN_RULE: BackoffRule = { free: 5, baseMs: 1_000, maxMs: 15 * 60_000 };
/** An address may be a whole office behind one NAT: more free tries, the same cap. */
export const ADDRESS_RULE: BackoffRule = { free: 20, baseMs: 1_000, maxMs: 15 * 60_000 };

export type BackoffVerdict =
  { paused: false } | { paused: true; by: 'login' | 'address'; retryAfterMs: number; failures: number };

interface Entry {
  failures: number;
  lastFailureAt: number;
  until: number;
}

/** The wait after `failures` failures under `rule` (0 while they are free). */
export function waitAfter(rule: BackoffRule, failures: number): number {
  const over = failures - rule.free;
  if (over <= 0) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(over - 1, 30));
}

export class SignInBackoff {
  private readonly now: () => number;
  private readonly rules: { login: BackoffRule; address: BackoffRule };
  private readonly forgetAfterMs: number;
  private readonly maxEntries: number;
  private readonly exempt: ReadonlySet<string>;
  /** Keys are `login:<lower-case login>` and `address:<ip>`; Map order is least recently failed first. */
  private readonly entries = new Map<string, Entry>();

  constructor(options: SignInBackoffOptions) {
    this.now = options.now;
    this.rules = { login: options.login ?? LOGIN_RULE, address: options.address ?? ADDRESS_RULE };
    this.forgetAfterMs = options.forgetAfterMs ?? 60 * 60_000;
    this.maxEntries = options.maxEntries ?? 50_000;
    this.exempt = new Set(options.exemptAddresses ?? LOCAL_ADDRESSES);
  }

  /** Whether a try for `login` from `address` may be checked now; the longer wait wins. */
  check(login: string, address: string): BackoffVerdict {
    const now = this.now();
    let verdict: BackoffVerdict = { paused: false };
    for (const [by, key] of this.keys(login, address)) {
      const entry = this.live(key, now);
      if (!entry || entry.until <= now) continue;
      const retryAfterMs = entry.until - now;
      if (!verdict.paused || retryAfterMs > verdict.retryAfterMs) {
        verdict = { paused: true, by, retryAfterMs, failures: entry.failures };
      }
    }
    return verdict;
  }

  /** A wrong password (or an unknown login): both counts go up, and may start a wait. */
  failed(login: string, address: string): void {
    const now = this.now();
    for (const [by, key] of this.keys(login, address)) {
      const entry = this.live(key, now) ?? { failures: 0, lastFailureAt: now, until: now };
      entry.failures += 1;
      entry.lastFailureAt = now;
      entry.until = now + waitAfter(this.rules[by], entry.failures);
      // Re-inserted at the end: the Map stays ordered by last failure, oldest first.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** A right password: the login starts again from zero. */
  succeeded(login: string): void {
    this.entries.delete(loginKey(login));
  }

  /** Entries held (for tests). */
  size(): number {
    return this.entries.size;
  }

  private keys(login: string, address: string): ['login' | 'address', string][] {
    const keys: ['login' | 'address', string][] = [['login', loginKey(login)]];
    if (!this.exempt.has(address)) keys.push(['address', `address:${address}`]);
    return keys;
  }

  /** The entry, unless it has been quiet long enough to forget (then it is dropped). */
  private live(key: string, now: number): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.until <= now && now - entry.lastFailureAt >= this.forgetAfterMs) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }
}

function loginKey(login: string): string {
  // Logins compare case-insensitively on the hub, so "Admin" and "admin" share one count.
  return `login:${login.trim().toLowerCase()}`;
}
