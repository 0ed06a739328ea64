/**
 * Calls in the queue on the hub's API, each route built from its row in src/shared/hubApi/callsApi.ts:
 * lines and the blocklist (leads), transfers and callbacks (agents), and the SIP user an agent's
 * softphone registered as.
 */
import type { FastifyInstance } from 'fastify';
import { callsApi } from '../../../shared/hubApi/callsApi.js';
import { OknoError } from '../../../shared/errors.js';
import type { CallQueue } from '../../calls/callQueue.js';
import type { LineAdmin } from '../../calls/lineAdmin.js';
import type { ContactCenter } from '../../contactCenter/contactCenter.js';
import type { HubStore } from '../../storage/hubStore.js';
import { endpointRoute } from '../endpointRoute.js';

export function registerCallRoutes(
  app: FastifyInstance,
  deps: { store: HubStore; center: ContactCenter; calls: CallQueue; lines: LineAdmin },
): void {
  const { store, center, calls, lines } = deps;
  endpointRoute(app, callsApi.listLines, () => ({
    lines: store.lines.all(),
    prompts: lines.promptNames(),
    uploads: lines.uploads(),
  }));
  endpointRoute(app, callsApi.uploadPrompt, (agent, input) => lines.uploadPrompt(agent, input));
  endpointRoute(app, callsApi.deletePrompt, (_agent, _input, { id }) => lines.deletePrompt(id));
  endpointRoute(app, callsApi.createLine, (_agent, input) => lines.save(null, input));
  endpointRoute(app, callsApi.updateLine, (_agent, input, { id }) => lines.save(id, input));
  endpointRoute(app, callsApi.deleteLine, (_agent, _input, { id }) => lines.delete(id));
  endpointRoute(app, callsApi.listBlocks, () => ({ blocks: store.blocklist.all() }));
  endpointRoute(app, callsApi.addBlock, (agent, input) => lines.block(agent, input));
  endpointRoute(app, callsApi.removeBlock, (_agent, _input, { id }) => lines.unblock(id));
  endpointRoute(app, callsApi.callbacks, () => ({ callbacks: store.queueCalls.openCallbacks() }));
  endpointRoute(app, callsApi.completeCallback, (agent, { result }, { id }) =>
    center.write((tx) => {
      const thread = calls.completeCallback(tx, agent, id, result);
      const callback = store.queueCalls.callback(id);
      if (!callback) throw new OknoError('not_found', `thread ${id} has no callback task`);
      return { thread, callback };
    }),
  );
  endpointRoute(app, callsApi.setMyPhone, (agent, { sipUser }) => {
    center.write((tx) => store.queueCalls.setPhone(agent.id, sipUser, tx.now));
    if (sipUser) calls.wake();
    return { sipUser };
  });
  endpointRoute(app, callsApi.transfer, (agent, to, { id }) =>
    center.write((tx) => {
      const thread = store.threads.byId(id);
      if (!thread) throw new OknoError('not_found', `thread ${id} does not exist`);
      if (agent.role === 'agent' && thread.assigneeId !== agent.id) {
        throw new OknoError('forbidden', `thread #${thread.number} is not yours to transfer`);
      }
      const line = to.lineId ? store.lines.byId(to.lineId) : null;
      if (to.lineId && !line) throw new OknoError('not_found', `line ${to.lineId} does not exist`);
      const groupId = to.groupId ?? line?.groupId ?? null;
      if (thread.channel === 'phone' && store.queueCalls.hasLiveCall(thread.id) && !to.agentId) {
        if (groupId && !store.routing.groups().some((g) => g.id === groupId))
          throw new OknoError('not_found', `group ${groupId} does not exist`);
        const sipTarget = calls.transferCall(tx, agent, thread, groupId, to.note);
        return { thread: store.threads.byId(thread.id) ?? thread, sipTarget };
      }
      const note = to.note || '—';
      if (to.agentId) return { thread: center.handOver(tx, agent, id, { agentId: to.agentId, note }), sipTarget: null };
      if (!groupId) throw new OknoError('bad_request', 'the line has no group to hand the thread to');
      return { thread: center.handOver(tx, agent, id, { groupId, note }), sipTarget: null };
    }),
  );
}
