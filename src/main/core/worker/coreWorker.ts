/**
 * Runs the agent core in a worker thread (decision 0048) and gives the host the same endpoint an
 * in-thread core has. The host thread keeps the window's IPC, the OS keychain and nothing else:
 * no SQL runs on it. A worker that dies is started again on the same data folder; the calls it
 * held fail with `core_stopped` (never a silent hang), and the renderer is told to reload.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { EventName, RequestName } from '../../../shared/contract.js';
import type { CallResult } from '../../../shared/contractWire.js';
import { createLogger, logLevel, type Logger } from '../../../shared/log.js';
import { callLinkTarget } from '../../../shared/softphone/callLinks.js';
import type { CoreEndpoint } from '../coreEndpoint.js';
import type { SecretBox } from '../secrets/secretBox.js';
import {
  type CoreWorkerData,
  type CoreWorkerFaults,
  type FromWorker,
  type PortableCoreOptions,
  type ToWorker,
} from './coreWorkerProtocol.js';
import { newSecretSignal, serveSecretBox } from './secretBoxBridge.js';
import { createSupersedingGate } from './supersedingGate.js';

export interface CoreWorkerOptions extends PortableCoreOptions {
  /** The host's box (the OS keychain in Electron); the worker reaches it through secretBoxBridge.ts. */
  secretBox: SecretBox;
  log?: Logger;
  faults?: CoreWorkerFaults;
  /** Restarts allowed within a minute before the core is left stopped (default 3). */
  maxRestartsPerMinute?: number;
}

/** Calls a newer call of the same name makes worthless (search as the agent types). */
const SUPERSEDABLE: ReadonlySet<RequestName> = new Set<RequestName>(['search.messages']);

const CLOSE_TIMEOUT_MS = 5_000;

/** From the sources (tsx) the bootstrap registers TypeScript first; the Electron bundle has coreWorker.js. */
function workerEntry(): URL {
  const fromSources = import.meta.url.endsWith('.ts');
  const file = fromSources ? 'coreWorkerBootstrap.mjs' : 'coreWorker.js';
  return new URL(file, import.meta.url);
}

type Listener = (name: EventName, payload: unknown) => void;

interface Running {
  worker: Worker;
  ready: Promise<void>;
  exited: Promise<void>;
}

export async function startCoreWorker(options: CoreWorkerOptions): Promise<CoreEndpoint> {
  const { secretBox, faults, maxRestartsPerMinute = 3, ...portable } = options;
  const log = options.log ?? createLogger('core-worker');
  const listeners = new Set<Listener>();
  const pending = new Map<number, { name: string; resolve: (result: CallResult) => void }>();
  const restarts: number[] = [];
  let nextId = 0;
  let sources: string[] = [];
  let closing = false;
  /** Restarts only once the first worker was up: a core that cannot start at all is the caller's error. */
  let started = false;
  /** Why the core is left stopped, once restarts ran out. */
  let stopped: string | null = null;

  const emit = (name: EventName, payload: unknown) => {
    for (const listener of [...listeners]) {
      try {
        listener(name, payload);
      } catch (error) {
        log.error('event listener failed', { event: name, error: String(error) });
      }
    }
  };

  function failPending(message: string): void {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.resolve({ ok: false, error: { code: 'core_stopped', message: message.replace('{name}', call.name) } });
    }
  }

  function spawn(): Running {
    const secrets = new MessageChannel();
    const secretSignal = newSecretSignal();
    const data: CoreWorkerData = {
      options: portable,
      logLevel: logLevel(),
      secretPort: secrets.port2,
      secretSignal,
      ...(faults ? { faults } : {}),
    };
    const worker = new Worker(workerEntry(), { workerData: data, transferList: [secrets.port2], name: 'okno-core' });
    const stopSecrets = serveSecretBox(secrets.port1, secretSignal, secretBox);
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready':
            sources = message.connectSources;
            resolve();
            return;
          case 'failed':
            reject(new Error(message.message));
            return;
          case 'result': {
            const call = pending.get(message.id);
            pending.delete(message.id);
            call?.resolve(message.result);
            return;
          }
          case 'event':
            emit(message.name as EventName, message.payload);
            return;
          case 'connectSources':
            sources = message.sources;
            return;
          case 'log':
            createLogger(message.scope)[message.level](message.message, message.fields);
            return;
          case 'closed':
            void worker.terminate();
            return;
        }
      });
      worker.on('error', (error) => {
        log.error('the core worker failed', { error: error.message });
        reject(error);
      });
      worker.once('exit', (code) => {
        stopSecrets();
        reject(new Error(`the core worker exited (code ${code}) before it was ready`));
        if (started && !closing) onUnexpectedExit(code);
      });
    });
    return { worker, ready, exited };
  }

  let running = spawn();

  function onUnexpectedExit(code: number): void {
    failPending(`the app's core stopped (exit code ${code}) while it handled "{name}"; it is restarting — try again`);
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > maxRestartsPerMinute) {
      stopped = `the app's core stopped ${restarts.length} times within a minute and was left stopped; restart Okno`;
      log.error('the core worker keeps stopping; not restarting it again', { code });
      return;
    }
    log.error('the core worker stopped; restarting it', { code });
    running = spawn();
    running.ready.then(
      // What the window shows may be older than the cache: an empty list asks it to reload.
      () => emit('queue.changed', { threadIds: [] }),
      (error: unknown) => log.error('the core worker could not restart', { error: String(error) }),
    );
  }

  const post = (message: ToWorker) => running.worker.postMessage(message);

  const send = (name: unknown, input: unknown): Promise<CallResult> => {
    if (stopped !== null || closing) {
      const message = stopped ?? 'the app is closing';
      return Promise.resolve({ ok: false, error: { code: 'core_stopped', message } });
    }
    const id = ++nextId;
    return new Promise((resolve) => {
      pending.set(id, { name: String(name).slice(0, 100), resolve });
      post({ type: 'call', id, name: String(name), input });
    });
  };

  try {
    await running.ready;
    started = true;
  } catch (error) {
    closing = true;
    await running.worker.terminate();
    throw error;
  }

  let closed: Promise<void> | null = null;
  return {
    invoke: createSupersedingGate(SUPERSEDABLE, send),
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    connectSources: () => [...sources],
    openCallLink(href) {
      if (callLinkTarget(href) === null) return false;
      post({ type: 'callLink', href });
      return true;
    },
    close() {
      closed ??= (async () => {
        closing = true;
        const { worker, exited } = running;
        post({ type: 'close' });
        const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
        failPending('the app closed before "{name}" finished');
        listeners.clear();
      })();
      return closed;
    },
  };
}
