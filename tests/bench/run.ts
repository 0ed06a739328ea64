/**
 * `npm run bench`: prints the figures and writes them to bench/results.json. Benchmarks
 * measure; they never fail on speed. OKNO_BENCH_SCALE (default 1) scales every size, e.g.
 * 0.01 for a quick look.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogLevel } from '../../src/shared/log.js';
import { benchBridgedCalls, benchCallDecisions, benchCallLoad, callBenchMissing } from './callQueue.js';
import { benchBackOnline } from './backOnline.js';
import { benchChannelIngest } from './channelIngest.js';
import { benchCluster, clusterBenchMissing } from './cluster.js';
import { benchCoreResponsiveness } from './coreResponsiveness.js';
import { benchCustomerImport } from './customerImport.js';
import { benchMemory } from './memory.js';
import { benchMessageLatency } from './messageLatency.js';
import { benchCustomerSearch } from './customerSearch.js';
import { benchKnowledgeSearch } from './knowledgeSearch.js';
import { benchLocalStore } from './localStoreAtScale.js';
import { benchOfflineDrain } from './offlineDrain.js';
import { benchRawInsert } from './rawInsert.js';
import { benchRegisterReport } from './registerReport.js';
import { benchRecording } from './recording.js';
import { benchRouting } from './routing.js';
import { benchSoftphone } from './softphone.js';
import { benchStatsDay } from './statsDay.js';
import { benchSyncPull } from './syncPull.js';
import { benchSyncReach } from './syncReach.js';
import { benchWidgetLimits } from './widgetLimits.js';

async function main(): Promise<void> {
  setLogLevel('error');
  const scale = Number(process.env.OKNO_BENCH_SCALE ?? '1');
  if (!(scale > 0)) throw new Error(`OKNO_BENCH_SCALE must be a positive number, got "${process.env.OKNO_BENCH_SCALE}"`);
  const root = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-'));
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    scale,
  };
  try {
    const threads = Math.max(10, Math.round(100_000 * scale));
    console.log(`local store: seeding ${threads} threads × 10 messages…`);
    results.localStore = benchLocalStore(path.join(root, 'store'), threads, 10);
    console.log(JSON.stringify(results.localStore, null, 2));

    const syncThreads = Math.max(10, Math.round(5_000 * scale));
    console.log(`sync pull: ${syncThreads} threads × 20 messages from a real hub…`);
    const syncPull = await benchSyncPull(path.join(root, 'sync'), syncThreads, 20);
    results.syncPull = syncPull;
    console.log(JSON.stringify(results.syncPull, null, 2));

    // The window's thread while a first pull of 100 000 messages is applied: core on it, core in its worker.
    const pullThreads = Math.max(10, Math.round(5_000 * scale));
    console.log(`core responsiveness: ${pullThreads * 20} messages pulled, core on the window's thread, then in its worker…`);
    results.coreResponsiveness = await benchCoreResponsiveness(path.join(root, 'responsiveness'), pullThreads, 20);
    console.log(JSON.stringify(results.coreResponsiveness, null, 2));

    // A message's way across Okno on an idle machine: widget → agent's queue page, agent → widget.
    const latencyVisitors = Math.max(5, Math.round(40 * scale));
    console.log(`message latency: ${latencyVisitors} visitors × 4 messages and replies…`);
    results.messageLatency = await benchMessageLatency(path.join(root, 'latency'), latencyVisitors, 4);
    console.log(JSON.stringify(results.messageLatency, null, 2));

    // The same rows straight into a bare table: how far the whole pull path is from the floor.
    const raw = benchRawInsert(path.join(root, 'raw'), syncThreads, 20, syncPull.pageSize);
    results.rawInsert = { ...raw, syncPullToRawRatio: Math.round((syncPull.messagesPerSecond / raw.messagesPerSecond) * 1000) / 1000 };
    console.log(JSON.stringify(results.rawInsert, null, 2));
    // The floor issue 18 measures against: the same rows with a plain FTS5 index kept, and the sync as
    // the app runs it (the core in its worker, the hub in its own process, the cache encrypted).
    const rawFts = benchRawInsert(path.join(root, 'raw-fts'), syncThreads, 20, syncPull.pageSize, { fts: true });
    const appSync = (results.coreResponsiveness as { inWorker: { messagesPerSecond: number } }).inWorker;
    results.rawInsertWithFts = {
      ...rawFts,
      syncPullToRawRatio: Math.round((syncPull.messagesPerSecond / rawFts.messagesPerSecond) * 1000) / 1000,
      appSyncToRawRatio: Math.round((appSync.messagesPerSecond / rawFts.messagesPerSecond) * 1000) / 1000,
    };
    console.log(JSON.stringify(results.rawInsertWithFts, null, 2));

    // Pulls filtered to an agent's reach (decision 0031): admin, lead and agent of one group in ten.
    const reachThreads = Math.max(100, Math.round(20_000 * scale));
    console.log(`sync reach: ${reachThreads} threads in 10 groups, full pulls per role…`);
    results.syncReach = benchSyncReach(path.join(root, 'reach'), reachThreads);
    console.log(JSON.stringify(results.syncReach, null, 2));

    const outbox = Math.max(20, Math.round(1_000 * scale));
    console.log(`offline and back: ${outbox} replies typed offline, then reconnect and drain; core memory after a first sync…`);
    const offline = await benchOfflineDrain(path.join(root, 'offline'), outbox, syncThreads);
    results.offlineDrain = offline.drain;
    results.coreMemory = offline.memory;
    console.log(JSON.stringify(offline, null, 2));

    const outages = scale >= 1 ? [3, 10, 30] : [2, 8];
    console.log(`time back online: outages of ${outages.join(', ')} s, then the OS's online signal…`);
    results.backOnline = await benchBackOnline(path.join(root, 'back-online'), outages);
    console.log(JSON.stringify(results.backOnline, null, 2));

    const agents = Math.max(5, Math.round(500 * scale));
    const openThreads = Math.max(10, Math.round(10_000 * scale));
    const viewSize = Math.max(100, Math.round(100_000 * scale));
    console.log(`routing: ${agents} agents, ${openThreads} open threads; queue view of ${viewSize}…`);
    results.routing = benchRouting(path.join(root, 'routing'), agents, openThreads, viewSize);
    console.log(JSON.stringify(results.routing, null, 2));

    const statsAgents = Math.max(5, Math.round(500 * scale));
    const statsContacts = Math.max(100, Math.round(200_000 * scale));
    console.log(`stats: a day of ${statsContacts} contacts and ${statsAgents} agents; one live update…`);
    results.statsDay = benchStatsDay(path.join(root, 'stats'), statsAgents, statsContacts);
    console.log(JSON.stringify(results.statsDay, null, 2));

    const calls = Math.max(3, Math.round(20 * Math.min(1, scale)));
    console.log(`softphone: ${calls} calls through Kamailio in Chromium (INVITE → ringing shown, answer → first audio)…`);
    results.softphone = await benchSoftphone(calls);
    console.log(JSON.stringify(results.softphone, null, 2));

    const decisionAgents = Math.max(5, Math.round(500 * scale));
    const waitingCalls = Math.max(10, Math.round(1_000 * scale));
    console.log(`call queue decisions: ${decisionAgents} agents with softphones, ${waitingCalls} waiting calls (in-process)…`);
    results.callDecisions = benchCallDecisions(path.join(root, 'call-decisions'), decisionAgents, waitingCalls);
    console.log(JSON.stringify(results.callDecisions, null, 2));

    const missingPbx = callBenchMissing();
    if (missingPbx) {
      console.log(`call queue load and bridged calls skipped: ${missingPbx}`);
      results.callLoad = { skipped: missingPbx };
    } else {
      const loadCalls = Math.max(10, Math.round(60 * Math.min(1, scale)));
      const loadAgents = Math.max(2, Math.round(10 * Math.min(1, scale)));
      console.log(`call queue load: ${loadCalls} callers at once (SIPp) into one line, ${loadAgents} agents' SIPp phones…`);
      results.callLoad = await benchCallLoad(loadCalls, loadAgents);
      console.log(JSON.stringify(results.callLoad, null, 2));
      const cap = Math.max(10, Math.round(200 * Math.min(1, scale)));
      const levels = [10, 25, 50, 100, 150, 200].filter((n) => n <= cap);
      console.log(`bridged calls through rtpengine: stepping ${levels.join(', ')} concurrent calls until audio breaks…`);
      results.bridgedCalls = await benchBridgedCalls(levels);
      console.log(JSON.stringify(results.bridgedCalls, null, 2));
      const recordingSizes = [...new Set([5, 20, 50].map((n) => Math.max(2, Math.round(n * Math.min(1, scale)))))];
      console.log(`recording: ${recordingSizes.join(', ')} concurrent calls unrecorded and recorded…`);
      results.recording = await benchRecording(recordingSizes);
      console.log(JSON.stringify(results.recording, null, 2));
    }

    const clusterMissing = clusterBenchMissing();
    if (clusterMissing) {
      results.cluster = { skipped: clusterMissing };
    } else {
      const visitors = Math.max(6, Math.round(60 * Math.min(1, scale)));
      const perVisitor = Math.max(5, Math.round(50 * Math.min(1, scale)));
      console.log(`cluster: ${visitors} visitors × ${perVisitor} messages on 1, 2 and 3 hub instances (PostgreSQL, NATS)…`);
      results.cluster = await benchCluster(visitors, perVisitor);
      console.log(JSON.stringify(results.cluster, null, 2));
    }

    console.log('template ranking: 80 ru/en questions against the shipped templates…');
    const ranking = spawnSync(path.resolve('node_modules/.bin/vitest'), ['run', 'tests/unit/templates-ranking.test.ts'], {
      env: { ...process.env, OKNO_BENCH_WRITE: '1' },
      stdio: 'inherit',
    });
    if (ranking.status !== 0) throw new Error('the template ranking run failed');

    const inbound = Math.max(20, Math.round(5_000 * scale));
    console.log(`channels: ${inbound} inbound messages through each gateway into the queue…`);
    results.channelIngest = await benchChannelIngest(path.join(root, 'channels'), inbound);
    console.log(JSON.stringify(results.channelIngest, null, 2));

    console.log('widget limits: messages taken from many addresses, a flood from one refused while a customer writes, hellos and files past their limits…');
    results.widgetLimits = await benchWidgetLimits(path.join(root, 'widget'), scale);
    console.log(JSON.stringify(results.widgetLimits, null, 2));

    results.customerImport = await benchCustomerImport(path.join(root, 'customer-import'), Math.max(1000, Math.round(100_000 * scale)));

    const customers = Math.max(1000, Math.round(1_000_000 * scale));
    console.log(`customer search: ${customers} customers on the hub, searched by every key…`);
    results.customerSearch = await benchCustomerSearch(path.join(root, 'customer-search'), customers);
    console.log(JSON.stringify(results.customerSearch, null, 2));

    const articles = Math.max(100, Math.round(10_000 * scale));
    console.log(`knowledge search: ${articles} articles, searched on the hub and in the core's copy…`);
    results.knowledgeSearch = await benchKnowledgeSearch(path.join(root, 'knowledge'), articles);
    console.log(JSON.stringify(results.knowledgeSearch, null, 2));

    const complaints = Math.max(1000, Math.round(100_000 * scale));
    console.log(`register: ${complaints} complaints, the report, register pages and exports on a real hub…`);
    results.registerReport = await benchRegisterReport(path.join(root, 'register'), complaints);
    console.log(JSON.stringify(results.registerReport, null, 2));

    // Core + window (the app process and Chromium's renderer) with a big cache, then over a simulated 8-hour shift.
    const cachedMessages = Math.max(10_000, Math.round(1_000_000 * scale));
    const shiftChats = Math.max(8, Math.round(96 * Math.min(1, scale)));
    console.log(`memory: core + window with ${cachedMessages} cached messages, then a shift of ${shiftChats} chats…`);
    const memory = await benchMemory(path.join(root, 'memory'), {
      messages: cachedMessages,
      conversations: shiftChats,
      idleMinutes: scale >= 1 ? 5 : 1,
    });
    results.memory = memory;
    console.log(JSON.stringify({ opened: memory.opened, growthPercent: memory.growthPercent }, null, 2));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(path.join('bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/results.json');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
