/**
 * Polls rtpengine (ng `query`) for each answered queue call every few seconds and, when the call ends,
 * stores what it saw as the call's `rtpengine` row (decision 0040). A failed query is logged and the
 * next one tried; the call itself is never touched.
 */
import type { Logger } from '../../shared/log.js';
import type { RtpengineNg } from '../pbx/rtpengineNg.js';
import type { CallQualityRepo } from '../storage/callQualityRepo.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';
import { EngineCallFigures } from './engineLegs.js';

export const ENGINE_POLL_MS = 3000;

interface Watched {
  call: QueueCall;
  figures: EngineCallFigures;
  timer: NodeJS.Timeout;
  inFlight: Promise<void> | null;
}

export class EngineWatch {
  private readonly watched = new Map<string, Watched>();

  constructor(
    private readonly deps: {
      ng: RtpengineNg;
      repo: CallQualityRepo;
      now: () => number;
      log: Logger;
      pollMs?: number;
    },
  ) {}

  answered(call: QueueCall): void {
    if (this.watched.has(call.callId)) return;
    const figures = new EngineCallFigures();
    const timer = setInterval(() => void this.poll(call.callId), this.deps.pollMs ?? ENGINE_POLL_MS);
    timer.unref();
    this.watched.set(call.callId, { call, figures, timer, inFlight: null });
    void this.poll(call.callId);
  }

  /** The last poll's figures are what rtpengine saw up to the hang-up (its call may be gone already). */
  async ended(call: QueueCall): Promise<void> {
    const entry = this.watched.get(call.callId);
    if (!entry) return;
    clearInterval(entry.timer);
    this.watched.delete(call.callId);
    await entry.inFlight;
    const summary = entry.figures.summary(call.fromTag);
    if (!summary) {
      this.deps.log.info('rtpengine showed nothing of the call', { callId: call.callId });
      return;
    }
    try {
      this.deps.repo.save({
        id: `rtpengine:${call.callId}`,
        source: 'rtpengine',
        threadId: call.threadId,
        agentId: call.answeredBy,
        callId: call.callId,
        endedAt: call.endedAt ?? this.deps.now(),
        summary,
        legs: entry.figures.legsOf(),
      });
    } catch (error) {
      this.deps.log.error('rtpengine call quality not stored', { callId: call.callId, error: String(error) });
    }
  }

  stop(): void {
    for (const entry of this.watched.values()) clearInterval(entry.timer);
    this.watched.clear();
  }

  private poll(callId: string): Promise<void> {
    const entry = this.watched.get(callId);
    if (!entry || entry.inFlight) return entry?.inFlight ?? Promise.resolve();
    entry.inFlight = this.deps.ng
      .command('query', { 'call-id': callId })
      // The rate estimate needs real elapsed time, whatever clock the hub dates its rows by.
      .then((reply) => entry.figures.add(performance.now(), reply))
      .catch((error: unknown) => this.deps.log.warn('rtpengine query failed', { callId, error: String(error) }))
      .finally(() => {
        entry.inFlight = null;
      });
    return entry.inFlight;
  }
}
