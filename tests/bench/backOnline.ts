/**
 * Time back online (decision 0026): an agent core (in this process, production sync timing) behind
 * a proxy to a real hub. The link is cut for a while, one reply is typed, the link returns; measured
 * is the time from the return to "online" and to an empty outbox — once for each outage length with
 * the core's own probing, and once with the OS's signal (connection.online, as the window's 'online'
 * event sends it) right as the link returns.
 */
import path from 'node:path';
import { createAgentCore, createFileKeySecretBox } from '../../src/main/core/index.js';
import type { ConnectionState, RequestName } from '../../src/shared/contract.js';
import { dispatch } from '../../src/shared/contractWire.js';
import { createHub } from '../../src/server/hub.js';
import { startFaultProxy } from '../support/faultProxy.js';

export interface BackOnlineRun {
  outageSeconds: number;
  signal: 'probe' | 'os_online';
  backOnlineSeconds: number;
  drainedSeconds: number;
}

export interface BackOnlineFigures {
  runs: BackOnlineRun[];
  worstBackOnlineSeconds: number;
}

const PASSWORD = 'bench-password-1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => Math.round(ms) / 1000;

export async function benchBackOnline(dir: string, outagesSeconds: readonly number[]): Promise<BackOnlineFigures> {
  const hub = await createHub({ dataDir: path.join(dir, 'hub'), port: 0, initialAdminPassword: PASSWORD });
  const proxy = await startFaultProxy(Number(new URL(hub.url).port));
  const appDir = path.join(dir, 'app');
  const core = await createAgentCore({ dataDir: appDir, host: 'browser', secretBox: createFileKeySecretBox(appDir) });
  const call = async <T>(name: RequestName, input: unknown = {}): Promise<T> => {
    const result = await dispatch(core.handlers, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.output as T;
  };
  const until = async (what: string, probe: (s: ConnectionState) => boolean): Promise<void> => {
    const deadline = Date.now() + 120_000;
    while (!probe(await call<ConnectionState>('connection.get'))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(2);
    }
  };
  const runs: BackOnlineRun[] = [];
  try {
    await call('session.signIn', { hubUrl: proxy.url, login: 'admin', password: PASSWORD });
    await until('first sync', (s) => s.status === 'online');
    const plan: [number, BackOnlineRun['signal']][] = [
      ...outagesSeconds.map((s): [number, BackOnlineRun['signal']] => [s, 'probe']),
      [outagesSeconds.at(-1) ?? 10, 'os_online'],
    ];
    for (const [outageSeconds, signal] of plan) {
      proxy.setOffline(true);
      await until('offline', (s) => s.status !== 'online');
      // Something typed while offline, for the outbox to drain: the agent's status (it goes through the outbox).
      await call('agent.setStatus', { status: runs.length % 2 === 0 ? 'away' : 'ready' });
      await until('one pending', (s) => s.pendingMutations > 0);
      await sleep(outageSeconds * 1000);
      proxy.setOffline(false);
      const back = performance.now();
      if (signal === 'os_online') await call('connection.online');
      await until('online', (s) => s.status === 'online');
      const backOnline = performance.now() - back;
      await until('drained', (s) => s.pendingMutations === 0);
      runs.push({
        outageSeconds,
        signal,
        backOnlineSeconds: seconds(backOnline),
        drainedSeconds: seconds(performance.now() - back),
      });
    }
  } finally {
    await core.close();
    await proxy.close();
    await hub.close();
  }
  return { runs, worstBackOnlineSeconds: Math.max(...runs.map((r) => r.backOnlineSeconds)) };
}
