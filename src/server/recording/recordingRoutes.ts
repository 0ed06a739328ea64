/** The hub's recording routes (src/shared/hubApi/recordingApi.ts), inside the signed-in scope. */
import type { FastifyInstance } from 'fastify';
import type { Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { recordingApi as api } from '../../shared/hubApi/recordingApi.js';
import { endpointRoute } from '../http/endpointRoute.js';
import type { HubStore } from '../storage/hubStore.js';
import type { AudioStore } from './audioStore.js';
import type { LiveCall, LiveRecorder } from './liveRecorder.js';
import { audioSlice, refusalOf } from './playback.js';
import type { RecordingHealthWatch } from './recordingHealth.js';

export interface RecordingRouteDeps {
  store: HubStore;
  audio: AudioStore;
  recorder: LiveRecorder;
  health: RecordingHealthWatch;
  now: () => number;
}

export function recordingRoutes(scope: FastifyInstance, deps: RecordingRouteDeps): void {
  const { store, recorder } = deps;

  /** The thread's live recorded call, if `agent` may steer it (the agent on the call, or a lead). */
  const steer = (agent: Agent, threadId: string): LiveCall | null => {
    const live = recorder.ofThread(threadId);
    if (live && agent.role === 'agent' && live.agentId !== agent.id)
      throw new OknoError('forbidden', 'only the agent on the call (or a lead) may start or pause its recording');
    return live;
  };

  endpointRoute(scope, api.ofThread, (agent, _input, { threadId }) => {
    const recordings = store.recordings.ofThread(threadId);
    const settings = store.recordings.settings();
    return {
      recordings: recordings.map(({ callId: _c, lineId: _l, sha256: _s, ...recording }) => recording),
      canPlay: recordings.some((recording) => refusalOf(agent, recording, settings) === null),
    };
  });

  endpointRoute(scope, api.audio, (agent, input, { recordingId }) => audioSlice(deps, agent, recordingId, input));

  endpointRoute(scope, api.live, (_agent, _input, { threadId }) => recorder.view(threadId));

  endpointRoute(scope, api.start, async (agent, _input, { threadId }) => {
    const live = steer(agent, threadId);
    if (!live) throw new OknoError('conflict', `thread ${threadId} has no live call that may be recorded`);
    if (live.state === 'stopped')
      throw new OknoError('conflict', 'recording is stopped on this call: there is no room for recordings');
    await recorder.start(live);
    return recorder.view(threadId);
  });

  endpointRoute(scope, api.pause, async (agent, { reason }, { threadId }) => {
    const live = steer(agent, threadId);
    if (live) await recorder.pause(live, reason);
    return recorder.view(threadId);
  });

  endpointRoute(scope, api.resume, async (agent, { reason }, { threadId }) => {
    const live = steer(agent, threadId);
    if (live) await recorder.resume(live, reason);
    return recorder.view(threadId);
  });

  endpointRoute(scope, api.settings, () => store.recordings.settings());

  endpointRoute(scope, api.saveSettings, async (_agent, input) => {
    store.recordings.saveSettings(input, deps.now());
    await deps.health.check(true);
    return store.recordings.settings();
  });

  endpointRoute(scope, api.health, async () => deps.health.check());
}
