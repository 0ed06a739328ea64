/**
 * Public webhook URLs of the channels (`/hooks/channels/:id`). They sit outside the session scope
 * and read the raw body, because each gateway authenticates the call itself (HMAC signature,
 * Telegram's secret token header, VK's secret) over the exact bytes it was sent.
 */
import type { FastifyInstance } from 'fastify';
import { CHANNEL_HOOK_PREFIX, type GatewayHost } from '../../gateways/gatewayHost.js';

export const HOOK_BODY_LIMIT = 8 * 1024 * 1024;

export async function registerChannelHookRoutes(app: FastifyInstance, host: GatewayHost): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: HOOK_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    scope.post<{ Params: { id: string } }>(`${CHANNEL_HOOK_PREFIX}/:id`, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const answer = await host.webhook(request.params.id, { headers: request.headers, body });
      return reply.code(answer.status).type(`${answer.contentType}; charset=utf-8`).send(answer.body);
    });
  });
}
