/** The hub's routes for live monitoring, one per row of src/shared/hubApi/monitoringApi.ts. */
import type { FastifyInstance } from 'fastify';
import { monitoringApi as api } from '../../shared/hubApi/monitoringApi.js';
import { endpointRoute } from '../http/endpointRoute.js';
import type { MonitorDesk } from './monitorDesk.js';

const DONE = { ok: true } as const;

export function monitoringRoutes(scope: FastifyInstance, desk: MonitorDesk): void {
  endpointRoute(scope, api.liveCalls, () => ({ calls: desk.liveCalls() }));
  endpointRoute(scope, api.start, (agent, input) => desk.start(agent, input.callId, input.mode, input.media));
  endpointRoute(scope, api.answer, async (agent, input, { sessionId }) => {
    await desk.answer(agent, sessionId, input.party, input.sdp);
    return DONE;
  });
  endpointRoute(scope, api.voice, async (agent, input, { sessionId }) => ({
    sdp: await desk.voice(agent, sessionId, input.sdp),
  }));
  endpointRoute(scope, api.mode, (agent, input, { sessionId }) => desk.setMode(agent, sessionId, input.mode));
  endpointRoute(scope, api.stop, async (agent, _input, { sessionId }) => {
    await desk.stop(agent, sessionId);
    return DONE;
  });
  endpointRoute(scope, api.mine, (agent) => ({ monitor: desk.mine(agent) }));
  endpointRoute(scope, api.hear, async (agent, input, { sessionId }) => ({
    sdp: await desk.hear(agent, sessionId, input.media),
  }));
  endpointRoute(scope, api.hearAnswer, async (agent, input, { sessionId }) => {
    await desk.hearAnswer(agent, sessionId, input.sdp);
    return DONE;
  });
}
