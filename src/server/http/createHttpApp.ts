/** The hub's Fastify instance: JSON in and out, one error shape, WebSockets, and every route. */
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { OknoError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { ContactCenter } from '../contactCenter/contactCenter.js';
import type { Presence } from '../contactCenter/presence.js';
import type { Heartbeat } from '../sockets/heartbeat.js';
import type { HubStore } from '../storage/hubStore.js';
import type { ClaimAttachments, DeliverOutbound } from '../sync/pushMutations.js';
import { WIDGET_MAX_PAYLOAD, type WebchatGateway } from '../webchat/webchatGateway.js';
import type { AuthServices } from '../auth/authServices.js';
import { requireSession } from './auth.js';
import { installErrorHandlers, sendError } from './errorReplies.js';
import { hostAllowed, hostName } from './hostCheck.js';
import { registerAgentsRoute } from './routes/agentsRoute.js';
import { registerCallRoutes } from './routes/callRoutes.js';
import type { CallQueue } from '../calls/callQueue.js';
import type { LineAdmin } from '../calls/lineAdmin.js';
import { registerAgentStatusRoutes } from './routes/agentStatusRoutes.js';
import { registerAutoReplyRoutes } from './routes/autoReplyRoutes.js';
import { registerCustomerRoutes } from './routes/customerRoutes.js';
import { registerCustomerImportRoutes } from './routes/customerImportRoutes.js';
import { registerCustomerSearchRoutes } from './routes/customerSearchRoutes.js';
import { registerIdentificationRoutes } from './routes/identificationRoutes.js';
import { registerTopicRoutes } from './routes/topicRoutes.js';
import { registerTopicStatsRoutes } from './routes/topicStatsRoutes.js';
import { registerKnowledgeRoutes } from './routes/knowledgeRoutes.js';
import { registerRegisterRoutes } from './routes/registerRoutes.js';
import type { HubFeature, HubFeatureRouteDeps } from '../features/hubFeature.js';
import { registerActivityRoutes } from './routes/activityRoutes.js';
import { registerLiveRoute } from './routes/liveRoute.js';
import { registerWidgetAdminRoutes } from './routes/widgetAdminRoutes.js';
import { registerWidgetUploadRoute } from './routes/widgetUploadRoute.js';
import { registerLoginRoute } from './routes/loginRoute.js';
import { registerHealthRoutes, type Readiness } from './routes/healthRoutes.js';
import { registerRoutingRoutes } from './routes/routingRoutes.js';
import { registerSyncRoutes } from './routes/syncRoutes.js';
import { registerTeamRoutes } from './routes/teamRoutes.js';
import { registerTemplateRoutes } from './routes/templateRoutes.js';
import { registerStatsRoutes } from './routes/statsRoutes.js';
import { CallPresence } from '../stats/callPresence.js';
import { LiveStats } from '../stats/liveStats.js';
import { StatsService } from '../stats/statsService.js';
import { registerWidgetRoutes } from './routes/widgetRoutes.js';

export const BODY_LIMIT = 1024 * 1024;

export interface HttpAppDeps {
  store: HubStore;
  /** Sessions, sign-in back-off and password hashing (built once by the hub). */
  auth: AuthServices;
  gateway: WebchatGateway;
  heartbeat: Heartbeat;
  widgetDir: string;
  /** Routing, auto-replies and templates. */
  center: ContactCenter;
  calls: CallQueue;
  lines: LineAdmin;
  /** Recording, monitoring, quality, ratings, the shift check, scoring: each mounts its own routes. */
  features?: readonly HubFeature[];
  presence: Presence;
  /** Where committed outbound messages go: the gateway of each thread's channel. */
  deliver: DeliverOutbound;
  /** Files on agents' replies (the channel gateways). */
  claimAttachments?: ClaimAttachments;
  now: () => number;
  log: Logger;
  /** The zone whose calendar day the stats' "today" is (validated by the hub); default UTC. */
  statsTimeZone?: string;
  /**
   * Set when the hub listens on loopback: the public names it may also be reached by (a TLS proxy in
   * front); any other Host header is refused (DNS rebinding). Undefined: no check (bound elsewhere).
   */
  allowedHosts?: readonly string[];
  /** /readyz: whether this instance can take work (the load balancer's check). */
  readiness?: () => Readiness;
  /** Proxies whose X-Forwarded-For names the client (trustedProxies.ts); checked by the hub. */
  trustedProxies?: readonly string[];
}

export async function createHttpApp(deps: HttpAppDeps): Promise<FastifyInstance> {
  const { store, auth, gateway, heartbeat, center, presence, now, log } = deps;
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    return503OnClosing: true,
    ...(deps.trustedProxies?.length ? { trustProxy: [...deps.trustedProxies] } : {}),
  });
  installErrorHandlers(app, log.child('http'));
  installJsonParser(app);
  const allowedHosts = deps.allowedHosts;
  if (allowedHosts) {
    app.addHook('onRequest', async (request, reply) => {
      if (hostAllowed(request.headers.host, allowedHosts)) return;
      const name = hostName(request.headers.host) ?? '(none)';
      return sendError(
        reply,
        {
          code: 'forbidden',
          message: `this hub does not answer to the host name "${name}" (DNS rebinding protection); add it to OKNO_HUB_ALLOWED_HOSTS if the hub is reached by that name`,
        },
        421,
      );
    });
  }

  // Live sockets only receive, so the widget's 64 KiB inbound cap can serve both.
  await app.register(websocket, {
    options: { maxPayload: WIDGET_MAX_PAYLOAD },
    errorHandler: (error, socket) => {
      log.error('socket handler failed', { error: error.message });
      socket.terminate();
    },
  });

  if (deps.readiness) registerHealthRoutes(app, deps.readiness);
  registerLoginRoute(app, store, auth.sessions);
  registerWidgetRoutes(app, deps.widgetDir, gateway, heartbeat);
  registerWidgetUploadRoute(app, gateway);

  const deliver = deps.deliver;
  const features = deps.features ?? [];
  const featureDeps: HubFeatureRouteDeps = {
    store,
    center,
    calls: deps.calls,
    deliver,
    now,
    log,
    timeZone: deps.statsTimeZone ?? 'UTC',
  };
  for (const feature of features) feature.publicRoutes?.(app, featureDeps);
  await app.register(async (scope) => {
    scope.addHook('preValidation', requireSession(auth.sessions));
    registerSyncRoutes(scope, {
      store,
      deliver,
      now,
      log: log.child('push'),
      status: center,
      claimAttachments: deps.claimAttachments,
    });
    registerAgentsRoute(scope, store, auth);
    registerLiveRoute(scope, store, heartbeat, log.child('live'), presence, gateway.typing);
    registerWidgetAdminRoutes(scope, store, gateway);
    registerRoutingRoutes(scope, store, center, now);
    registerCallRoutes(scope, { store, center, calls: deps.calls, lines: deps.lines });
    registerAutoReplyRoutes(scope, store, now);
    registerTemplateRoutes(scope, store, center, now);
    registerCustomerRoutes(scope, store);
    registerCustomerImportRoutes(scope, store, now, log.child('customer-import'));
    registerCustomerSearchRoutes(scope, store);
    registerIdentificationRoutes(scope, { store, now, log: log.child('identification') });
    registerTopicRoutes(scope, { store, now, log: log.child('topic') });
    registerKnowledgeRoutes(scope, { store, now, log: log.child('knowledge') });
    registerRegisterRoutes(scope, { store, now, log: log.child('register'), deliver, timeZone: deps.statsTimeZone });
    registerActivityRoutes(scope, { store, now, log: log.child('activity'), center });
    registerTeamRoutes(scope, store);
    registerAgentStatusRoutes(scope, store);
    const calls = new CallPresence(now);
    const stats = new StatsService(store.db, calls, deps.statsTimeZone ?? 'UTC');
    const live = new LiveStats(stats, now);
    const caughtUp = stats.catchUp();
    if (caughtUp > 0) log.info('stats rows precomputed', { threads: caughtUp });
    // The stats rows of the threads a write touched are written by that write's own commit.
    const stopStatsRows = store.derivedRows.add((changes) => {
      const threadIds = changes.flatMap((c) =>
        c.entity === 'message' ? [c.data.threadId] : c.entity === 'thread' ? [c.data.id] : [],
      );
      try {
        stats.refresh(threadIds);
      } catch (error) {
        log.error('stats rows not refreshed', { error: String(error) });
      }
    });
    store.feed.subscribe((frame) => {
      live.changed(frame.changes.map((c) => (c.entity === 'message' ? c.data.threadId : c.data.id)));
    });
    scope.addHook('onClose', async () => {
      stopStatsRows();
      live.stop();
    });
    registerStatsRoutes(scope, { stats, live, calls, heartbeat, now, log: log.child('stats') });
    registerTopicStatsRoutes(scope, { store, now, log: log.child('topicStats'), stats });
    for (const feature of features) feature.routes?.(scope, featureDeps);
  });
  for (const feature of features) feature.started?.(featureDeps);
  return app;
}

/** JSON.parse's own words say where a body broke, which Fastify's default parser hides. */
function installJsonParser(app: FastifyInstance): void {
  // JSON only: a text/plain body would otherwise reach the schemas as a string.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(new OknoError('bad_request', 'request body is empty; expected JSON'), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new OknoError('bad_request', `request body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });
}
