/**
 * The renderer's only door to the agent core (element-web's BasePlatform idea): one small
 * interface with an Electron implementation (IPC through the preload) and a browser-host
 * implementation (the same contract over a WebSocket). The instance is a live object: it is
 * passed to thunks and listeners as their extra argument, never put into the store.
 */
import type { EventName, RequestInput, RequestName, RequestOutput } from '../../shared/contract.js';
import type { ErrorInfo } from '../../shared/errors.js';

/** Whether the renderer can currently reach the core (always 'up' in Electron). */
export type HostLink = 'up' | 'down';

export interface Platform {
  /** Calls the core. Resolves with the validated output; rejects with a PlatformError when the call failed. */
  invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  /** Raw core events; validate the payload (events[name]) before trusting it. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  /** The link between this renderer and its host went down or came back (events may have been missed). */
  onHostLink(listener: (link: HostLink) => void): () => void;
}

/** A failed contract call, carrying the error exactly as the core reported it. */
export class PlatformError extends Error {
  readonly info: ErrorInfo;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'PlatformError';
    this.info = info;
  }
}

/** Anything a call may throw, as ErrorInfo (never leaks a stack into the UI). */
export function errorInfoOf(error: unknown): ErrorInfo {
  if (error instanceof PlatformError) return error.info;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
