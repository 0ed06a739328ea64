/**
 * Error codes shared by the hub, the core and the renderer. The code is the stable
 * part: the renderer translates it (errors.<code> in the i18n files); `message` is
 * English detail for logs and developers.
 */
export const ERROR_CODES = [
  'bad_request',
  'unknown_request',
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'payload_too_large',
  'message_too_long',
  'conflict',
  /** A reply typed offline reached a thread another agent had taken meanwhile (kept, not sent). */
  'thread_taken',
  'not_signed_in',
  'hub_unreachable',
  /** The renderer lost its link to the agent core (browser host down, IPC timeout). */
  'host_unreachable',
  'hub_error',
  'rate_limited',
  /** Too many failed sign-ins for this login or from this address: sign-in waits (params: seconds). */
  'sign_in_paused',
  /** The hub is checking as many passwords as it will at once; try again shortly (params: seconds). */
  'hub_busy',
  /** An administrator disabled this account: it cannot sign in until re-enabled. */
  'account_disabled',
  /** The current password given to change it is not the agent's password. */
  'wrong_password',
  'internal',
  /** The disk holding the local cache is full: nothing new could be written (what was stored is intact). */
  'disk_full',
  /** An attachment is larger than the local cache's size cap (params: name, size, cap). */
  'attachment_too_large',
  /** The template was deleted on the hub (e.g. while the agent was offline). */
  'template_deleted',
  /** A newer call of the same kind (the next search as the agent types) replaced this one before it ran. */
  'superseded',
  /** The agent core's worker stopped while handling the call; it restarts by itself (decision 0048). */
  'core_stopped',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Field-level detail, e.g. which input path was wrong and why. */
  issues?: { path: string; message: string }[];
  /** Values the translated sentence names (a file name, a limit). */
  params?: Record<string, string | number>;
}

export class OknoError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorInfo['issues'];
  readonly params: ErrorInfo['params'];

  constructor(code: ErrorCode, message: string, issues?: ErrorInfo['issues'], params?: ErrorInfo['params']) {
    super(message);
    this.name = 'OknoError';
    this.code = code;
    this.issues = issues;
    this.params = params;
  }

  toInfo(): ErrorInfo {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.params ? { params: this.params } : {}),
    };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into ErrorInfo without leaking stack traces across a boundary. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof OknoError) return error.toInfo();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
