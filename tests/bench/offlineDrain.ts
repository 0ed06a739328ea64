/**
 * Offline and back: an agent core (in this process) behind a proxy to a real hub; the link is cut,
 * the agent writes N replies, the link returns. Measured: time until the core is online again and
 * until the outbox is empty (production back-off and timing). Then the core's resident memory: a
 * fresh core in its own process makes a first sync of the whole hub, and its RSS is read from /proc.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createAgentCore, createFileKeySecretBox } from '../../src/main/core/index.js';
import type { ConnectionState, RequestName } from '../../src/shared/contract.js';
import { dispatch } from '../../src/shared/contractWire.js';
import { createLogger } from '../../src/shared/log.js';
import { createHub } from '../../src/server/hub.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import type { ChildConfig } from '../support/coreChild.js';
import { startFaultProxy } from '../support/faultProxy.js';
import { generatedPages } from './localStoreAtScale.js';

export interface OfflineDrainFigures {
  outboxMessages: number;
  hubMessages: number;
  typingSeconds: number;
  reconnectSeconds: number;
  drainSeconds: number;
  drainMessagesPerSecond: number;
}

export interface CoreMemoryFigures {
  replicaMessages: number;
  firstSyncSeconds: number;
  residentMegabytes: number;
  peakResidentMegabytes: number;
}

const PASSWORD = 'bench-password-1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function seed(dir: string, threads: number, messagesPerThread: number): string[] {
  const store = openHubStore(dir, Date.now, createLogger('bench'));
  const open: string[] = [];
  try {
    for (const page of generatedPages(threads, messagesPerThread, 5000, 5)) {
      store.write((tx) => {
        for (const change of page) {
          if (change.entity === 'customer') store.customers.save(tx, change.data);
          else if (change.entity === 'thread') {
            store.threads.save(tx, change.data);
            if (change.data.status === 'open' && open.length < 50) open.push(change.data.id);
          } else if (change.entity === 'message') store.messages.insert(tx, change.data);
        }
      });
    }
  } finally {
    store.close();
  }
  return open;
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

export async function benchOfflineDrain(
  dir: string,
  outboxMessages: number,
  replicaThreads: number,
): Promise<{ drain: OfflineDrainFigures; memory: CoreMemoryFigures }> {
  const hubDir = path.join(dir, 'hub');
  const threadIds = seed(hubDir, replicaThreads, 20);
  const hub = await createHub({ dataDir: hubDir, port: 0, initialAdminPassword: PASSWORD });
  const proxy = await startFaultProxy(Number(new URL(hub.url).port));
  const appDir = path.join(dir, 'app');
  const core = await createAgentCore({ dataDir: appDir, host: 'browser', secretBox: createFileKeySecretBox(appDir) });
  const call = async <T>(name: RequestName, input: unknown = {}): Promise<T> => {
    const result = await dispatch(core.handlers, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.output as T;
  };
  const until = async (what: string, probe: (s: ConnectionState) => boolean): Promise<void> => {
    const deadline = Date.now() + 600_000;
    while (!probe(await call<ConnectionState>('connection.get'))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(5);
    }
  };
  try {
    await call('session.signIn', { hubUrl: proxy.url, login: 'admin', password: PASSWORD });
    await until('first sync', (s) => s.status === 'online');

    proxy.setOffline(true);
    await until('offline', (s) => s.status !== 'online');
    const t0 = performance.now();
    for (let i = 0; i < outboxMessages; i++) {
      await call('message.send', { threadId: threadIds[i % threadIds.length], text: `offline reply ${i}` });
    }
    const typingSeconds = (performance.now() - t0) / 1000;

    proxy.setOffline(false);
    const back = performance.now();
    await until('online', (s) => s.status === 'online');
    const reconnectSeconds = (performance.now() - back) / 1000;
    await until('drained', (s) => s.pendingMutations === 0);
    const drainSeconds = (performance.now() - back) / 1000;
    const drain: OfflineDrainFigures = {
      outboxMessages,
      hubMessages: replicaThreads * 20,
      typingSeconds: Math.round(typingSeconds * 100) / 100,
      reconnectSeconds: Math.round(reconnectSeconds * 100) / 100,
      drainSeconds: Math.round(drainSeconds * 100) / 100,
      // From the link's return to an empty outbox, reconnect included.
      drainMessagesPerSecond: Math.round(outboxMessages / Math.max(drainSeconds, 0.001)),
    };
    await core.close();
    const memory = await coreMemory(path.join(dir, 'app-memory'), hub.url, replicaThreads * 20 + outboxMessages);
    return { drain, memory };
  } finally {
    await core.close();
    await proxy.close();
    await hub.close();
  }
}

/** A fresh core in its own process (tests/support/coreChild.ts) syncs everything; its RSS is what the agent pays. */
async function coreMemory(dataDir: string, hubUrl: string, replicaMessages: number): Promise<CoreMemoryFigures> {
  const config: ChildConfig = {
    dataDir,
    hubUrl,
    login: 'admin',
    password: PASSWORD,
    threadIds: [],
    mode: 'settle',
    typeEveryMs: [0, 0],
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve(import.meta.dirname, '../support/coreChild.ts'), JSON.stringify(config)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  try {
    const t0 = performance.now();
    let ready = 0;
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`core exited with ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line === 'ready') ready = performance.now();
        if (line === 'settled') resolve();
      });
    });
    const { rss, hwm } = rssOf(child.pid!);
    return {
      replicaMessages,
      firstSyncSeconds: Math.round(((performance.now() - (ready || t0)) / 1000) * 100) / 100,
      residentMegabytes: Math.round(rss / 1024),
      peakResidentMegabytes: Math.round(hwm / 1024),
    };
  } finally {
    child.stdin!.write('exit\n');
    await new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => resolve(clearTimeout(timer)));
    });
  }
}
