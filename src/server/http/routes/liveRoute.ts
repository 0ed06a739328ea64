/**
 * GET /sync/live: a WebSocket that says hello with the current seq, then carries every committed
 * change batch as a frame chained by prevSeq. Clients only listen; they write through push.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Logger } from '../../../shared/log.js';
import { SYNC_API, type LiveFrame } from '../../../shared/sync.js';
import type { Presence } from '../../contactCenter/presence.js';
import type { Heartbeat } from '../../sockets/heartbeat.js';
import { sendJson, sendText } from '../../sockets/sendJson.js';
import type { HubStore } from '../../storage/hubStore.js';
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
  const sockets = new Set<WebSocket>();
  // Serialise each frame once for every listener.
  store.feed.subscribe((frame) => {
    if (sockets.size === 0) return;
    const text = JSON.stringify(frame satisfies LiveFrame);
    for (const socket of sockets) sendText(socket, text);
  });
  typing?.subscribe(({ threadId, at }) => {
    const text = JSON.stringify({ type: 'typing', threadId, at } satisfies LiveFrame);
    for (const socket of sockets) sendText(socket, text);
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
      sockets.add(socket);
      presence?.connected(agent.id);
      log.debug('live socket opened', { agentId: agent.id, open: sockets.size });
      socket.on('close', () => {
        sockets.delete(socket);
        presence?.disconnected(agent.id);
        log.debug('live socket closed', { agentId: agent.id, open: sockets.size });
      });
      socket.on('error', (error) => log.warn('live socket error', { agentId: agent.id, error: error.message }));
    },
  });
}
