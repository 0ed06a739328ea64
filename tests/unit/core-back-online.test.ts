/**
 * Back online fast (decision 0026): while the hub is away the live socket probes at a short,
 * capped, jittered interval, and the OS's 'online' signal makes it try at once. Timers are the
 * test's own (stepped by hand); the sockets are real, on loopback.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createLiveSocket, type Timers } from '../../src/main/core/sync/liveSocket.js';
import { createProbeBackoff, LIVE_PROBE_MAX_MS } from '../../src/main/core/sync/syncSession.js';
import { createLogger } from '../../src/shared/log.js';
import { forwardNetworkOnline } from '../../src/renderer/features/connection/networkOnline.js';
import type { Platform } from '../../src/renderer/platform/platform.js';
import { freePort } from '../support/freePort.js';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout(callback, ms) {
      pending.set(next, { callback, ms });
      return next++;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    pending,
    /** Fires the one reconnect that is waiting (the silence timer is not used before a socket opens). */
    fireNext() {
      const [id, timer] = [...pending.entries()][0] ?? [];
      if (id === undefined || !timer) throw new Error('no timer pending');
      pending.delete(id);
      timer.callback();
    },
  };
}

const waitFor = async (what: string, probe: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function liveSocketTo(port: number, timers: Timers) {
  const downs: number[] = [];
  const attempts: string[] = [];
  const live = createLiveSocket({
    url: `ws://127.0.0.1:${port}/live`,
    token: 't'.repeat(40),
    backoff: createProbeBackoff(undefined, () => 1), // jitter at its top: the longest waits
    timers,
    open: (url, options) => {
      attempts.push(url);
      return new WebSocket(url, options);
    },
    onFrame: () => undefined,
    onDown: (_reason, retryInMs) => downs.push(retryInMs),
    onUnauthorized: () => undefined,
    log: createLogger('test:live'),
  });
  cleanups.push(() => live.stop());
  return { live, downs, attempts };
}

describe('probing a hub that went away', () => {
  it('never waits longer than the cap between attempts, however long the outage', async () => {
    const port = await freePort();
    const clock = manualTimers();
    const { live, downs } = liveSocketTo(port, clock.timers);
    live.start();
    for (let i = 1; i <= 25; i++) {
      await waitFor(`failure ${i}`, () => downs.length === i);
      clock.fireNext();
    }
    expect(Math.max(...downs)).toBeLessThanOrEqual(LIVE_PROBE_MAX_MS);
    expect(downs.slice(0, 3)).toEqual([250, 500, 1000]);
    expect(downs.slice(-5)).toEqual([1500, 1500, 1500, 1500, 1500]);
  });

  it('jitters between half the cap and the cap, so many apps do not return in lock-step', () => {
    const low = createProbeBackoff(undefined, () => 0);
    const waits = Array.from({ length: 10 }, () => low.next());
    expect(waits.at(-1)).toBe(LIVE_PROBE_MAX_MS / 2);
    // Tests that turn the clocks down still get their shorter numbers.
    const fast = createProbeBackoff({ backoffBaseMs: 30, backoffMaxMs: 300 }, () => 1);
    expect(Array.from({ length: 8 }, () => fast.next()).at(-1)).toBe(300);
  });

  it('tries at once when the OS says the network is back, instead of at the next probe', async () => {
    const port = await freePort();
    const clock = manualTimers();
    const { live, downs, attempts } = liveSocketTo(port, clock.timers);
    live.start();
    await waitFor('the first failure', () => downs.length === 1);
    expect(clock.pending.size).toBe(1);

    // The hub is reachable again; nobody fires the scheduled probe.
    const server = new WebSocketServer({ host: '127.0.0.1', port });
    cleanups.push(() => {
      for (const client of server.clients) client.terminate();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const connected = new Promise<void>((resolve) => server.once('connection', () => resolve()));
    live.retryNow('online event');
    expect(clock.pending.size).toBe(0);
    await connected;
    expect(attempts).toHaveLength(2);

    // An open socket is left alone.
    await waitFor('the socket to open', () => clock.pending.size === 1); // its silence timer
    live.retryNow('online event again');
    expect(attempts).toHaveLength(2);
  });

  it('drops an attempt still hanging from before the network came back and makes a new one', async () => {
    // Accepts TCP and never answers the upgrade: a connect that started into a dead network.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const clock = manualTimers();
    const { live, downs, attempts } = liveSocketTo((silent.address() as net.AddressInfo).port, clock.timers);
    live.start();
    await waitFor('the upgrade to hang', () => sockets.size === 1);
    live.retryNow('online event');
    await waitFor('a second attempt', () => sockets.size === 2);
    expect(attempts).toHaveLength(2);
    // The dropped attempt does not schedule a probe of its own.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(downs).toEqual([]);
    expect(clock.pending.size).toBe(0);
  });
});

describe("the window's online event", () => {
  it('goes to the core as connection.online, and stops when asked', async () => {
    const calls: string[] = [];
    const platform = {
      invoke: async (name: string) => {
        calls.push(name);
        return {};
      },
    } as unknown as Platform;
    const target = new EventTarget();
    const stop = forwardNetworkOnline(platform, target);
    target.dispatchEvent(new Event('online'));
    target.dispatchEvent(new Event('offline'));
    expect(calls).toEqual(['connection.online']);
    stop();
    target.dispatchEvent(new Event('online'));
    expect(calls).toEqual(['connection.online']);
  });
});
