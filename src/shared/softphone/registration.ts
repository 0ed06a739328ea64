/**
 * Registration state as the agent sees it, and the re-register back-off: pure so it is tested
 * without a PBX.
 */
export type RegistrationStatus = 'unconfigured' | 'offline' | 'connecting' | 'registering' | 'registered' | 'failed';

/** Why the line is not up, as the agent is told it (translated in the renderer). */
export type RegistrationProblem = 'wrong_password' | 'refused' | 'unreachable' | 'bad_address';

export interface RegistrationState {
  status: RegistrationStatus;
  /** The server's reason ("403 Forbidden") or the transport's, when failed or offline. */
  reason: string | null;
  /** What that reason means for the agent; null when all is well. */
  problem?: RegistrationProblem | null;
  /** When the next automatic attempt happens; null when none is scheduled. */
  retryAt: number | null;
  attempt: number;
}

export const REGISTER_BACKOFF = { baseMs: 500, maxMs: 15_000 } as const;

/** Exponential back-off with full jitter; `random` is injected so tests are exact. */
export function reRegisterDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(REGISTER_BACKOFF.maxMs, REGISTER_BACKOFF.baseMs * 2 ** Math.min(attempt, 10));
  return Math.round(REGISTER_BACKOFF.baseMs / 2 + random() * (ceiling - REGISTER_BACKOFF.baseMs / 2));
}

/**
 * What a final answer to REGISTER means: 401/407 after our credentials and 403 (okno.cfg answers a
 * wrong password so) are a wrong user name or password; anything else is the PBX refusing.
 */
export function registerRefusal(statusCode: number): RegistrationProblem {
  return statusCode === 401 || statusCode === 403 || statusCode === 407 ? 'wrong_password' : 'refused';
}
