/**
 * Fault injection on loopback. The agent core and the hub each run as a child process
 * (tests/support/coreChild.ts, tests/support/hubChild.ts); between them a TCP proxy drops, stalls,
 * delays, duplicates, garbles and cuts connections (tests/support/faultProxy.ts). On top of that the
 * run kills the core with SIGKILL (while the first sync pulls, while it types, while it pushes, in
 * the middle of a catch-up pull after a restart), kills the hub with SIGKILL, restarts the hub in
 * order with history written in between, and fills the disk under the core's cache and under the
 * hub's database for a while (tests/support/diskCap.ts); customers keep writing in through the
 * web-chat widget meanwhile. Afterwards every reply the core accepted must be on the hub exactly
 * once, in the order typed per thread, every message a customer saw confirmed must be on the hub
 * exactly once, and the cache must equal the hub's state. Counts of each fault kind and of the
 * messages are printed; any loss, duplicate or reordering fails the run.
 *
 * OKNO_FAULTS sets how many faults to inject at least (default 150 for `npm test`; `npm run faults`
 * injects 1000). Each kind is injected at least max(2, 1 %) of that number of times.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../src/main/core/store/localStore.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import { STORE_FILE } from '../../src/main/core/store/localStore.js';
import { createLogger } from '../../src/shared/log.js';
import { PullResponse, SYNC_API, type Change } from '../../src/shared/sync.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { generatedPages } from '../bench/localStoreAtScale.js';
import { bundleScript, startScript, type ScriptChild } from '../support/childProcess.js';
import type { ChildConfig } from '../support/coreChild.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import type { HubChildConfig } from '../support/hubChild.js';
import { customerAddress, openWidgetFrom } from '../support/widgetCustomer.js';
import { ADMIN_PASSWORD, api, customerSays, login, removeTempDirs, tempDir } from './hub-harness.js';
import { cacheKeyOf } from '../support/cacheKey.js';
import { testDatabase, testEngine } from '../support/testDatabase.js';

const FAULTS = Number(process.env.OKNO_FAULTS ?? 150);
const MIN_EACH = Math.max(2, Math.round(FAULTS / 100));
/** The child's pull page (coreChild.ts). */
const PULL_PAGE = 100;
const TYPING_THREADS = 4;
const SUPPORT = path.resolve(import.meta.dirname, '../support');
let coreArgs: string[] = [];
let hubArgs: string[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => Math.round(min + Math.random() * (max - min));

let hubDir: string;
let widgetDir: string;
let appDir: string;
let hub: { child: ScriptChild; url: string; stopping: boolean };
let proxy: FaultProxy;
let threadIds: string[] = [];
let adminToken: string | undefined;

/** What the parent saw typed: thread index → k → message id. */
const typed = new Map<string, string>();
/** Customer messages the hub confirmed to the widget. */
const confirmed: string[] = [];
const counts = {
  coreKills: 0,
  killsWhilePulling: 0,
  killsWhileSending: 0,
  hubKills: 0,
  hubRestarts: 0,
  coreDiskFull: 0,
  hubDiskFull: 0,
  refusedDiskFull: 0,
  statusChanges: 0,
  childErrors: 0,
  hubErrors: 0,
};
/** Milliseconds spent per scheduled kind (with the pause before it), printed to see where a run's time goes. */
const spent: Record<string, number> = {};

/** The faults a run schedules itself (the proxy's come on their own), with their weights. */
const EVENTS = { coreKill: 4, hubKill: 1, hubRestart: 1, coreDiskFull: 1, hubDiskFull: 1 } as const;
type EventKind = keyof typeof EVENTS;
const eventCount: Record<EventKind, () => number> = {
  coreKill: () => counts.coreKills,
  hubKill: () => counts.hubKills,
  hubRestart: () => counts.hubRestarts,
  coreDiskFull: () => counts.coreDiskFull,
  hubDiskFull: () => counts.hubDiskFull,
};

function faultCounts(): Record<string, number> {
  const p = proxy.counts;
  return {
    drop: p.drop,
    stall: p.stall,
    delay: p.delay,
    cut: p.cut,
    duplicate: p.duplicate,
    garbage: p.garbage,
    'cut-all': p.cutAll,
    'kill -9 core': counts.coreKills,
    'kill -9 hub': counts.hubKills,
    'hub restart': counts.hubRestarts,
    'disk full core': counts.coreDiskFull,
    'disk full hub': counts.hubDiskFull,
  };
}

const totalFaults = () => Object.values(faultCounts()).reduce((a, b) => a + b, 0);

function enough(): boolean {
  const c = faultCounts();
  const each = [
    'drop',
    'stall',
    'duplicate',
    'kill -9 core',
    'kill -9 hub',
    'hub restart',
    'disk full core',
    // A full disk is injected into SQLite files (diskCap.ts); a PostgreSQL hub's disk is the server's.
    ...(testEngine() === 'sqlite' ? ['disk full hub'] : []),
  ];
  return totalFaults() >= FAULTS && each.every((kind) => c[kind]! >= MIN_EACH);
}

/** The scheduled kind furthest behind its share (ties at random). */
function nextEvent(): EventKind {
  // A PostgreSQL hub's disk is the server's: diskCap.ts has no file to fill, the kind would never
  // count, and being always furthest behind it would be the only kind scheduled from then on.
  const kinds = (Object.keys(EVENTS) as EventKind[]).filter((k) => k !== 'hubDiskFull' || testEngine() === 'sqlite');
  const share = (k: EventKind) => eventCount[k]() / EVENTS[k];
  const lowest = Math.min(...kinds.map(share));
  const candidates = kinds.filter((k) => share(k) === lowest);
  return candidates[Math.floor(Math.random() * candidates.length)]!;
}

/**
 * Writes history straight into the hub's database while the hub is down, so the core has a
 * large pull to make (and to be killed in the middle of). Returns the open threads written.
 */
function seedHub(dir: string, round: number): string[] {
  const store = openHubStore(dir, Date.now, createLogger('seed'), testDatabase(dir));
  const ids: string[] = [];
  try {
    // The first history is large (a first sync to kill halfway); each restart adds a few pages more.
    for (const page of generatedPages(round === 0 ? 12 : 4, 150, 1000, 7 + round)) {
      store.write((tx) => {
        for (const change of page) {
          if (change.entity === 'customer') store.customers.save(tx, change.data);
          else if (change.entity === 'thread') {
            store.threads.save(tx, { ...change.data, number: change.data.number + round * 1000 });
            if (change.data.status === 'open') ids.push(change.data.id);
          } else if (change.entity === 'message') store.messages.insert(tx, change.data);
        }
      });
    }
  } finally {
    store.close();
  }
  return ids.slice(0, TYPING_THREADS);
}

const portOf = (url: string) => Number(new URL(url).port);

/** Starts the hub child on the data folder and points the proxy at it. */
async function startHubChild(): Promise<void> {
  const config: HubChildConfig = { dataDir: hubDir, widgetDir, adminPassword: ADMIN_PASSWORD, heartbeatMs: 1000 };
  const child = startScript(hubArgs, config);
  const current = { child, url: '', stopping: false };
  void child.exited.then((code) => {
    if (!current.stopping) {
      counts.hubErrors += 1;
      process.stderr.write(`hub child exited by itself with ${code}: ${child.stderr()}\n`);
    }
  });
  const line = await child.waitFor((l) => l.startsWith('listening '), 60_000);
  current.url = line.split(' ')[1]!;
  hub = current;
  proxy.setTarget(portOf(hub.url));
}

/** JSON with sorted keys, so two objects compare by content, not by key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function startCore(mode: ChildConfig['mode']): ScriptChild {
  const config: ChildConfig = {
    dataDir: appDir,
    hubUrl: proxy.url,
    login: 'admin',
    password: ADMIN_PASSWORD,
    threadIds,
    mode,
    typeEveryMs: [5, 40],
  };
  const child = startScript(coreArgs, config, (line) => {
    const [word, index, k, id] = line.split(' ');
    if (word === 'typed') typed.set(`${index} ${k}`, id!);
    if (word === 'status') counts.statusChanges += 1;
    if (word === 'refused') counts.refusedDiskFull += 1;
  });
  void child.exited.then((code) => {
    if (child.process.signalCode !== 'SIGKILL' && code !== 0) {
      counts.childErrors += 1;
      process.stderr.write(`core child exited with ${code}: ${child.stderr()}\n`);
    }
  });
  return child;
}

/** Notes what the core was in the middle of: behind the hub (pulling) or with an outbox to push. */
async function killCore(child: ScriptChild): Promise<void> {
  const { cursor, outbox } = cacheProgress();
  if (outbox > 0) counts.killsWhileSending += 1;
  try {
    adminToken ??= await login(hub.url);
    const reply = await api(hub.url, `${SYNC_API.pull}?after=${cursor}&limit=1`, { token: adminToken });
    // More than a page behind: the core was in the middle of a catch-up pull, not just a frame late.
    if ((reply.body as { remaining: number }).remaining >= PULL_PAGE) counts.killsWhilePulling += 1;
  } catch {
    // The hub is down or restarting: nothing to learn.
  }
  await child.kill9();
  counts.coreKills += 1;
}

/**
 * Waits (up to `timeoutMs`) until the core is visibly in the middle of a catch-up pull: its cursor
 * has moved past `from` and the hub is still at least a page ahead. A random sleep alone mostly
 * missed that window, and a run then showed no kill while pulling at all.
 */
async function midPull(from: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { cursor } = cacheProgress();
    if (cursor > from) {
      try {
        adminToken ??= await login(hub.url);
        const reply = await api(hub.url, `${SYNC_API.pull}?after=${cursor}&limit=1`, { token: adminToken });
        if ((reply.body as { remaining: number }).remaining >= PULL_PAGE) return;
      } catch {
        // The hub is restarting: look again.
      }
    }
    await sleep(5);
  }
}

/** Stops the hub in order, writes more history into its database, starts it again. */
async function restartHub(): Promise<void> {
  hub.stopping = true;
  hub.child.send('exit');
  const stopped = await Promise.race([hub.child.exited.then(() => true), sleep(20_000).then(() => false)]);
  if (!stopped) await hub.child.kill9();
  counts.hubRestarts += 1;
  seedHub(hubDir, counts.hubRestarts);
  await startHubChild();
}

/** kill -9 of the hub: whatever it had not committed is gone; it comes back after a while. */
async function killHub(): Promise<void> {
  hub.stopping = true;
  await hub.child.kill9();
  counts.hubKills += 1;
  await sleep(between(100, 800));
  await startHubChild();
}

/** The disk under one side fills for a while, then has room again. */
async function diskFull(child: ScriptChild): Promise<boolean> {
  const from = child.lines.length;
  child.send('diskfull on');
  const ack = await child.waitFor((l) => l.startsWith('diskfull on'), 10_000, from).catch(() => 'diskfull on 0');
  await sleep(between(200, 1500));
  child.send('diskfull off');
  await child.waitFor((l) => l.startsWith('diskfull off'), 10_000, from).catch(() => undefined);
  return Number(ack.split(' ')[2]) > 0;
}

/** Two customers keep writing in (straight to the hub) while the agent's side is being broken. */
function customersTalking(): { stop(): Promise<void> } {
  let stopped = false;
  const loop = async (name: string, address: string) => {
    let visitorToken: string | undefined;
    while (!stopped) {
      try {
        const opened = await openWidgetFrom(hub.url, address, { visitorToken, name });
        visitorToken = opened.visitorToken;
        for (let i = 0; i < 5 && !stopped; i++) {
          const text = `${name} asks ${i} ${Date.now()} ${Math.random()}`;
          const answer = await customerSays(opened.widget, text);
          if (answer.type === 'message') confirmed.push(text);
          await sleep(2500);
        }
        opened.widget.socket.terminate();
      } catch {
        await sleep(200); // the hub is restarting
      }
    }
  };
  const loops = [loop('Ирина', customerAddress(0)), loop('Tom', customerAddress(1))];
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

async function hubState(): Promise<Change[]> {
  const token = await login(hub.url);
  const changes: Change[] = [];
  let after = 0;
  for (;;) {
    const page = PullResponse.parse((await api(hub.url, `${SYNC_API.pull}?after=${after}&limit=5000`, { token })).body);
    changes.push(...page.changes);
    after = page.cursor;
    if (!page.hasMore) return changes;
  }
}

/** Reads the child's cache from outside (WAL lets a reader in while the core writes). */
function cacheProgress(): { cursor: number; outbox: number } {
  let db: ReturnType<typeof openSqlite> | null = null;
  try {
    // Opening checks the key against page 1, which may not be written yet (or be mid-write).
    db = openSqlite(path.join(appDir, STORE_FILE), cacheKeyOf(appDir));
    const row = db.prepare("SELECT value FROM meta WHERE key = 'cursor'").get() as { value: string } | undefined;
    const outbox = db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number };
    return { cursor: Number(row?.value ?? 0), outbox: outbox.n };
  } catch {
    return { cursor: 0, outbox: 0 }; // not created yet
  } finally {
    db?.close();
  }
}

beforeAll(async () => {
  hubDir = tempDir('okno-faults-hub-');
  widgetDir = tempDir('okno-widget-');
  appDir = tempDir('okno-faults-app-');
  [coreArgs, hubArgs] = [
    await bundleScript(path.join(SUPPORT, 'coreChild.ts')),
    await bundleScript(path.join(SUPPORT, 'hubChild.ts')),
  ];
  threadIds = seedHub(hubDir, 0);
  proxy = await startFaultProxy(1);
  await startHubChild();
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  if (hub) {
    hub.stopping = true;
    await hub.child.kill9();
  }
  removeTempDirs();
});

describe('sync under faults', () => {
  it(
    `loses, doubles and reorders nothing through ${FAULTS}+ faults: network, kill -9 of core and hub, hub restarts, full disks`,
    async () => {
      const startedAt = Date.now();
      const customers = customersTalking();
      proxy.setChaos({ rate: 0.35 });
      const cutter = setInterval(() => proxy.cutAll(), 1700);
      let core = startCore('chaos');
      const alive = () => core.process.exitCode === null && core.process.signalCode === null;
      try {
        // The first start is a first sync of the whole history: kill it halfway through.
        await midPull(0, 10_000);
        await killCore(core);
        core = startCore('chaos');
        while (!enough()) {
          // Mostly once it runs (typing, pushing, pulling); now and then while it is still starting.
          const waitStart = Date.now();
          if (Math.random() < 0.8) await core.waitFor('ready', 30_000).catch(() => undefined);
          spent['wait for ready'] = (spent['wait for ready'] ?? 0) + Date.now() - waitStart;
          await sleep(between(100, 1200));
          if (!alive()) core = startCore('chaos');
          const event = nextEvent();
          const eventStart = Date.now();
          switch (event) {
            case 'coreKill':
              await killCore(core);
              core = startCore('chaos');
              break;
            case 'hubKill':
              await killHub();
              break;
            case 'hubRestart': {
              const before = cacheProgress().cursor;
              await restartHub();
              // The core now has a large pull to make: kill it in the middle of it.
              await midPull(before, 5000);
              await killCore(core);
              core = startCore('chaos');
              break;
            }
            case 'coreDiskFull':
              await core.waitFor('ready', 30_000).catch(() => undefined);
              if (alive() && (await diskFull(core))) counts.coreDiskFull += 1;
              break;
            case 'hubDiskFull':
              if (await diskFull(hub.child)) counts.hubDiskFull += 1;
              break;
          }
          spent[event] = (spent[event] ?? 0) + Date.now() - eventStart;
        }
      } finally {
        clearInterval(cutter);
        proxy.setChaos(null);
        await customers.stop();
        await core.kill9();
        counts.coreKills += 1;
      }

      // A last, undisturbed run: the core drains its outbox and catches up.
      const last = startCore('settle');
      await last.waitFor('settled', 60_000);
      const state = await hubState();
      const hubSeq = Math.max(...state.map((c) => c.seq));
      const deadline = Date.now() + 30_000;
      while (cacheProgress().cursor < hubSeq && Date.now() < deadline) await sleep(50);
      last.send('exit');
      expect(await last.exited).toBe(0);

      // Every reply on the hub exactly once, in the order typed, nothing lost.
      const hubMessages = state.filter((c) => c.entity === 'message').sort((a, b) => a.seq - b.seq);
      const replies = hubMessages.filter((c) => /^fz \d+ \d+$/.test(c.data.text));
      const seenTexts = new Map<string, number>();
      for (const c of hubMessages) seenTexts.set(c.data.text, (seenTexts.get(c.data.text) ?? 0) + 1);
      const duplicated = replies.filter((c) => seenTexts.get(c.data.text)! > 1).length;
      const hubIds = new Set(replies.map((c) => c.data.id));
      const lost = [...typed.values()].filter((id) => !hubIds.has(id)).length;
      const outOfOrder: string[] = [];
      for (let t = 0; t < threadIds.length; t++) {
        const ks = replies
          .filter((c) => c.data.threadId === threadIds[t])
          .map((c) => Number(c.data.text.split(' ')[2]));
        ks.forEach((k, i) => {
          if (k !== i + 1) outOfOrder.push(`thread ${t}: position ${i + 1} holds reply ${k}`);
        });
      }
      const customersLost = confirmed.filter((text) => !seenTexts.has(text)).length;
      const customersDuplicated = confirmed.filter((text) => seenTexts.get(text)! > 1).length;
      // The cache equals the hub.
      const store = openLocalStore(appDir, { key: cacheKeyOf(appDir) });
      const differences: string[] = [];
      try {
        for (const change of state) {
          const cached =
            change.entity === 'message'
              ? store.messages.get(change.data.id)
              : change.entity === 'thread'
                ? store.threads.get(change.data.id)
                : change.entity === 'customer'
                  ? store.customers.get(change.data.id)
                  : store.meta.agent();
          if (canonical(cached) !== canonical(change.data)) {
            differences.push(`${change.entity}: cache ${canonical(cached)} hub ${canonical(change.data)}`);
          }
        }
        const n = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
        const hubCount = (entity: string) => state.filter((c) => c.entity === entity).length;
        if (n('SELECT count(*) AS n FROM messages') !== hubCount('message')) differences.push('message counts differ');
        if (n('SELECT count(*) AS n FROM threads') !== hubCount('thread')) differences.push('thread counts differ');
        if (n('SELECT count(*) AS n FROM outbox') !== 0) differences.push('outbox not empty');
      } finally {
        store.close();
      }

      const kinds = Object.entries(faultCounts())
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ');
      process.stdout.write(
        `sync faults: ${totalFaults()} faults injected in ${Math.round((Date.now() - startedAt) / 1000)} s (${kinds}) ` +
          `over ${proxy.counts.connections} connections; core kills while pulling ${counts.killsWhilePulling}, ` +
          `with an outbox to push ${counts.killsWhileSending}; writes refused for a full disk ${counts.refusedDiskFull}; ` +
          `replies typed ${typed.size} seen (${replies.length} reached the hub), status changes ${counts.statusChanges}, ` +
          `customer messages confirmed ${confirmed.length}; lost ${lost + customersLost}, ` +
          `duplicated ${duplicated + customersDuplicated}, out of order ${outOfOrder.length}, ` +
          `cache differences ${differences.length}; seconds spent: ` +
          Object.entries(spent)
            .map(([kind, ms]) => `${kind} ${Math.round(ms / 1000)}`)
            .join(', ') +
          '\n',
      );

      expect(counts.childErrors).toBe(0);
      expect(counts.hubErrors).toBe(0);
      expect(totalFaults()).toBeGreaterThanOrEqual(FAULTS);
      expect(counts.killsWhilePulling).toBeGreaterThan(0);
      expect(typed.size).toBeGreaterThan(counts.coreKills);
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      expect(customersLost).toBe(0);
      expect(customersDuplicated).toBe(0);
      expect(outOfOrder.slice(0, 10)).toEqual([]);
      expect(differences.slice(0, 10)).toEqual([]);
    },
    300_000 + FAULTS * 3000,
  );
});
