/**
 * Call recording (issue 16, decision 0037): the policy of a call's line and group, rtpengine's pcap
 * recording started, paused and stopped on the live call, the mixed audio stored outside the database,
 * retention, the size cap and the disk, playback with its audit. This file only wires the parts.
 */
import path from 'node:path';
import { stat } from 'node:fs/promises';
import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';
import { AudioStore } from './audioStore.js';
import { pcapsOf } from './callAudio.js';
import { finishRecording } from './finishRecording.js';
import { LiveRecorder, type FinishedCall } from './liveRecorder.js';
import { effectivePolicy, mayRecordOnLine } from './policy.js';
import { RecordingHealthWatch } from './recordingHealth.js';
import { recordingRoutes } from './recordingRoutes.js';
import { runRetention } from './retention.js';

const HEALTH_EVERY_MS = 15_000;
const FULL_SCAN_EVERY_MS = 60 * 60_000;
const RETENTION_EVERY_MS = 60 * 60_000;
/** Below this much free disk no recording starts (the hub's database and logs need room too). */
const MIN_FREE_BYTES = 64 * 1024 * 1024;

export function startRecordingFeature(context: HubFeatureContext): HubFeature {
  const { store, log: parentLog, now } = context;
  const log = parentLog.child('recording');
  const repo = store.recordings;
  const recordingDir = context.pbx?.recordingDir ?? null;
  const audio = new AudioStore(path.join(context.dataDir, 'recordings'));
  // Endings and audio still being made: stop() waits for them.
  const finishing = new Set<Promise<void>>();
  const track = (job: Promise<void>) => {
    finishing.add(job);
    void job.finally(() => finishing.delete(job));
  };

  const liveBytes = async () => {
    if (!recordingDir) return 0;
    const files = (await Promise.all(recorder.liveCallIds().map((id) => pcapsOf(recordingDir, id)))).flat();
    const sizes = await Promise.all(
      files.map((file) =>
        stat(file).then(
          (s) => s.size,
          () => 0,
        ),
      ),
    );
    return sizes.reduce((sum, size) => sum + size, 0);
  };
  const health: RecordingHealthWatch = new RecordingHealthWatch({
    repo,
    audio,
    now,
    log,
    minFreeBytes: MIN_FREE_BYTES,
    liveBytes,
    onBlocked: () => recorder.haltAll(),
  });
  const finished = (call: FinishedCall) => {
    const job = finishRecording(
      {
        repo,
        audio,
        recordingDir,
        log,
        writeFailed: (error) => health.writeFailed(error),
        canStore: () => health.health().state !== 'disk_full',
      },
      call,
    )
      .catch((error: unknown) => log.error('a recording could not be finished', { error: String(error) }))
      .then(() => void health.check());
    track(job);
  };
  const recorder: LiveRecorder = new LiveRecorder({
    repo,
    ng: context.ng,
    now,
    wallNow: () => Date.now(),
    log,
    whyNot: () => {
      if (!recordingDir) return "rtpengine's recording folder is not configured (OKNO_HUB_PBX_RECORDINGS)";
      return health.canRecord() ? null : `no room for recordings (${health.health().state})`;
    },
    mediaServer: (answered, error) => health.mediaServer(answered, error),
    finished,
  });

  // A hub that stopped mid-call cannot place what rtpengine wrote: those rows are failed, not kept waiting.
  for (const row of repo.unfinished()) {
    log.warn('a recording left unfinished by the last run is marked failed', { recordingId: row.id });
    repo.save({ ...row, state: 'failed' });
  }
  // Each run is tracked so stop() waits for it; the hub does not wait for stop() before closing its
  // database, so a run cut short by that is not an error.
  let stopped = false;
  const retention = () =>
    track(
      runRetention({ repo, audio, log }, now()).then(
        () => undefined,
        (error: unknown) => void (stopped || log.error('recording retention failed', { error: String(error) })),
      ),
    );
  const check = (full: boolean) =>
    track(
      health.check(full).then(
        () => undefined,
        (error: unknown) => void (stopped || log.error('recording health check failed', { error: String(error) })),
      ),
    );
  retention();
  check(true);
  const timers = [
    setInterval(retention, RETENTION_EVERY_MS),
    setInterval(() => check(false), HEALTH_EVERY_MS),
    setInterval(() => check(true), FULL_SCAN_EVERY_MS),
  ];
  for (const timer of timers) timer.unref();

  return {
    name: 'recording',
    hook: {
      arrivalPrompts: (line) =>
        line.recording.notice && mayRecordOnLine(line, store.routing.groups()) ? ['recording_notice'] : [],
      answered: (call) => {
        const line = call.lineId ? store.lines.byId(call.lineId) : null;
        const groupId = store.routing.threadRouting(call.threadId)?.groupId ?? null;
        const group = groupId ? (store.routing.groups().find((g) => g.id === groupId) ?? null) : null;
        recorder.answered(call, effectivePolicy(line, group), line?.recording.retentionDays ?? 90);
      },
      ended: (call) => track(recorder.ended(call.callId)),
    },
    routes: (scope, deps) => recordingRoutes(scope, { store, audio, recorder, health, now: deps.now }),
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await recorder.settle();
      while (finishing.size > 0) await Promise.allSettled([...finishing]);
    },
  };
}
