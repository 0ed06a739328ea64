/**
 * The workstation for the memory bench (tests/bench/memory.ts): the agent core in its worker thread
 * and the browser host on the window's thread, as `npm start` runs them where there is no Electron,
 * in a process of their own so that its memory is theirs alone. memory.ts bundles this file and the
 * core's worker entry the way the Electron build does (one ESM bundle each, side by side, packages
 * from node_modules), so no TypeScript loader sits in either thread.
 *
 * Run: node --expose-gc <bundle> '<json MemoryAppConfig>'. First line on stdout: `ready <url>`.
 * Then one JSON command a line on stdin, each answered by `reply <json>` with the same id:
 *   {"id":1,"op":"memory"}  both threads collected (the worker's through the inspector), then the figures;
 *   {"id":2,"op":"invoke","name":"cache.maintain","input":{}}  a contract call, answered with its CallResult;
 *   {"id":4,"op":"snapshot","file":"/tmp/core.heapsnapshot"}  a heap snapshot of the core's worker;
 *   {"id":3,"op":"exit"}  closes the host and the core.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createInterface } from 'node:readline';
import { createFileKeySecretBox, startCoreWorker } from '../../src/main/core/index.js';
import { startBrowserHost } from '../../src/main/web/browserHost.js';
import type { RequestName } from '../../src/shared/contract.js';
import { setLogLevel } from '../../src/shared/log.js';

export interface MemoryAppConfig {
  dataDir: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
}

/** V8's view of one thread, in bytes. */
export interface HeapFigures {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface AppMemory {
  /** The whole process (both threads, SQLite, code): /proc/self/status VmRSS, bytes. */
  rss: number;
  /** The most the process ever held (VmHWM), bytes. */
  peakRss: number;
  /** /proc/self/smaps_rollup: anonymous memory (heaps, malloc) and the rest (mapped files: node, libraries). */
  anonymous: number;
  fileBacked: number;
  /** The thread that serves the window (browser host, IPC). */
  hostThread: HeapFigures;
  /** The core's worker thread (SQLite calls, sync, the contract handlers). */
  coreWorker: HeapFigures;
}

const config = JSON.parse(process.argv[2] ?? '{}') as MemoryAppConfig;
setLogLevel('error');
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function procKb(file: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** The inspector's NodeWorker domain: the core's worker collected and read without any code in it. */
async function workerInspector() {
  const session = new Session();
  session.connect();
  let workerSession: string | null = null;
  let nextId = 0;
  const waiting = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  session.on('NodeWorker.attachedToWorker', (message) => {
    workerSession = (message.params as { sessionId: string }).sessionId;
  });
  let snapshotChunks: string[] = [];
  session.on('NodeWorker.receivedMessageFromWorker', (message) => {
    const reply = JSON.parse((message.params as { message: string }).message) as {
      id?: number;
      result?: unknown;
      method?: string;
      params?: { chunk?: string };
    };
    if (reply.method === 'HeapProfiler.addHeapSnapshotChunk') snapshotChunks.push(reply.params?.chunk ?? '');
    if (reply.id === undefined) return;
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  await session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  for (let tries = 0; workerSession === null; tries++) {
    if (tries > 100) throw new Error('the core worker never showed up in the inspector');
    await sleep(20);
  }
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, (reply) => (reply.error ? reject(new Error(JSON.stringify(reply.error))) : resolve(reply.result)));
      void session.post('NodeWorker.sendMessageToWorker', {
        sessionId: workerSession!,
        message: JSON.stringify({ id, method, params }),
      });
    });
  /** A heap snapshot of the worker, for Chrome DevTools' Memory tab (looking for what grows). */
  const snapshot = async (file: string) => {
    snapshotChunks = [];
    await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    writeFileSync(file, snapshotChunks.join(''));
    snapshotChunks = [];
  };
  return { call, snapshot };
}

async function main(): Promise<void> {
  const core = await startCoreWorker({
    dataDir: config.dataDir,
    host: 'browser',
    secretBox: createFileKeySecretBox(config.dataDir),
    // The bench runs the clean-up itself, at the time the app would (a minute after start).
    cacheMaintenanceDelayMs: null,
  });
  const host = await startBrowserHost({ core, staticDir: config.staticDir, port: 0 });
  const inWorker = await workerInspector();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');

  async function memory(): Promise<AppMemory> {
    await inWorker.call('HeapProfiler.collectGarbage');
    gc!();
    gc!();
    await sleep(500);
    const evaluated = (await inWorker.call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result: { value: string } };
    const worker = JSON.parse(evaluated.result.value) as NodeJS.MemoryUsage;
    const main = process.memoryUsage();
    const heap = (m: NodeJS.MemoryUsage): HeapFigures => ({
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
    });
    const anonymous = procKb('/proc/self/smaps_rollup', 'Anonymous');
    const rss = procKb('/proc/self/status', 'VmRSS');
    return {
      rss,
      peakRss: procKb('/proc/self/status', 'VmHWM'),
      anonymous,
      fileBacked: procKb('/proc/self/smaps_rollup', 'Rss') - anonymous,
      hostThread: heap(main),
      coreWorker: heap(worker),
    };
  }

  say(`ready ${host.url}`);
  for await (const line of createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as {
      id: number;
      op: 'memory' | 'invoke' | 'snapshot' | 'exit';
      name?: RequestName;
      input?: unknown;
      file?: string;
    };
    if (command.op === 'exit') break;
    const answer = async () => {
      try {
        const value =
          command.op === 'memory'
            ? await memory()
            : command.op === 'snapshot'
              ? await inWorker.snapshot(command.file!)
              : await core.invoke(command.name, command.input ?? {});
        say(`reply ${JSON.stringify({ id: command.id, value })}`);
      } catch (error) {
        say(`reply ${JSON.stringify({ id: command.id, error: error instanceof Error ? error.message : String(error) })}`);
      }
    };
    void answer();
  }
  await host.close();
  await core.close();
  process.exit(0);
}

void main().catch((error: unknown) => {
  process.stderr.write(`memory app failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
