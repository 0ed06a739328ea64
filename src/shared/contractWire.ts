/**
 * How contract calls travel: the same envelopes over Electron IPC and over the browser
 * host's WebSocket. A result is always a value, never a thrown error, so the error code
 * survives structured cloning and JSON alike.
 */
import { z } from 'zod';
import { CONTRACT_PREFIX, isRequestName, requests, type ContractHandlers, type RequestName } from './contract.js';
import { OknoError, toErrorInfo, type ErrorInfo } from './errors.js';
import { issuesOf } from './validation.js';

export const IPC_INVOKE_CHANNEL = `${CONTRACT_PREFIX}invoke`;
export const IPC_EVENT_CHANNEL = `${CONTRACT_PREFIX}event`;

export type CallResult<T = unknown> = { ok: true; output: T } | { ok: false; error: ErrorInfo };

/** Client → host frame on the browser host socket. */
export const RequestFrame = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

export type ResponseFrame = { type: 'response'; id: number; result: CallResult };
export type EventFrame = { type: 'event'; name: string; payload: unknown };
export type HostFrame = ResponseFrame | EventFrame;

/**
 * Validates a call against the contract and runs it. Used by every host of the core,
 * so validation happens on the receiving side exactly once, in one place.
 */
export async function dispatch(handlers: ContractHandlers, name: unknown, input: unknown): Promise<CallResult> {
  try {
    if (!isRequestName(name)) {
      throw new OknoError('unknown_request', `unknown request "${String(name).slice(0, 100)}"`);
    }
    const parsed = requests[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      throw new OknoError(
        'bad_request',
        `${name}: ${issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const output = await handler(parsed.data);
    return { ok: true, output };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

export type { RequestName };

/** Path of the browser host's contract socket; the per-run token travels as `?token=`. */
export const BROWSER_HOST_SOCKET_PATH = '/okno/contract';

/** What the Electron preload exposes as `window.okno`: a thin allow-listed pipe, nothing more. */
export interface OknoBridge {
  invoke(name: string, input: unknown): Promise<CallResult>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}
