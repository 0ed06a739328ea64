/**
 * The customer side of the hub: the widget script, the demo page and the widget's socket, each
 * limited per address and for everyone (decision 0024). The socket's frames are limited by the
 * gateway, which the gateway host runs (removing expired visitors while the hub runs).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { WIDGET_SOCKET_PATH } from '../../../shared/widgetProtocol.js';
import type { Heartbeat } from '../../sockets/heartbeat.js';
import { httpLimit, useRateLimit } from '../../webchat/httpLimits.js';
import { exemptKeys } from '../../webchat/widgetLimiter.js';
import type { WebchatGateway } from '../../webchat/webchatGateway.js';
import { DEMO_PAGE_CSP, DEMO_PAGE_HTML } from '../demoPage.js';
import { sendError, sendUpgradeRequired } from '../errorReplies.js';

export const WIDGET_FILE = 'okno-widget.js';

export function registerWidgetRoutes(
  app: FastifyInstance,
  widgetDir: string,
  gateway: WebchatGateway,
  heartbeat: Heartbeat,
): void {
  const widgetFile = path.join(widgetDir, WIDGET_FILE);
  const { requests, sockets } = gateway.limits;
  const exempt = exemptKeys(gateway.limits);

  void app.register(async (scope) => {
    await useRateLimit(scope);
    const assetLimit = httpLimit(
      scope,
      'requests',
      [
        { scope: 'address', window: requests.perAddress },
        { scope: 'global', window: requests.global },
      ],
      exempt,
    );

    scope.get('/widget.js', { onRequest: assetLimit }, async (_request, reply) => {
      let script: Buffer;
      try {
        // Read on each request: a rebuilt widget is served without restarting the hub.
        script = await readFile(widgetFile);
      } catch {
        return sendError(
          reply,
          { code: 'internal', message: `the widget is not built (${widgetFile} is missing); run \`npm run build\`` },
          503,
        );
      }
      return reply
        .type('application/javascript; charset=utf-8')
        .header('Cache-Control', 'no-cache')
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cross-Origin-Resource-Policy', 'cross-origin')
        .send(script);
    });

    scope.get('/widget/demo', { onRequest: assetLimit }, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('Content-Security-Policy', DEMO_PAGE_CSP)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Referrer-Policy', 'no-referrer')
        .send(DEMO_PAGE_HTML),
    );

    // Any site may embed the widget, so the socket accepts every Origin; it can only speak as its own visitor.
    // Opening sockets too fast is refused before the upgrade (429); too many open at once, after it (slow_down).
    scope.route({
      method: 'GET',
      url: WIDGET_SOCKET_PATH,
      onRequest: httpLimit(
        scope,
        'sockets',
        [
          { scope: 'address', window: sockets.opensPerAddress },
          { scope: 'global', window: sockets.opensGlobal },
        ],
        exempt,
      ),
      handler: (_request, reply) => sendUpgradeRequired(reply),
      wsHandler: (socket, request) => {
        heartbeat.track(socket);
        gateway.accept(socket, request.ip);
      },
    });
  });
}
