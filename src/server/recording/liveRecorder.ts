/**
 * The recorder on live calls (decision 0037): which answered call is recorded, rtpengine told to start
 * and stop (it has no pause: a pause is `stop recording`, resume `start recording`), the pause intervals
 * kept on the wall clock — rtpengine's capture clock — so the file holds silence of exactly their length.
 * Every rtpengine command of a call runs in order, one at a time; a failed one never touches the call.
 */
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import type { LiveRecording, PauseReason, RecordingPause, RecordingPolicy } from '../../shared/recording/recording.js';
import type { RtpengineNg } from '../pbx/rtpengineNg.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';
import type { RecordingsRepo, StoredRecording } from '../storage/recordingsRepo.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Pause {
  fromWall: number;
  toWall: number | null;
  reasons: Set<PauseReason>;
}

export interface LiveCall {
  callId: string;
  fromTag: string;
  threadId: string;
  agentId: string | null;
  lineId: string | null;
  policy: Exclude<RecordingPolicy, 'none'>;
  retentionDays: number;
  state: Exclude<LiveRecording['state'], 'off'>;
  reasons: Set<PauseReason>;
  /** The row, from the first start on. */
  row: StoredRecording | null;
  startWall: number | null;
  /** When the hub stopped it (cap, disk): the file ends there. */
  stopWall: number | null;
  pauses: Pause[];
  /** The tail of this call's command chain. */
  chain: Promise<void>;
}

/** What the recorder hands on when a recorded call ends: its row and its window on the wall clock. */
export interface FinishedCall {
  row: StoredRecording;
  startWallMs: number;
  endWallMs: number;
}

export interface LiveRecorderDeps {
  repo: RecordingsRepo;
  ng: RtpengineNg | null;
  now: () => number;
  /** rtpengine's clock (the system's). */
  wallNow: () => number;
  log: Logger;
  /** Why no recording may start now (no room, no recording folder), or null when one may. */
  whyNot: () => string | null;
  /** rtpengine answered (true) or did not (false) a recording command. */
  mediaServer: (answered: boolean, error?: unknown) => void;
  /** A recorded call ended: make its audio. */
  finished: (call: FinishedCall) => void;
}

export class LiveRecorder {
  private readonly calls = new Map<string, LiveCall>();

  constructor(private readonly deps: LiveRecorderDeps) {}

  /** A call was answered under `policy`: `all` starts at once, `on_demand` waits for the agent. */
  answered(call: QueueCall, policy: RecordingPolicy, retentionDays: number): void {
    if (policy === 'none' || this.calls.has(call.callId)) return;
    const live: LiveCall = {
      callId: call.callId,
      fromTag: call.fromTag,
      threadId: call.threadId,
      agentId: call.answeredBy,
      lineId: call.lineId,
      policy,
      retentionDays,
      state: 'available',
      reasons: new Set(),
      row: null,
      startWall: null,
      stopWall: null,
      pauses: [],
      chain: Promise.resolve(),
    };
    this.calls.set(call.callId, live);
    if (policy === 'all') void this.start(live);
  }

  ofThread(threadId: string): LiveCall | null {
    for (const live of this.calls.values()) if (live.threadId === threadId) return live;
    return null;
  }

  view(threadId: string): LiveRecording {
    const live = this.ofThread(threadId);
    return { threadId, state: live?.state ?? 'off', pausedFor: live ? [...live.reasons].sort() : [] };
  }

  /** Starts recording (on demand, or at answer for `all`); paused at once while a reason holds. */
  start(live: LiveCall): Promise<void> {
    return this.run(live, async () => {
      if (live.state !== 'available') return;
      const whyNot = this.deps.whyNot();
      if (whyNot) {
        live.state = 'stopped';
        this.deps.log.error('a call was not recorded', { callId: live.callId, reason: whyNot });
        return;
      }
      const startWall = this.deps.wallNow();
      if (live.reasons.size === 0 && !(await this.ng(live, 'start recording'))) {
        live.state = 'stopped';
        return;
      }
      const startedAt = this.deps.now();
      live.startWall = startWall;
      live.row = {
        id: uuidv7(startedAt),
        threadId: live.threadId,
        callId: live.callId,
        lineId: live.lineId,
        agentId: live.agentId,
        state: 'recording',
        startedAt,
        endedAt: null,
        durationMs: 0,
        bytes: 0,
        mediaType: 'audio/wav',
        sha256: null,
        pauses: [],
        peaks: [],
        deleteAfter: startedAt + live.retentionDays * DAY_MS,
      };
      this.deps.repo.save(live.row);
      if (live.reasons.size > 0) {
        live.state = 'paused';
        live.pauses.push({ fromWall: startWall, toWall: null, reasons: new Set(live.reasons) });
      } else live.state = 'recording';
    });
  }

  pause(live: LiveCall, reason: PauseReason): Promise<void> {
    return this.run(live, async () => {
      live.reasons.add(reason);
      if (live.state === 'paused') live.pauses.at(-1)?.reasons.add(reason);
      if (live.state !== 'recording') return;
      const fromWall = this.deps.wallNow();
      await this.ng(live, 'stop recording');
      // Even if rtpengine did not answer, the interval is silenced in the file.
      live.pauses.push({ fromWall, toWall: null, reasons: new Set(live.reasons) });
      live.state = 'paused';
    });
  }

  resume(live: LiveCall, reason: PauseReason): Promise<void> {
    return this.run(live, async () => {
      live.reasons.delete(reason);
      if (live.state !== 'paused' || live.reasons.size > 0) return;
      if (this.deps.whyNot()) {
        await this.halt(live);
        return;
      }
      await this.ng(live, 'start recording');
      const open = live.pauses.at(-1);
      if (open && open.toWall === null) open.toWall = this.deps.wallNow();
      live.state = 'recording';
    });
  }

  /** No more room: every live recording stops now, the calls go on. */
  haltAll(): void {
    for (const live of this.calls.values()) void this.run(live, async () => this.halt(live));
  }

  /** The call ended: stop, and hand the row with its window on for the audio. */
  ended(callId: string): Promise<void> {
    const live = this.calls.get(callId);
    if (!live) return Promise.resolve();
    this.calls.delete(callId);
    return this.run(live, async () => {
      if (!live.row || live.startWall === null) return;
      if (live.state === 'recording') await this.ng(live, 'stop recording', true);
      const endWall = live.stopWall ?? this.deps.wallNow();
      const open = live.pauses.at(-1);
      if (open && open.toWall === null) open.toWall = endWall;
      const endedAt = this.deps.now();
      const row: StoredRecording = {
        ...live.row,
        state: 'processing',
        endedAt,
        durationMs: Math.max(0, endWall - live.startWall),
        pauses: pausesOf(live, live.startWall),
        deleteAfter: endedAt + live.retentionDays * DAY_MS,
      };
      this.deps.repo.save(row);
      this.deps.finished({ row, startWallMs: live.startWall, endWallMs: endWall });
    });
  }

  /** Calls being recorded now (their pcaps grow). */
  liveCallIds(): string[] {
    return [...this.calls.values()].filter((live) => live.row !== null).map((live) => live.callId);
  }

  /** Waits for every queued command. */
  async settle(): Promise<void> {
    await Promise.all([...this.calls.values()].map((live) => live.chain));
  }

  private async halt(live: LiveCall): Promise<void> {
    if (live.state === 'stopped') return;
    const wasRecording = live.state === 'recording';
    live.state = 'stopped';
    if (!live.row) return;
    live.stopWall = this.deps.wallNow();
    const open = live.pauses.at(-1);
    if (open && open.toWall === null) open.toWall = live.stopWall;
    if (wasRecording) await this.ng(live, 'stop recording');
    this.deps.log.error('a recording was stopped: no more room for recordings', { callId: live.callId });
  }

  private run(live: LiveCall, step: () => Promise<void>): Promise<void> {
    const next = live.chain.then(step).catch((error: unknown) => {
      this.deps.log.error('a recording step failed', { callId: live.callId, error: String(error) });
    });
    live.chain = next;
    return next;
  }

  /** One rtpengine command for the call; false when it failed (logged, the call untouched). */
  private async ng(live: LiveCall, command: string, callMayBeGone = false): Promise<boolean> {
    if (!this.deps.ng) {
      this.deps.mediaServer(false, 'no media server configured');
      return false;
    }
    try {
      await this.deps.ng.command(command, { 'call-id': live.callId, 'from-tag': live.fromTag });
      this.deps.mediaServer(true);
      return true;
    } catch (error) {
      // After the hang-up rtpengine may have forgotten the call already: its recording is closed then.
      if (callMayBeGone && /unknown call-id/i.test(String(error))) return true;
      if (/did not answer/.test(String(error))) this.deps.mediaServer(false, error);
      this.deps.log.warn('rtpengine refused a recording command', {
        callId: live.callId,
        command,
        error: String(error),
      });
      return false;
    }
  }
}

function pausesOf(live: LiveCall, startWall: number): RecordingPause[] {
  return live.pauses.map((pause) => ({
    atMs: Math.max(0, pause.fromWall - startWall),
    lengthMs: Math.max(0, (pause.toWall ?? pause.fromWall) - pause.fromWall),
    reasons: [...pause.reasons].sort(),
  }));
}
