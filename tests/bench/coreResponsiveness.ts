/**
 * How the window's thread fares while the core syncs a large first pull (issue 18, decision 0048):
 * the same seeded hub (its own process, so it cannot steal this thread) is pulled once by a core on
 * this thread and once by a core in its worker. Meanwhile this thread measures its event-loop
 * delay (every task longer than the resolution shows up) and asks for the first queue page every
 * 100 ms, as a scrolling list would. Measures only; never fails on speed.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  createAgentCore,
  createFileKeySecretBox,
  startCoreWorker,
  type CoreEndpoint,
} from '../../src/main/core/index.js';
import { createLogger } from '../../src/shared/log.js';
import { bundleScript, startScript } from '../support/childProcess.js';
import type { HubChildConfig } from '../support/hubChild.js';
import { spread, type Spread } from './stats.js';
import { seedHub } from './syncPull.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'bench-password-1';

export interface ResponsivenessRun {
  syncSeconds: number;
  messagesPerSecond: number;
  /** The host thread's event-loop delay while the sync ran (ms). */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** A queue page asked for every 100 ms while the sync ran: the round trip (ms). */
  queuePageMs: Spread;
}

export interface ResponsivenessFigures {
  messages: number;
  inThread: ResponsivenessRun;
  inWorker: ResponsivenessRun;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function measure(core: CoreEndpoint, hubUrl: string, messages: number): Promise<ResponsivenessRun> {
  const synced = new Promise<void>((resolve) => {
    core.onEvent((name, payload) => {
      if (name === 'sync.progress' && (payload as { remaining: number }).remaining === 0) resolve();
    });
  });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const pageTimes: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const started = performance.now();
      await core.invoke('queue.list', { limit: 50 });
      pageTimes.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  delay.enable();
  const started = performance.now();
  const signIn = await core.invoke('session.signIn', { hubUrl, login: 'admin', password: PASSWORD });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.error.message}`);
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('the first sync did not finish within 15 minutes')), 15 * 60_000).unref(),
  );
  await Promise.race([synced, timeout]);
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  probing = false;
  await probe;
  return {
    syncSeconds: Math.round(seconds * 100) / 100,
    messagesPerSecond: Math.round(messages / seconds),
    eventLoopDelayMs: {
      p50: round(delay.percentile(50) / 1e6),
      p99: round(delay.percentile(99) / 1e6),
      max: round(delay.max / 1e6),
    },
    queuePageMs: spread(pageTimes),
  };
}

export async function benchCoreResponsiveness(
  dir: string,
  threads: number,
  messagesPerThread: number,
): Promise<ResponsivenessFigures> {
  const hubDir = path.join(dir, 'hub');
  seedHub(hubDir, threads, messagesPerThread, createLogger('bench'));
  const config: HubChildConfig = {
    dataDir: hubDir,
    widgetDir: path.join(REPO, 'dist/widget'),
    adminPassword: PASSWORD,
    heartbeatMs: 5_000,
  };
  const hub = startScript(await bundleScript(path.join(REPO, 'tests/support/hubChild.ts')), config);
  try {
    const hubUrl = (await hub.waitFor((line) => line.startsWith('listening '), 60_000)).split(' ')[1]!;
    const messages = threads * messagesPerThread;
    const run = async (where: 'thread' | 'worker'): Promise<ResponsivenessRun> => {
      const dataDir = path.join(dir, `app-${where}`);
      mkdirSync(dataDir, { recursive: true });
      const options = {
        dataDir,
        host: 'browser' as const,
        secretBox: createFileKeySecretBox(dataDir),
        cacheMaintenanceDelayMs: null,
      };
      const core = where === 'thread' ? await createAgentCore(options) : await startCoreWorker(options);
      try {
        return await measure(core, hubUrl, messages);
      } finally {
        await core.close();
      }
    };
    return { messages, inThread: await run('thread'), inWorker: await run('worker') };
  } finally {
    hub.send('exit');
    await hub.exited;
  }
}
