/**
 * The messages between the host thread and the core's worker thread (decision 0048): one typed
 * table each way. Contract calls keep the renderer contract's own envelopes (CallResult), so
 * validation still happens once, in the worker, by `dispatch`.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CallResult } from '../../../shared/contractWire.js';
import type { RequestName } from '../../../shared/contract.js';
import type { LogLevel } from '../../../shared/log.js';
import type { AgentCoreOptions } from '../agentCore.js';

/** The core's options that can cross a thread (no functions: the clock and logger are the worker's own). */
export type PortableCoreOptions = Pick<
  AgentCoreOptions,
  'dataDir' | 'host' | 'embeddedHubUrl' | 'version' | 'syncTiming' | 'cacheMaintenanceDelayMs'
>;

/** Fault injection for tests: the worker ends itself (exit code 70) when it receives this request. */
export interface CoreWorkerFaults {
  crashOnRequest?: RequestName;
}

export interface CoreWorkerData {
  options: PortableCoreOptions;
  logLevel: LogLevel;
  /** The host answers SecretBox calls on this port (secretBoxBridge.ts). */
  secretPort: MessagePort;
  secretSignal: Int32Array;
  faults?: CoreWorkerFaults;
}

export type ToWorker =
  { type: 'call'; id: number; name: string; input: unknown } | { type: 'callLink'; href: string } | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; connectSources: string[] }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: CallResult }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'connectSources'; sources: string[] }
  | { type: 'log'; level: LogLevel; scope: string; message: string; fields?: Record<string, unknown> }
  | { type: 'closed' };

/** Exit code of a worker that ended itself on an injected fault. */
export const FAULT_EXIT_CODE = 70;
