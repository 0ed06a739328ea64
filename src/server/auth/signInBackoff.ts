/**
 * Sign-in back-off, per login and per client address (decision 0025). A few failures are free;
 * after them each failure doubles the wait before the next try is even checked, up to a cap. A
 * try during the wait is refused before any password is hashed, so guessing gets a few tries an
 * hour instead of twenty a second, and the flood costs no CPU. A right password clears its login
 * (not its address: an address that guesses at many logins stays slowed). The counts live in a
 * BackoffStore — the hub's database (storage/signInBackoffRepo.ts), so every instance of a hub and
 * its next start count the same guesser (decision 0053). Quiet counts are forgotten, and swept
 * from the store now and then.
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
  /** Where the counts are kept. */
  store: BackoffStore;
  /**
   * A count with no failure for this long is forgotten (it starts again); never less than the
   * longest wait, so a count is not forgotten while it pauses. Default one hour.
   */
  forgetAfterMs?: number;
  /** How often forgotten counts are deleted from the store (on a failure); default one minute. */
  sweepEveryMs?: number;
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

/** How many failures a login or an address has, and when the last one was: the wait follows from them. */
export interface BackoffCount {
  failures: number;
  lastFailureAt: number;
}

/**
 * Where the counts are kept, by key (`login:<login>`, `address:<ip>`); each call is one step, so
 * instances counting at once lose no failure. `staleAt`: a count whose last failure is at or
 * before it is forgotten.
 */
export interface BackoffStore {
  /** The counts of one or two keys, stale ones left out. */
  counts(keys: readonly string[], staleAt: number): Map<string, BackoffCount>;
  /** One more failure of each of one or two keys at `at`; a stale count starts again at 1. */
  failed(keys: readonly string[], at: number, staleAt: number): void;
  forget(key: string): void;
  /** Deletes the stale counts. */
  forgetStale(staleAt: number): number;
}

/** The wait after `failures` failures under `rule` (0 while they are free). */
export function waitAfter(rule: BackoffRule, failures: number): number {
  const over = failures - rule.free;
  if (over <= 0) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(over - 1, 30));
}

export class SignInBackoff {
  private readonly now: () => number;
  private readonly store: BackoffStore;
  private readonly rules: { login: BackoffRule; address: BackoffRule };
  private readonly forgetAfterMs: number;
  private readonly sweepEveryMs: number;
  private readonly exempt: ReadonlySet<string>;
  private sweptAt = -Infinity;

  constructor(options: SignInBackoffOptions) {
    this.now = options.now;
    this.store = options.store;
    this.rules = { login: options.login ?? LOGIN_RULE, address: options.address ?? ADDRESS_RULE };
    this.forgetAfterMs = Math.max(
      options.forgetAfterMs ?? 60 * 60_000,
      this.rules.login.maxMs,
      this.rules.address.maxMs,
    );
    this.sweepEveryMs = options.sweepEveryMs ?? 60_000;
    this.exempt = new Set(options.exemptAddresses ?? LOCAL_ADDRESSES);
  }

  /** Whether a try for `login` from `address` may be checked now; the longer wait wins. */
  check(login: string, address: string): BackoffVerdict {
    const now = this.now();
    const keys = this.keys(login, address);
    const counts = this.store.counts(
      keys.map(([, key]) => key),
      now - this.forgetAfterMs,
    );
    let verdict: BackoffVerdict = { paused: false };
    for (const [by, key] of keys) {
      const count = counts.get(key);
      if (!count) continue;
      const until = count.lastFailureAt + waitAfter(this.rules[by], count.failures);
      if (until <= now) continue;
      const retryAfterMs = until - now;
      if (!verdict.paused || retryAfterMs > verdict.retryAfterMs) {
        verdict = { paused: true, by, retryAfterMs, failures: count.failures };
      }
    }
    return verdict;
  }

  /** A wrong password (or an unknown login): both counts go up, and may start a wait. */
  failed(login: string, address: string): void {
    const now = this.now();
    const staleAt = now - this.forgetAfterMs;
    this.store.failed(
      this.keys(login, address).map(([, key]) => key),
      now,
      staleAt,
    );
    // Only failures add counts, so sweeping after them keeps the store bounded.
    if (now - this.sweptAt >= this.sweepEveryMs) {
      this.sweptAt = now;
      this.store.forgetStale(staleAt);
    }
  }

  /** A right password: the login starts again from zero. */
  succeeded(login: string): void {
    this.store.forget(loginKey(login));
  }

  private keys(login: string, address: string): ['login' | 'address', string][] {
    const keys: ['login' | 'address', string][] = [['login', loginKey(login)]];
    if (!this.exempt.has(address)) keys.push(['address', `address:${address}`]);
    return keys;
  }
}

function loginKey(login: string): string {
  // Logins compare case-insensitively on the hub, so "Admin" and "admin" share one count.
  return `login:${login.trim().toLowerCase()}`;
}
