/**
 * `npm run bench:recording` (issue 16, decision 0037): the same burst of concurrent calls through the
 * real queue (SIPp trunk and agents, Kamailio, rtpengine, a hub) unrecorded and recorded — calls
 * completed, rtpengine's and the hub's CPU time — and, per recorded call, the time from the hang-up to
 * the recording being playable (ready with its file). Writes bench/recording.json; measures, never fails
 * on speed. OKNO_BENCH_RECORDING_CALLS: comma-separated burst sizes (default 5,20,50), each held 8 s.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogLevel } from '../../src/shared/log.js';
import { openHubStore, type HubStore } from '../../src/server/storage/hubStore.js';
import { createLogger } from '../../src/shared/log.js';
import { callLoadMissing, placeCalls, startQueueTeam } from '../support/callLoad.js';
import { summarize } from './stats.js';

const HOLD_MS = 8_000;

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

export interface RecordingRun {
  policy: 'none' | 'all';
  calls: number;
  completed: number;
  failed: number;
  seconds: number;
  rtpengineCpuSeconds: number;
  hubCpuSeconds: number;
  recordings: { ready: number; failed: number; bytes: number };
  /** Hang-up (the call's end on the hub) to the row seen ready, polled every 50 ms. */
  hangUpToPlayableMs: ReturnType<typeof summarize> | null;
}

async function run(policy: 'none' | 'all', calls: number): Promise<RecordingRun> {
  const team = await startQueueTeam({
    agents: calls,
    offerSeconds: 5,
    ringMs: 100,
    agentsPerPhone: 10,
    recording: { policy, notice: false, retentionDays: 30 },
  });
  const seen = new Map<string, number>();
  let store: HubStore | null = null;
  let polling: NodeJS.Timeout | null = null;
  try {
    store = openHubStore(team.hub.dataDir, Date.now, createLogger('bench'));
    const watch = store;
    polling = setInterval(() => {
      for (const call of watch.queueCalls.live())
        for (const row of watch.recordings.ofThread(call.threadId)) if (!seen.has(row.id)) seen.set(row.id, 0);
      for (const id of seen.keys()) {
        const state = seen.get(id) === 0 ? watch.recordings.byId(id)?.state : null;
        if (state === 'ready') seen.set(id, Date.now());
        if (state === 'failed') seen.set(id, -1);
      }
    }, 50);
    const rtpCpu = cpuSecondsOf(team.pbx.rtpengine.pid);
    const hubCpu = process.cpuUsage();
    const started = Date.now();
    const placed = await placeCalls(team.pbx, { number: team.line, calls, rate: 50, holdMs: HOLD_MS, waitMs: 60_000 });
    const seconds = (Date.now() - started) / 1000;
    // the last recordings are made after the last hang-up
    const deadline = Date.now() + 30_000;
    while (policy === 'all' && Date.now() < deadline && [...seen.values()].some((at) => at === 0))
      await new Promise((resolve) => setTimeout(resolve, 50));
    const rtpengineCpuSeconds = cpuSecondsOf(team.pbx.rtpengine.pid) - rtpCpu;
    const used = process.cpuUsage(hubCpu);
    const rows = [...seen.keys()].map((id) => watch.recordings.byId(id)).filter((row) => row !== null);
    const latencies = rows.flatMap((row) => {
      const readyAt = seen.get(row.id) ?? 0;
      return row.state === 'ready' && row.endedAt !== null && readyAt > 0 ? [readyAt - row.endedAt] : [];
    });
    return {
      policy,
      calls,
      completed: placed.counts.successful,
      failed: placed.counts.failed,
      seconds,
      rtpengineCpuSeconds: Math.round(rtpengineCpuSeconds * 100) / 100,
      hubCpuSeconds: Math.round(((used.user + used.system) / 1e6) * 100) / 100,
      recordings: {
        ready: rows.filter((row) => row.state === 'ready').length,
        failed: rows.filter((row) => row.state === 'failed').length,
        bytes: rows.reduce((sum, row) => sum + row.bytes, 0),
      },
      hangUpToPlayableMs: latencies.length > 0 ? summarize(latencies) : null,
    };
  } finally {
    if (polling) clearInterval(polling);
    store?.close();
    await team.stop();
  }
}

export async function benchRecording(sizes: readonly number[]): Promise<RecordingRun[] | { skipped: string }> {
  const missing = callLoadMissing();
  if (missing) return { skipped: missing };
  const runs: RecordingRun[] = [];
  for (const calls of sizes) {
    for (const policy of ['none', 'all'] as const) {
      console.log(`recording: ${calls} concurrent calls, policy ${policy}…`);
      const result = await run(policy, calls);
      console.log(JSON.stringify(result));
      runs.push(result);
    }
  }
  return runs;
}

async function main(): Promise<void> {
  setLogLevel('error');
  const sizes = (process.env.OKNO_BENCH_RECORDING_CALLS ?? '5,20,50').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 500))
    throw new Error(`OKNO_BENCH_RECORDING_CALLS must be whole numbers 1-500, got "${process.env.OKNO_BENCH_RECORDING_CALLS}"`);
  const results = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0], node: process.version },
    holdMs: HOLD_MS,
    recording: await benchRecording(sizes),
  };
  mkdirSync('bench', { recursive: true });
  writeFileSync(path.join('bench', 'recording.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/recording.json');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
