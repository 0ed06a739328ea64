/**
 * The workstation's memory (issue 18): "core + window < 350 MB with 1 000 000 cached messages;
 * growth < 5 % over a simulated 8-hour shift". Measures only; never fails on size.
 *
 * - The cache: a hub store is seeded with `messages` (threads of 10, ru/en, as localStoreAtScale
 *   seeds them; all but SEEDED_OPEN threads closed, as a cache of history is), and the agent's
 *   encrypted cache is filled from the hub's own change log through `applyChanges`, page by page:
 *   what an administrator's first sync applies, without the HTTP and JSON in between.
 * - The app: memoryApp.ts runs the agent core in its worker and the browser host in one Node
 *   process (bundled as the Electron build bundles them); Chromium (Playwright) shows the window.
 *   The hub (memoryHub.ts, clock moved forward by the bench) and this driver are other processes,
 *   so none of their memory is counted. The core reaches the hub through a fault proxy, which
 *   the shift cuts once an hour.
 * - Figures, each after a forced collection: the app process's RSS (both threads, SQLite, code)
 *   and each thread's V8 heap (the worker's read through the inspector); the window's renderer
 *   process RSS, its JS heap and DOM counters (CDP) and Chromium's own account of it (memory-infra:
 *   private footprint, allocators, Blink's GC heap); the rest of Chromium for context.
 *   "core + window" is the app process's RSS plus the renderer's RSS.
 * - The shift: `conversations` slices of SHIFT_MS / conversations of hub time each. Per slice the
 *   nine colleagues' share of the team's chats arrives and is answered and closed on the hub's API
 *   (it reaches this agent's replica, an administrator's, live), then the agent takes one web chat
 *   in the window: opens it from the queue, answers EXCHANGES times, closes it. Every second slice
 *   a search (a hit opened); every twelfth (hourly) the link drops for a slice and comes back with
 *   the OS's online signal (the core pulls what it missed in pages), and the agent looks at the
 *   closed threads and back; the cache clean-up runs once at start (as the app does a minute
 *   after start) and once mid-shift. The core's clock cannot be moved (a worker takes no `now`):
 *   it runs on real time, a few minutes for the eight hours.
 * - Then the window is left open for `idleMinutes` of real time (its per-second timers ran for
 *   minutes only in the shift), and a critical memory-pressure signal shows what Chromium gives back.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import { createFileKeySecretBox } from '../../src/main/core/index.js';
import { loadCacheKey } from '../../src/main/core/store/cacheKey.js';
import { openLocalStore } from '../../src/main/core/store/localStore.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import type { ConnectionState } from '../../src/shared/contract.js';
import type { CallResult } from '../../src/shared/contractWire.js';
import { LIMITS } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger } from '../../src/shared/log.js';
import { SYNC_API, type Change, type PullResponse } from '../../src/shared/sync.js';
import { customerSays, type FrameQueue } from '../integration/hub-harness.js';
import { bundleScript, startScript, type ScriptChild } from '../support/childProcess.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { customerAddress, openWidgetFrom } from '../support/widgetCustomer.js';
import { searchQueries, seededRandom, sentence } from './corpus.js';
import { generatedPages } from './localStoreAtScale.js';
import type { AppMemory, MemoryAppConfig } from './memoryApp.js';
import type { MemoryHubConfig } from './memoryHub.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'bench-password-1';
const MB = 1024 * 1024;
/** Open threads among the seeded ones: the rest is history, as in a real cache. */
const SEEDED_OPEN = 5;
export const SHIFT_MS = 8 * 3_600_000;
/** The agent's answers per chat (and the customer's messages: one before each answer). */
const EXCHANGES = 4;
/** The colleagues' chats per slice: a team of ten, this agent's replica sees them all. */
const TEAM_CHATS_PER_SLICE = 9;
/** Slices of warm-up before the first sample: every path has run once (JIT, statements, lazy chunks). */
const WARM_UP_SLICES = 6;
/** Hub time a warm-up slice takes, whatever the shift's slices: the session's 12 hours hold the shift. */
const WARM_UP_SLICE_MS = 5 * 60_000;
const TARGET_MB = 350;
const TARGET_GROWTH_PERCENT = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
const percent = (from: number, to: number) => Math.round(((to - from) / from) * 1000) / 10;

// ── The cache ──────────────────────────────────────────────────────────────────────────────

export interface SeededWorkstation {
  threads: number;
  messages: number;
  seedSeconds: number;
  /** The hub's last change when the cache was filled: the cache's cursor. */
  cursor: number;
  cacheMegabytes: number;
}

/** Seeds the hub in `hubDir` and fills the agent's encrypted cache in `appDir` from its change log. */
export function seedWorkstation(hubDir: string, appDir: string, threads: number): SeededWorkstation {
  const hub = openHubStore(hubDir, Date.now, createLogger('bench'));
  mkdirSync(appDir, { recursive: true });
  // The key the app's core will find: sealed by the browser host's key file, as on a workstation.
  const cache = openLocalStore(appDir, { key: loadCacheKey(appDir, createFileKeySecretBox(appDir)).key });
  const started = performance.now();
  try {
    cache.meta.set('hub_id', hub.hubId);
    let cursor = 0;
    for (const page of generatedPages(threads, 10, 5000, 18)) {
      hub.write((tx) => {
        for (const change of page) {
          if (change.entity === 'customer') hub.customers.save(tx, change.data);
          else if (change.entity === 'thread') {
            const open = change.data.number > threads - SEEDED_OPEN;
            hub.threads.save(tx, { ...change.data, status: open ? 'open' : 'closed', slaDueAt: open ? change.data.slaDueAt : null });
          } else if (change.entity === 'message') hub.messages.insert(tx, change.data);
        }
      });
      // An administrator's pull is the log as it is (sync/pullChanges.ts): the same pages, applied the same way.
      for (let changes: Change[]; (changes = hub.changeLog.page(cursor, 5000)).length > 0; ) {
        cursor = changes.at(-1)!.seq;
        cache.applyChanges(changes, { cursor });
      }
    }
    const seedSeconds = (performance.now() - started) / 1000;
    cache.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = Number(cache.db.pragma('page_count', { simple: true })) * Number(cache.db.pragma('page_size', { simple: true }));
    return {
      threads,
      messages: threads * 10,
      seedSeconds: Math.round(seedSeconds),
      cursor,
      cacheMegabytes: Math.round(bytes / 1e6),
    };
  } finally {
    cache.close();
    hub.close();
  }
}

// ── The processes ──────────────────────────────────────────────────────────────────────────

/** memoryApp.ts and the core's worker entry as two ESM bundles side by side, as vite.electron.config.ts builds them. */
async function bundleApp(): Promise<string> {
  const outdir = path.join(REPO, 'node_modules/.cache/okno/memory-app');
  mkdirSync(outdir, { recursive: true });
  writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
  const esbuild = (await import('esbuild')) as { build(options: Record<string, unknown>): Promise<unknown> };
  const common = { bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'warning' };
  await esbuild.build({ ...common, entryPoints: [path.join(REPO, 'tests/bench/memoryApp.ts')], outfile: path.join(outdir, 'app.js') });
  // startCoreWorker loads coreWorker.js beside the module it is in (src/main/core/worker/coreWorker.ts).
  await esbuild.build({
    ...common,
    entryPoints: [path.join(REPO, 'src/main/core/worker/coreWorkerEntry.ts')],
    outfile: path.join(outdir, 'coreWorker.js'),
  });
  return path.join(outdir, 'app.js');
}

/** The app process's commands (memoryApp.ts), one JSON line each, answered by id. */
function appCommands() {
  let nextId = 0;
  const waiting = new Map<number, (reply: { value?: unknown; error?: string }) => void>();
  let child: ScriptChild | null = null;
  return {
    onLine(line: string) {
      if (!line.startsWith('reply ')) return;
      const reply = JSON.parse(line.slice(6)) as { id: number; value?: unknown; error?: string };
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    },
    attach(started: ScriptChild) {
      child = started;
    },
    async call<T>(command: object): Promise<T> {
      const id = ++nextId;
      const reply = await new Promise<{ value?: unknown; error?: string }>((resolve) => {
        waiting.set(id, resolve);
        child!.send(JSON.stringify({ id, ...command }));
      });
      if (reply.error) throw new Error(reply.error);
      return reply.value as T;
    },
  };
}

interface ChromiumProcess {
  pid: number;
  type: string;
  rss: number;
  pss: number;
  /** Private and shared anonymous memory (heaps, PartitionAlloc, V8); the rest of RSS is mapped files. */
  anonymous: number;
}

function kbOf(file: string, key: string): number {
  try {
    return Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0; // the process ended meanwhile
  }
}

/** Chromium's processes under this one (Playwright launched them), with their RSS and PSS from /proc. */
function chromiumProcesses(): ChromiumProcess[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const found: ChromiumProcess[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        continue;
      }
      if (/chrom/i.test(cmdline.split(' ')[0] ?? '')) {
        found.push({
          pid: child,
          type: /--type=([\w-]+)/.exec(cmdline)?.[1] ?? 'browser',
          rss: kbOf(`/proc/${child}/status`, 'VmRSS'),
          pss: kbOf(`/proc/${child}/smaps_rollup`, 'Pss'),
          anonymous: kbOf(`/proc/${child}/smaps_rollup`, 'Anonymous'),
        });
      }
      walk(child);
    }
  };
  walk(process.pid);
  return found;
}

/** Chromium's own account of its processes (memory-infra, as chrome://tracing shows it), after a collection. */
interface InfraProcess {
  /** Chromium's "memory footprint" (its task manager's figure): private, resident or swapped. */
  privateFootprint: number;
  /** Top-level allocators (blink_gc, partition_alloc, v8, malloc, cc, …), effective sizes in bytes. */
  allocators: Record<string, number>;
  /** Blink's GC heap by space: pages committed and the objects alive in them, bytes. */
  blinkGcSpaces: Record<string, { committed: number; live: number }>;
}

type TraceEvent = {
  ph: string;
  pid: number;
  args?: {
    dumps?: {
      process_totals?: { private_footprint_bytes?: string };
      allocators?: Record<string, { attrs?: Record<string, { value?: string }> }>;
    };
  };
};

async function memoryInfra(browserCdp: CDPSession): Promise<Map<number, InfraProcess>> {
  const events: TraceEvent[] = [];
  const collect = (event: { value: object[] }) => events.push(...(event.value as TraceEvent[]));
  browserCdp.on('Tracing.dataCollected', collect);
  const complete = new Promise((resolve) => browserCdp.once('Tracing.tracingComplete', resolve));
  await browserCdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: ['disabled-by-default-memory-infra'],
      excludedCategories: ['*'],
      // No periodic dumps, only the one asked for below (the protocol types this field loosely).
      memoryDumpConfig: { triggers: [] } as unknown as Record<string, string>,
    },
    transferMode: 'ReportEvents',
  });
  // deterministic: each process collects its garbage (V8 and Blink's) before it is counted.
  await browserCdp.send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' });
  await browserCdp.send('Tracing.end');
  await complete;
  browserCdp.off('Tracing.dataCollected', collect);
  const byPid = new Map<number, InfraProcess>();
  for (const event of events) {
    const dumps = event.ph === 'v' ? event.args?.dumps : undefined;
    if (!dumps) continue;
    const entry = byPid.get(event.pid) ?? { privateFootprint: 0, allocators: {}, blinkGcSpaces: {} };
    const footprint = dumps.process_totals?.private_footprint_bytes;
    if (footprint) entry.privateFootprint = parseInt(footprint, 16);
    for (const [name, dump] of Object.entries(dumps.allocators ?? {})) {
      // Blink's garbage-collected heap (DOM, layout, performance entries): what is alive in it, beside what it holds.
      if (name === 'blink_gc/main/allocated_objects' && dump.attrs?.size?.value)
        entry.allocators['blink_gc live objects'] = parseInt(dump.attrs.size.value, 16);
      // Free pages it keeps for reuse rather than giving them back.
      if (name === 'blink_gc/main/heap' && dump.attrs?.pooled_size?.value)
        entry.allocators['blink_gc pooled pages'] = parseInt(dump.attrs.pooled_size.value, 16);
      // Its spaces: which one holds pages (committed) beyond its live objects.
      const space = /^blink_gc\/main\/heap\/(\w+)$/.exec(name)?.[1];
      if (space && dump.attrs?.committed_size?.value) {
        entry.blinkGcSpaces[space] = {
          committed: parseInt(dump.attrs.committed_size.value, 16),
          live: parseInt(dump.attrs.allocated_objects_size?.value ?? '0', 16),
        };
      }
      if (name.includes('/')) continue;
      const size = dump.attrs?.effective_size?.value ?? dump.attrs?.size?.value;
      if (size) entry.allocators[name] = parseInt(size, 16);
    }
    byPid.set(event.pid, entry);
  }
  return byPid;
}

/** What the window's document holds now: its nodes, and the most frequent elements by tag and first class. */
const DOM_CENSUS = `(() => {
  let nodes = 0;
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) nodes++;
  const counts = {};
  for (const el of document.querySelectorAll('*')) {
    const key = el.tagName.toLowerCase() + (el.classList[0] ? '.' + el.classList[0] : '');
    counts[key] = (counts[key] || 0) + 1;
  }
  return { nodes, top: Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 12) };
})()`;

// ── Samples ────────────────────────────────────────────────────────────────────────────────

export interface MemorySample {
  label: string;
  /** Hub time since sign-in, hours. */
  shiftHours: number;
  coreAndWindowMb: number;
  app: {
    rssMb: number;
    anonymousMb: number;
    fileBackedMb: number;
    hostHeapUsedMb: number;
    hostHeapTotalMb: number;
    coreHeapUsedMb: number;
    coreHeapTotalMb: number;
    coreExternalMb: number;
  };
  window: {
    rendererRssMb: number;
    rendererPssMb: number;
    rendererAnonymousMb: number;
    jsHeapUsedMb: number;
    jsHeapTotalMb: number;
    /** DOM nodes alive in the renderer (Blink's count: in the document or held from JS), and those in the document. */
    domNodes: number;
    documentNodes: number;
    jsEventListeners: number;
    /** Chromium's memory footprint of the renderer (private memory) and its largest allocators. */
    privateFootprintMb: number;
    allocatorsMb: Record<string, number>;
    /** Blink's GC heap spaces of 1 MB or more: [committed, live] MB. */
    blinkGcSpacesMb: Record<string, [number, number]>;
  };
  /** RSS of every renderer process, largest (the window) first. */
  renderersRssMb: number[];
  /** The window's most frequent elements (tag.firstClass → count). */
  documentElements: Record<string, number>;
  /** Every Chromium process (browser, GPU, network, renderers) by PSS and by footprint: context, not part of the target. */
  chromium: { processes: number; renderers: number; pssMb: number; privateFootprintMb: number; byType: Record<string, number> };
}

interface Probes {
  app: ReturnType<typeof appCommands>;
  page: Page;
  /** On the window's page, and on the browser. */
  cdp: CDPSession;
  browserCdp: CDPSession;
}

async function sample(label: string, shiftHours: number, { app, page: windowPage, cdp, browserCdp }: Probes): Promise<MemorySample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const infra = await memoryInfra(browserCdp);
  const census = (await windowPage.evaluate(DOM_CENSUS)) as { nodes: number; top: [string, number][] };
  const appMemory = await app.call<AppMemory>({ op: 'memory' });
  const metrics = Object.fromEntries(
    ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]),
  );
  await sleep(1000); // Chromium gives the freed pages back on a timer
  const processes = chromiumProcesses();
  const renderers = processes.filter((p) => p.type === 'renderer').sort((a, b) => b.rss - a.rss);
  // The window's page is by far the largest renderer; a spare one (if any) is not the window.
  const page = renderers[0] ?? { pid: 0, rss: 0, pss: 0, anonymous: 0 };
  const pageInfra = infra.get(page.pid) ?? { privateFootprint: 0, allocators: {}, blinkGcSpaces: {} };
  const allocatorsMb = Object.fromEntries(
    Object.entries(pageInfra.allocators)
      .filter(([, bytes]) => bytes >= MB / 2)
      .sort((a, b) => b[1] - a[1])
      .map(([name, bytes]) => [name, mb(bytes)]),
  );
  const byType: Record<string, number> = {};
  for (const p of processes) byType[p.type] = mb((byType[p.type] ?? 0) * MB + p.pss);
  const result: MemorySample = {
    label,
    shiftHours: Math.round(shiftHours * 100) / 100,
    coreAndWindowMb: mb(appMemory.rss + page.rss),
    app: {
      rssMb: mb(appMemory.rss),
      anonymousMb: mb(appMemory.anonymous),
      fileBackedMb: mb(appMemory.fileBacked),
      hostHeapUsedMb: mb(appMemory.hostThread.heapUsed),
      hostHeapTotalMb: mb(appMemory.hostThread.heapTotal),
      coreHeapUsedMb: mb(appMemory.coreWorker.heapUsed),
      coreHeapTotalMb: mb(appMemory.coreWorker.heapTotal),
      coreExternalMb: mb(appMemory.coreWorker.external),
    },
    window: {
      rendererRssMb: mb(page.rss),
      rendererPssMb: mb(page.pss),
      rendererAnonymousMb: mb(page.anonymous),
      jsHeapUsedMb: mb(metrics.JSHeapUsedSize ?? 0),
      jsHeapTotalMb: mb(metrics.JSHeapTotalSize ?? 0),
      domNodes: metrics.Nodes ?? 0,
      documentNodes: census.nodes,
      jsEventListeners: metrics.JSEventListeners ?? 0,
      privateFootprintMb: mb(pageInfra.privateFootprint),
      allocatorsMb,
      blinkGcSpacesMb: Object.fromEntries(
        Object.entries(pageInfra.blinkGcSpaces)
          .filter(([, space]) => space.committed >= MB)
          .map(([name, space]) => [name, [mb(space.committed), mb(space.live)]]),
      ),
    },
    documentElements: Object.fromEntries(census.top),
    renderersRssMb: renderers.map((r) => mb(r.rss)),
    chromium: {
      processes: processes.length,
      renderers: renderers.length,
      pssMb: mb(processes.reduce((sum, p) => sum + p.pss, 0)),
      privateFootprintMb: mb([...infra.values()].reduce((sum, p) => sum + p.privateFootprint, 0)),
      byType,
    },
  };
  console.log(
    `memory ${label} (${result.shiftHours} h): core+window ${result.coreAndWindowMb} MB = app ${result.app.rssMb} (anonymous ${result.app.anonymousMb}, core heap ${result.app.coreHeapUsedMb}, host heap ${result.app.hostHeapUsedMb}) + renderer ${result.window.rendererRssMb} (PSS ${result.window.rendererPssMb}, footprint ${result.window.privateFootprintMb}, JS heap ${result.window.jsHeapUsedMb}, ${result.window.domNodes} nodes, ${result.window.documentNodes} in the document)`,
  );
  return result;
}

// ── The bench ──────────────────────────────────────────────────────────────────────────────

export interface MemoryFigures {
  messages: number;
  seeded: SeededWorkstation | { reused: string };
  shift: {
    conversations: number;
    simulatedHours: number;
    sliceMinutes: number;
    realMinutes: number;
    agentMessages: number;
    customerMessages: number;
    teamChats: number;
    searches: number;
    outages: number;
    cacheMaintenanceSeconds: number[];
    derivation: string;
  };
  /** After sign-in, the queue and a conversation shown: the figure for the 350 MB target. */
  opened: MemorySample;
  samples: MemorySample[];
  growthPercent: { app: number; window: number; coreAndWindow: number; coreHeap: number; windowJsHeap: number };
  /** After the shift, the window left open on the queue for real minutes; growth per real hour. */
  idle: {
    minutes: number;
    sample: MemorySample;
    /** Then a critical memory-pressure signal to the window (Chromium purges its caches, decommits free heap pages). */
    afterMemoryPressure: MemorySample;
    growthMbPerHour: { app: number; window: number; windowFootprint: number };
  } | null;
  target: { coreAndWindowMb: number; growthPercent: number; openedWithin: boolean; endWithin: boolean; growthWithin: boolean };
  loadAverage: { start: number; end: number };
}

export interface MemoryBenchOptions {
  messages: number;
  /** Slices of the 8-hour shift, one chat of this agent's each (default 96: one every 5 minutes). */
  conversations: number;
  /** Real minutes the window is left open after the shift (0: none). */
  idleMinutes: number;
  /** A folder that keeps the seeded hub and cache between runs; each run works on a copy. */
  seedDir?: string;
  /** Where to write heap snapshots of the core and the window at the start and the end of the shift. */
  snapshotDir?: string;
}

export async function benchMemory(dir: string, options: MemoryBenchOptions): Promise<MemoryFigures> {
  const loadStart = os.loadavg()[0]!;
  const threads = Math.round(options.messages / 10);
  const seedHome = options.seedDir ?? dir;
  let seeded: SeededWorkstation | { reused: string };
  const marker = path.join(seedHome, 'seeded.json');
  if (existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as SeededWorkstation).threads === threads) {
    seeded = { reused: seedHome };
  } else {
    console.log(`memory: seeding a hub and the agent's cache with ${threads * 10} messages…`);
    for (const part of ['hub', 'app']) rmSync(path.join(seedHome, part), { recursive: true, force: true });
    seeded = seedWorkstation(path.join(seedHome, 'hub'), path.join(seedHome, 'app'), threads);
    writeFileSync(marker, JSON.stringify(seeded));
    console.log(JSON.stringify(seeded));
  }
  if (options.seedDir) {
    for (const part of ['hub', 'app']) cpSync(path.join(seedHome, part), path.join(dir, part), { recursive: true });
  }

  const hubConfig: MemoryHubConfig = {
    dataDir: path.join(dir, 'hub'),
    widgetDir: path.join(REPO, 'dist/widget'),
    adminPassword: PASSWORD,
    offlineGraceMs: 2 * SHIFT_MS,
  };
  const hub = startScript(await bundleScript(path.join(REPO, 'tests/bench/memoryHub.ts')), hubConfig);
  const app = appCommands();
  let appChild: ScriptChild | null = null;
  let proxy: FaultProxy | null = null;
  let browser: Browser | null = null;
  const sockets: FrameQueue[] = [];
  try {
    const [, hubUrl] = (await hub.waitFor((line) => line.startsWith('listening '), 120_000)).split(' ') as [string, string];
    proxy = await startFaultProxy(Number(new URL(hubUrl).port));
    const appConfig: MemoryAppConfig = { dataDir: path.join(dir, 'app'), staticDir: path.join(REPO, 'dist/renderer') };
    appChild = startScript(['--expose-gc', await bundleApp()], appConfig, (line) => app.onLine(line));
    app.attach(appChild);
    const agentUrl = (await appChild.waitFor((line) => line.startsWith('ready '), 120_000)).slice(6);

    // The hub's clock: moved forward a slice at a time.
    let hubOffset = 0;
    const advance = async (ms: number) => {
      const from = hub.lines.length;
      hub.send(`advance ${ms}`);
      await hub.waitFor((line) => line.startsWith('now '), 30_000, from);
      hubOffset += ms;
    };
    const invoke = async <T>(name: string, input: object = {}): Promise<T> => {
      const result = await app.call<CallResult<T>>({ op: 'invoke', name, input });
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.output;
    };

    // The colleagues: the administrator's second session on the hub's API, beside this window.
    const colleague = (
      (await (
        await fetch(`${hubUrl}${SYNC_API.login}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'admin', password: PASSWORD }),
        })
      ).json()) as { token: string }
    ).token;
    const hubCall = async <T>(route: string, body?: unknown): Promise<T> => {
      const reply = await fetch(`${hubUrl}${route}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${colleague}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!reply.ok) throw new Error(`${route}: HTTP ${reply.status} ${await reply.text()}`);
      return (await reply.json()) as T;
    };
    // The colleagues look for their chats' threads after the seeded history.
    let teamCursor = (JSON.parse(readFileSync(marker, 'utf8')) as SeededWorkstation).cursor;
    /** The threads the hub made for these customer messages (tag → thread id). */
    const threadsOf = async (tags: string[]): Promise<Map<string, string>> => {
      const found = new Map<string, string>();
      for (let tries = 0; found.size < tags.length; tries++) {
        if (tries > 500) throw new Error(`the hub never showed threads for ${tags.filter((t) => !found.has(t)).join(', ')}`);
        const page = await hubCall<PullResponse>(`${SYNC_API.pull}?after=${teamCursor}&limit=1000`);
        teamCursor = page.cursor;
        for (const change of page.changes) {
          if (change.entity !== 'message') continue;
          const tag = tags.find((t) => change.data.text.startsWith(t));
          if (tag) found.set(tag, change.data.threadId);
        }
        if (!page.hasMore && found.size < tags.length) await sleep(20);
      }
      return found;
    };

    const random = seededRandom(2026);
    const queries = searchQueries(200, seededRandom(8));
    let visitors = 0;
    const counts = { agentMessages: 0, customerMessages: 0, teamChats: 0, searches: 0, outages: 0 };
    const maintenance: number[] = [];

    /** The colleagues' chats of one slice: the customer writes, a colleague answers, the customer thanks, it is closed. */
    const teamSlice = async (): Promise<{ threadId: string; tag: string }> => {
      const chats = await Promise.all(
        Array.from({ length: TEAM_CHATS_PER_SLICE }, async () => {
          const n = ++visitors;
          const { widget } = await openWidgetFrom(hubUrl, customerAddress(n), { name: `Customer ${n}` });
          sockets.push(widget);
          const tag = `[t${n}]`;
          await customerSays(widget, `${tag} ${sentence(random)}`);
          return { widget, tag };
        }),
      );
      const ids = await threadsOf(chats.map((c) => c.tag));
      await Promise.all(
        chats.map(async ({ widget, tag }) => {
          const threadId = ids.get(tag)!;
          await hubCall(SYNC_API.push, {
            mutations: [{ id: uuidv7(), createdAt: Date.now(), kind: 'message.send', threadId, messageId: uuidv7(), text: sentence(random) }],
          });
          await customerSays(widget, `${tag} ${sentence(random)}`);
          await hubCall(`/api/v1/threads/${threadId}/close`, {});
          widget.socket.terminate();
        }),
      );
      counts.teamChats += chats.length;
      counts.customerMessages += chats.length * 2;
      const last = chats.at(-1)!;
      return { threadId: ids.get(last.tag)!, tag: last.tag };
    };

    browser = await chromium.launch({ executablePath: process.env.OKNO_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    // A full-HD screen, as at a desk.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    const page: Page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const probes: Probes = { app, page, cdp, browserCdp: await browser.newBrowserCDPSession() };
    /** With `snapshotDir`: heap snapshots of the core's worker and of the window, for DevTools' comparison view. */
    const snapshots = async (label: string) => {
      if (!options.snapshotDir) return;
      mkdirSync(options.snapshotDir, { recursive: true });
      await app.call({ op: 'snapshot', file: path.join(options.snapshotDir, `core-${label}.heapsnapshot`) });
      const chunks: string[] = [];
      const collect = (event: { chunk: string }) => chunks.push(event.chunk);
      cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
      await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
      writeFileSync(path.join(options.snapshotDir, `window-${label}.heapsnapshot`), chunks.join(''));
    };
    const queue = page.getByRole('list', { name: 'Queue' });
    const history = page.getByRole('log', { name: 'Messages' });
    const online = page.getByRole('status').filter({ hasText: 'Online' });

    await page.goto(agentUrl);
    await page.getByLabel('Hub address').fill(proxy.url);
    await page.getByLabel('Login').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await queue.waitFor({ timeout: 120_000 });
    await online.waitFor({ timeout: 120_000 });
    await queue.getByRole('button').first().click();
    await history.locator('li').first().waitFor({ timeout: 60_000 });
    const opened = await sample('opened', 0, probes);

    const conversation = async (slice: number) => {
      const n = ++visitors;
      const { widget } = await openWidgetFrom(hubUrl, customerAddress(n), { name: `Customer ${n}` });
      sockets.push(widget);
      const asks = (k: number) => `[c${n} q${k}]`;
      await customerSays(widget, `${asks(0)} ${sentence(random)}`);
      counts.customerMessages++;
      await queue.getByRole('button', { name: asks(0) }).click({ timeout: 30_000 });
      await history.getByText(asks(0)).first().waitFor({ timeout: 30_000 });
      const box = page.getByRole('textbox', { name: 'Reply' });
      for (let k = 1; k <= EXCHANGES; k++) {
        const answer = `[c${n} a${k}] ${sentence(random)}`;
        await box.fill(answer);
        await box.press('Enter');
        await widget.next((f) => f.type === 'message' && (f.message as { text?: string } | undefined)?.text === answer, 30_000);
        counts.agentMessages++;
        if (k < EXCHANGES) {
          await customerSays(widget, `${asks(k)} ${sentence(random)}`);
          counts.customerMessages++;
          await history.getByText(asks(k)).first().waitFor({ timeout: 30_000 });
        }
      }
      const close = page.getByRole('button', { name: 'Close thread', exact: true });
      await close.click();
      await close.waitFor({ state: 'hidden', timeout: 30_000 });
      widget.socket.terminate();

      if (slice % 2 === 0) {
        // A search over the whole cache; the first hit is opened, then the queue comes back.
        const search = page.getByRole('searchbox', { name: 'Search messages' });
        await search.fill(queries[counts.searches % queries.length]!);
        await search.press('Enter');
        await page.getByText(/\d+ messages? found/).waitFor({ timeout: 30_000 });
        const hits = page.getByRole('list', { name: 'Search results' }).getByRole('button');
        if ((await hits.count()) > 0) {
          // The snippet is a piece of the hit's text: the opened thread shows it.
          const snippet = ((await hits.first().textContent()) ?? '').replaceAll('…', '').trim().slice(0, 60);
          await hits.first().click();
          await history.getByText(snippet).first().waitFor({ timeout: 30_000 });
        }
        await search.fill('');
        await queue.waitFor({ timeout: 30_000 });
        counts.searches++;
      }
    };

    /** The link drops for a slice; the team works on; the OS says online and the core catches up. */
    const outage = async () => {
      proxy!.setOffline(true);
      await page.getByRole('status').filter({ hasText: /Offline/ }).waitFor({ timeout: 60_000 });
      const last = await teamSlice();
      proxy!.setOffline(false);
      await invoke('connection.online');
      await online.waitFor({ timeout: 60_000 });
      for (let tries = 0; ; tries++) {
        const state = await invoke<ConnectionState>('connection.get');
        const { messages } = await invoke<{ messages: { text: string }[] }>('thread.messages', { threadId: last.threadId });
        if (state.status === 'online' && messages.some((m) => m.text.startsWith(last.tag))) break;
        if (tries > 600) throw new Error('the core did not catch up after the outage');
        await sleep(50);
      }
      counts.outages++;
    };

    /** The closed threads (a full page of them) and back to the open ones. */
    const lookAtClosed = async () => {
      const status = page.getByRole('combobox', { name: 'Thread status' });
      const fullPage = `[aria-setsize="${LIMITS.pageSize}"]`;
      await status.selectOption('closed');
      await queue.locator(`[role="listitem"]${fullPage}`).first().waitFor({ timeout: 30_000 });
      await status.selectOption('open');
      await queue.locator(`[role="listitem"]:not(${fullPage})`).first().waitFor({ timeout: 30_000 });
    };

    const maintain = async () => {
      const started = performance.now();
      await invoke('cache.maintain');
      maintenance.push(Math.round((performance.now() - started) / 100) / 10);
    };

    const sliceMs = SHIFT_MS / options.conversations;
    const slice = async (i: number, ms: number) => {
      if (i % 12 === 0) {
        await lookAtClosed();
        await outage();
      } else await teamSlice();
      await conversation(i);
      await advance(ms);
    };

    const realStart = performance.now();
    console.log(`memory: warm-up, ${WARM_UP_SLICES} slices of ${WARM_UP_SLICE_MS / 60_000} min…`);
    await maintain(); // as the app does a minute after start
    for (let i = 1; i <= WARM_UP_SLICES; i++) await slice(i === WARM_UP_SLICES ? 0 : i, WARM_UP_SLICE_MS);
    const warmOffset = hubOffset;
    const samples = [await sample('start', 0, probes)];
    await snapshots('start');
    console.log(`memory: the shift, ${options.conversations} slices…`);
    const at = new Set([0.25, 0.5, 0.75].map((q) => Math.round(q * options.conversations)));
    for (let i = 1; i <= options.conversations; i++) {
      await slice(i, sliceMs);
      if (i === Math.round(options.conversations / 2)) await maintain();
      if (at.has(i)) samples.push(await sample(`${i}/${options.conversations}`, (hubOffset - warmOffset) / 3_600_000, probes));
    }
    samples.push(await sample('end', (hubOffset - warmOffset) / 3_600_000, probes));
    await snapshots('end');
    const realMinutes = Math.round((performance.now() - realStart) / 6000) / 10;

    // What the compressed clock cannot show: the window's per-second timers (SLA clocks, message
    // times) ran for minutes, not for eight hours. Left alone on the queue for real minutes, what grows?
    let idle: MemoryFigures['idle'] = null;
    if (options.idleMinutes > 0) {
      console.log(`memory: the window left open for ${options.idleMinutes} real minutes…`);
      const before = samples.at(-1)!;
      await sleep(options.idleMinutes * 60_000);
      const after = await sample('idle', (hubOffset - warmOffset) / 3_600_000, probes);
      const perHour = (from: number, to: number) => Math.round(((to - from) / options.idleMinutes) * 60 * 10) / 10;
      // Then the OS says memory is short, as it would to a window in the background: what Chromium gives back.
      await cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
      await sleep(2000);
      idle = {
        minutes: options.idleMinutes,
        sample: after,
        afterMemoryPressure: await sample('memory pressure', (hubOffset - warmOffset) / 3_600_000, probes),
        growthMbPerHour: {
          app: perHour(before.app.rssMb, after.app.rssMb),
          window: perHour(before.window.rendererRssMb, after.window.rendererRssMb),
          windowFootprint: perHour(before.window.privateFootprintMb, after.window.privateFootprintMb),
        },
      };
    }

    const first = samples[0]!;
    const last = samples.at(-1)!;
    const growthPercent = {
      app: percent(first.app.rssMb, last.app.rssMb),
      window: percent(first.window.rendererRssMb, last.window.rendererRssMb),
      coreAndWindow: percent(first.coreAndWindowMb, last.coreAndWindowMb),
      coreHeap: percent(first.app.coreHeapUsedMb, last.app.coreHeapUsedMb),
      windowJsHeap: percent(first.window.jsHeapUsedMb, last.window.jsHeapUsedMb),
    };
    return {
      messages: threads * 10,
      seeded,
      shift: {
        conversations: options.conversations,
        simulatedHours: Math.round(((hubOffset - warmOffset) / 3_600_000) * 100) / 100,
        sliceMinutes: Math.round((sliceMs / 60_000) * 10) / 10,
        realMinutes,
        ...counts,
        cacheMaintenanceSeconds: maintenance,
        derivation:
          'a busy chat agent takes 96 chats in 8 h (one every 5 min; 2–3 at a time at ~12 min each): ' +
          `here ${options.conversations}, one a slice, ${EXCHANGES} answers each, a search every second chat, the link lost ` +
          `every 12th slice; the replica (an administrator's) also gets the chats of ${TEAM_CHATS_PER_SLICE} colleagues a slice (a team of ten)`,
      },
      opened,
      samples,
      growthPercent,
      idle,
      target: {
        coreAndWindowMb: TARGET_MB,
        growthPercent: TARGET_GROWTH_PERCENT,
        openedWithin: opened.coreAndWindowMb < TARGET_MB,
        endWithin: last.coreAndWindowMb < TARGET_MB,
        growthWithin: growthPercent.coreAndWindow < TARGET_GROWTH_PERCENT,
      },
      loadAverage: { start: Math.round(loadStart * 100) / 100, end: Math.round(os.loadavg()[0]! * 100) / 100 },
    };
  } finally {
    for (const socket of sockets) socket.socket.terminate();
    await browser?.close().catch(() => undefined);
    if (appChild) {
      appChild.send(JSON.stringify({ id: 0, op: 'exit' }));
      await Promise.race([appChild.exited, sleep(15_000)]);
      if (appChild.process.exitCode === null) await appChild.kill9();
    }
    await proxy?.close();
    hub.send('exit');
    await Promise.race([hub.exited, sleep(15_000)]);
    if (hub.process.exitCode === null) await hub.kill9();
  }
}
