/**
 * GET /sync/live: a WebSocket that says hello with the current seq, then carries every committed
 * change batch as a frame chained by prevSeq. Clients only listen; they write through push.
 * Each socket gets its agent's reach of each batch (decision 0031): its own prevSeq chain, and
 * `seq` so the client's cursor passes what it was not sent.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Logger } from '../../../shared/log.js';
import { SYNC_API, type LiveFrame } from '../../../shared/sync.js';
import type { Presence } from '../../contactCenter/presence.js';
import type { Heartbeat } from '../../sockets/heartbeat.js';
import { sendJson, sendText } from '../../sockets/sendJson.js';
import type { HubStore } from '../../storage/hubStore.js';
import { createHubReach } from '../../sync/hubReach.js';
import { LiveReach } from '../../sync/liveReach.js';
import type { TypingRelay } from '../../webchat/typingRelay.js';
import { agentOf } from '../auth.js';
import { sendUpgradeRequired } from '../errorReplies.js';

export function registerLiveRoute(
  app: FastifyInstance,
  store: HubStore,
  heartbeat: Heartbeat,
  log: Logger,
  presence?: Presence,
  typing?: TypingRelay | null,
): void {
  const live = new LiveReach<WebSocket>(createHubReach(store), (agentId) => store.agents.byId(agentId));
  store.feed.subscribe((frame) => {
    for (const [socket, text] of live.frames(frame)) sendText(socket, text);
  });
  typing?.subscribe(({ threadId, at }) => {
    const text = JSON.stringify({ type: 'typing', threadId, at } satisfies LiveFrame);
    for (const socket of live.socketsSeeing(threadId)) sendText(socket, text);
  });

  app.route({
    method: 'GET',
    url: SYNC_API.live,
    handler: (_request, reply) => sendUpgradeRequired(reply),
    wsHandler: (socket, request) => {
      const agent = agentOf(request);
      heartbeat.track(socket);
      // hello and joining the set happen in one tick, so no committed batch falls between them.
      sendJson(socket, { type: 'hello', hubId: store.hubId, seq: store.feed.lastSeq } satisfies LiveFrame);
      live.add(socket, agent.id, store.feed.lastSeq);
      presence?.connected(agent.id);
      log.debug('live socket opened', { agentId: agent.id, open: live.size });
      socket.on('close', () => {
        live.remove(socket);
        presence?.disconnected(agent.id);
        log.debug('live socket closed', { agentId: agent.id, open: live.size });
      });
      socket.on('error', (error) => log.warn('live socket error', { agentId: agent.id, error: error.message }));
    },
  });
}
