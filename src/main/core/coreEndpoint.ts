import type { EventName } from '../../shared/contract.js';
import type { CallResult } from '../../shared/contractWire.js';

/**
 * What a host (the Electron IPC pipe, the browser host's socket, the launcher) needs of the agent
 * core. The core may run on the host's own thread (tests) or in a worker thread (the app,
 * decision 0048); hosts cannot tell and need not care.
 */
export interface CoreEndpoint {
  /** Validates and runs one contract call; the result carries the error instead of throwing. */
  invoke(name: unknown, input: unknown): Promise<CallResult>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  /** Extra CSP connect-src origins the renderer needs now (the saved PBX WebSocket). */
  connectSources(): string[];
  /** A tel:/sip: link the OS opened the app with: announced to the renderer (`call.link`); false when it is no call link. */
  openCallLink(href: string): boolean;
  close(): Promise<void>;
}
